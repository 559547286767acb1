use leptos::prelude::*;

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
