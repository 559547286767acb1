//! What-if preview on the customer account page: pick a qualification change and see, before
//! anything happens, which offers change eligibility and which subscriptions are affected and
//! how. The preview is the domain's `Desk::impact`; nothing is changed.

use leptos::prelude::*;

use crate::domain::{Impact, QualificationChange, Reason, SubscriptionEffect};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::action_error::reason_sentence;
use crate::ui::components::named_select::LabelledChoice;
use crate::ui::state::use_desk;

type I18n = leptos_i18n::I18nContext<Locale>;

/// What-if preview on the customer account page: pick a qualification change and see, before
/// anything happens, which offers change eligibility and which subscriptions are affected.
#[component]
pub fn WhatIf(
    /// The customer the preview is for.
    customer_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let chosen = RwSignal::new(None::<QualificationChange>);
    let customer_id = StoredValue::new(customer_id);

    let preview = Memo::new(move |_| {
        let change = chosen.get()?;
        let today = clock.today();
        let id = customer_id.get_value();
        Some(desk.with(|d| desk.with_catalog(|c| d.impact(c, &id, change, today))))
    });

    view! {
        <section class="what-if" aria-labelledby="what-if-title" data-testid="what-if">
            <h2 id="what-if-title">{tr!(i18n, selling.what_if.title)}</h2>
            <p class="muted">{tr!(i18n, selling.what_if.intro)}</p>
            <LabelledChoice
                id="what-if-change"
                label=|l| td_string!(l, selling.what_if.label)
                options=QualificationChange::all().to_vec()
                value=chosen
                empty=|l| td_string!(l, selling.what_if.choose)
            />
            {move || {
                let change = chosen.get()?;
                Some(match preview.get()? {
                    Ok(impact) => view! { <ImpactView change=change impact=impact /> }.into_any(),
                    Err(reasons) => {
                        view! {
                            <ul role="alert" class="errors">
                                {reasons
                                    .into_iter()
                                    .map(|r| view! { <li>{move || reason_sentence(i18n, desk, &r)}</li> })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                })
            }}
        </section>
    }
}

/// The preview of one change.
#[component]
fn ImpactView(change: QualificationChange, impact: Impact) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let requested = match change {
        QualificationChange::Grant(q) | QualificationChange::Revoke(q) => q,
    };
    // A change to a set that is not a row of the purchase matrix cannot happen: the domain
    // says so (`allowed`), and its reason sentence says why.
    let not_allowed = (!impact.allowed).then_some(Reason::QualificationSetNotAllowed {
        current: impact.before,
        requested,
        resulting: impact.after,
    });
    let gained = impact.offers_gained.clone();
    let lost = impact.offers_lost.clone();
    let subs = impact.subscriptions.clone();
    view! {
        <div class="impact" role="status" data-testid="what-if-preview">
            <p class="muted">{tr!(i18n, selling.what_if.preview_only)}</p>
            {not_allowed
                .map(|r| {
                    view! {
                        <div class="problems">
                            <p class="verdict-title">{tr!(i18n, selling.what_if.not_allowed)}</p>
                            <p>{move || reason_sentence(i18n, desk, &r)}</p>
                        </div>
                    }
                })}
            <div class="impact-columns">
                <OfferList title=Signal::derive(move || t_string!(i18n, selling.what_if.offers_gained)) offers=gained kind="gained" />
                <OfferList title=Signal::derive(move || t_string!(i18n, selling.what_if.offers_lost)) offers=lost kind="lost" />
            </div>
            <h3>{tr!(i18n, selling.what_if.subscriptions)}</h3>
            {if subs.is_empty() {
                view! { <p class="empty">{tr!(i18n, selling.what_if.no_subscriptions)}</p> }.into_any()
            } else {
                view! {
                    <ul class="impact-subscriptions">
                        {subs
                            .into_iter()
                            .map(|s| {
                                let name = use_desk().offer_name(&s.offer);
                                let effect = s.effect.clone();
                                view! {
                                    <li data-testid="what-if-subscription" data-subscription-id=s.subscription.clone()>
                                        <strong>{name}</strong>
                                        " — "
                                        {move || effect_text(i18n, &effect)}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}

/// A list of offers (names) under a heading.
#[component]
fn OfferList(
    title: Signal<&'static str>,
    offers: Vec<String>,
    kind: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class=format!("offer-change offer-change-{kind}")>
            <h3>{title}</h3>
            {if offers.is_empty() {
                view! { <p class="empty">{tr!(i18n, selling.what_if.no_offers)}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid=format!("what-if-offers-{kind}")>
                        {offers
                            .into_iter()
                            .map(|id| view! { <li data-offer-id=id.clone()>{use_desk().offer_name(&id)}</li> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}

fn effect_text(i18n: I18n, effect: &SubscriptionEffect) -> String {
    match effect {
        SubscriptionEffect::AutoRenewSwitchedOff {
            commercial_equivalent,
        } => {
            let off = t_string!(i18n, selling.what_if.auto_renew_off).to_string();
            match commercial_equivalent {
                Some(eq) => format!(
                    "{off}; {}",
                    t_string!(
                        i18n,
                        selling.what_if.equivalent,
                        offer = use_desk().offer_name(eq)
                    )
                ),
                None => off,
            }
        }
        SubscriptionEffect::SeatIncreasesAndRenewalBlocked => {
            t_string!(i18n, selling.what_if.blocked).to_string()
        }
        SubscriptionEffect::SeatIncreasesAndRenewalUnblocked => {
            t_string!(i18n, selling.what_if.unblocked).to_string()
        }
    }
}
