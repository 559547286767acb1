use leptos::prelude::*;

use crate::i18n::*;

/// Subscriptions across all customers.
#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="subscriptions">
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
