use leptos::prelude::*;

use crate::i18n::*;

/// Add customer (Special qualifications, account fields, Next: Review, Submit).
#[component]
pub fn AddCustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="add-customer">
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
