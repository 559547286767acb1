use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::*;
use crate::tr;
use crate::ui::components::subscription_table::SubscriptionTable;
use crate::ui::href;
use crate::ui::state::use_desk;

/// Subscriptions of one customer: change seats, switch auto-renew, cancel, add the commercial
/// equivalent where proposed, export CSV; and the way to a new subscription.
#[component]
pub fn CustomerSubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let params = use_params_map();
    let customer_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let company = Memo::new(move |_| {
        let id = customer_id.get();
        desk.with(|d| d.customer(&id).map(|c| c.account.company_name.clone()))
    });
    view! {
        <section class="page selling-page" data-page="customer-subscriptions">
            <header class="page-intro">
                <h1>{tr!(i18n, selling.subscriptions)}</h1>
                <Show
                    when=move || company.get().is_some()
                    fallback=move || view! { <p role="alert">{tr!(i18n, selling.new.unknown_customer)}</p> }
                >
                    <p>
                        {move || {
                            t_string!(i18n, selling.subs.intro_customer, company = company.get().unwrap_or_default())
                                .to_string()
                        }}
                    </p>
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
                </Show>
            </header>
            <Show when=move || company.get().is_some()>
                <SubscriptionTable customer_id=customer_id />
            </Show>
        </section>
    }
}
