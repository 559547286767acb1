use leptos::prelude::*;

use crate::i18n::*;

/// Subscriptions of one customer.
#[component]
pub fn CustomerSubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="customer-subscriptions">
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
