use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_intro::PageIntro;

/// The data page.
#[component]
pub fn DataPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="data">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.data.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.data.intro))
            />
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
