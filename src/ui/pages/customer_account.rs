use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::{
    validate_account, validate_education_details, AccountContext, AccountInfo, Customer, Decision,
    EducationDetails, Field, GccValidationCode, NonprofitReview, Qualification,
    QualificationRecord, QualificationRequest, VettingStatus, MAX_VERIFICATION_REQUESTS,
    SOE_CRITERIA_URL,
};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::{reason_sentence, ActionErrorAlert};
use crate::ui::components::customer_fields::{
    AccountFields, EducationFields, FieldContext, ShownProblems,
};
use crate::ui::components::role_switcher::use_acting_role;
use crate::ui::components::what_if::WhatIf;
use crate::ui::countries::country_name;
use crate::ui::href;
use crate::ui::names::{record_status, Named};
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::state::{use_desk, ActionError};

/// What an action on this page came to: a confirmation or the reason it did not happen.
type Outcome = Option<Result<&'static str, ActionError>>;

/// Customer account: company information, special qualifications with their status, the
/// verification requests used, and the requests (with a checklist of what would fail first).
#[component]
pub fn CustomerAccountPage() -> impl IntoView {
    let params = use_params_map();
    let desk = use_desk();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let exists = Memo::new(move |_| id.with(|id| desk.with(|d| d.customer(id).is_some())));
    move || {
        if exists.get() {
            view! { <Account id=id.get() /> }.into_any()
        } else {
            view! { <NotFound /> }.into_any()
        }
    }
}

/// No customer with this id.
#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="customer-account">
            <h1>{tr!(i18n, account.not_found_title)}</h1>
            <p>{tr!(i18n, account.not_found_text)}</p>
            <p><A href=href("/customers")>{tr!(i18n, account.back_to_customers)}</A></p>
        </section>
    }
}

/// The account page of one existing customer.
#[component]
fn Account(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let customer_id = StoredValue::new(id.clone());
    let customer =
        Memo::new(move |_| customer_id.with_value(|id| desk.with(|d| d.customer(id).cloned())));
    let name = move || {
        customer.with(|c| {
            c.as_ref()
                .map(|c| c.account.company_name.clone())
                .unwrap_or_default()
        })
    };
    let correcting = RwSignal::new(false);

    view! {
        <section class="page account-page" data-page="customer-account">
            <header class="page-intro with-action">
                <div>
                    <p class="breadcrumb"><A href=href("/customers")>{tr!(i18n, customers.title)}</A></p>
                    <h1>{name}</h1>
                    <p class="sub">{move || customer.with(|c| c.as_ref().map(Customer::primary_domain).unwrap_or_default())}</p>
                </div>
                <nav class="account-links" aria-label=move || t_string!(i18n, account.subscriptions)>
                    <A href=href(&format!("/customers/{id}/subscriptions")) attr:class="button">{tr!(i18n, account.subscriptions)}</A>
                    <A href=href(&format!("/customers/{id}/subscriptions/new")) attr:class="button primary">{tr!(i18n, account.new_subscription)}</A>
                </nav>
            </header>
            <div class="account-grid">
                <div class="account-main">
                    <Qualifications customer=customer correcting=correcting />
                    <Show
                        when=move || correcting.get()
                        fallback=move || view! { <Requests customer_id=customer_id.get_value() customer=customer /> }
                    >
                        <CorrectAndResubmit customer_id=customer_id.get_value() customer=customer correcting=correcting />
                    </Show>
                    <WhatIf customer_id=customer_id.get_value() />
                </div>
                <CompanyInfo customer=customer />
            </div>
        </section>
    }
}

