use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::*;
use crate::tr;
use crate::ui::state::use_desk;

/// A page's heading and one sentence saying what the page is for.
#[component]
pub fn PageIntro(
    /// The page title (translated).
    title: Signal<&'static str>,
    /// What the page is for (translated).
    intro: Signal<&'static str>,
) -> impl IntoView {
    view! {
        <header class="page-intro">
            <h1>{title}</h1>
            <p>{intro}</p>
        </header>
    }
}

/// The heading of a page about one customer: the title, then `intro` with the company's name
/// and the page's `children` (its links); "unknown customer" instead when the address names
/// no customer of the desk.
#[component]
pub fn CustomerPageIntro(
    /// The page title (translated).
    title: Signal<&'static str>,
    /// The customer's company name; `None` when the address names no customer.
    company: Memo<Option<String>>,
    /// What the page is for, with the company's name, in a language.
    intro: fn(Locale, &str) -> String,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="page-intro">
            <h1>{title}</h1>
            <Show
                when=move || company.get().is_some()
                fallback=move || view! { <p role="alert">{tr!(i18n, selling.new.unknown_customer)}</p> }
            >
                <p>{move || intro(i18n.get_locale(), &company.get().unwrap_or_default())}</p>
                {children()}
            </Show>
        </header>
    }
}

/// The customer the address names (`/customers/:id/…`): its id, and its company name while the
/// desk has it.
pub fn use_addressed_customer() -> (Memo<String>, Memo<Option<String>>) {
    let desk = use_desk();
    let params = use_params_map();
    let customer_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let company = Memo::new(move |_| {
        let id = customer_id.get();
        desk.with(|d| d.customer(&id).map(|c| c.account.company_name.clone()))
    });
    (customer_id, company)
}
