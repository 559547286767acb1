//! The Data page: storage used against the quota, export, import with a dry run, reset.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::integrity::RecordRef;
use crate::i18n::*;
use crate::store::desk::QUOTA_UNITS;
use crate::store::exchange::{ImportError, Preview, RejectReason, MAX_IMPORT_BYTES};
use crate::store::StoreError;
use crate::tr;
use crate::ui::components::confirm_replace::ConfirmReplace;
use crate::ui::components::page_intro::PageIntro;
use crate::ui::components::price_list_import::PriceListImport;
use crate::ui::components::sample_data::SampleData;
use crate::ui::components::storage_banner::{size_text, store_error_text};
use crate::ui::download::export_desk;
use crate::ui::files::{chosen_file, read_chosen_file, FileChoices, FileNotRead};
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::reasons::record_problem_text;
use crate::ui::state::use_desk;

/// How many records of each list the dry run shows by name.
const SHOWN: usize = 20;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page data-page" data-page="data">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.data.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.data.intro))
            />
            <DataUsage />
            <crate::ui::components::team_desk_panel::TeamDeskPanel />
            <DataExport />
            <DataImport />
            <PriceListImport />
            <crate::ui::components::partner_center_import::PartnerCenterImport />
            <SampleData />
            <DataReset />
        </section>
    }
}

/// Storage used against the quota, with a warning past 80%.
#[component]
fn DataUsage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let usage = Memo::new(move |_| desk.usage());
    let percent = move || (usage.get().total * 100).div_ceil(QUOTA_UNITS);
    let counts = move || desk.with(|d| (d.customers.len(), d.subscriptions.len(), d.audit.len()));
    view! {
        <section class="data-section" aria-labelledby="data-usage-heading">
            <h2 id="data-usage-heading">{tr!(i18n, data.usage.heading)}</h2>
            <Show when=move || !desk.persistent()>
                <p class="data-warning" role="status">{tr!(i18n, data.usage.memory)}</p>
            </Show>
            <Show when=move || desk.persistent()>
                <meter
                    class="data-meter"
                    min="0"
                    max=QUOTA_UNITS.to_string()
                    high=(QUOTA_UNITS * 8 / 10).to_string()
                    value=move || usage.get().total.to_string()
                    aria-label=move || t_string!(i18n, data.usage.meter_label)
                ></meter>
                <p data-testid="storage-used">
                    {move || t_string!(i18n, data.usage.used, used = size_text(i18n, usage.get().total), quota = size_text(i18n, QUOTA_UNITS), percent = percent()).to_string()}
                </p>
            </Show>
            <p data-testid="desk-counts">
                {move || {
                    let (c, s, a) = counts();
                    let l = i18n.get_locale();
                    t_string!(i18n, data.usage.counts, customers = Counted::UsageCustomers.text(l, c, &[]), subscriptions = Counted::UsageSubscriptions.text(l, s, &[]), entries = Counted::UsageEntries.text(l, a, &[])).to_string()
                }}
            </p>
            <Show when=move || { usage.get().quarantine > 0 }>
                <p>{move || t_string!(i18n, data.usage.quarantine, size = size_text(i18n, usage.get().quarantine)).to_string()}</p>
            </Show>
            <Show when=move || { percent() >= 80 }>
                <p class="data-warning" role="alert">{tr!(i18n, data.usage.warning)}</p>
            </Show>
        </section>
    }
}

/// The export button.
#[component]
fn DataExport() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="data-section" aria-labelledby="data-export-heading">
            <h2 id="data-export-heading">{tr!(i18n, data.exporting.heading)}</h2>
            <p>{tr!(i18n, data.exporting.intro)}</p>
            <button type="button" on:click=move |_| export_desk()>{tr!(i18n, data.exporting.button)}</button>
        </section>
    }
}

/// The name of a record in the current language ("Customer Contoso (id)").
fn import_record_name(
    i18n: leptos_i18n::I18nContext<Locale>,
    record: &RecordRef,
    preview: &Preview,
) -> String {
    match record {
        RecordRef::Partner => t_string!(i18n, data.record.partner).to_string(),
        RecordRef::Customer { id } => {
            let name = preview
                .desk
                .customer(id)
                .map(|c| c.account.company_name.clone())
                .or_else(|| {
                    use_desk().with(|d| d.customer(id).map(|c| c.account.company_name.clone()))
                });
            let shown = name.map_or_else(|| id.clone(), |n| format!("{n} ({id})"));
            t_string!(i18n, data.record.customer, id = shown).to_string()
        }
        RecordRef::Subscription { id } => {
            t_string!(i18n, data.record.subscription, id = id.clone()).to_string()
        }
        RecordRef::AuditEntry { seq } => t_string!(i18n, data.record.audit, seq = *seq).to_string(),
    }
}

