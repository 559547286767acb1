use leptos::prelude::*;

use crate::i18n::*;

/// Customer account: company information, special qualifications, requests.
#[component]
pub fn CustomerAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="customer-account">
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
