use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use crate::domain::{Change, Desk, Entity};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::audit_entry_row::{AuditEntryRow, AuditRow, EntityLabel};
use crate::ui::components::page_intro::PageIntro;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::state::use_desk;

/// How many entries the page shows at first and adds with "Show more".
const PAGE_SIZE: usize = 200;

/// The audit log page: every change, newest first, filterable by customer. Renders at most the
/// newest `PAGE_SIZE` matching entries at a time, so a log of 10,000+ entries stays fast.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let customer = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE_SIZE);

    // (matching entries in total, the newest `limit` of them ready to show)
    let rows = Memo::new(move |_| {
        let selected = customer.get();
        let limit = limit.get();
        desk.with(|d| audit_rows(d, &selected, limit))
    });
    let total = move || rows.with(|(t, _)| *t);
    let shown = move || rows.with(|(_, r)| r.len());

    view! {
        <section class="page audit-log-page" data-page="audit-log">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.audit_log.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.audit_log.intro))
            />
            <div class="audit-controls">
                <CustomerFilter customer=customer on_change=Callback::new(move |()| limit.set(PAGE_SIZE)) />
                <p class="audit-count" role="status">
                    {move || (total() > 0).then(|| Counted::AuditShowing.text(i18n.get_locale(), total(), &[("shown", &numbers::count(i18n, shown()))]))}
                </p>
            </div>
            <Show
                when=move || { total() > 0 }
                fallback=move || view! {
                    <p class="ms-empty">
                        {move || if customer.get().is_empty() {
                            t_string!(i18n, audit.empty)
                        } else {
                            t_string!(i18n, audit.empty_filtered)
                        }}
                    </p>
                }
            >
                <div class="audit-table-wrap">
                    <table class="audit-table">
                        <thead>
                            <tr>
                                <th scope="col">{tr!(i18n, audit.columns.date)}</th>
                                <th scope="col">{tr!(i18n, audit.columns.role)}</th>
                                <th scope="col">{tr!(i18n, audit.columns.entity)}</th>
                                <th scope="col">{tr!(i18n, audit.columns.what)}</th>
                                <th scope="col">{tr!(i18n, audit.columns.before_after)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || rows.with(|(_, r)| r.clone())
                                key=|row| row.seq
                                children=move |row| view! { <AuditEntryRow row /> }
                            />
                        </tbody>
                    </table>
                </div>
                <Show when=move || { shown() < total() }>
                    <button type="button" class="audit-more" on:click=move |_| limit.update(|l| *l += PAGE_SIZE)>
                        {tr!(i18n, audit.show_more)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}

/// The entries about customer `selected` (all with an empty id): how many there are, and the
/// newest `limit` of them as rows, newest first.
fn audit_rows(d: &Desk, selected: &str, limit: usize) -> (usize, Vec<AuditRow>) {
    let names: HashMap<&str, &str> = d
        .customers
        .iter()
        .map(|c| (c.id.as_str(), c.account.company_name.as_str()))
        .collect();
    let owner: HashMap<&str, &str> = d
        .subscriptions
        .iter()
        .map(|s| (s.id.as_str(), s.customer_id.as_str()))
        .collect();
    let selected_subs: HashSet<&str> = if selected.is_empty() {
        HashSet::new()
    } else {
        d.subscriptions_of(selected)
            .map(|s| s.id.as_str())
            .collect()
    };
    let matches = |e: &&crate::domain::AuditEntry| {
        selected.is_empty()
            || match (&e.entity, &e.change) {
                (Entity::Customer { id }, _) => *id == selected,
                (_, Change::SubscriptionCreated { customer, .. }) => *customer == selected,
                (Entity::Subscription { id }, _) => selected_subs.contains(id.as_str()),
                (Entity::Partner, _) => false,
            }
    };
    let total = d.audit.iter().filter(matches).count();
    let shown: Vec<AuditRow> = d
        .audit
        .iter()
        .rev()
        .filter(matches)
        .take(limit)
        .map(|e| AuditRow {
            seq: e.seq,
            date: e.date,
            actor: e.actor,
            entity: match &e.entity {
                Entity::Customer { id } => EntityLabel::Customer {
                    id: id.clone(),
                    name: names.get(id.as_str()).map(|n| n.to_string()),
                },
                Entity::Subscription { id } => {
                    let customer_id = match &e.change {
                        Change::SubscriptionCreated { customer, .. } => Some(customer.as_str()),
                        _ => owner.get(id.as_str()).copied(),
                    };
                    EntityLabel::Subscription {
                        id: id.clone(),
                        customer_id: customer_id.map(str::to_string),
                        customer_name: customer_id
                            .and_then(|c| names.get(c))
                            .map(|n| n.to_string()),
                    }
                }
                Entity::Partner => EntityLabel::Partner,
            },
            change: e.change.clone(),
        })
        .collect();
    (total, shown)
}

/// "Customer": all customers, or one, by name.
#[component]
fn CustomerFilter(customer: RwSignal<String>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let customers = Memo::new(move |_| {
        desk.with(|d| {
            let mut list: Vec<(String, String)> = d
                .customers
                .iter()
                .map(|c| (c.id.clone(), c.account.company_name.clone()))
                .collect();
            crate::sorting::sort_by_cached_key(&mut list, |(_, name)| name.to_lowercase());
            list
        })
    });
    view! {
        <div class="field">
            <label for="audit-customer">{tr!(i18n, audit.customer_filter)}</label>
            <select
                id="audit-customer"
                prop:value=move || customer.get()
                on:change=move |ev| {
                    customer.set(event_target_value(&ev));
                    on_change.run(());
                }
            >
                <option value="" selected=move || customer.get().is_empty()>
                    {tr!(i18n, audit.all_customers)}
                </option>
                <For
                    each=move || customers.get()
                    key=|(id, name)| (id.clone(), name.clone())
                    children=move |(id, name)| {
                        let v = id.clone();
                        view! { <option value=id selected=move || customer.get() == v>{name}</option> }
                    }
                />
            </select>
        </div>
    }
}
