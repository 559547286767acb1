//! "Import from Partner Center" on the Data page: choose a Partner Center file (the API's JSON or
//! `Customers.csv`), see the domain's dry run (new, updated and refused records, each refusal
//! with its reasons), then "Merge into the desk". A hostile or unreadable file is refused with
//! what is wrong, and the desk is left as it was. Below it, the requests made on the desk that
//! Partner Center does not have yet, as a JSON download (docs/DATA-FORMAT.md).

use leptos::prelude::*;

use crate::domain::{
    Customer, GccValidationCode, PartnerCenterFile, PartnerCenterPlan, PartnerCenterProblem,
    PartnerCenterRecord, PartnerCenterRefusal,
};
use crate::i18n::*;
use crate::store::partner_center::customers::{
    qualification_requests_file, qualification_requests_file_name, read_partner_center_file,
    PartnerCenterFileError, MAX_FILE_BYTES,
};
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::download::download_text;
use crate::ui::files::{chosen_file, read_chosen_file, FileChoices, FileNotRead};
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::reasons::{field_problem_text, reason_text, record_problem_text, unreadable_text};
use crate::ui::state::{use_desk, ActionError};

type I18n = leptos_i18n::I18nContext<Locale>;

/// How many records of each list the dry run shows by name.
const SHOWN: usize = 20;

/// Why a whole file was refused.
fn file_error_text(i18n: I18n, error: &PartnerCenterFileError) -> String {
    use PartnerCenterFileError::*;
    match error {
        TooLarge { bytes, max } => t_string!(
            i18n,
            data.partner_center_too_large,
            bytes = numbers::count(i18n, *bytes),
            max = numbers::count(i18n, *max)
        )
        .to_string(),
        Empty => t_string!(i18n, data.partner_center_empty).to_string(),
        NotText => t_string!(i18n, data.partner_center_not_text).to_string(),
        TooDeep { max } => t_string!(i18n, data.partner_center_too_deep, max = *max).to_string(),
        NotJson { line, column } => t_string!(
            i18n,
            data.partner_center_not_json,
            line = *line,
            column = *column
        )
        .to_string(),
        NotPartnerCenter => t_string!(i18n, data.partner_center_not_partner_center).to_string(),
        ColumnMissing { column } => {
            t_string!(i18n, data.partner_center_column_missing, column = *column).to_string()
        }
        TooManyRecords { max } => t_string!(
            i18n,
            data.partner_center_too_many,
            max = numbers::count(i18n, *max)
        )
        .to_string(),
    }
}

/// The name of a record of the file.
fn record_text(i18n: I18n, record: &PartnerCenterRecord) -> String {
    use PartnerCenterRecord::*;
    match record {
        Customer {
            microsoft_id,
            company_name,
        } => t_string!(
            i18n,
            data.partner_center_record_customer,
            name = company_name.clone(),
            id = microsoft_id.clone()
        )
        .to_string(),
        CsvLine { line } => {
            t_string!(i18n, data.partner_center_record_line, line = *line).to_string()
        }
        CustomerAt { position } => t_string!(
            i18n,
            data.partner_center_record_customer_at,
            position = *position
        )
        .to_string(),
        ValidationCodeAt { position } => t_string!(
            i18n,
            data.partner_center_record_code_at,
            position = *position
        )
        .to_string(),
        ValidationCode { validation_id } => t_string!(
            i18n,
            data.partner_center_record_code,
            id = validation_id.clone()
        )
        .to_string(),
        Qualifications { tenant_id } => t_string!(
            i18n,
            data.partner_center_record_qualifications,
            id = tenant_id.clone()
        )
        .to_string(),
    }
}