/// Company information as entered.
#[component]
fn CompanyInfo(customer: Memo<Option<Customer>>) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&Customer) -> String| {
        move || customer.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <aside class="company-info card" aria-labelledby="company-info-heading">
            <h2 id="company-info-heading">{tr!(i18n, account.company_info)}</h2>
            <dl>
                <dt>{move || Field::CompanyName.name(i18n.get_locale())}</dt>
                <dd>{get(|c| c.account.company_name.clone())}</dd>
                <dt>{tr!(i18n, account.primary_domain)}</dt>
                <dd>{get(Customer::primary_domain)}</dd>
                <dt>{tr!(i18n, account.address)}</dt>
                <dd class="address">
                    {get(|c| c.account.address_line1.clone())}<br />
                    {move || customer.with(|c| c.as_ref().filter(|c| !c.account.address_line2.is_empty()).map(|c| view! { {c.account.address_line2.clone()}<br /> }))}
                    {get(|c| city_line(&c.account))}<br />
                    {move || customer.with(|c| c.as_ref().map(|c| country_name(i18n, &c.account.country)).unwrap_or_default())}
                </dd>
                <dt>{move || Field::Email.name(i18n.get_locale())}</dt>
                <dd>{get(|c| c.account.email.clone())}</dd>
                {move || customer.with(|c| c.as_ref().filter(|c| !c.account.registration_id.is_empty()).map(|c| view! {
                    <dt>{Field::RegistrationId.name(i18n.get_locale())}</dt>
                    <dd>{c.account.registration_id.clone()}</dd>
                }))}
                <dt>{tr!(i18n, account.contact)}</dt>
                <dd>
                    {get(|c| format!("{} {}", c.account.first_name, c.account.last_name))}<br />
                    {get(|c| c.account.contact_email.clone())}<br />
                    {get(|c| c.account.phone.clone())}
                </dd>
                <dt>{tr!(i18n, account.created)}</dt>
                <dd>{move || customer.with(|c| c.as_ref().map(|c| numbers::date(i18n.get_locale(), c.created)).unwrap_or_default())}</dd>
            </dl>
        </aside>
    }
}

/// "Redmond, WA 98052", or "111 22 Stockholm" where no state/province is given.
fn city_line(a: &AccountInfo) -> String {
    let (city, state, postal) = (a.city.trim(), a.state.trim(), a.postal_code.trim());
    if state.is_empty() {
        format!("{postal} {city}").trim().to_string()
    } else {
        format!("{city}, {state} {postal}").trim().to_string()
    }
}

/// The customer's special qualifications with their status, the requests used, the nonprofit
/// notice, and (after a denial) the way to correct and resubmit.
#[component]
fn Qualifications(customer: Memo<Option<Customer>>, correcting: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let records = Memo::new(move |_| {
        customer.with(|c| {
            c.as_ref()
                .map(|c| c.qualifications.clone())
                .unwrap_or_default()
        })
    });
    let used =
        Memo::new(move |_| customer.with(|c| c.as_ref().map_or(0, |c| c.verification_requests)));
    // docs/RULES.md §11: imported from Partner Center, the count is at least this, not exact.
    let count_known = Memo::new(move |_| {
        customer.with(|c| c.as_ref().is_none_or(|c| c.verification_requests_known))
    });
    let education_denied = Memo::new(move |_| {
        records.with(|r| {
            r.iter().any(|r| {
                r.kind == Qualification::Education
                    && r.vetting_status == Some(VettingStatus::Denied)
            })
        })
    });
    let notice = Memo::new(move |_| customer.with(|c| c.as_ref().and_then(|c| c.nonprofit_review)));
    view! {
        <section class="card qualifications" aria-labelledby="qualifications-heading">
            <h2 id="qualifications-heading">{tr!(i18n, account.special_qualifications)}</h2>
            <p class="requests-used" data-testid="requests-used">
                {move || Counted::AccountRequestsUsed.text(i18n.get_locale(), usize::from(MAX_VERIFICATION_REQUESTS), &[("used", &numbers::count(i18n, usize::from(used.get())))])}
            </p>
            <Show when=move || !count_known.get()>
                <p class="muted" data-testid="requests-not-known">{tr!(i18n, data.partner_center_requests_not_known)}</p>
            </Show>
            {move || notice.get().map(|n| match n {
                // During the notice, also what the customer can do (docs/RULES.md §6).
                NonprofitReview::NoticeGiven { removal_date, .. } => view! {
                    <div class="notice warn" role="status" data-testid="nonprofit-notice-banner">
                        <p>{t_string!(i18n, account.notice_given, date = numbers::date(i18n.get_locale(), removal_date)).to_string()}</p>
                        <p>{tr!(i18n, account.notice_options)}</p>
                    </div>
                }
                .into_any(),
                NonprofitReview::Removed { removed_on } => view! {
                    <p class="notice warn" role="status">
                        {t_string!(i18n, account.notice_removed, date = numbers::date(i18n.get_locale(), removed_on)).to_string()}
                    </p>
                }
                .into_any(),
            })}
            <Show
                when=move || records.with(|r| !r.is_empty())
                fallback=move || view! { <p class="muted">{tr!(i18n, account.no_qualifications)}</p> }
            >
                <ul class="qualification-list">
                    <For
                        each=move || records.get()
                        key=|r| format!("{:?}", r)
                        children=move |record| view! { <QualificationItem record=record /> }
                    />
                </ul>
            </Show>
            <Show when=move || education_denied.get() && !correcting.get()>
                <button type="button" class="button" on:click=move |_| correcting.set(true)>
                    {tr!(i18n, account.correct_resubmit)}
                </button>
            </Show>
        </section>
    }
}

