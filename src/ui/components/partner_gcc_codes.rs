//! The partner's GCC validation codes on Partner settings: add one (code, organization name, max
//! creates) and see each code's max and remaining creates.

use leptos::prelude::*;

use crate::domain::{GccValidationCode, Reason};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::state::{use_desk, ActionError};

/// Which field a refusal of a new code is about, so it shows next to that field.
fn is_code_reason(r: &Reason) -> bool {
    matches!(
        r,
        Reason::GccValidationCodeInvalid | Reason::DuplicateId { .. }
    )
}

fn is_creates_reason(r: &Reason) -> bool {
    matches!(r, Reason::GccValidationCodeCreatesInvalid { .. })
}

/// Keeps the reasons `pick` selects (all of a storage failure go to the form).
fn part(error: &Option<ActionError>, pick: fn(&Reason) -> bool) -> Option<ActionError> {
    match error {
        Some(ActionError::Refused(reasons)) => {
            let picked: Vec<Reason> = reasons.iter().filter(|r| pick(r)).cloned().collect();
            (!picked.is_empty()).then_some(ActionError::Refused(picked))
        }
        _ => None,
    }
}

/// The add form and the table of codes.
#[component]
pub fn PartnerGccCodes(
    /// Set to say the last change was saved.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="ps-panel ps-codes-panel">
            <h2 id="ps-codes-title">{tr!(i18n, partner.gcc_codes)}</h2>
            <p class="ms-help">{tr!(i18n, partner.gcc_codes_help)}</p>
            <AddGccCodeForm saved=saved />
            <GccCodeTable />
        </section>
    }
}

/// "Add code": validation code, organization and maximum uses; the domain checks the code.
#[component]
fn AddGccCodeForm(saved: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let code = RwSignal::new(String::new());
    let organization = RwSignal::new(String::new());
    let max = RwSignal::new(String::new());
    let max_not_number = RwSignal::new(false);
    let error = RwSignal::new(None::<ActionError>);
    let added = RwSignal::new(None::<String>);

    let code_error = Signal::derive(move || error.with(|e| part(e, is_code_reason)));
    let creates_error = Signal::derive(move || error.with(|e| part(e, is_creates_reason)));
    let form_error = Signal::derive(move || {
        error.with(|e| match e {
            Some(ActionError::Refused(reasons)) => {
                let rest: Vec<Reason> = reasons
                    .iter()
                    .filter(|r| !is_code_reason(r) && !is_creates_reason(r))
                    .cloned()
                    .collect();
                (!rest.is_empty()).then_some(ActionError::Refused(rest))
            }
            other => other.clone(),
        })
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        added.set(None);
        let Ok(max_creates) = max.get_untracked().trim().parse::<u32>() else {
            max_not_number.set(true);
            error.set(None);
            return;
        };
        max_not_number.set(false);
        let new = GccValidationCode {
            validation_id: code.get_untracked(),
            organization_name: organization.get_untracked().trim().to_string(),
            max_creates,
            remaining_creates: max_creates,
        };
        let id = new.validation_id.trim().to_string();
        match desk.act(|d, ctx| d.add_gcc_validation_code(ctx, new)) {
            Ok(()) => {
                error.set(None);
                code.set(String::new());
                organization.set(String::new());
                max.set(String::new());
                added.set(Some(id));
                saved.set(true);
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <form class="ps-code-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="ps-code">{tr!(i18n, partner.validation_code)}</label>
                    <input id="ps-code" type="text" autocomplete="off"
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                        aria-invalid=move || code_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || code_error.with(Option::is_some).then_some("ps-code-error") />
                    <ActionErrorAlert id="ps-code-error" error=code_error />
                </div>
                <div class="field">
                    <label for="ps-organization">{tr!(i18n, partner.organization_name)}</label>
                    <input id="ps-organization" type="text" autocomplete="organization"
                        prop:value=move || organization.get()
                        on:input=move |ev| organization.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="ps-max">{tr!(i18n, partner.max_creates)}</label>
                    <input id="ps-max" type="number" min="1" step="1" inputmode="numeric"
                        prop:value=move || max.get()
                        on:input=move |ev| max.set(event_target_value(&ev))
                        aria-invalid=move || (max_not_number.get() || creates_error.with(Option::is_some)).then_some("true")
                        aria-describedby=move || (max_not_number.get() || creates_error.with(Option::is_some)).then_some("ps-max-error") />
                    <div id="ps-max-error">
                        <Show when=move || max_not_number.get()>
                            <p class="field-error" role="alert">{tr!(i18n, partner.max_creates_not_number)}</p>
                        </Show>
                        <ActionErrorAlert id="ps-max-reasons" error=creates_error />
                    </div>
                </div>
                <button type="submit">{tr!(i18n, partner.add_code)}</button>
                <ActionErrorAlert id="ps-code-form-error" error=form_error />
                <p role="status" class="ms-outcome">
                    {move || added.get().map(|c| t_string!(i18n, partner.code_added, code = c))}
                </p>
        </form>
    }
}

/// The partner's codes with their uses left.
#[component]
fn GccCodeTable() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let codes = Memo::new(move |_| desk.with(|d| d.partner.gcc_validation_codes.clone()));
    view! {
            <Show
                when=move || !codes.with(Vec::is_empty)
                fallback=move || view! { <p class="ms-empty">{tr!(i18n, partner.no_codes)}</p> }
            >
                <table class="ps-codes">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(i18n, partner.validation_code)}</th>
                            <th scope="col">{tr!(i18n, partner.organization_name)}</th>
                            <th scope="col" class="num">{tr!(i18n, partner.max_creates)}</th>
                            <th scope="col" class="num">{tr!(i18n, partner.remaining_creates)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || codes.get()
                            key=|c| (c.validation_id.clone(), c.remaining_creates, c.max_creates)
                            children=move |c| view! {
                                <tr data-testid="gcc-code-row">
                                    <th scope="row">{c.validation_id.clone()}</th>
                                    <td>{c.organization_name.clone()}</td>
                                    <td class="num" data-testid="max-creates">{c.max_creates}</td>
                                    <td class="num" data-testid="remaining-creates">{c.remaining_creates}</td>
                                </tr>
                            }
                        />
                    </tbody>
                </table>
            </Show>
    }
}
