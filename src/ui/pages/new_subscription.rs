use leptos::prelude::*;

use crate::i18n::*;

/// New subscription: Discover, cart, review, submit.
#[component]
pub fn NewSubscriptionPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="new-subscription">
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
