use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::microsoft_clock::MicrosoftClock;
use crate::ui::components::microsoft_nonprofit::MicrosoftNonprofit;
use crate::ui::components::microsoft_review_queue::MicrosoftReviewQueue;
use crate::ui::components::page_intro::PageIntro;
use crate::ui::components::simulated_banner::SimulatedBanner;

/// Microsoft's side, simulated: review queue, nonprofit programme, app clock. Every section
/// carries the simulation badge, and the banner says nothing here talks to Microsoft.
#[component]
pub fn MicrosoftPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page simulated microsoft-page" data-page="microsoft">
            <SimulatedBanner />
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.microsoft.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.microsoft.intro))
            />
            <MicrosoftClock />
            <div class="ms-grid">
                <MicrosoftReviewQueue />
                <MicrosoftNonprofit />
            </div>
        </section>
    }
}