/// Why a record was rejected.
fn reject_text(i18n: leptos_i18n::I18nContext<Locale>, reason: &RejectReason) -> String {
    match reason {
        RejectReason::WrongTypes(detail) => {
            t_string!(i18n, data.problem.wrong_types, detail = detail.clone()).to_string()
        }
        RejectReason::Rule(problem) => record_problem_text(i18n, problem),
    }
}

/// Why a whole file was refused.
fn import_error_text(i18n: leptos_i18n::I18nContext<Locale>, error: &ImportError) -> String {
    match error {
        ImportError::TooLarge { bytes, max } => t_string!(
            i18n,
            data.import.too_large,
            bytes = numbers::count(i18n, *bytes),
            max = numbers::count(i18n, *max)
        )
        .to_string(),
        ImportError::Empty => t_string!(i18n, data.import.empty).to_string(),
        ImportError::NotText => t_string!(i18n, data.import.not_text).to_string(),
        ImportError::TooDeep { max } => {
            t_string!(i18n, data.import.too_deep, max = *max).to_string()
        }
        ImportError::NotJson { line, column } => {
            t_string!(i18n, data.import.not_json, line = *line, column = *column).to_string()
        }
        ImportError::NotADeskFile => t_string!(i18n, data.import.not_desk).to_string(),
        ImportError::UnknownVersion { found } => {
            t_string!(i18n, data.import.unknown_version, found = found.clone()).to_string()
        }
        ImportError::WrongShape { path } => {
            t_string!(i18n, data.import.wrong_shape, path = path.clone()).to_string()
        }
    }
}

/// Choose a file, see the dry run, confirm.
#[component]
fn DataImport() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    // Shared, not copied: the preview holds the file's whole desk, and a desk of 10,000
    // customers takes about 70 ms to copy and 30 ms to free (natively).
    let preview = RwSignal::new(None::<Arc<Preview>>);
    let refused = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    // From the file chosen until its dry run (or refusal) is on screen.
    let reading = RwSignal::new(false);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let choices = FileChoices::new();

    let on_file = move |ev: leptos::ev::Event| {
        let choice = choices.choose();
        preview.set(None);
        refused.set(None);
        status.set(None);
        reading.set(false);
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        let size = file.size() as usize;
        if size > MAX_IMPORT_BYTES {
            let e = ImportError::TooLarge {
                bytes: size,
                max: MAX_IMPORT_BYTES,
            };
            refused.set(Some(import_error_text(i18n, &e)));
            return;
        }
        reading.set(true);
        leptos::task::spawn_local(async move {
            let bytes = read_chosen_file(&file).await;
            if !choice.is_latest() {
                return;
            }
            let checked = bytes.map(|bytes| {
                crate::ui::perf::measure("sd:import-check", || desk.preview_import(&bytes))
            });
            match checked {
                Ok(Ok(p)) => preview.set(Some(Arc::new(p))),
                Ok(Err(e)) => refused.set(Some(import_error_text(i18n, &e))),
                Err(FileNotRead) => {
                    refused.set(Some(t_string!(i18n, data.file_not_read).to_string()))
                }
            }
            reading.set(false);
        });
    };

    let confirm = move |_| {
        // Taken out, so that the import moves the file's desk into the tab instead of copying it.
        let Some(p) = preview.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let customers = p.desk.customers.len();
        match crate::ui::perf::measure("sd:import-save", || desk.import(p)) {
            Ok(()) => {
                status.set(Some(Counted::ImportDone.text(
                    i18n.get_locale(),
                    customers,
                    &[],
                )));
                preview.set(None);
                if let Some(input) = file_input.get_untracked() {
                    input.set_value("");
                }
            }
            Err((e, p)) => {
                preview.set(Some(p));
                let why = match e {
                    StoreError::QuotaExceeded => t_string!(i18n, data.import.full).to_string(),
                    other => store_error_text(i18n, &other),
                };
                refused.set(Some(
                    t_string!(i18n, data.import.failed, error = why).to_string(),
                ));
            }
        }
    };
    let cancel = move |_| {
        preview.set(None);
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
        }
    };

    view! {
        <section class="data-section" aria-labelledby="data-import-heading">
            <h2 id="data-import-heading">{tr!(i18n, data.import.heading)}</h2>
            <p>{tr!(i18n, data.import.intro)}</p>
            <label for="data-import-file">{tr!(i18n, data.import.file_label)}</label>
            <input
                id="data-import-file"
                type="file"
                accept=".json,application/json"
                node_ref=file_input
                on:change=on_file
                aria-describedby="data-import-error"
            />
            <Show when=move || reading.get()>
                <p class="progress" role="status">
                    <label for="data-import-progress">{tr!(i18n, data.import.reading)}</label>
                    " "
                    <progress id="data-import-progress"></progress>
                </p>
            </Show>
            <p id="data-import-error" class="error" role="alert">{move || refused.get()}</p>
            <p role="status">{move || status.get()}</p>
            {move || preview.get().map(|p| view! { <DataImportPreview preview=p on_confirm=confirm on_cancel=cancel /> })}
        </section>
    }
}