/// One qualification: name, status, and its dates, reason or details.
#[component]
fn QualificationItem(record: QualificationRecord) -> impl IntoView {
    let i18n = use_i18n();
    let class = match record.vetting_status {
        Some(VettingStatus::InReview) => "status pending",
        Some(VettingStatus::Denied) => "status bad",
        _ => "status ok",
    };
    let r = record.clone();
    let status = move || record_status(i18n.get_locale(), &r);
    let r = record.clone();
    let details = move || {
        let mut parts: Vec<String> = Vec::new();
        match r.vetting_status {
            Some(VettingStatus::InReview) => {
                parts.push(
                    t_string!(
                        i18n,
                        account.since,
                        date = numbers::date(i18n.get_locale(), r.created)
                    )
                    .to_string(),
                );
                if let Some(expected) = r.expected_by() {
                    parts.push(
                        t_string!(
                            i18n,
                            account.expected_by,
                            date = numbers::date(i18n.get_locale(), expected)
                        )
                        .to_string(),
                    );
                }
            }
            Some(VettingStatus::Denied) => {
                parts.push(match r.vetting_reason {
                    Some(reason) => reason.name(i18n.get_locale()).to_string(),
                    None => t_string!(i18n, account.no_reason).to_string(),
                });
                if let Some(decided) = r.decided {
                    parts.push(
                        t_string!(
                            i18n,
                            account.decided_on,
                            date = numbers::date(i18n.get_locale(), decided)
                        )
                        .to_string(),
                    );
                }
            }
            _ => {
                if let Some(decided) = r.decided {
                    parts.push(
                        t_string!(
                            i18n,
                            account.decided_on,
                            date = numbers::date(i18n.get_locale(), decided)
                        )
                        .to_string(),
                    );
                }
            }
        }
        parts.join(", ")
    };
    let r = record.clone();
    let extra = move || {
        let mut lines = Vec::new();
        if let Some(segment) = r.education_segment {
            lines.push(
                t_string!(
                    i18n,
                    account.segment_line,
                    segment = segment.name(i18n.get_locale())
                )
                .to_string(),
            );
        }
        if let Some(website) = &r.website {
            lines
                .push(t_string!(i18n, account.website_line, website = website.clone()).to_string());
        }
        if let Some(code) = &r.validation_code {
            lines.push(t_string!(i18n, account.code_line, code = code.clone()).to_string());
        }
        if let Some(confirmed) = r.criteria_confirmed {
            lines.push(
                t_string!(
                    i18n,
                    account.criteria_confirmed_line,
                    role = confirmed.by.name(i18n.get_locale()),
                    date = confirmed.on.to_string()
                )
                .to_string(),
            );
        }
        lines.join(" · ")
    };
    let kind = record.kind;
    view! {
        <li class="qualification-item" data-qualification=format!("{kind:?}")>
            <span class="name">{move || kind.name(i18n.get_locale())}</span>
            " "
            <span class=class>{status}</span>
            " "
            <span class="details">{details}</span>
            <span class="extra">{extra}</span>
        </li>
    }
}

