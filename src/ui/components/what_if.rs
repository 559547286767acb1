use leptos::prelude::*;

/// What-if preview on the customer account page: pick a qualification change and see, before
/// anything happens, which offers change eligibility and which subscriptions are affected.
#[component]
pub fn WhatIf(
    /// The customer the preview is for.
    customer_id: String,
) -> impl IntoView {
    let _ = customer_id;
}
