//! An action's failure, shown next to the control that caused it (role="alert"): the domain's
//! reasons in words, or why storage did not keep the change. Every page words failures here.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::storage_banner::store_error_text;
use crate::ui::reasons::reason_text;
use crate::ui::state::ActionError;

/// The sentences saying why an action did not happen.
pub fn action_error_lines(
    i18n: leptos_i18n::I18nContext<Locale>,
    error: &ActionError,
) -> Vec<String> {
    match error {
        ActionError::Refused(reasons) => reasons.iter().map(|r| reason_text(i18n, r)).collect(),
        ActionError::NotSaved(err) => vec![store_error_text(i18n, err)],
    }
}

/// The failure of the last attempt, if any, as an alert with `id` (for `aria-describedby`).
#[component]
pub fn ActionErrorAlert(
    /// The element id the failing control points at with `aria-describedby`.
    #[prop(into)]
    id: String,
    /// The last failure; `None` shows nothing.
    #[prop(into)]
    error: Signal<Option<ActionError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|e| {
            let lines = action_error_lines(i18n, &e);
            view! {
                <div class="action-error" role="alert" id=id.clone()>
                    <ul>
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