/// Each reason a record is refused, as sentences.
fn problem_texts(i18n: I18n, problem: &PartnerCenterProblem) -> Vec<String> {
    use PartnerCenterProblem::*;
    let locale = i18n.get_locale();
    let one = |s: String| vec![s];
    match problem {
        Unreadable(why) => one(t_string!(
            i18n,
            data.partner_center_problem_unreadable,
            why = unreadable_text(i18n, why)
        )
        .to_string()),
        NoMicrosoftId => {
            one(t_string!(i18n, data.partner_center_problem_no_microsoft_id).to_string())
        }
        NotAPrimaryDomain { domain } => one(t_string!(
            i18n,
            data.partner_center_problem_not_primary_domain,
            domain = domain.clone()
        )
        .to_string()),
        NoAddress => one(t_string!(i18n, data.partner_center_problem_no_address).to_string()),
        Account(problems) => problems
            .iter()
            .map(|p| {
                t_string!(
                    i18n,
                    data.partner_center_problem_account,
                    field = p.field.name(locale),
                    problem = field_problem_text(locale, p)
                )
                .to_string()
            })
            .collect(),
        UnknownQualification { value } => one(t_string!(
            i18n,
            data.partner_center_problem_unknown_qualification,
            value = value.clone()
        )
        .to_string()),
        UnknownVettingStatus { value } => one(t_string!(
            i18n,
            data.partner_center_problem_unknown_status,
            value = value.clone()
        )
        .to_string()),
        UnknownVettingReason { value } => one(t_string!(
            i18n,
            data.partner_center_problem_unknown_reason,
            value = value.clone()
        )
        .to_string()),
        NoVettingStatus { qualification } => one(t_string!(
            i18n,
            data.partner_center_problem_no_status,
            qualification = qualification.name(locale)
        )
        .to_string()),
        UnknownDate { value } => one(t_string!(
            i18n,
            data.partner_center_problem_unknown_date,
            value = value.clone()
        )
        .to_string()),
        Record(p) => one(record_problem_text(i18n, p)),
        MatchesTwoCustomers { by_id, by_domain } => one(t_string!(
            i18n,
            data.partner_center_problem_matches_two,
            by_id = by_id.clone(),
            by_domain = by_domain.clone()
        )
        .to_string()),
        OtherMicrosoftId { on_desk } => one(t_string!(
            i18n,
            data.partner_center_problem_other_microsoft_id,
            id = on_desk.clone()
        )
        .to_string()),
        OtherPrimaryDomain { on_desk } => one(t_string!(
            i18n,
            data.partner_center_problem_other_primary_domain,
            domain = on_desk.clone()
        )
        .to_string()),
        DuplicateInFile => one(t_string!(i18n, data.partner_center_problem_duplicate).to_string()),
        NoSuchCustomerInFile => {
            one(t_string!(i18n, data.partner_center_problem_no_such_customer).to_string())
        }
        CreatesNotGiven => {
            one(t_string!(i18n, data.partner_center_problem_creates_not_given).to_string())
        }
        ValidationCode(reasons) => reasons
            .iter()
            .map(|r| reason_text(locale, r, None))
            .collect(),
    }
}

/// The file input, the dry run and the merge.
#[component]
pub fn PartnerCenterImport() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let file = StoredValue::new(None::<PartnerCenterFile>);
    let plan = RwSignal::new(None::<PartnerCenterPlan>);
    let refused = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<ActionError>);
    let status = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let clear = move || {
        plan.set(None);
        file.set_value(None);
        if let Some(input) = input.get_untracked() {
            input.set_value("");
        }
    };

    let choices = FileChoices::new();
    let on_file = move |ev: leptos::ev::Event| {
        let choice = choices.choose();
        plan.set(None);
        refused.set(None);
        failed.set(None);
        status.set(None);
        let Some(chosen) = chosen_file(&ev) else {
            return;
        };
        let size = chosen.size() as usize;
        if size > MAX_FILE_BYTES {
            let e = PartnerCenterFileError::TooLarge {
                bytes: size,
                max: MAX_FILE_BYTES,
            };
            refused.set(Some(file_error_text(i18n, &e)));
            return;
        }
        leptos::task::spawn_local(async move {
            let bytes = read_chosen_file(&chosen).await;
            if !choice.is_latest() {
                return;
            }
            let read = match bytes {
                Ok(bytes) => read_partner_center_file(&bytes),
                Err(FileNotRead) => {
                    refused.set(Some(t_string!(i18n, data.file_not_read).to_string()));
                    return;
                }
            };
            match read {
                Ok(read) => {
                    desk.finish_reading_records();
                    let today = clock.today();
                    plan.set(Some(
                        desk.with(|d| d.plan_partner_center_import(&read, today)),
                    ));
                    file.set_value(Some(read));
                }
                Err(e) => refused.set(Some(file_error_text(i18n, &e))),
            }
        });
    };

    let merge = move || {
        let Some(read) = file.get_value() else {
            return;
        };
        match desk.act(|d, ctx| d.import_from_partner_center(ctx, &read)) {
            Ok(done) => {
                status.set(Some(
                    t_string!(
                        i18n,
                        data.partner_center_done,
                        added = numbers::count(i18n, done.added.len()),
                        updated = numbers::count(i18n, done.updated.len()),
                        codes =
                            numbers::count(i18n, done.codes_added.len() + done.codes_updated.len())
                    )
                    .to_string(),
                ));
                clear();
            }
            Err(e) => failed.set(Some(e)),
        }
    };

    view! {
        <section class="data-section" aria-labelledby="pc-import-heading">
            <h2 id="pc-import-heading">{tr!(i18n, data.partner_center_heading)}</h2>
            <p>{tr!(i18n, data.partner_center_intro)}</p>
            <label for="pc-import-file">{tr!(i18n, data.partner_center_file_label)}</label>
            <input
                id="pc-import-file"
                type="file"
                accept=".json,.csv,application/json,text/csv"
                node_ref=input
                on:change=on_file
                aria-describedby="pc-import-error"
            />
            <p id="pc-import-error" class="error" role="alert">{move || refused.get()}</p>
            <ActionErrorAlert id="pc-import-failed" error=failed />
            <p role="status" data-testid="pc-import-status">{move || status.get()}</p>
            {move || plan.get().map(|p| view! {
                <PartnerCenterPreview
                    plan=p
                    on_merge=Callback::new(move |()| merge())
                    on_cancel=Callback::new(move |()| clear())
                />
            })}
            <PartnerCenterRequestsExport />
        </section>
    }
}

