//! The subscriptions table shared by the customer's Subscriptions page and the Subscriptions
//! page across customers: offer, segment, seats, term, dates, auto-renew and status, with the
//! seat, auto-renew and cancel controls, the commercial equivalent where the domain proposes
//! one, and the CSV export.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Catalog, Desk, Subscription, SubscriptionStatus};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::action_error::{reason_sentence, ActionErrorAlert};
use crate::ui::download::download_text;
use crate::ui::href;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::state::{use_desk, ActionError};

type I18n = leptos_i18n::I18nContext<Locale>;

/// How many rows are rendered at first and added by "Show more".
const PAGE: usize = 100;

/// The table of subscriptions: of one customer (`customer_id`) or of all customers.
#[component]
pub fn SubscriptionTable(
    /// Only this customer's subscriptions; `None` for every customer's.
    #[prop(optional)]
    customer_id: Option<Memo<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let search = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let all_customers = customer_id.is_none();

    let matching = Memo::new(move |_| {
        let only = customer_id.map(|c| c.get());
        let needle = search.get().trim().to_lowercase();
        desk.with(|d| {
            desk.with_catalog(|catalog| {
                d.subscriptions
                    .iter()
                    .filter(|s| only.as_deref().is_none_or(|c| s.customer_id == c))
                    .filter(|s| needle.is_empty() || matches_search(d, catalog, s, &needle))
                    .map(|s| s.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| {
        let only = customer_id.map(|c| c.get());
        desk.with(|d| match only {
            Some(c) => d.subscriptions_of(&c).count(),
            None => d.subscriptions.len(),
        })
    });
    let shown = Memo::new(move |_| {
        matching.with(|ids| ids.iter().take(limit.get()).cloned().collect::<Vec<_>>())
    });

    view! {
        <div class="subscription-table">
            <div class="table-tools">
                <Show when=move || all_customers>
                    <label class="field field-grow">
                        <span>{tr!(i18n, selling.subs.search)}</span>
                        <input
                            type="search"
                            prop:value=move || search.get()
                            on:input=move |ev| {
                                search.set(event_target_value(&ev));
                                limit.set(PAGE);
                            }
                        />
                    </label>
                </Show>
                <ExportButton customer_id=customer_id matching=matching total=total />
            </div>
            <Show
                when=move || !matching.with(Vec::is_empty)
                fallback=move || {
                    view! {
                        <p class="empty">
                            {move || {
                                if total.get() == 0 {
                                    t_string!(i18n, selling.subs.none)
                                } else {
                                    t_string!(i18n, selling.subs.none_match)
                                }
                            }}
                        </p>
                    }
                }
            >
                <p class="muted" role="status">
                    {move || {
                        let shown = numbers::count(i18n, shown.with(Vec::len));
                        Counted::SubscriptionsShown
                            .text(i18n.get_locale(), matching.with(Vec::len), &[("shown", &shown)])
                    }}
                </p>
                <div class="table-scroll">
                    <table>
                        <SubscriptionsHead all_customers=all_customers />
                        <tbody>
                            <For
                                each=move || shown.get()
                                key=|id| id.clone()
                                children=move |id| view! { <SubscriptionRow sub_id=id show_customer=all_customers /> }
                            />
                        </tbody>
                    </table>
                </div>
                <Show when=move || { matching.with(Vec::len) > shown.with(Vec::len) }>
                    <button type="button" on:click=move |_| limit.update(|l| *l += PAGE)>
                        {tr!(i18n, selling.subs.show_more)}
                    </button>
                </Show>
            </Show>
        </div>
    }
}

/// "Export CSV" of the subscriptions the search shows, with a message if the download fails.
#[component]
fn ExportButton(
    customer_id: Option<Memo<String>>,
    matching: Memo<Vec<String>>,
    total: Memo<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let export_failed = RwSignal::new(false);
    let export = move |_| {
        let ids = matching.get_untracked();
        let csv =
            untrack(|| desk.with(|d| desk.with_catalog(|c| subscriptions_csv(i18n, d, c, &ids))));
        let today = clock.today();
        let name = match customer_id {
            Some(c) => {
                let prefix = untrack(|| {
                    desk.with(|d| {
                        d.customer(&c.get())
                            .map(|c| c.domain_prefix.clone())
                            .unwrap_or_default()
                    })
                });
                format!("subscriptions-{prefix}-{today}.csv")
            }
            None => format!("subscriptions-{today}.csv"),
        };
        export_failed.set(!download_text(&name, "text/csv;charset=utf-8", &csv));
    };

    view! {
        <button type="button" on:click=export disabled=move || total.get() == 0>
            {tr!(i18n, selling.subs.export)}
        </button>
        <Show when=move || export_failed.get()>
            <p role="alert" class="error">{tr!(i18n, selling.subs.export_failed)}</p>
        </Show>
    }
}

/// The column headings (with "Customer" when the table shows every customer's subscriptions).
#[component]
fn SubscriptionsHead(all_customers: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <Show when=move || all_customers>
                    <th scope="col">{tr!(i18n, selling.subs.customer)}</th>
                </Show>
                <th scope="col">{tr!(i18n, selling.subs.offer)}</th>
                <th scope="col">{tr!(i18n, selling.subs.segment)}</th>
                <th scope="col">{tr!(i18n, selling.subs.seats)}</th>
                <th scope="col">{tr!(i18n, selling.subs.term)}</th>
                <th scope="col">{tr!(i18n, selling.subs.dates)}</th>
                <th scope="col">{tr!(i18n, selling.subs.auto_renew)}</th>
                <th scope="col">{tr!(i18n, selling.subs.status)}</th>
                <th scope="col">{tr!(i18n, selling.subs.actions)}</th>
            </tr>
        </thead>
    }
}

/// Whether the subscription's offer, company or ids contain `needle` (lower case).
fn matches_search(desk: &Desk, catalog: &Catalog, s: &Subscription, needle: &str) -> bool {
    s.offer_id.contains(needle)
        || s.id.contains(needle)
        || catalog
            .get(&s.offer_id)
            .is_some_and(|o| o.name.to_lowercase().contains(needle))
        || desk
            .customer(&s.customer_id)
            .is_some_and(|c| c.account.company_name.to_lowercase().contains(needle))
}

/// One subscription with its controls; each refusal is shown next to its control.
#[component]
fn SubscriptionRow(sub_id: String, show_customer: bool) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let sub = {
        let id = sub_id.clone();
        Memo::new(move |_| desk.with(|d| d.subscription(&id).cloned()))
    };
    let Some(initial) = sub.get_untracked() else {
        return ().into_any();
    };
    let customer_id = initial.customer_id.clone();
    let company = {
        let cid = customer_id.clone();
        Memo::new(move |_| {
            desk.with(|d| {
                d.customer(&cid)
                    .map(|c| c.account.company_name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let segment = initial.segment;
    let term = initial.term;
    let billing = initial.billing;
    // Element ids of this row's controls.
    let dom = sub_id.replace(|c: char| !c.is_ascii_alphanumeric(), "");
    // Where focus goes once the subscription is cancelled and its controls are gone: the status
    // ("Cancelled on …"), which a screen reader then reads out.
    let status_cell = NodeRef::<leptos::html::Td>::new();
    let active = move || sub.with(|s| s.as_ref().is_some_and(Subscription::is_active));
    let (seats_id, renew_id, row_id) = (sub_id.clone(), sub_id.clone(), sub_id.clone());
    let (seats_dom, renew_dom) = (dom.clone(), dom.clone());

    view! {
        <tr
            data-testid="subscription-row"
            data-subscription-id=row_id
            data-offer-id=initial.offer_id.clone()
            data-segment=segment.value()
            class:cancelled=move || !active()
        >
            <Show when=move || show_customer>
                <td>
                    <A href=href(&format!("/customers/{}/subscriptions", customer_id))>{move || company.get()}</A>
                </td>
            </Show>
            <OfferCell sub=sub offer_id=initial.offer_id.clone() customer_id=initial.customer_id.clone() />
            <td>
                <span class=format!("segment-tag segment-{}", segment.value().to_lowercase())>
                    {move || segment.name(i18n.get_locale())}
                </span>
            </td>
            <SeatsCell sub=sub sub_id=seats_id dom=seats_dom />
            <td>
                {move || term.name(i18n.get_locale())}
                <br />
                <span class="muted">{move || billing.name(i18n.get_locale())}</span>
            </td>
            <td class="dates">
                {move || {
                    sub.get()
                        .map(|s| {
                            let today = clock.today();
                            let renews = desk
                                .with(|d| desk.with_catalog(|c| d.renews_at_term_end(c, &s.id, today)));
                            let (start, end) = dates_text(i18n, &s, renews);
                            view! {
                                <span class="date-line">{start}</span>
                                " "
                                <span class="date-line">{end}</span>
                            }
                        })
                }}
            </td>
            <RenewCell sub=sub sub_id=renew_id dom=renew_dom />
            <td data-testid="subscription-status" tabindex="-1" node_ref=status_cell>
                {move || sub.get().map(|s| view! { <StatusText sub=s /> })}
            </td>
            <CancelCell sub=sub sub_id=sub_id dom=dom status_cell=status_cell />
        </tr>
    }
    .into_any()
}

/// The offer's name, and the commercial equivalent where the domain proposes one.
#[component]
fn OfferCell(
    sub: Memo<Option<Subscription>>,
    offer_id: String,
    customer_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let equivalent = move || sub.with(|s| s.as_ref().and_then(|s| s.proposed_equivalent.clone()));
    view! {
        <td class="offer-cell">
            <span class="offer-name">{use_desk().offer_name(&offer_id)}</span>
            // docs/RULES.md §9a: the subscription keeps its offer data; its offer is not sold.
            {(!use_desk().offer_in_catalog(&offer_id)).then(|| view! {
                <span class="tag not-in-catalog" data-testid="not-in-catalog">{tr!(i18n, selling.subs.not_in_catalog)}</span>
            })}
            {move || {
                equivalent()
                    .map(|eq| {
                        let name = use_desk().offer_name(&eq);
                        let link = href(&format!("/customers/{}/subscriptions/new?add={}", customer_id, eq));
                        view! {
                            <p class="equivalent">
                                {move || t_string!(i18n, selling.subs.equivalent_proposed, offer = name.clone()).to_string()}
                                " "
                                <A href=link attr:class="button-link primary">{tr!(i18n, selling.subs.add_equivalent)}</A>
                            </p>
                        }
                    })
            }}
        </td>
    }
}

/// Seats: a number input and "Save seats"; the domain checks the change.
#[component]
fn SeatsCell(sub: Memo<Option<Subscription>>, sub_id: String, dom: String) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let active = move || sub.with(|s| s.as_ref().is_some_and(Subscription::is_active));
    let seats_input = RwSignal::new(
        sub.with_untracked(|s| s.as_ref().map(|s| s.seats).unwrap_or(0))
            .to_string(),
    );
    let error = RwSignal::new(None::<ActionError>);
    let saved = RwSignal::new(false);
    // Keep the input in step when the seats change elsewhere (another tab, an import).
    Effect::new(move |prev: Option<u32>| {
        let seats = sub.with(|s| s.as_ref().map(|s| s.seats).unwrap_or(0));
        if prev.is_some_and(|p| p != seats) {
            seats_input.set(seats.to_string());
        }
        seats
    });
    let save_seats = move |_| {
        saved.set(false);
        // Unreadable input becomes 0 seats, which the domain refuses with its reason.
        let seats = seats_input
            .get_untracked()
            .trim()
            .parse::<u32>()
            .unwrap_or(0);
        match desk.with_catalog(|c| desk.act(|d, ctx| d.change_seats(ctx, c, &sub_id, seats))) {
            Ok(()) => {
                error.set(None);
                saved.set(true);
            }
            Err(err) => error.set(Some(err)),
        }
    };
    let input_id = format!("seats-{dom}");
    let error_id = format!("seats-error-{dom}");
    let described = error_id.clone();
    view! {
        <td class="seats-cell">
            <label class="visually-hidden" for=input_id.clone()>{tr!(i18n, selling.subs.seats)}</label>
            <input
                id=input_id
                type="number"
                min="1"
                inputmode="numeric"
                prop:value=move || seats_input.get()
                on:input=move |ev| {
                    seats_input.set(event_target_value(&ev));
                    saved.set(false);
                }
                disabled=move || !active()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
            />
            <button type="button" on:click=save_seats disabled=move || !active()>
                {tr!(i18n, selling.subs.save_seats)}
            </button>
            <Show when=move || saved.get()>
                <span role="status" class="ok-text">{tr!(i18n, selling.subs.saved)}</span>
            </Show>
            <ActionErrorAlert id=error_id error=error />
        </td>
    }
}

/// Auto-renew: a checkbox, locked with the domain's reasons where switching it on is refused.
#[component]
fn RenewCell(sub: Memo<Option<Subscription>>, sub_id: String, dom: String) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let active = move || sub.with(|s| s.as_ref().is_some_and(Subscription::is_active));
    let auto_renew = move || sub.with(|s| s.as_ref().is_some_and(|s| s.auto_renew));
    // Whether switching auto-renew on would be allowed: the domain's answer, not the UI's.
    let renew_lock = {
        let id = sub_id.clone();
        Memo::new(move |_| {
            let today = clock.today();
            desk.with(|d| desk.with_catalog(|c| d.auto_renew_check(c, &id, true, today)))
        })
    };
    let locked = move || active() && !auto_renew() && !renew_lock.with(|d| d.is_allowed());
    let error = RwSignal::new(None::<ActionError>);
    let toggle_renew = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        match desk.with_catalog(|c| desk.act(|d, ctx| d.set_auto_renew(ctx, c, &sub_id, on))) {
            Ok(()) => error.set(None),
            Err(err) => {
                error.set(Some(err));
                // Put the box back to what the desk holds.
                let input: web_sys::HtmlInputElement = event_target(&ev);
                input.set_checked(!on);
            }
        }
    };
    let input_id = format!("renew-{dom}");
    let note_id = format!("renew-note-{dom}");
    let described = note_id.clone();
    view! {
        <td class="renew-cell">
            <label class="visually-hidden" for=input_id.clone()>{tr!(i18n, selling.subs.auto_renew)}</label>
            <input
                id=input_id
                type="checkbox"
                prop:checked=auto_renew
                disabled=move || !active() || locked()
                aria-describedby=move || locked().then(|| described.clone())
                on:change=toggle_renew
            />
            <Show when=locked>
                <div class="locked-note" id=note_id.clone()>
                    <p>{tr!(i18n, selling.subs.auto_renew_locked)}</p>
                    <ul class="reasons">
                        {move || {
                            renew_lock
                                .get()
                                .reasons()
                                .iter()
                                .map(|r| {
                                    let r = r.clone();
                                    view! { <li class="reason">{move || reason_sentence(i18n, desk, &r)}</li> }
                                })
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
            <ActionErrorAlert id=format!("renew-error-{dom}") error=error />
        </td>
    }
}

/// Cancel, asked first ([`CancelControl`]); once cancelled, focus goes to `status_cell`.
#[component]
fn CancelCell(
    sub: Memo<Option<Subscription>>,
    sub_id: String,
    dom: String,
    status_cell: NodeRef<leptos::html::Td>,
) -> impl IntoView {
    let desk = use_desk();
    let active = move || sub.with(|s| s.as_ref().is_some_and(Subscription::is_active));
    let error = RwSignal::new(None::<ActionError>);
    let offer = sub
        .with_untracked(|s| s.as_ref().map(|s| use_desk().offer_name(&s.offer_id)))
        .unwrap_or_default();
    let cancel = move |()| match desk.act(|d, ctx| d.cancel_subscription(ctx, &sub_id)) {
        Ok(()) => {
            error.set(None);
            if let Some(cell) = status_cell.get_untracked() {
                let _ = cell.focus();
            }
        }
        Err(err) => error.set(Some(err)),
    };
    let question_id = format!("cancel-question-{dom}");
    view! {
        <td>
            <Show when=active>
                <CancelControl
                    question_id=question_id.clone()
                    offer_name=offer.clone()
                    on_confirm=Callback::new(cancel.clone())
                />
            </Show>
            <ActionErrorAlert id=format!("cancel-error-{dom}") error=error />
        </td>
    }
}

/// "Cancel subscription", asked once more before it happens: a cancellation cannot be undone.
/// Focus goes to the question's safe answer, and back to the button when the subscription is
/// kept (also with Escape), so a keyboard user keeps their place in the table.
#[component]
fn CancelControl(
    /// A unique id for the question, which labels the group of answers.
    question_id: String,
    offer_name: String,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let keep_button = NodeRef::<leptos::html::Button>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    // Set by "Keep it": the cancel button, drawn anew, takes the focus back.
    let return_focus = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(button) = keep_button.get() {
            let _ = button.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            if return_focus.get_value() {
                return_focus.set_value(false);
                let _ = button.focus();
            }
        }
    });
    let keep = move || {
        return_focus.set_value(true);
        asking.set(false);
    };
    let question = move || {
        t_string!(
            i18n,
            selling.subs.cancel_question,
            offer = offer_name.clone()
        )
        .to_string()
    };
    view! {
        <Show
            when=move || asking.get()
            fallback=move || view! {
                <button type="button" class="danger" node_ref=cancel_button on:click=move |_| asking.set(true)>
                    {tr!(i18n, selling.subs.cancel)}
                </button>
            }
        >
            <div
                class="cancel-question"
                role="group"
                aria-labelledby=question_id.clone()
                on:keydown=move |ev| if ev.key() == "Escape" { keep() }
            >
                <p id=question_id.clone()>{question.clone()}</p>
                <button type="button" class="danger" on:click=move |_| on_confirm.run(())>
                    {tr!(i18n, selling.subs.cancel_confirm)}
                </button>
                <button type="button" node_ref=keep_button on:click=move |_| keep()>
                    {tr!(i18n, selling.subs.cancel_keep)}
                </button>
            </div>
        </Show>
    }
}

/// "From <start>" and "Renews on <end>" where the domain says the subscription renews at its
/// term end (`renews`), else "Ends on <end>" (auto-renew off, no longer eligible, or no longer
/// active); "no end date" for perpetual licences (docs/RULES.md §7: renewal).
fn dates_text(i18n: I18n, s: &Subscription, renews: bool) -> (String, String) {
    let start = t_string!(
        i18n,
        selling.subs.starts,
        start = numbers::date(i18n.get_locale(), s.start)
    )
    .to_string();
    let end = match s.end {
        Some(end) if renews => t_string!(
            i18n,
            selling.subs.renews_on,
            end = numbers::date(i18n.get_locale(), end)
        )
        .to_string(),
        Some(end) => t_string!(
            i18n,
            selling.subs.ends_on,
            end = numbers::date(i18n.get_locale(), end)
        )
        .to_string(),
        None => t_string!(i18n, selling.subs.no_end).to_string(),
    };
    (start, end)
}

fn status_text(i18n: I18n, s: &Subscription) -> String {
    match &s.status {
        SubscriptionStatus::Active => t_string!(i18n, selling.subs.active).to_string(),
        SubscriptionStatus::Cancelled { on } => t_string!(
            i18n,
            selling.subs.cancelled,
            date = numbers::date(i18n.get_locale(), *on)
        )
        .to_string(),
        SubscriptionStatus::Expired { on } => t_string!(
            i18n,
            selling.subs.expired,
            date = numbers::date(i18n.get_locale(), *on)
        )
        .to_string(),
        SubscriptionStatus::Ended { on, .. } => t_string!(
            i18n,
            selling.subs.ended,
            date = numbers::date(i18n.get_locale(), *on)
        )
        .to_string(),
    }
}

/// The status, and for a subscription that ended at a renewal, why it was not renewed.
#[component]
fn StatusText(sub: Subscription) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let reasons = match &sub.status {
        SubscriptionStatus::Ended { reasons, .. } => reasons.clone(),
        _ => Vec::new(),
    };
    let why = (!reasons.is_empty()).then(|| {
        view! {
            <p class="muted">{tr!(i18n, selling.subs.ended_reasons)}</p>
            <ul class="reasons">
                {reasons
                    .into_iter()
                    .map(|r| view! { <li class="reason">{move || reason_sentence(i18n, desk, &r)}</li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <span data-testid="subscription-status-text">{move || status_text(i18n, &sub)}</span>
        {why}
    }
}

/// The CSV of the subscriptions `ids` (headers in the current language).
fn subscriptions_csv(i18n: I18n, desk: &Desk, catalog: &Catalog, ids: &[String]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        t_string!(i18n, selling.csv.subscription_id),
        t_string!(i18n, selling.csv.customer_id),
        t_string!(i18n, selling.csv.company_name),
        t_string!(i18n, selling.csv.offer_id),
        t_string!(i18n, selling.csv.offer_name),
        t_string!(i18n, selling.csv.segment),
        t_string!(i18n, selling.csv.seats),
        t_string!(i18n, selling.csv.term),
        t_string!(i18n, selling.csv.billing),
        t_string!(i18n, selling.csv.start),
        t_string!(i18n, selling.csv.end),
        t_string!(i18n, selling.csv.auto_renew),
        t_string!(i18n, selling.csv.status),
        t_string!(i18n, selling.csv.proposed_equivalent),
    ]);
    let yes_no = |b: bool| {
        if b {
            t_string!(i18n, selling.csv.yes)
        } else {
            t_string!(i18n, selling.csv.no)
        }
    };
    for s in ids.iter().filter_map(|id| desk.subscription(id)) {
        let company = desk
            .customer(&s.customer_id)
            .map(|c| spreadsheet_safe(&c.account.company_name))
            .unwrap_or_default();
        let offer = catalog
            .get(&s.offer_id)
            .map(|o| o.name.as_str())
            .unwrap_or("");
        let _ = w.write_record([
            s.id.as_str(),
            s.customer_id.as_str(),
            company.as_str(),
            s.offer_id.as_str(),
            offer,
            s.segment.name(i18n.get_locale()),
            &s.seats.to_string(),
            s.term.name(i18n.get_locale()),
            s.billing.name(i18n.get_locale()),
            &s.start.to_string(),
            &s.end.map(|e| e.to_string()).unwrap_or_default(),
            yes_no(s.auto_renew),
            &status_text(i18n, s),
            s.proposed_equivalent.as_deref().unwrap_or(""),
        ]);
    }
    w.into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// User text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) gets a leading `'`.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet_safe("Contoso"), "Contoso");
    }
}
