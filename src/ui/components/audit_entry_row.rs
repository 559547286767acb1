//! One line of the audit log: app date, who (role or the app clock), the entity, what changed,
//! before → after, in the current language.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Actor, Change};
use crate::i18n::*;
use crate::tr;
use crate::ui::audit_text::{actor_of_change, change_text};
use crate::ui::href;
use crate::ui::numbers;
use crate::ui::state::use_desk;

/// What an entry is about, with the names the log shows.
#[derive(Clone, Debug, PartialEq)]
pub enum EntityLabel {
    /// A customer, by company name (`None` when the desk no longer knows it).
    Customer {
        id: String,
        name: Option<String>,
    },
    /// A subscription, by its customer's company name when known.
    Subscription {
        id: String,
        customer_id: Option<String>,
        customer_name: Option<String>,
    },
    Partner,
}

/// An audit entry ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRow {
    pub seq: u64,
    pub date: NaiveDate,
    pub actor: Actor,
    pub entity: EntityLabel,
    pub change: Change,
}

/// A table row (data-testid="audit-row").
#[component]
pub fn AuditEntryRow(row: AuditRow) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let actor = row.actor;
    let change = row.change.clone();
    let change_for_actor = row.change.clone();
    let texts = Memo::new(move |_| change_text(i18n, &change, &|id: &str| desk.offer_name(id)));
    let entity = match row.entity.clone() {
        EntityLabel::Customer { id, name } => {
            let link = href(&format!("/customers/{id}"));
            match name {
                Some(name) => view! { <A href=link>{name}</A> }.into_any(),
                None => view! {
                    <span>{move || t_string!(i18n, audit.unknown_customer, id = id.clone())}</span>
                }
                .into_any(),
            }
        }
        EntityLabel::Subscription {
            id,
            customer_id,
            customer_name,
        } => match (customer_id, customer_name) {
            (Some(cid), Some(name)) => {
                let link = href(&format!("/customers/{cid}/subscriptions"));
                view! {
                    <A href=link>
                        {move || t_string!(i18n, audit.entity_subscription, name = name.clone())}
                    </A>
                }
                .into_any()
            }
            _ => view! {
                <span>{move || t_string!(i18n, audit.entity_subscription_unknown, id = id.clone())}</span>
            }
            .into_any(),
        },
        EntityLabel::Partner => {
            view! { <span>{tr!(i18n, audit.entity_partner)}</span> }.into_any()
        }
    };
    let date = row.date.to_string();
    let day = row.date;
    view! {
        <tr data-testid="audit-row" data-seq=row.seq>
            <td class="audit-date"><time datetime=date.clone()>{move || numbers::date(i18n.get_locale(), day)}</time></td>
            <td class="audit-role" data-testid="audit-role">{move || actor_of_change(i18n, &actor, &change_for_actor)}</td>
            <td class="audit-entity" data-testid="audit-entity">{entity}</td>
            <td class="audit-what" data-testid="audit-what">{move || texts.with(|t| t.what.clone())}</td>
            <td class="audit-change" data-testid="audit-before-after">
                {move || texts.with(|t| match (&t.before, &t.after) {
                    (Some(b), Some(a)) => view! {
                        <span class="before">{b.clone()}</span>
                        <span class="arrow" aria-hidden="false">" → "</span>
                        <span class="after">{a.clone()}</span>
                    }.into_any(),
                    (None, Some(a)) => view! {
                        <span class="arrow">"→ "</span>
                        <span class="after">{a.clone()}</span>
                    }.into_any(),
                    (Some(b), None) => view! { <span class="before">{b.clone()}</span> }.into_any(),
                    (None, None) => view! { <span class="none">"—"</span> }.into_any(),
                })}
            </td>
        </tr>
    }
}