/// The checklist of one request: what would fail, or that nothing would.
#[component]
fn ChecklistGroup(title: Signal<&'static str>, decision: Signal<Decision>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    view! {
        <div class="check-group" class:ok=move || decision.with(Decision::is_allowed)>
            <h4>{title}</h4>
            {move || {
                let reasons = decision.with(|d| d.reasons().to_vec());
                if reasons.is_empty() {
                    view! { <p class="check-ok">{tr!(i18n, account.check_ok)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="check-fails">
                            {reasons.into_iter().map(|r| view! { <li>{move || reason_sentence(i18n, desk, &r)}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// "GCC validation code": one of the partner's codes with its uses left, or where to add one.
#[component]
fn GccCodeField(
    codes: Memo<Vec<GccValidationCode>>,
    chosen: Memo<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-field">
            <label for="request-gcc-code">{tr!(i18n, account.gcc_code)}</label>
            <select
                id="request-gcc-code"
                disabled=move || codes.with(Vec::is_empty)
                prop:value=move || chosen.get()
                on:change=move |ev| on_choose.run(event_target_value(&ev))
            >
                {move || codes.get().into_iter().map(|c| {
                    let value = c.validation_id.clone();
                    let selected = value.clone();
                    view! {
                        <option value=value selected=move || chosen.get() == selected>
                            {move || Counted::GccCodeOption.text(i18n.get_locale(), c.max_creates as usize, &[
                                ("code", &c.validation_id),
                                ("org", &c.organization_name),
                                ("remaining", &numbers::count(i18n, c.remaining_creates as usize)),
                            ])}
                        </option>
                    }
                }).collect_view()}
            </select>
            <Show when=move || codes.with(Vec::is_empty)>
                <p class="help">
                    {tr!(i18n, account.no_gcc_codes)} " "
                    <A href=href("/partner-settings")>{tr!(i18n, shell.nav.partner_settings)}</A>
                </p>
            </Show>
        </div>
    }
}

/// Shows an action's outcome next to its button: the confirmation, or the alert with `id`.
fn outcome_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    outcome: RwSignal<Outcome>,
    id: &'static str,
) -> impl IntoView {
    let error = Signal::derive(move || outcome.get().and_then(Result::err));
    view! {
        {move || {
            outcome.get().and_then(Result::ok).map(|key| {
                view! { <p class="notice ok" role="status">{confirmation(i18n, key)}</p> }
            })
        }}
        <ActionErrorAlert id=id error=error />
    }
}

/// The confirmation sentences, by name.
fn confirmation(i18n: leptos_i18n::I18nContext<Locale>, key: &'static str) -> &'static str {
    match key {
        "education" => t_string!(i18n, account.requested_education),
        "gcc" => t_string!(i18n, account.requested_gcc),
        "soe" => t_string!(i18n, account.requested_soe),
        _ => t_string!(i18n, account.resubmitted),
    }
}

/// Requests for Education, GCC and state-owned entity, with the checklist of each.
#[component]
fn Requests(customer_id: String, customer: Memo<Option<Customer>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let role = use_acting_role();
    let id = StoredValue::new(customer_id);

    // Education: start from what was requested before, if anything.
    let previous = customer.with_untracked(|c| {
        c.as_ref()
            .and_then(|c| c.record(Qualification::Education))
            .map(|r| EducationDetails {
                segment: r.education_segment,
                website: r.website.clone().unwrap_or_default(),
            })
            .unwrap_or_default()
    });
    let details = RwSignal::new(previous);
    let details_problems = Memo::new(move |_| details.with(validate_education_details));
    let shown = ShownProblems::new();
    let ctx = FieldContext {
        id_prefix: "request-education",
        problems: details_problems,
        shown,
    };

    // GCC: the partner's codes; the first with creates left is preselected.
    let codes = Memo::new(move |_| desk.with(|d| d.partner.gcc_validation_codes.clone()));
    let gcc_choice = RwSignal::new(String::new());
    // The chosen code while it exists, else the first with creates left (or the first).
    let gcc_code = Memo::new(move |_| {
        let chosen = gcc_choice.get();
        codes.with(|c| {
            if c.iter().any(|c| c.validation_id == chosen) {
                chosen
            } else {
                c.iter()
                    .find(|c| c.remaining_creates > 0)
                    .or(c.first())
                    .map(|c| c.validation_id.clone())
                    .unwrap_or_default()
            }
        })
    });

    let check = move |request: QualificationRequest| {
        let r = role.get();
        id.with_value(|id| desk.with(|d| d.checklist(r, id, &request)))
    };
    let education_check =
        Signal::derive(move || check(QualificationRequest::education(details.get())));
    let gcc_check = Signal::derive(move || check(QualificationRequest::gcc(&gcc_code.get())));
    // SOE: the user confirms that the customer meets Microsoft's criteria (docs/RULES.md §2).
    let soe_confirmed = RwSignal::new(false);
    let soe_check = Signal::derive(move || check(QualificationRequest::soe(soe_confirmed.get())));

    let education_outcome = RwSignal::new(None::<Result<&'static str, ActionError>>);
    let gcc_outcome = RwSignal::new(None::<Result<&'static str, ActionError>>);
    let soe_outcome = RwSignal::new(None::<Result<&'static str, ActionError>>);

    let run =
        move |outcome: RwSignal<Outcome>, key: &'static str, request: QualificationRequest| {
            let result =
                id.with_value(|id| desk.act(|d, ctx| d.request_qualification(ctx, id, &request)));
            outcome.set(Some(result.map(|()| key)));
        };
    let request_education = move |_| {
        shown.all.set(true);
        run(
            education_outcome,
            "education",
            QualificationRequest::education(details.get_untracked()),
        )
    };
    let request_gcc = move |_| {
        run(
            gcc_outcome,
            "gcc",
            QualificationRequest::gcc(&gcc_code.get_untracked()),
        )
    };
    let request_soe = move |_| {
        run(
            soe_outcome,
            "soe",
            QualificationRequest::soe(soe_confirmed.get_untracked()),
        )
    };

    view! {
        <section class="card requests" aria-labelledby="requests-heading">
            <h2 id="requests-heading">{tr!(i18n, account.requests)}</h2>
            <p class="muted">{tr!(i18n, account.requests_intro)}</p>
            <div class="requests-grid">
                <div class="request-forms">
                    <fieldset class="form-group request">
                        <legend>{tr!(i18n, account.request_education_title)}</legend>
                        <EducationFields ctx=ctx details=details />
                        <button type="button" class="button primary" on:click=request_education>{tr!(i18n, account.request_education)}</button>
                        {outcome_view(i18n, education_outcome, "request-education-error")}
                    </fieldset>
                    <fieldset class="form-group request">
                        <legend>{tr!(i18n, account.request_gcc_title)}</legend>
                        <GccCodeField codes=codes chosen=gcc_code on_choose=Callback::new(move |c| gcc_choice.set(c)) />
                        <button type="button" class="button primary" on:click=request_gcc>{tr!(i18n, account.request_gcc)}</button>
                        {outcome_view(i18n, gcc_outcome, "request-gcc-error")}
                    </fieldset>
                    <fieldset class="form-group request">
                        <legend>{tr!(i18n, account.request_soe_title)}</legend>
                        <SoeCriteria confirmed=soe_confirmed />
                        <button type="button" class="button primary" on:click=request_soe>{tr!(i18n, account.request_soe)}</button>
                        {outcome_view(i18n, soe_outcome, "request-soe-error")}
                    </fieldset>
                </div>
                <section class="checklist" data-testid="request-checklist" aria-labelledby="checklist-heading">
                    <h3 id="checklist-heading">{tr!(i18n, account.checklist)}</h3>
                    <ChecklistGroup title=Signal::derive(move || t_string!(i18n, account.check_education)) decision=education_check />
                    <ChecklistGroup title=Signal::derive(move || t_string!(i18n, account.check_gcc)) decision=gcc_check />
                    <ChecklistGroup title=Signal::derive(move || t_string!(i18n, account.check_soe)) decision=soe_check />
                </section>
            </div>
        </section>
    }
}

/// The state-owned entity request's confirmation: a checkbox, Microsoft's criteria in brief
/// and the link to them.
#[component]
fn SoeCriteria(confirmed: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="check">
            <input
                type="checkbox"
                prop:checked=move || confirmed.get()
                on:change=move |ev| confirmed.set(event_target_checked(&ev))
                aria-describedby="soe-criteria"
            />
            <span>{tr!(i18n, account.soe_confirm)}</span>
        </label>
        <p class="help" id="soe-criteria">
            {tr!(i18n, account.soe_criteria)} " "
            <a href=SOE_CRITERIA_URL target="_blank" rel="noopener noreferrer">{tr!(i18n, account.soe_criteria_link)}</a>
        </p>
    }
}

/// After a denial: correct the account information (Global admin) and resubmit Education.
#[component]
fn CorrectAndResubmit(
    customer_id: String,
    customer: Memo<Option<Customer>>,
    correcting: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let role = use_acting_role();
    let id = StoredValue::new(customer_id);

    let (start_account, start_details) = customer.with_untracked(|c| {
        let c = c.as_ref();
        let account = c.map(|c| c.account.clone()).unwrap_or_default();
        let details = c
            .and_then(|c| c.record(Qualification::Education))
            .map(|r| EducationDetails {
                segment: r.education_segment,
                website: r.website.clone().unwrap_or_default(),
            })
            .unwrap_or_default();
        (account, details)
    });
    let account = RwSignal::new(start_account);
    let details = RwSignal::new(start_details);

    // The fields' problems, as the domain checks a correction that resubmits Education.
    let problems = Memo::new(move |_| {
        let partner_type = desk.with(|d| d.partner.partner_type);
        let mut out = account.with(|a| {
            validate_account(
                a,
                AccountContext {
                    education: true,
                    partner_type,
                },
            )
        });
        out.extend(details.with(validate_education_details));
        out
    });
    let shown = ShownProblems::new();
    shown.all.set(true);
    let ctx = FieldContext {
        id_prefix: "correct",
        problems,
        shown,
    };

    let resubmit_check = Signal::derive(move || {
        let r = role.get();
        let correction: AccountInfo = account.get();
        details.with(|dt| {
            id.with_value(|id| desk.with(|d| d.resubmit_checklist(r, id, Some(&correction), dt)))
        })
    });
    let outcome = RwSignal::new(None::<Result<&'static str, ActionError>>);
    let resubmit = move |_| {
        let correction = account.get_untracked();
        let dt = details.get_untracked();
        let result = id.with_value(|id| {
            desk.act(|d, ctx| d.resubmit_education(ctx, id, Some(correction), dt))
        });
        match result {
            Ok(()) => correcting.set(false),
            Err(e) => outcome.set(Some(Err(e))),
        }
    };

    view! {
        <section class="card correct" aria-labelledby="correct-heading">
            <h2 id="correct-heading">{tr!(i18n, account.correct_resubmit)}</h2>
            <p class="muted">{tr!(i18n, account.correct_intro)}</p>
            <div class="correct-grid">
                <section class="checklist" data-testid="request-checklist" aria-labelledby="checklist-heading">
                    <h3 id="checklist-heading">{tr!(i18n, account.checklist)}</h3>
                    <ChecklistGroup title=Signal::derive(move || t_string!(i18n, account.check_resubmit)) decision=resubmit_check />
                </section>
                <div class="correct-form">
                    <AccountFields ctx=ctx account=account />
                    <fieldset class="form-group">
                        <legend>{tr!(i18n, customers.education_info)}</legend>
                        <EducationFields ctx=ctx details=details />
                    </fieldset>
                    {outcome_view(i18n, outcome, "correct-error")}
                    <div class="form-actions">
                        <button type="button" class="button" on:click=move |_| correcting.set(false)>{tr!(i18n, account.cancel)}</button>
                        <button type="button" class="button primary" on:click=resubmit>{tr!(i18n, account.resubmit)}</button>
                    </div>
                </div>

            </div>
        </section>
    }
}
