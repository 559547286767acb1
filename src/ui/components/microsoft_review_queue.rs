//! Microsoft's Education review queue, simulated: every customer whose Education qualification
//! is In review, to approve or to deny with one of the documented vetting reasons.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::{EducationSegment, Qualification, VettingReason, VettingStatus};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::components::named_select::NamedSelect;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::state::{use_desk, ActionError};

/// One Education request waiting for review.
#[derive(Clone, Debug, PartialEq)]
struct InReview {
    customer_id: String,
    company_name: String,
    since: NaiveDate,
    expected_by: Option<NaiveDate>,
    segment: Option<EducationSegment>,
    website: Option<String>,
}

/// What the last decision on this page was (shown as status text).
#[derive(Clone, Debug, PartialEq)]
enum Decided {
    Approved(String),
    Denied(String, VettingReason),
}

/// The queue: one item per Education request In review, oldest first.
#[component]
pub fn MicrosoftReviewQueue() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let decided = RwSignal::new(None::<Decided>);
    let queue = Memo::new(move |_| {
        desk.with(|d| {
            let mut items: Vec<InReview> = d
                .customers
                .iter()
                .filter_map(|c| {
                    let r = c.record(Qualification::Education)?;
                    (r.vetting_status == Some(VettingStatus::InReview)).then(|| InReview {
                        customer_id: c.id.clone(),
                        company_name: c.account.company_name.clone(),
                        since: r.created,
                        expected_by: r.expected_by(),
                        segment: r.education_segment,
                        website: r.website.clone().filter(|w| !w.trim().is_empty()),
                    })
                })
                .collect();
            crate::sorting::sort_by_key(&mut items, |i| i.since);
            items
        })
    });

    view! {
        <section class="ms-panel ms-review" aria-labelledby="ms-review-title">
            <h2 id="ms-review-title">
                {tr!(i18n, microsoft.review_queue)} " "
                <span class="badge">{tr!(i18n, microsoft.simulated_section)}</span>
            </h2>
            <p class="ms-help">{tr!(i18n, microsoft.review_intro)}</p>
            <p role="status" class="ms-outcome">
                {move || match decided.get() {
                    Some(Decided::Approved(name)) => {
                        t_string!(i18n, microsoft.approved_done, name = name)
                    }
                    Some(Decided::Denied(name, reason)) => {
                        t_string!(
                            i18n, microsoft.denied_done, name = name,
                            reason = reason.name(i18n.get_locale())
                        )
                    }
                    None => String::new(),
                }}
            </p>
            <Show
                when=move || !queue.with(Vec::is_empty)
                fallback=move || view! { <p class="ms-empty">{tr!(i18n, microsoft.review_empty)}</p> }
            >
                <p class="ms-count">
                    {move || t_string!(i18n, microsoft.review_count, count = numbers::count(i18n, queue.with(Vec::len)))}
                </p>
                <ul class="ms-review-list">
                    <For
                        each=move || queue.get()
                        key=|item| (item.customer_id.clone(), item.since)
                        children=move |item| view! { <ReviewItem item decided /> }
                    />
                </ul>
            </Show>
        </section>
    }
}

/// One request: the customer, since when, the details sent, Approve, or Deny with a reason.
#[component]
fn ReviewItem(item: InReview, decided: RwSignal<Option<Decided>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let error = RwSignal::new(None::<ActionError>);
    let reason = RwSignal::new(VettingReason::NotAnEducationCustomer);
    let error_id = format!("ms-review-error-{}", item.customer_id);
    let reason_id = format!("ms-review-reason-{}", item.customer_id);

    let id = item.customer_id.clone();
    let name = item.company_name.clone();
    let approve = move |_| {
        let result = desk.act(|d, ctx| d.approve_education(ctx, &id));
        match result {
            Ok(()) => decided.set(Some(Decided::Approved(name.clone()))),
            Err(e) => error.set(Some(e)),
        }
    };
    let id = item.customer_id.clone();
    let name = item.company_name.clone();
    let deny = move |_| {
        let chosen = reason.get_untracked();
        let result = desk.act(|d, ctx| d.deny_education(ctx, &id, chosen));
        match result {
            Ok(()) => decided.set(Some(Decided::Denied(name.clone(), chosen))),
            Err(e) => error.set(Some(e)),
        }
    };
    let has_error = move || error.with(Option::is_some);
    let described = {
        let error_id = error_id.clone();
        move || has_error().then(|| error_id.clone())
    };
    let (since, expected_by) = (item.since, item.expected_by);
    let segment = item.segment;
    let website = item.website.clone();

    view! {
        <li class="ms-review-item" data-testid="review-item">
            <h3>{item.company_name.clone()}</h3>
            <p class="ms-since">
                {move || t_string!(
                    i18n, microsoft.in_review_since, since = numbers::date(i18n.get_locale(), since),
                    expected = expected_by.map(|d| numbers::date(i18n.get_locale(), d)).unwrap_or_default()
                )}
            </p>
            <dl class="ms-details">
                <dt>{tr!(i18n, microsoft.segment_label)}</dt>
                <dd>{move || segment.map(|s| s.name(i18n.get_locale())).unwrap_or("—")}</dd>
                <dt>{tr!(i18n, microsoft.website_label)}</dt>
                <dd>
                    {move || website.clone().unwrap_or_else(|| t_string!(i18n, microsoft.no_website).to_string())}
                </dd>
            </dl>
            <div class="ms-actions">
                <button type="button" class="ms-approve" on:click=approve
                    aria-describedby=described.clone()>
                    {tr!(i18n, microsoft.approve)}
                </button>
                <span class="ms-deny">
                    <label for=reason_id.clone()>{tr!(i18n, microsoft.vetting_reason)}</label>
                    <NamedSelect
                        id=reason_id.clone()
                        options=VettingReason::ALL.to_vec()
                        value=Signal::derive(move || Some(reason.get()))
                        on_change=Callback::new(move |r: Option<VettingReason>| {
                            if let Some(r) = r {
                                reason.set(r)
                            }
                        })
                    />
                    <button type="button" class="ms-deny-button" on:click=deny
                        aria-describedby=described>
                        {tr!(i18n, microsoft.deny)}
                    </button>
                </span>
            </div>
            <ActionErrorAlert id=error_id error=error />
        </li>
    }
}
