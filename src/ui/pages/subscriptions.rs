use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;
use crate::ui::components::subscription_table::SubscriptionTable;

/// Subscriptions across all customers: seats, term, dates, auto-renew and status, with their
/// controls, search and the CSV export.
#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page selling-page" data-page="subscriptions">
            <header class="page-intro">
                <h1>{tr!(i18n, selling.subscriptions)}</h1>
                <p>{tr!(i18n, selling.subs.intro_all)}</p>
            </header>
            <SubscriptionTable />
        </section>
    }
}
