//! The desk as the UI holds it: one signal with the domain's [`Desk`], loaded from and saved to
//! storage through `crate::store::desk`. Pages read it and change it only through
//! [`DeskState::apply`], which runs a domain operation, saves what it touched, and reports the
//! domain's reasons or a storage failure.
//!
//! Memory and storage stay equal: a failed save puts the desk back as stored. Another tab's
//! saves arrive through the `storage` event and are loaded; a save over a record another tab
//! changed first is held back as a [`Conflict`] for the user to settle (reload theirs / keep
//! mine), never written over silently.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::{Catalog, Customer, Desk, Entity, OperationContext, Reason, Role};
use crate::store::desk::{self as desk_store, LoadProblem, RestRead, Revisions, Usage};
use crate::store::exchange::{self, ImportError, Preview};
use crate::store::{KeyValueStore, StoreError};
use crate::ui::clock::{use_app_clock, AppClock};
use crate::ui::components::role_switcher::use_acting_role;
use crate::ui::preferences::{use_storage, Storage};

/// Why an action did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum ActionError {
    /// The domain refused it; nothing changed.
    Refused(Vec<Reason>),
    /// The domain allowed it but storage refused the write; the desk was put back as stored.
    NotSaved(StoreError),
}

/// A change this tab could not save because another tab changed the same records first.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The records both tabs changed.
    pub records: Vec<Entity>,
    /// This tab's desk with its change, kept until the user chooses.
    mine: Desk,
    audit_before: usize,
}

/// The desk, the catalog and what loading found; handed down through context.
#[derive(Clone, Copy)]
pub struct DeskState {
    /// Where the desk is kept (`localStorage`, or memory where there is none).
    storage: StoredValue<Storage>,
    /// Who acts (the header's role switch) and on which day (the app clock): every operation's
    /// [`OperationContext`].
    role: RwSignal<Role>,
    clock: AppClock,
    desk: RwSignal<Desk>,
    /// Fires when the customers may have changed; not when only subscriptions or the audit log
    /// did, nor when the rest of the desk arrives after start. The customers list rebuilds its
    /// rows on this, not on every change of the desk ([`DeskState::with_customers`]).
    customers_changed: Trigger,
    /// The offers sold: the stored catalog, or the built-in sample.
    catalog: RwSignal<Catalog>,
    /// Whether the catalog is stored (and so exported) rather than the built-in sample.
    catalog_stored: StoredValue<bool>,
    /// Problems found at load, shown in a banner until dismissed.
    load_problems: RwSignal<Vec<LoadProblem>>,
    /// False when stored data must not be overwritten (e.g. written by a newer version): the
    /// desk then lives in memory only.
    writable: RwSignal<bool>,
    /// The revision of each record as this tab last read or wrote it.
    revisions: StoredValue<Revisions>,
    /// A change waiting for the user's choice after another tab changed the same records.
    conflict: RwSignal<Option<Conflict>>,
    /// The last save storage refused (full quota, or refused), until a save succeeds: shown
    /// above every page with the space used and what to do.
    save_failure: RwSignal<Option<StoreError>>,
    /// Goes up whenever storage changes (a save here or in another tab), so usage is re-measured.
    storage_changed: RwSignal<u64>,
    /// At start the customers are read first and the list drawn; the subscriptions, with the
    /// newest audit chunk, follow right after the first paint, and the rest of the log when a
    /// page shows it. Until the subscriptions are in this is true,
    /// and pages other than the customers list wait (see
    /// [`DeskLoaded`](crate::ui::components::desk_loaded::DeskLoaded)).
    records_pending: RwSignal<bool>,
    /// True until the rest of the audit log is in too: the whole desk is read. The pages that
    /// show the log ask for it ([`DeskState::read_audit_log`]), and an export or an import
    /// finishes the read first; an operation on the desk needs only the records.
    rest_pending: RwSignal<bool>,
    /// That read, a few buckets per task ([`DeskState::read_rest_in_slices`]).
    rest_read: StoredValue<Option<RestRead>>,
    /// Whether its slices go on past the records into the log (asked for), and whether a
    /// slice is waiting to run.
    log_wanted: StoredValue<bool>,
    slices_running: StoredValue<bool>,
    /// Buckets of it read, and buckets in all (for the progress bar).
    rest_progress: RwSignal<(usize, usize)>,
}

