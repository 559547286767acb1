use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::tr;
use crate::ui::components::page_intro::{use_addressed_customer, CustomerPageIntro};
use crate::ui::components::subscription_table::SubscriptionTable;
use crate::ui::href;

/// Subscriptions of one customer: change seats, switch auto-renew, cancel, add the commercial
/// equivalent where proposed, export CSV; and the way to a new subscription.
#[component]
pub fn CustomerSubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let (customer_id, company) = use_addressed_customer();
    view! {
        <section class="page selling-page" data-page="customer-subscriptions">
            <CustomerPageIntro
                title=Signal::derive(move || td_string!(i18n.get_locale(), selling.subscriptions))
                company
                intro=|l, company| td_string!(l, selling.subs.intro_customer, company = company).to_string()
            >
                <p class="page-links">
                    <A href=move || href(&format!("/customers/{}", customer_id.get()))>
                        {tr!(i18n, selling.subs.account)}
                    </A>
                    <A
                        href=move || href(&format!("/customers/{}/subscriptions/new", customer_id.get()))
                        attr:class="button-link primary"
                    >
                        {tr!(i18n, selling.subs.new)}
                    </A>
                </p>
            </CustomerPageIntro>
            <Show when=move || company.get().is_some()>
                <SubscriptionTable customer_id=customer_id />
            </Show>
        </section>
    }
}
