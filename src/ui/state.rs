//! The desk as the UI holds it: one signal with the domain's [`Desk`], loaded from and saved to
//! storage through `crate::store::desk`. Pages read it and change it only through
//! [`DeskState::apply`], which runs a domain operation, saves what it touched, and reports the
//! domain's reasons or a storage failure.

use leptos::prelude::*;

use crate::domain::{Catalog, Desk, Reason};
use crate::store::desk::{self as desk_store, LoadProblem};
use crate::store::StoreError;
use crate::ui::clock::use_app_clock;
use crate::ui::preferences::use_storage;

/// Why an action did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionError {
    /// The domain refused it; nothing changed.
    Refused(Vec<Reason>),
    /// The domain allowed it but storage refused the write; the desk was put back as stored.
    NotSaved(StoreError),
}

/// The desk, the catalog and what loading found; handed down through context.
#[derive(Clone, Copy)]
pub struct DeskState {
    desk: RwSignal<Desk>,
    catalog: StoredValue<Catalog>,
    /// Problems found at load, shown in a banner until dismissed.
    pub load_problems: RwSignal<Vec<LoadProblem>>,
    /// False when stored data must not be overwritten (e.g. written by a newer version).
    writable: StoredValue<bool>,
}

impl DeskState {
    /// Reads the desk (tracked: the caller re-runs when the desk changes).
    pub fn with<R>(&self, f: impl FnOnce(&Desk) -> R) -> R {
        self.desk.with(f)
    }

    /// Reads the catalog, which never changes.
    pub fn with_catalog<R>(&self, f: impl FnOnce(&Catalog) -> R) -> R {
        self.catalog.with_value(f)
    }

    /// Runs a domain operation on the desk and saves what it changed. A refusal changes nothing;
    /// a failed save puts the desk back to what storage holds, so memory and storage agree.
    pub fn apply<T>(&self, op: impl FnOnce(&mut Desk) -> Result<T, Vec<Reason>>) -> Result<T, ActionError> {
        let storage = use_storage();
        let audit_before = self.desk.with_untracked(|d| d.audit.len());
        let result = self
            .desk
            .try_update_untracked(op)
            .expect("the desk signal lives as long as the app")
            .map_err(ActionError::Refused)?;
        let saved = if self.writable.get_value() {
            self.desk.with_untracked(|d| desk_store::save_changes(storage.store.as_ref(), d, audit_before))
        } else {
            Ok(())
        };
        if let Err(err) = saved {
            let reloaded = desk_store::load(storage.store.as_ref()).desk;
            self.desk.set(reloaded);
            return Err(ActionError::NotSaved(err));
        }
        self.desk.notify();
        Ok(result)
    }
}

/// Loads the desk from storage and provides [`DeskState`]. Also applies what the app clock makes
/// due (nonprofit removals) at start and whenever the clock moves.
pub fn provide_desk_state() {
    let storage = use_storage();
    let loaded = desk_store::load(storage.store.as_ref());
    let state = DeskState {
        desk: RwSignal::new(loaded.desk),
        catalog: StoredValue::new(Catalog::sample()),
        load_problems: RwSignal::new(loaded.problems),
        writable: StoredValue::new(loaded.writable),
    };
    provide_context(state);

    let clock = use_app_clock();
    Effect::new(move |_| {
        let today = clock.today();
        // Removals are Microsoft's doing at a date; the domain logs them with the clock as actor.
        let _ = state.apply(|desk| Ok(desk.apply_due_nonprofit_removals(today)));
    });
}

/// The [`DeskState`] provided by the app.
pub fn use_desk() -> DeskState {
    expect_context::<DeskState>()
}