/// How long one slice of the start-up read may hold the page: input waits at most this long.
const REST_SLICE_MS: f64 = 8.0;

impl DeskState {
    /// The store the desk is kept in.
    fn store(&self) -> std::rc::Rc<dyn KeyValueStore> {
        self.storage.with_value(|s| std::rc::Rc::clone(&s.store))
    }

    /// Reads the desk (tracked: the caller re-runs when the desk changes).
    ///
    /// Right after start, until [`DeskState::records_loaded`], the desk holds the partner and the
    /// customers only (enough for the customers list; other pages wait in `DeskLoaded`), and
    /// until [`DeskState::is_loaded`] no audit log.
    pub fn with<R>(&self, f: impl FnOnce(&Desk) -> R) -> R {
        self.desk.with(f)
    }

    /// Reads the customers, tracked only by changes that can touch one: a change naming a
    /// customer in the audit log, a reload, an import, a reset. A change to subscriptions alone,
    /// or the rest of the desk read after start, leaves what reads them alone.
    pub fn with_customers<R>(&self, f: impl FnOnce(&[Customer]) -> R) -> R {
        self.customers_changed.track();
        self.desk.with_untracked(|d| f(&d.customers))
    }

    /// Reads the catalog (tracked: it changes with an import or sample data).
    pub fn with_catalog<R>(&self, f: impl FnOnce(&Catalog) -> R) -> R {
        self.catalog.with(f)
    }

    /// The offer's name in the catalog; for an offer that left the catalog (a new price list),
    /// the name a subscription of it kept, else its id: it still names the subscriptions and
    /// audit entries that refer to it.
    pub fn offer_name(&self, offer_id: &str) -> String {
        self.catalog
            .with(|c| c.get(offer_id).map(|o| o.name.clone()))
            .or_else(|| {
                self.desk.with(|d| {
                    d.subscriptions
                        .iter()
                        .filter(|s| s.offer_id == offer_id)
                        .find_map(|s| s.offer_name.clone())
                })
            })
            .unwrap_or_else(|| offer_id.to_string())
    }

    /// Whether the catalog sells this offer (a subscription's offer may have left it).
    pub fn offer_in_catalog(&self, offer_id: &str) -> bool {
        self.catalog.with(|c| c.get(offer_id).is_some())
    }

    /// Replaces the catalog with a price list's and records it in the audit log. The catalog
    /// is one key, written at once; subscriptions keep their offer data.
    pub fn replace_catalog(&self, catalog: Catalog) -> Result<(), ActionError> {
        // The role is checked before the catalog is written; the audit entry follows the write,
        // so the log never records a replacement that storage refused.
        let role = self.operation_context().role;
        if !crate::domain::roles::permits(role, crate::domain::roles::Operation::ManageData) {
            return self.act(|d, ctx| d.replace_catalog(ctx, &catalog));
        }
        if self.writable.get_untracked() {
            desk_store::save_catalog(self.store().as_ref(), &catalog).map_err(|e| {
                self.storage_changed.update(|n| *n += 1);
                ActionError::NotSaved(e)
            })?;
        }
        self.set_catalog(Some(catalog.clone()));
        self.act(|d, ctx| d.replace_catalog(ctx, &catalog))
    }

    fn set_catalog(&self, stored: Option<Catalog>) {
        self.catalog_stored.set_value(stored.is_some());
        let catalog = stored.unwrap_or_else(Catalog::sample);
        if self.catalog.with_untracked(|c| *c != catalog) {
            self.catalog.set(catalog);
        }
    }

    /// Who acts now, on the app clock's today: what [`DeskState::act`] hands an operation.
    pub fn operation_context(&self) -> OperationContext {
        OperationContext::new(self.role.get_untracked(), self.clock.today())
    }

    /// Runs a desk operation as the acting role on the app clock's today and saves what it
    /// changed: every page's way to change the desk. Refused, or not saved, it is the one
    /// [`ActionError`] that `ActionErrorAlert` words.
    pub fn act<T>(
        &self,
        op: impl FnOnce(&mut Desk, OperationContext) -> Result<T, Vec<Reason>>,
    ) -> Result<T, ActionError> {
        let ctx = self.operation_context();
        self.apply(|desk| op(desk, ctx))
    }

