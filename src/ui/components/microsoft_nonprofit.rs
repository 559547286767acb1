//! Microsoft's nonprofit programme, simulated: a customer registers (Nonprofit approved), a
//! periodic review finds a customer no longer eligible (90-day notice with a removal date), and
//! within the 90 days Microsoft may find it eligible again (the notice is lifted).

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::nonprofit::{check_notice, check_register};
use crate::domain::NonprofitReview;
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::numbers;
use crate::ui::state::{use_desk, ActionError, DeskState};

/// What the last action of the programme did (shown as status text).
#[derive(Clone, Debug, PartialEq)]
enum Done {
    Registered(String),
    Notice(String, NaiveDate),
    Lifted(String),
}

/// A customer with a running notice.
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    customer_id: String,
    company_name: String,
    notice_date: NaiveDate,
    removal_date: NaiveDate,
}

fn company_name(desk: DeskState, id: &str) -> String {
    untrack(|| desk.with(|d| d.customer(id).map(|c| c.account.company_name.clone())))
        .unwrap_or_default()
}

fn sorted(mut list: Vec<(String, String)>) -> Vec<(String, String)> {
    crate::sorting::sort_by_cached_key(&mut list, |(_, name)| name.to_lowercase());
    list
}

/// Register a customer; send a "no longer eligible" notice; the notices running.
#[component]
pub fn MicrosoftNonprofit() -> impl IntoView {
    let i18n = use_i18n();
    let done = RwSignal::new(None::<Done>);
    view! {
        <section class="ms-panel ms-nonprofit" aria-labelledby="ms-nonprofit-title">
            <h2 id="ms-nonprofit-title">
                {tr!(i18n, microsoft.nonprofit)} " "
                <span class="badge">{tr!(i18n, microsoft.simulated_section)}</span>
            </h2>
            <p class="ms-help">{tr!(i18n, microsoft.nonprofit_intro)}</p>
            <p role="status" class="ms-outcome">
                {move || match done.get() {
                    Some(Done::Registered(name)) => t_string!(i18n, microsoft.registered_done, name = name),
                    Some(Done::Notice(name, removal)) => t_string!(
                        i18n, microsoft.notice_done, name = name, removal = numbers::date(i18n.get_locale(), removal)
                    ),
                    Some(Done::Lifted(name)) => t_string!(i18n, microsoft.lifted_done, name = name),
                    None => String::new(),
                }}
            </p>
            <RegisterRow done=done />
            <NoticeRow done=done />
            <h3>{tr!(i18n, microsoft.notices)}</h3>
            <NoticeList done=done />
        </section>
    }
}

/// The customers the domain lets `allowed` pass (its checks return no reasons), by name.
fn customers_where(
    desk: DeskState,
    allowed: fn(&crate::domain::Customer) -> bool,
) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        desk.with(|d| {
            sorted(
                d.customers
                    .iter()
                    .filter(|c| allowed(c))
                    .map(|c| (c.id.clone(), c.account.company_name.clone()))
                    .collect(),
            )
        })
    })
}

