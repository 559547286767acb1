use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_intro::PageIntro;

/// The customers page.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="customers">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.customers.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.customers.intro))
            />
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
