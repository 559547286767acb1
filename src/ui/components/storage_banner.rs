//! Notices about saved data, above every page: storage unavailable (nothing is kept), data set
//! aside at load (with its download), a save cut short, data of a newer version, and a change
//! another tab made first (reload theirs / keep mine). Also the sentence for a save that
//! failed, for any page that shows an [`ActionError::NotSaved`](crate::ui::state::ActionError).

use leptos::prelude::*;

use crate::domain::Entity;
use crate::i18n::*;
use crate::store::desk::{LoadProblem, QUOTA_UNITS};
use crate::store::StoreError;
use crate::tr;
use crate::ui::download::download_text;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::preferences::use_storage;
use crate::ui::state::use_desk;

const JSON: &str = "application/json";

/// Storage keys and their raw values as readable JSON, for a download.
fn keys_as_json(map: &std::collections::BTreeMap<String, String>) -> String {
    crate::store::indent::indent(&serde_json::to_string(map).unwrap_or_default())
}

/// `1234567` UTF-16 units → `"2.4 MB"` in English, `"2,4 MB"` in Swedish (the quota counts two
/// bytes a unit).
pub fn size_text(i18n: leptos_i18n::I18nContext<Locale>, units: usize) -> String {
    let bytes = units as f64 * 2.0;
    if bytes < 1024.0 * 1024.0 {
        format!(
            "{} KB",
            numbers::count(i18n, (bytes / 1024.0).ceil() as usize)
        )
    } else {
        format!(
            "{} MB",
            numbers::one_decimal(i18n, bytes / (1024.0 * 1024.0))
        )
    }
}

/// What to tell the user when storage refused a change (shown next to the control).
pub fn store_error_text(i18n: leptos_i18n::I18nContext<Locale>, error: &StoreError) -> String {
    match error {
        StoreError::QuotaExceeded => {
            let used = use_desk().usage().total;
            t_string!(
                i18n,
                data.error.quota,
                used = size_text(i18n, used),
                quota = size_text(i18n, QUOTA_UNITS)
            )
            .to_string()
        }
        StoreError::Conflict(_) => t_string!(i18n, data.error.conflict).to_string(),
        StoreError::Refused(detail) => {
            t_string!(i18n, data.error.refused, detail = detail.clone()).to_string()
        }
    }
}

/// "Contoso School (id)" for a customer the desk knows, else the id.
fn entity_text(entity: &Entity) -> String {
    let desk = use_desk();
    match entity {
        Entity::Partner => "partner".into(),
        Entity::Customer { id } => desk
            .with(|d| {
                d.customer(id)
                    .map(|c| format!("{} ({id})", c.account.company_name))
            })
            .unwrap_or_else(|| id.clone()),
        Entity::Subscription { id } => id.clone(),
    }
}

/// Every storage notice, stacked; mounted once above `<main>`.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let i18n = use_i18n();
    let memory_only = !use_storage().persistent;
    view! {
        <div class="storage-banners">
            {memory_only.then(|| view! {
                <div class="storage-banner warn" role="alert" data-testid="storage-memory-only">
                    {tr!(i18n, data.banner.memory_only)}
                </div>
            })}
            <SaveFailedNotice />
            <ConflictNotice />
            <LoadProblemsNotice />
        </div>
    }
}

/// The last change storage refused (a full quota): how much is used and what to do.
#[component]
fn SaveFailedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    view! {
        {move || desk.save_failure().map(|e| view! {
            <div class="storage-banner bad" role="alert" data-testid="storage-full">
                <p>{store_error_text(i18n, &e)}</p>
                <div class="storage-banner-actions">
                    <a href=crate::ui::href("/data")>{tr!(i18n, data.banner.open_data)}</a>
                    <button type="button" on:click=move |_| desk.dismiss_save_failure()>{tr!(i18n, data.banner.dismiss)}</button>
                </div>
            </div>
        })}
    }
}