/// "Register with the nonprofit programme": a customer the domain allows, and the button.
#[component]
fn RegisterRow(done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let registrable = customers_where(desk, |c| check_register(c).is_empty());
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let hint = RwSignal::new(false);
    let register = move |_| {
        let id = chosen.get_untracked();
        hint.set(id.is_empty());
        if id.is_empty() {
            return;
        }
        let name = company_name(desk, &id);
        match desk.act(|d, ctx| d.register_nonprofit(ctx, &id)) {
            Ok(()) => {
                error.set(None);
                chosen.set(String::new());
                done.set(Some(Done::Registered(name)));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="ms-row">
            <CustomerPick
                id="ms-register-customer"
                label=Signal::derive(move || t_string!(i18n, microsoft.register_customer))
                options=registrable
                selected=chosen
                empty=Signal::derive(move || t_string!(i18n, microsoft.none_to_register))
            />
            <button type="button" on:click=register
                aria-describedby="ms-register-error ms-register-hint">
                {tr!(i18n, microsoft.register)}
            </button>
            <Show when=move || hint.get()>
                <p class="field-error" id="ms-register-hint" role="alert">
                    {tr!(i18n, microsoft.choose_first)}
                </p>
            </Show>
            <ActionErrorAlert id="ms-register-error" error=error />
        </div>
    }
}

/// Periodic review: send a "no longer eligible" notice to a customer the domain allows.
#[component]
fn NoticeRow(done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let reviewable = customers_where(desk, |c| check_notice(c).is_empty());
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ActionError>);
    let hint = RwSignal::new(false);
    let send_notice = move |_| {
        let id = chosen.get_untracked();
        hint.set(id.is_empty());
        if id.is_empty() {
            return;
        }
        let name = company_name(desk, &id);
        match desk.act(|d, ctx| d.send_nonprofit_notice(ctx, &id)) {
            Ok(removal) => {
                error.set(None);
                chosen.set(String::new());
                done.set(Some(Done::Notice(name, removal)));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <div class="ms-row">
            <CustomerPick
                id="ms-review-customer"
                label=Signal::derive(move || t_string!(i18n, microsoft.review_customer))
                options=reviewable
                selected=chosen
                empty=Signal::derive(move || t_string!(i18n, microsoft.none_to_review))
            />
            <button type="button" on:click=send_notice
                aria-describedby="ms-notice-error ms-notice-hint">
                {tr!(i18n, microsoft.send_notice)}
            </button>
            <Show when=move || hint.get()>
                <p class="field-error" id="ms-notice-hint" role="alert">
                    {tr!(i18n, microsoft.choose_first)}
                </p>
            </Show>
            <ActionErrorAlert id="ms-notice-error" error=error />
        </div>
    }
}

/// The notices running, soonest removal first, each with "Eligible again: lift the notice".
#[component]
fn NoticeList(done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let notices = Memo::new(move |_| {
        desk.with(|d| {
            let mut list: Vec<Notice> = d
                .customers
                .iter()
                .filter_map(|c| match c.nonprofit_review {
                    Some(NonprofitReview::NoticeGiven {
                        notice_date,
                        removal_date,
                    }) => Some(Notice {
                        customer_id: c.id.clone(),
                        company_name: c.account.company_name.clone(),
                        notice_date,
                        removal_date,
                    }),
                    _ => None,
                })
                .collect();
            crate::sorting::sort_by_key(&mut list, |n| n.removal_date);
            list
        })
    });
    view! {
        <Show
            when=move || !notices.with(Vec::is_empty)
            fallback=move || view! { <p class="ms-empty">{tr!(i18n, microsoft.no_notices)}</p> }
        >
            <ul class="ms-notices">
                <For
                    each=move || notices.get()
                    key=|n| (n.customer_id.clone(), n.notice_date)
                    children=move |n| {
                        let (notice, removal) = (n.notice_date, n.removal_date);
                        view! {
                            <li data-testid="nonprofit-notice">
                                <strong>{n.company_name.clone()}</strong>
                                ": "
                                {move || t_string!(
                                    i18n, microsoft.notice_item,
                                    notice = numbers::date(i18n.get_locale(), notice),
                                    removal = numbers::date(i18n.get_locale(), removal)
                                )}
                                " "
                                <LiftButton customer_id=n.customer_id.clone() done=done />
                            </li>
                        }
                    }
                />
            </ul>
        </Show>
    }
}

/// Microsoft finds the customer eligible again: the notice is lifted (the domain checks that the
/// removal date has not come), with the refusal next to the button.
#[component]
fn LiftButton(customer_id: String, done: RwSignal<Option<Done>>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let error = RwSignal::new(None::<ActionError>);
    let error_id = format!(
        "ms-lift-error-{}",
        customer_id.replace(|c: char| !c.is_ascii_alphanumeric(), "")
    );
    let described = error_id.clone();
    let lift = move |_| {
        let name = company_name(desk, &customer_id);
        match desk.act(|d, ctx| d.lift_nonprofit_notice(ctx, &customer_id)) {
            Ok(()) => {
                error.set(None);
                done.set(Some(Done::Lifted(name)));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <button type="button" on:click=lift aria-describedby=described>
            {tr!(i18n, microsoft.lift_notice)}
        </button>
        <ActionErrorAlert id=error_id error=error />
    }
}

/// A labelled select of customers (id, company name) with a "Choose a customer" first option.
#[component]
fn CustomerPick(
    id: &'static str,
    label: Signal<&'static str>,
    options: Memo<Vec<(String, String)>>,
    selected: RwSignal<String>,
    /// Said when there is nobody to choose.
    empty: Signal<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                prop:value=move || selected.get()
                on:change=move |ev| selected.set(event_target_value(&ev))
            >
                <option value="" selected=move || selected.get().is_empty()>
                    {tr!(i18n, microsoft.choose_customer)}
                </option>
                <For
                    each=move || options.get()
                    key=|(id, name)| (id.clone(), name.clone())
                    children=move |(value, name)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || selected.get() == v>{name}</option> }
                    }
                />
            </select>
            <Show when=move || options.with(Vec::is_empty)>
                <p class="ms-help">{move || empty.get()}</p>
            </Show>
        </div>
    }
}
