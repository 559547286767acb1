//! The team desk's notices above every page: records changed by a colleague and by this user
//! (take theirs, or keep mine), and changes the server refused.

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::team::{is_audit_id, CATALOG_ID, PARTNER_ID};
use crate::tr;
use crate::ui::state::use_desk;
use crate::ui::team_desk::{use_team_desk, SyncStatus};

/// A record's name for these notices: the customer's company, the subscription's offer.
fn record_text(i18n: leptos_i18n::I18nContext<Locale>, id: &str) -> String {
    let desk = use_desk();
    if id == PARTNER_ID {
        return t_string!(i18n, team.record_partner).to_string();
    }
    if id == CATALOG_ID {
        return t_string!(i18n, team.record_catalog).to_string();
    }
    if is_audit_id(id) {
        return t_string!(i18n, team.record_audit).to_string();
    }
    if let Some(c) = id.strip_prefix("customer:") {
        let name = desk.with(|d| d.customer(c).map(|c| c.account.company_name.clone()));
        return name.unwrap_or_else(|| c.to_string());
    }
    let s = id.strip_prefix("subscription:").unwrap_or(id);
    let offer = desk.with(|d| d.subscription(s).map(|s| s.offer_id.clone()));
    offer.map_or_else(|| s.to_string(), |o| desk.offer_name(&o))
}

/// Both notices, stacked; mounted once above `<main>`.
#[component]
pub fn TeamDeskBanner() -> impl IntoView {
    view! {
        <TeamConflictNotice />
        <TeamRefusalNotice />
    }
}

/// Records both sides changed: neither version is written over until the user chooses.
#[component]
fn TeamConflictNotice() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let records = move || {
        team.conflicts()
            .iter()
            .map(|id| record_text(i18n, id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let theirs = move |_| {
        let ids = team.conflicts();
        leptos::task::spawn_local(async move { team.reload_theirs(ids).await });
    };
    let mine = move |_| {
        let ids = team.conflicts();
        leptos::task::spawn_local(async move { team.keep_mine(ids).await });
    };
    view! {
        // The syncing tab settles it; another tab only shows the desk.
        <Show when=move || !team.conflicts().is_empty() && team.status() != SyncStatus::OtherTab>
            <div class="storage-banner bad" role="alert" data-testid="team-conflict">
                <p>{move || t_string!(i18n, team.conflict, records = records()).to_string()}</p>
                <div class="storage-banner-actions">
                    <button type="button" on:click=theirs>{tr!(i18n, team.reload_theirs)}</button>
                    <button type="button" on:click=mine>{tr!(i18n, team.keep_mine)}</button>
                </div>
            </div>
        </Show>
    }
}

/// What the server refused, with its reason (the server's own words), until dismissed.
#[component]
fn TeamRefusalNotice() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let lines = move || {
        team.refused()
            .into_iter()
            .map(|(id, reason)| {
                let record = record_text(i18n, &id);
                t_string!(i18n, team.refused, record = record, reason = reason).to_string()
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !team.refused().is_empty()>
            <div class="storage-banner bad" role="alert" data-testid="team-refused">
                {move || lines().into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                <div class="storage-banner-actions">
                    <button type="button" on:click=move |_| team.dismiss_refused()>{tr!(i18n, team.dismiss)}</button>
                </div>
            </div>
        </Show>
    }
}