    /// Runs a domain operation on the desk and saves what it changed. A refusal changes nothing;
    /// a failed save puts the desk back to what storage holds, so memory and storage agree.
    fn apply<T>(
        &self,
        op: impl FnOnce(&mut Desk) -> Result<T, Vec<Reason>>,
    ) -> Result<T, ActionError> {
        self.finish_reading_records();
        let store = self.store();
        let audit_before = self.desk.with_untracked(|d| d.audit.len());
        // One edit persisted: the domain operation and the save of what it touched.
        let (result, saved) = crate::ui::perf::measure("sd:edit-persisted", || {
            let result = self
                .desk
                .try_update_untracked(op)
                .expect("the desk signal lives as long as the app")
                .map_err(ActionError::Refused)?;
            let saved = if self.writable.get_untracked() {
                self.desk.with_untracked(|d| {
                    self.revisions
                        .try_update_value(|revs| {
                            desk_store::save_changes(store.as_ref(), d, audit_before, revs)
                        })
                        .unwrap_or(Ok(()))
                })
            } else {
                Ok(())
            };
            Ok::<_, ActionError>((result, saved))
        })?;
        match saved {
            Ok(()) => {
                // Every change the domain makes to a record is logged naming it (the save
                // relies on that too): no new entry naming a customer, no customer changed.
                let customer_changed = self.desk.with_untracked(|d| {
                    d.audit.get(audit_before..).is_some_and(|new| {
                        new.iter()
                            .any(|e| matches!(e.entity, Entity::Customer { .. }))
                    })
                });
                self.desk.notify();
                if customer_changed {
                    self.customers_changed.notify();
                }
                self.storage_changed.update(|n| *n += 1);
                if self.save_failure.with_untracked(Option::is_some) {
                    self.save_failure.set(None);
                }
                Ok(result)
            }
            Err(StoreError::Conflict(records)) => {
                let mine = self.desk.get_untracked();
                self.reload();
                self.conflict.set(Some(Conflict {
                    records: records.clone(),
                    mine,
                    audit_before,
                }));
                Err(ActionError::NotSaved(StoreError::Conflict(records)))
            }
            Err(err) => {
                self.reload();
                self.save_failure.set(Some(err.clone()));
                Err(ActionError::NotSaved(err))
            }
        }
    }

    /// Reads the desk again from storage (after a failed save, or to settle a conflict).
    pub fn reload(&self) {
        let loaded = desk_store::read(self.store().as_ref());
        self.take(loaded);
    }

