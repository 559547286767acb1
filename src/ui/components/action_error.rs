//! An action's failure, shown next to the control that caused it (role="alert"): the domain's
//! reasons in words, or why storage did not keep the change. Every page words failures here.

use leptos::prelude::*;

use crate::domain::Reason;
use crate::i18n::*;
use crate::ui::components::storage_banner::store_error_text;
use crate::ui::reasons::{reason_text, role_hint, RoleSource};
use crate::ui::state::{use_desk, ActionError, DeskState};
use crate::ui::team_desk::TeamDesk;
use crate::ui::text::text;

/// A reason's sentence in the current language, naming offers from the desk's catalog, and for
/// a role's refusal how to get another role: the switch, or on a team desk the server's user
/// (tracked: it follows the language, the catalog and the sign-in).
pub fn reason_sentence(
    i18n: leptos_i18n::I18nContext<Locale>,
    desk: DeskState,
    reason: &Reason,
) -> String {
    let locale = i18n.get_locale();
    let mut sentence = desk.with_catalog(|catalog| reason_text(locale, reason, Some(catalog)));
    let signed_in = use_context::<TeamDesk>().is_some_and(|team| team.session().is_some());
    let source = if signed_in {
        RoleSource::Server
    } else {
        RoleSource::Switch
    };
    if let Some(hint) = role_hint(locale, reason, source) {
        sentence.push(' ');
        sentence.push_str(hint);
    }
    sentence
}

/// The sentences saying why an action did not happen.
fn action_error_lines(
    i18n: leptos_i18n::I18nContext<Locale>,
    desk: DeskState,
    error: &ActionError,
) -> Vec<String> {
    match error {
        ActionError::Refused(reasons) => reasons
            .iter()
            .map(|r| reason_sentence(i18n, desk, r))
            .collect(),
        ActionError::NotSaved(err) => vec![store_error_text(i18n, err)],
    }
}

/// The failure of the last attempt, if any, as an alert with `id` (for `aria-describedby`): a
/// refusal is headed ("Not done:" unless `heading` says otherwise), then one sentence per
/// reason.
#[component]
pub fn ActionErrorAlert(
    /// The element id the failing control points at with `aria-describedby`.
    #[prop(into)]
    id: String,
    /// The last failure; `None` shows nothing.
    #[prop(into)]
    error: Signal<Option<ActionError>>,
    /// The heading of a refusal, as a function of the language.
    #[prop(optional)]
    heading: Option<fn(Locale) -> &'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    move || {
        error.get().map(|e| {
            let refused = matches!(e, ActionError::Refused(_));
            let lines = action_error_lines(i18n, desk, &e);
            view! {
                <div class="action-error" role="alert" id=id.clone()>
                    {refused.then(|| {
                        let heading = heading.unwrap_or(|l| td_string!(l, account.refused));
                        view! { <strong>{text(i18n, heading)}</strong> }
                    })}
                    <ul>
                        {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