/// The dry run: what the import would add, change, remove and reject.
#[component]
fn DataImportPreview(
    preview: Arc<Preview>,
    on_confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale();
    let summary = t_string!(
        i18n,
        data.import.summary,
        added = Counted::ImportAdded.text(l, preview.added.len(), &[]),
        changed = Counted::ImportChanged.text(l, preview.changed.len(), &[]),
        removed = Counted::ImportRemoved.text(l, preview.removed.len(), &[]),
        unchanged = Counted::ImportUnchanged.text(l, preview.unchanged, &[]),
        rejected = Counted::ImportRejected.text(l, preview.rejected.len(), &[])
    )
    .to_string();
    let list = |records: &[RecordRef], p: &Preview| {
        let more = records.len().saturating_sub(SHOWN);
        view! {
            <ul>
                {records.iter().take(SHOWN).map(|r| view! { <li>{import_record_name(i18n, r, p)}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li>{t_string!(i18n, data.import.more, count = numbers::count(i18n, more)).to_string()}</li> })}
            </ul>
        }
    };
    let rejected = preview.rejected.clone();
    let can_import = preview.can_import();
    let more_rejected = rejected.len().saturating_sub(SHOWN);
    view! {
        <div class="data-preview" data-testid="import-preview">
            <p role="status"><strong>{summary}</strong></p>
            {(!rejected.is_empty()).then(|| view! {
                <div class="data-rejected" role="alert">
                    <h3>{tr!(i18n, data.import.rejected)}</h3>
                    <ul>
                        {rejected.iter().take(SHOWN).map(|r| view! {
                            <li data-testid="import-rejected">
                                <strong>{import_record_name(i18n, &r.record, &preview)}</strong>": "{reject_text(i18n, &r.reason)}
                            </li>
                        }).collect_view()}
                        {(more_rejected > 0).then(|| view! { <li>{t_string!(i18n, data.import.more, count = numbers::count(i18n, more_rejected)).to_string()}</li> })}
                    </ul>
                </div>
            })}
            {(!preview.added.is_empty()).then(|| view! { <h3>{tr!(i18n, data.import.added)}</h3> {list(&preview.added, &preview)} })}
            {(!preview.changed.is_empty()).then(|| view! { <h3>{tr!(i18n, data.import.changed)}</h3> {list(&preview.changed, &preview)} })}
            {(!preview.removed.is_empty()).then(|| view! { <h3>{tr!(i18n, data.import.removed)}</h3> {list(&preview.removed, &preview)} })}
            <div class="data-actions">
                <button type="button" disabled=!can_import on:click=on_confirm>{tr!(i18n, data.import.confirm)}</button>
                <button type="button" on:click=move |_| export_desk()>{tr!(i18n, data.reset.export_first)}</button>
                <button type="button" on:click=on_cancel>{tr!(i18n, data.import.cancel)}</button>
            </div>
        </div>
    }
}

/// Reset, behind a confirmation that offers an export first.
#[component]
fn DataReset() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let reset = move || {
        match desk.reset() {
            Ok(()) => status.set(Some(t_string!(i18n, data.reset.done).to_string())),
            Err(e) => status.set(Some(
                t_string!(i18n, data.reset.failed, error = store_error_text(i18n, &e)).to_string(),
            )),
        }
        confirming.set(false);
    };
    view! {
        <section class="data-section" aria-labelledby="data-reset-heading">
            <h2 id="data-reset-heading">{tr!(i18n, data.reset.heading)}</h2>
            <p>{tr!(i18n, data.reset.intro)}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>{tr!(i18n, data.reset.button)}</button>
                }
            >
                <ConfirmReplace
                    text_id="data-reset-confirm-text"
                    text=Signal::derive(move || t_string!(i18n, data.reset.confirm_text))
                    confirm_label=Signal::derive(move || t_string!(i18n, data.reset.confirm))
                    on_confirm=Callback::new(move |()| reset())
                    on_cancel=Callback::new(move |()| confirming.set(false))
                />
            </Show>
            <p role="status">{move || status.get()}</p>
        </section>
    }
}
