use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_intro::PageIntro;
use crate::ui::components::simulated_banner::SimulatedBanner;

/// Microsoft's side, simulated: review queue, nonprofit programme, app clock.
#[component]
pub fn MicrosoftPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page simulated" data-page="microsoft">
            <SimulatedBanner />
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.microsoft.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.microsoft.intro))
            />
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
