use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_intro::PageIntro;

/// The partner settings page.
#[component]
pub fn PartnerSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="partner-settings">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.partner_settings.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.partner_settings.intro))
            />
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
