use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;

/// Marks a view as Microsoft's side, simulated inside the app.
#[component]
pub fn SimulatedBanner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="simulated-banner" role="note">
            <strong class="badge">{tr!(i18n, shell.simulated_badge)}</strong>
            " "
            <span>{tr!(i18n, shell.simulated_note)}</span>
        </aside>
    }
}
