//! "A new version is ready" with the button that starts it (see [`crate::ui::service_worker`]).

use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;
use crate::ui::service_worker::use_app_update;

/// Shown while a new version of the app waits; its button reloads the page with the new files.
/// The stored desk stays as it is.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_app_update();
    view! {
        <Show when=move || update.is_ready()>
            <div class="banner banner-info update-banner" role="status" data-testid="update-banner">
                <p>{tr!(i18n, shell.update.ready)}</p>
                <button type="button" on:click=move |_| update.apply()>
                    {tr!(i18n, shell.update.reload)}
                </button>
            </div>
        </Show>
    }
}
