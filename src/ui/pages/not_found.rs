use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::tr;
use crate::ui::href;

/// Shown for any address that is not a page of the app.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="not-found">
            <h1>{tr!(i18n, shell.not_found.title)}</h1>
            <p>{tr!(i18n, shell.not_found.body)}</p>
            <p><A href=href("/customers")>{tr!(i18n, shell.not_found.back)}</A></p>
        </section>
    }
}