    /// Another tab saved: reads the desk again, unless that save is still under way (its
    /// journal is there; the event of its end comes next).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn reload_after_other_tab(&self) {
        if let Some(loaded) = desk_store::reload(self.store().as_ref()) {
            self.take(loaded);
        }
    }

    fn take(&self, loaded: desk_store::Loaded) {
        if !self.writable.get_untracked() {
            return; // the desk lives in memory; storage holds data this build must not touch
        }
        self.revisions.set_value(loaded.revisions);
        self.set_catalog(loaded.catalog);
        if !loaded.problems.is_empty() {
            self.load_problems.update(|p| p.extend(loaded.problems));
        }
        self.set_rest(loaded.rest);
        self.desk.set(loaded.desk);
        self.customers_changed.notify();
        self.storage_changed.update(|n| *n += 1);
    }

    /// Keeps what is left to read of the desk (`None`: nothing, as after a reload, an import, a
    /// reset). A desk replaced while its rest was being read drops that read.
    fn set_rest(&self, rest: Option<RestRead>) {
        let pending = rest.is_some();
        self.rest_read.set_value(rest);
        self.log_wanted.set_value(false);
        self.set_records_pending(pending);
        self.set_rest_pending(pending);
    }

    /// Sets `rest_pending` only when it changes: what waits on it (pages, the removals
    /// effect) must not run again for nothing.
    fn set_rest_pending(&self, pending: bool) {
        if self.rest_pending.get_untracked() != pending {
            self.rest_pending.set(pending);
        }
    }

    /// [`DeskState::set_rest_pending`] for `records_pending`.
    fn set_records_pending(&self, pending: bool) {
        if self.records_pending.get_untracked() != pending {
            self.records_pending.set(pending);
        }
    }

    /// Whether the customers and subscriptions are read (tracked): false only in the moment
    /// after start when the customers are in and the subscriptions are being read.
    pub fn records_loaded(&self) -> bool {
        !self.records_pending.get()
    }

    /// Whether the whole desk is read, its audit log too (tracked): false after start until
    /// something asks for the rest of the log ([`DeskState::read_audit_log`]) and it is read.
    pub fn is_loaded(&self) -> bool {
        !self.rest_pending.get()
    }

    /// [`DeskState::is_loaded`], untracked (for work outside any view).
    pub fn is_loaded_untracked(&self) -> bool {
        !self.rest_pending.get_untracked()
    }

    /// How far the read after start is: buckets read and buckets in all (tracked).
    pub fn loading_progress(&self) -> (usize, usize) {
        self.rest_progress.get()
    }

    /// Reads the audit log, in slices, if start-up left it unread (see `rest_pending`): the
    /// pages that show it call this, and wait for [`DeskState::is_loaded`].
    pub fn read_audit_log(&self) {
        if !self.rest_pending.get_untracked() || self.log_wanted.get_value() {
            return;
        }
        self.log_wanted.set_value(true);
        crate::ui::perf::start("sd:desk-load-log");
        if !self.slices_running.get_value() {
            self.read_rest_later();
        }
    }

    /// Reads the subscriptions at once if start-up has not yet: an operation on the desk calls
    /// this first, so none ever works without them. It needs no more of the audit log than
    /// start-up reads with them, unless the desk was stored without each record's creation.
    pub fn finish_reading_records(&self) {
        if !self.records_pending.get_untracked() {
            return;
        }
        let store = self.store();
        let kv = store.as_ref();
        let taken = self
            .rest_read
            .try_update_value(|read| {
                let read = read.as_mut()?;
                while !read.records_ready() && read.step(kv) {}
                self.desk.try_update_untracked(|desk| {
                    self.revisions
                        .try_update_value(|revisions| read.take_records(kv, desk, revisions))
                })
            })
            .flatten()
            .flatten()
            == Some(true);
        if taken {
            self.records_read();
        } else {
            self.finish_loading();
        }
    }

    /// The customers and subscriptions are in the desk.
    fn records_read(&self) {
        crate::ui::perf::end("sd:desk-load-records");
        self.set_records_pending(false);
        self.desk.notify();
    }

    /// Reads the subscriptions and the audit log if start-up left them (or some of them) for
    /// after the first paint. An export, an import and the team desk call this first, so none
    /// of them ever works on a partial desk.
    pub fn finish_loading(&self) {
        if !self.rest_pending.get_untracked() {
            return;
        }
        let store = self.store();
        let kv = store.as_ref();
        let read = self.rest_read.try_update_value(Option::take).flatten();
        // Always there while the rest is pending; a new read orders the customers by the log,
        // which gives the order they have.
        let read = read.unwrap_or_else(|| RestRead::new(kv, false));
        let mut problems = Vec::new();
        crate::ui::perf::measure("sd:desk-load-rest-finish", || {
            self.desk.update_untracked(|desk| {
                self.revisions
                    .update_value(|revisions| problems = read.finish(kv, desk, revisions))
            })
        });
        crate::ui::perf::end("sd:desk-load-rest");
        if self.records_pending.get_untracked() {
            crate::ui::perf::end("sd:desk-load-records");
        }
        if self.log_wanted.get_value() {
            crate::ui::perf::end("sd:desk-load-log");
        }
        if !problems.is_empty() {
            self.load_problems.update(|p| p.extend(problems));
        }
        self.set_records_pending(false);
        self.set_rest_pending(false);
        self.desk.notify();
    }

    /// Reads the rest of the desk for at most [`REST_SLICE_MS`], then again in a later task, so
    /// the page answers input meanwhile. The customers and subscriptions go to the desk as soon
    /// as they are in order; the slices stop there unless the log was asked for, and the last
    /// slice finishes loading. Stops when something else finished it first (an export, an
    /// import) or replaced the desk.
    fn read_rest_in_slices(self) {
        self.slices_running.set_value(false);
        if !self.rest_pending.get_untracked() {
            return;
        }
        let store = self.store();
        let kv = store.as_ref();
        let started = crate::ui::perf::now_ms();
        if self.rest_progress.get_untracked().1 == 0 {
            crate::ui::perf::start("sd:desk-load-rest");
            crate::ui::perf::start("sd:desk-load-records");
        }
        let waiting = self.records_pending.get_untracked();
        let (more, records_in) = crate::ui::perf::measure("sd:desk-load-rest-slice", || {
            self.rest_read
                .try_update_value(|read| {
                    let Some(read) = read else {
                        return (false, false);
                    };
                    let mut more = true;
                    while more && crate::ui::perf::now_ms() - started < REST_SLICE_MS {
                        more = read.step(kv);
                        if waiting && read.records_ready() {
                            break; // hand them over at once
                        }
                    }
                    let records_in = waiting
                        && self.desk.try_update_untracked(|desk| {
                            self.revisions.try_update_value(|revisions| {
                                read.take_records(kv, desk, revisions)
                            })
                        }) == Some(Some(true));
                    self.rest_progress.set(read.progress());
                    (more, records_in)
                })
                .unwrap_or((false, false))
        });
        if records_in {
            self.records_read();
        }
        let log_left = self
            .rest_read
            .with_value(|read| read.as_ref().is_some_and(RestRead::log_left));
        let records_only =
            !self.records_pending.get_untracked() && !self.log_wanted.get_value() && log_left;
        if !more {
            self.finish_loading();
        } else if !records_only {
            self.read_rest_later();
        }
    }

    /// Runs the next slice of the start-up read in a later task.
    fn read_rest_later(self) {
        self.slices_running.set_value(true);
        crate::ui::tasks::next_task(move || self.read_rest_in_slices());
    }

    /// Settles a [`Conflict`] with the other tab's version: this tab's change is dropped.
    pub fn reload_theirs(&self) {
        self.conflict.set(None);
        self.reload();
    }

    /// Settles a [`Conflict`] with this tab's version written over the other tab's records.
    pub fn keep_mine(&self) -> Result<(), StoreError> {
        let Some(conflict) = self.conflict.get_untracked() else {
            return Ok(());
        };
        self.finish_loading();
        let store = self.store();
        let mut mine = conflict.mine;
        let saved = self
            .revisions
            .try_update_value(|revs| {
                desk_store::save_keeping_mine(
                    store.as_ref(),
                    &mut mine,
                    conflict.audit_before,
                    revs,
                )
            })
            .unwrap_or(Ok(()));
        self.conflict.set(None);
        self.reload();
        saved
    }

    /// Whether changes are kept in storage (false: storage unavailable or holding newer data).
    pub fn persistent(&self) -> bool {
        self.storage.with_value(|s| s.persistent) && self.writable.get()
    }

    /// Space used (re-measured whenever storage changes).
    pub fn usage(&self) -> Usage {
        self.storage_changed.track();
        desk_store::usage(self.store().as_ref())
    }

    /// What loading found (tracked), until dismissed.
    pub fn load_problems(&self) -> Vec<LoadProblem> {
        self.load_problems.get()
    }

    /// Hides what loading found.
    pub fn dismiss_load_problems(&self) {
        self.load_problems.set(Vec::new());
    }

    /// The last save storage refused, until a save succeeds or it is dismissed (tracked).
    pub fn save_failure(&self) -> Option<StoreError> {
        self.save_failure.get()
    }

    /// Hides the last refused save.
    pub fn dismiss_save_failure(&self) {
        self.save_failure.set(None);
    }

    /// The records of a change waiting for the user's choice after another tab changed them
    /// too (tracked); `None` when there is no such change.
    pub fn conflicting_records(&self) -> Option<Vec<Entity>> {
        self.conflict
            .with(|c| c.as_ref().map(|c| c.records.clone()))
    }

    /// The whole desk (with its catalog when stored) as an export file.
    pub fn export(&self, today: NaiveDate) -> String {
        self.finish_loading();
        let stored = self.catalog_stored.get_value();
        self.desk.with_untracked(|d| {
            self.catalog
                .with_untracked(|c| exchange::export_with_catalog(d, stored.then_some(c), today))
        })
    }

    /// The dry run of importing a file over the current desk; nothing is saved.
    pub fn preview_import(&self, bytes: &[u8]) -> Result<Preview, ImportError> {
        self.finish_loading();
        self.desk.with_untracked(|d| exchange::preview(bytes, d))
    }

    /// Replaces the desk with a previewed file's, all or nothing. Refuses a preview with
    /// rejected records. The preview's desk becomes the tab's, moved rather than copied when
    /// nothing else holds the preview; a preview not imported is handed back with the error.
    pub fn import(&self, preview: Arc<Preview>) -> Result<(), (StoreError, Arc<Preview>)> {
        if !preview.can_import() {
            let refused = "the file has records that cannot be imported".into();
            return Err((StoreError::Refused(refused), preview));
        }
        match self.write_replacing(&preview.desk, preview.catalog.as_ref()) {
            Ok(()) => {
                let Preview { desk, catalog, .. } = Arc::unwrap_or_clone(preview);
                self.show_replaced(desk, catalog);
                Ok(())
            }
            Err(e) => Err((e, preview)),
        }
    }

    /// Reads the desk without tracking it (the team desk's sync rounds, which run outside any
    /// view).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Desk) -> R) -> R {
        self.desk.with_untracked(f)
    }

    /// The stored catalog (`None`: the built-in sample, which no team desk sends), untracked.
    pub fn with_stored_catalog<R>(&self, f: impl FnOnce(Option<&Catalog>) -> R) -> R {
        let stored = self.catalog_stored.get_value();
        self.catalog.with_untracked(|c| f(stored.then_some(c)))
    }

    /// Takes the desk as the team desk's server has it (a colleague's changes, a refusal or a
    /// conflict settled): saved like an import, only the keys whose records changed written.
    pub fn take_from_team(&self, desk: Desk, catalog: Option<Catalog>) -> Result<(), StoreError> {
        self.replace(desk, catalog)
    }

    /// Replaces the desk and its catalog (`None`: the built-in sample), all or nothing.
    fn replace(&self, desk: Desk, catalog: Option<Catalog>) -> Result<(), StoreError> {
        self.write_replacing(&desk, catalog.as_ref())?;
        self.show_replaced(desk, catalog);
        Ok(())
    }

    /// Stores `desk` and `catalog` in place of the stored desk (what [`Self::replace`] saves).
    fn write_replacing(&self, desk: &Desk, catalog: Option<&Catalog>) -> Result<(), StoreError> {
        // What is unchanged is compared with the whole desk, not the customers alone.
        self.finish_loading();
        if self.writable.get_untracked() {
            let store = self.store();
            let saved = self
                .revisions
                .try_update_value(|revs| {
                    self.desk.with_untracked(|current| {
                        desk_store::replace(store.as_ref(), desk, catalog, current, revs)
                    })
                })
                .unwrap_or(Ok(()));
            if saved.is_err() {
                self.storage_changed.update(|n| *n += 1); // re-measure: storage may be fuller than thought
            }
            saved?;
        }
        Ok(())
    }

    /// Makes the stored `desk` and `catalog` the tab's (what [`Self::replace`] shows).
    fn show_replaced(&self, desk: Desk, catalog: Option<Catalog>) {
        self.conflict.set(None);
        self.set_catalog(catalog);
        self.set_rest(None);
        self.desk.set(desk);
        self.customers_changed.notify();
        self.storage_changed.update(|n| *n += 1);
    }

    /// Replaces the desk with generated sample data and its catalog. The stored desk is reset
    /// first: a journaled replace needs room for a copy of what it changes, which for a
    /// generated desk is all of it, and a big desk twice over does not fit the quota. The user
    /// was offered an export before.
    pub fn load_sample(&self, desk: Desk, catalog: Catalog) -> Result<(), StoreError> {
        self.reset()?;
        let loaded = self.replace(desk, Some(catalog));
        if loaded.is_err() {
            self.reload(); // memory follows storage: the reset desk
        }
        loaded
    }

    /// Empties the desk. Data of a newer version is first set aside in quarantine, not deleted.
    pub fn reset(&self) -> Result<(), StoreError> {
        let store = self.store();
        let kv = store.as_ref();
        if !self.writable.get_untracked() && self.storage.with_value(|s| s.persistent) {
            desk_store::set_aside_desk(kv)?;
        }
        self.revisions
            .try_update_value(|revs| desk_store::reset(kv, revs))
            .unwrap_or(Ok(()))?;
        self.writable.set(true);
        self.conflict.set(None);
        self.set_catalog(None);
        self.load_problems
            .update(|p| p.retain(|p| !matches!(p, LoadProblem::SchemaTooNew { .. })));
        self.set_rest(None);
        self.desk.set(Desk::default());
        self.customers_changed.notify();
        self.storage_changed.update(|n| *n += 1);
        Ok(())
    }

    /// Quarantined data (key → raw value), for download.
    pub fn quarantined(&self) -> BTreeMap<String, String> {
        self.storage_changed.track();
        desk_store::quarantined(self.store().as_ref())
    }

    /// The stored desk's raw keys and values (e.g. data of a newer version), for download.
    pub fn raw_desk(&self) -> BTreeMap<String, String> {
        desk_store::raw_desk(self.store().as_ref())
    }

    /// Removes quarantined data (after it was offered for download).
    pub fn discard_quarantine(&self) {
        desk_store::discard_quarantine(self.store().as_ref());
        self.storage_changed.update(|n| *n += 1);
    }
}