/// Another tab changed the same records: the user chooses which version stays.
#[component]
fn ConflictNotice() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let error = RwSignal::new(None::<String>);
    let records = move || {
        desk.conflicting_records()
            .map(|records| {
                records
                    .iter()
                    .map(entity_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let keep_mine = move |_| match desk.keep_mine() {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(store_error_text(i18n, &e))),
    };
    view! {
        <Show when=move || desk.conflicting_records().is_some()>
            <div class="storage-banner bad" role="alert" data-testid="storage-conflict">
                <p>{move || t_string!(i18n, data.banner.conflict, records = records()).to_string()}</p>
                <div class="storage-banner-actions">
                    <button type="button" on:click=move |_| desk.reload_theirs()>{tr!(i18n, data.banner.reload_theirs)}</button>
                    <button type="button" on:click=keep_mine>{tr!(i18n, data.banner.keep_mine)}</button>
                </div>
                {move || error.get().map(|e| view! { <p class="error">{e}</p> })}
            </div>
        </Show>
    }
}

/// What loading found, with the set-aside data to download.
#[component]
fn LoadProblemsNotice() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let confirming = RwSignal::new(false);
    let dismissed = RwSignal::new(false);
    let sentences = move || {
        let problems = desk.load_problems();
        let unreadable = problems
            .iter()
            .filter(|p| matches!(p, LoadProblem::Unreadable { .. }))
            .count();
        let mut out = Vec::new();
        if unreadable > 0 {
            out.push(Counted::BannerUnreadable.text(i18n.get_locale(), unreadable, &[]));
        } else {
            let kept = desk.quarantined().len();
            if kept > 0 {
                out.push(Counted::BannerKept.text(i18n.get_locale(), kept, &[]));
            }
        }
        for p in &problems {
            match p {
                LoadProblem::Unreadable { .. } => {}
                LoadProblem::SchemaTooNew { found } => out.push(
                    t_string!(i18n, data.banner.schema_too_new, found = found.clone()).to_string(),
                ),
                LoadProblem::InterruptedSaveRolledBack { keys } => {
                    out.push(Counted::BannerRolledBack.text(i18n.get_locale(), *keys, &[]))
                }
                LoadProblem::MigrationFailed { error, .. } => out.push(
                    t_string!(i18n, data.banner.migration_failed, error = error.clone())
                        .to_string(),
                ),
            }
        }
        out
    };
    let has_quarantine = move || !desk.quarantined().is_empty();
    let needs_raw = move || {
        desk.load_problems().iter().any(|p| {
            matches!(
                p,
                LoadProblem::SchemaTooNew { .. } | LoadProblem::MigrationFailed { .. }
            )
        })
    };
    let download_quarantine = move |_| {
        download_text(
            "segment-desk-set-aside.json",
            JSON,
            &keys_as_json(&desk.quarantined()),
        );
    };
    let download_raw = move |_| {
        download_text(
            "segment-desk-saved-data.json",
            JSON,
            &keys_as_json(&desk.raw_desk()),
        );
    };
    let discard = move |_| {
        desk.discard_quarantine();
        confirming.set(false);
    };
    view! {
        <Show when=move || !dismissed.get() && (!desk.load_problems().is_empty() || has_quarantine())>
            <div class="storage-banner warn" role="alert" data-testid="storage-problems">
                <strong>{tr!(i18n, data.banner.label)}</strong>
                <ul>
                    {move || sentences().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
                <div class="storage-banner-actions">
                    <Show when=has_quarantine>
                        <button type="button" on:click=download_quarantine>{tr!(i18n, data.banner.download_quarantine)}</button>
                        <button type="button" on:click=move |_| confirming.set(true)>{tr!(i18n, data.banner.discard_quarantine)}</button>
                    </Show>
                    <Show when=needs_raw>
                        <button type="button" on:click=download_raw>{tr!(i18n, data.banner.download_raw)}</button>
                    </Show>
                    <button type="button" on:click=move |_| {
                        desk.dismiss_load_problems();
                        dismissed.set(true);
                    }>{tr!(i18n, data.banner.dismiss)}</button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="storage-banner-confirm" role="alertdialog" aria-label=move || t_string!(i18n, data.banner.discard_quarantine)>
                        <p>{tr!(i18n, data.banner.discard_confirm)}</p>
                        <button type="button" class="danger" on:click=discard>{tr!(i18n, data.banner.discard_yes)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{tr!(i18n, data.banner.cancel)}</button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}