/// The dry run: counts, then the new, updated and refused records by name.
#[component]
fn PartnerCenterPreview(
    plan: PartnerCenterPlan,
    on_merge: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = t_string!(
        i18n,
        data.partner_center_summary,
        added = numbers::count(i18n, plan.added.len()),
        updated = numbers::count(i18n, plan.updated.len()),
        unchanged = numbers::count(i18n, plan.unchanged),
        codes_added = numbers::count(i18n, plan.codes_added.len()),
        codes_updated = numbers::count(i18n, plan.codes_updated.len()),
        refused = numbers::count(i18n, plan.refused.len())
    )
    .to_string();
    let changes = plan.changes_anything();
    let codes: Vec<GccValidationCode> = plan
        .codes_added
        .iter()
        .chain(&plan.codes_updated)
        .cloned()
        .collect();
    view! {
        <div class="data-preview" data-testid="pc-import-preview">
            <p role="status"><strong>{summary}</strong></p>
            <PartnerCenterRefused refused=plan.refused.clone() />
            <CustomerNames heading=t_string!(i18n, data.partner_center_new).to_string() customers=plan.added.clone() testid="pc-import-new" />
            <CustomerNames heading=t_string!(i18n, data.partner_center_updated).to_string() customers=plan.updated.clone() testid="pc-import-updated" />
            {(!codes.is_empty()).then(|| view! {
                <h3>{tr!(i18n, data.partner_center_codes)}</h3>
                <ul>
                    {codes.into_iter().map(|c| view! { <li>{c.validation_id}" ("{c.organization_name}")"</li> }).collect_view()}
                </ul>
            })}
            {(!changes).then(|| view! { <p>{tr!(i18n, data.partner_center_nothing)}</p> })}
            <div class="data-actions">
                <button type="button" disabled=!changes on:click=move |_| on_merge.run(())>{tr!(i18n, data.partner_center_merge)}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{tr!(i18n, data.partner_center_cancel)}</button>
            </div>
        </div>
    }
}

/// A list of customers by name and primary domain (at most [`SHOWN`]).
#[component]
fn CustomerNames(
    /// The list's heading, in the current language.
    heading: String,
    customers: Vec<Customer>,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let more = customers.len().saturating_sub(SHOWN);
    (!customers.is_empty()).then(|| {
        view! {
            <h3>{heading}</h3>
            <ul data-testid=testid>
                {customers.into_iter().take(SHOWN).map(|c| view! {
                    <li>{c.account.company_name.clone()}" ("{c.primary_domain()}")"</li>
                }).collect_view()}
                {(more > 0).then(|| view! { <li>{t_string!(i18n, data.partner_center_more, count = numbers::count(i18n, more)).to_string()}</li> })}
            </ul>
        }
    })
}

/// The refused records, each with its reasons.
#[component]
fn PartnerCenterRefused(refused: Vec<PartnerCenterRefusal>) -> impl IntoView {
    let i18n = use_i18n();
    let more = refused.len().saturating_sub(SHOWN);
    (!refused.is_empty()).then(|| {
        view! {
            <div class="data-rejected">
                <h3>{tr!(i18n, data.partner_center_refused)}</h3>
                <ul>
                    {refused.into_iter().take(SHOWN).map(|r| {
                        let why = r.problems.iter().flat_map(|p| problem_texts(i18n, p)).collect::<Vec<_>>().join("; ");
                        view! {
                            <li data-testid="pc-import-refused">
                                <strong>{record_text(i18n, &r.record)}</strong>": "{why}
                            </li>
                        }
                    }).collect_view()}
                    {(more > 0).then(|| view! { <li>{t_string!(i18n, data.partner_center_more, count = numbers::count(i18n, more)).to_string()}</li> })}
                </ul>
            </div>
        }
    })
}

/// The requests Partner Center does not have yet, as a JSON file for the partner's scripts.
#[component]
fn PartnerCenterRequestsExport() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let pending = Memo::new(move |_| desk.with(|d| d.pending_partner_center_requests()));
    let download = move |_| {
        desk.finish_reading_records();
        let today = clock.today();
        let text = qualification_requests_file(&pending.get_untracked(), today);
        download_text(
            &qualification_requests_file_name(today),
            "application/json",
            &text,
        );
    };
    view! {
        <h3>{tr!(i18n, data.partner_center_export_heading)}</h3>
        <p>{tr!(i18n, data.partner_center_export_intro)}</p>
        <p data-testid="pc-requests-count">
            {move || t_string!(i18n, data.partner_center_export_count, count = numbers::count(i18n, pending.with(Vec::len))).to_string()}
        </p>
        <button type="button" on:click=download disabled=move || pending.with(Vec::is_empty)>
            {tr!(i18n, data.partner_center_export_button)}
        </button>
    }
}