/// Loads the desk from storage and provides [`DeskState`]. Also applies what the app clock makes
/// due (nonprofit removals, term ends) at start and whenever the clock moves, and loads other tabs' saves.
pub fn provide_desk_state() {
    let storage = use_storage();
    // The customers first (all the customers list needs), the rest after the first paint.
    let loaded = crate::ui::perf::measure("sd:desk-load", || {
        desk_store::load_first(storage.store.as_ref())
    });
    let rest_pending = loaded.rest.is_some();
    let clock = use_app_clock();
    let state = DeskState {
        storage: StoredValue::new(storage),
        role: use_acting_role(),
        clock,
        catalog: RwSignal::new(loaded.catalog_or_sample()),
        catalog_stored: StoredValue::new(loaded.catalog.is_some()),
        desk: RwSignal::new(loaded.desk),
        customers_changed: Trigger::new(),
        load_problems: RwSignal::new(loaded.problems),
        writable: RwSignal::new(loaded.writable),
        revisions: StoredValue::new(loaded.revisions),
        conflict: RwSignal::new(None),
        save_failure: RwSignal::new(None),
        storage_changed: RwSignal::new(0),
        records_pending: RwSignal::new(rest_pending),
        rest_pending: RwSignal::new(rest_pending),
        rest_read: StoredValue::new(loaded.rest),
        log_wanted: StoredValue::new(false),
        slices_running: StoredValue::new(false),
        rest_progress: RwSignal::new((0, 0)),
    };
    provide_context(state);
    listen_to_other_tabs(state);

    if rest_pending {
        // After the first paint, and one task later still, so that the list's own after-paint
        // work (its `sd:customers-painted` mark) comes first; then in slices.
        crate::ui::perf::after_paint(move || state.read_rest_later());
    }

    Effect::new(move |_| {
        if !state.records_loaded() {
            return; // runs again once the subscriptions are read
        }
        let today = clock.today();
        // Removals and term ends (renewals, expiries) come with a date; the domain applies them
        // in date order and logs them with the clock as actor.
        let catalog = state.catalog.get_untracked();
        let _ = state.apply(|desk| Ok(desk.apply_clock(&catalog, today)));
    });
}

/// Another tab's save fires `storage` events here: the desk is read again.
fn listen_to_other_tabs(state: DeskState) {
    #[cfg(target_arch = "wasm32")]
    if state.storage.with_value(|s| s.persistent) {
        let handle = window_event_listener(leptos::ev::storage, move |event| {
            if desk_store::concerns_desk(event.key().as_deref()) {
                state.reload_after_other_tab();
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = state;
}

/// The [`DeskState`] provided by the app.
pub fn use_desk() -> DeskState {
    expect_context::<DeskState>()
}
