//! Reading the desk: at start ([`load`], or [`load_first`] then [`RestRead`] a bucket at a time
//! so the customers list is drawn before the rest is read), after another tab saved
//! ([`reload`]) and after this tab's save failed ([`read`]). A read never fails: what cannot be
//! read is set aside and reported as a [`LoadProblem`]; older schemas are migrated first.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::buckets::{created, parse_record, write_bucket, Bucket, Stored};
use super::journal::Journal;
use super::keys::{
    desk_keys, KeyKind, RecordKey, AUDIT_CHUNK, AUDIT_CHUNK_PREFIX, CATALOG_KEY, JOURNAL_KEY,
    PARTNER_ID, SCHEMA_KEY,
};
use super::migrate::{load_v1, migrate_v1, migrate_v2};
use super::quarantine::set_aside;
use super::Revisions;
use crate::domain::{AuditEntry, Catalog, Customer, Desk, Entity, PartnerProfile, Subscription};
use crate::store::{codec, KeyValueStore};

/// Something found while loading that the user must be told about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LoadProblem {
    /// Data could not be read; it was moved to `quarantined_as`, nothing was deleted.
    Unreadable {
        key: String,
        quarantined_as: String,
        error: String,
    },
    /// The data was written by a newer Segment Desk; it was left untouched and the app runs on
    /// an empty desk in memory until the data is dealt with.
    SchemaTooNew { found: String },
    /// A save was cut short (tab closed mid-write); its keys were put back as they were.
    InterruptedSaveRolledBack { keys: usize },
    /// Data of an older schema could not be moved to this one (e.g. no space); it was left as
    /// it is and the app runs in memory.
    MigrationFailed { from: String, error: String },
}

/// What [`load`] found.
#[derive(Debug)]
pub struct Loaded {
    pub desk: Desk,
    pub problems: Vec<LoadProblem>,
    /// False when the stored data must not be written over (a newer schema).
    pub writable: bool,
    pub revisions: Revisions,
    /// The stored catalog; `None` means the built-in sample ([`Catalog::sample`]).
    pub catalog: Option<Catalog>,
    /// What is still to be read: the subscriptions and the audit log ([`load_first`]).
    pub rest: Option<RestRead>,
}

impl Loaded {
    /// The catalog the desk sells from: the stored one, or the built-in sample.
    pub fn catalog_or_sample(&self) -> Catalog {
        self.catalog.clone().unwrap_or_else(Catalog::sample)
    }
}

/// Reads the records of one bucket key; unreadable records (or the whole value) are set
/// aside in quarantine and the bucket rewritten without them.
///
/// `record_key` names a record's revision by its id in the bucket; `None` for records without
/// revisions (the audit log: entries are only added). `keep` takes each record with its
/// creation, where stored.
fn load_bucket<T: DeserializeOwned>(
    kv: &dyn KeyValueStore,
    key: &str,
    record_key: fn(String) -> Option<RecordKey>,
    revisions: &mut Revisions,
    problems: &mut Vec<LoadProblem>,
    mut keep: impl FnMut(T, Option<u64>),
) {
    let mut note_revision = |id: String, rev: u64| {
        if let Some(record) = record_key(id) {
            revisions.insert(record, rev);
        }
    };
    let Some(raw) = kv.get(key) else { return };
    let json = codec::decode(&raw);
    // Fast path, taken at every start: the whole bucket straight into records. Only a bucket
    // with an unreadable record is read record by record to find which one it is.
    if let Ok(records) = json
        .as_deref()
        .map_err(|_| ())
        .and_then(|j| serde_json::from_str::<BTreeMap<String, Stored<T>>>(j).map_err(|_| ()))
    {
        for (id, stored) in records {
            note_revision(id, stored.revision);
            keep(stored.record, stored.created);
        }
        return;
    }
    let read = json.and_then(|j| serde_json::from_str::<Bucket>(&j).map_err(|e| e.to_string()));
    let mut bucket = match read {
        Ok(b) => b,
        Err(error) => {
            // Set aside, never deleted: the copy goes first, the original only once it is there.
            if set_aside(kv, key, &raw, problems, error) {
                kv.remove(key);
            }
            return;
        }
    };
    let mut bad = Vec::new();
    for (id, value) in &bucket {
        match parse_record::<T>(value) {
            Ok(stored) => {
                note_revision(id.clone(), stored.revision);
                keep(stored.record, stored.created);
            }
            Err(error) => bad.push((id.clone(), error)),
        }
    }
    if bad.is_empty() {
        return;
    }
    let mut all_kept = true;
    for (id, error) in bad {
        let raw_record = bucket[&id].get().to_owned();
        all_kept &= set_aside(kv, &format!("{key}#{id}"), &raw_record, problems, error);
        bucket.remove(&id);
    }
    if all_kept {
        let _ = kv.set(key, &write_bucket(&bucket));
    }
}

/// Loads the desk, first putting back a save that was cut short and moving schema-1 and
/// schema-2 data to the current schema. Never fails: unreadable data is set aside (see
/// [`LoadProblem`]).
pub fn load(kv: &dyn KeyValueStore) -> Loaded {
    let mut loaded = load_first(kv);
    if let Some(rest) = loaded.rest.take() {
        let mut more = rest.finish(kv, &mut loaded.desk, &mut loaded.revisions);
        loaded.problems.append(&mut more);
    }
    loaded
}

/// [`load`] in two steps, so that the customers list can be drawn before the rest is read:
/// this one recovers and migrates as `load` does, then reads the partner, the catalog and the
/// customers; its [`RestRead`] (`rest`) reads the subscriptions and the audit log. Until that
/// is finished the desk must not be changed or saved.
pub fn load_first(kv: &dyn KeyValueStore) -> Loaded {
    let mut problems = Vec::new();
    if let Some(raw) = kv.get(JOURNAL_KEY) {
        match serde_json::from_str::<Journal>(&raw) {
            Ok(journal) => {
                let keys = journal.undo(kv);
                problems.push(LoadProblem::InterruptedSaveRolledBack { keys });
            }
            Err(error) => {
                set_aside(kv, JOURNAL_KEY, &raw, &mut problems, error.to_string());
            }
        }
        kv.remove(JOURNAL_KEY);
    }
    let mut loaded = read_part(kv, Part::First);
    problems.append(&mut loaded.problems);
    loaded.problems = problems;
    loaded
}

/// How much of the desk a read takes in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The partner, the catalog and the customers ([`load_first`]).
    First,
    All,
}

/// Reads the desk as stored, without recovering an interrupted save: what a tab does when
/// another tab saved. `None` while another tab's save is under way (its journal is there).
pub fn reload(kv: &dyn KeyValueStore) -> Option<Loaded> {
    if kv.get(JOURNAL_KEY).is_some() {
        return None;
    }
    Some(read(kv))
}

/// Reads the desk as stored now, journal or not (after this tab's own failed save, whose journal
/// is already gone: memory must go back to storage at once).
pub fn read(kv: &dyn KeyValueStore) -> Loaded {
    read_part(kv, Part::All)
}

fn read_part(kv: &dyn KeyValueStore, part: Part) -> Loaded {
    let mut problems = Vec::new();
    let desk = Desk::new(PartnerProfile::default());
    let revisions = Revisions::default();
    match kv.get(SCHEMA_KEY).map(|v| v.trim().to_owned()).as_deref() {
        None | Some("3") => {}
        Some("2") => {
            if let Err(error) = migrate_v2(kv) {
                // Schema 2 reads like schema 3 (records are found in any bucket), but saving
                // would look for records in buckets they are not in yet: read-only until the
                // migration succeeds (it runs again at every start).
                problems.push(LoadProblem::MigrationFailed {
                    from: "2".into(),
                    error: format!("{error:?}"),
                });
                let mut loaded = read_buckets(kv, problems);
                loaded.writable = false;
                return loaded;
            }
        }
        Some("1") => {
            if let Err(error) = migrate_v1(kv, &mut problems) {
                problems.push(LoadProblem::MigrationFailed {
                    from: "1".into(),
                    error: format!("{error:?}"),
                });
                let old = load_v1(kv, &mut Vec::new());
                return Loaded {
                    desk: old,
                    problems,
                    writable: false,
                    revisions,
                    catalog: None,
                    rest: None,
                };
            }
        }
        Some(found) => {
            problems.push(LoadProblem::SchemaTooNew {
                found: found.to_owned(),
            });
            return Loaded {
                desk,
                problems,
                writable: false,
                revisions,
                catalog: None,
                rest: None,
            };
        }
    }
    match part {
        Part::First => read_first_part(kv, problems),
        Part::All => read_buckets(kv, problems),
    }
}

/// Reads every bucket, whatever its key (a record is found in any bucket of its kind).
pub(super) fn read_buckets(kv: &dyn KeyValueStore, problems: Vec<LoadProblem>) -> Loaded {
    let mut loaded = read_first_part(kv, problems);
    if let Some(rest) = loaded.rest.take() {
        let mut more = rest.finish(kv, &mut loaded.desk, &mut loaded.revisions);
        loaded.problems.append(&mut more);
    }
    loaded
}

/// The partner, the catalog and the customers: all the customers list needs, the customers in
/// creation order if it is stored beside each of them. The rest is read by the [`RestRead`] it
/// returns, if there is any.
fn read_first_part(kv: &dyn KeyValueStore, mut problems: Vec<LoadProblem>) -> Loaded {
    let mut desk = Desk::new(PartnerProfile::default());
    let mut revisions = Revisions::default();
    let mut catalog = None;
    let mut customers_created = Vec::new();
    // Set by a subscription bucket or an audit chunk: a new desk has none, nothing is left.
    let mut rest_pending = false;
    for key in desk_keys(kv, KeyKind::is_desk) {
        let (revisions, problems) = (&mut revisions, &mut problems);
        match KeyKind::of(&key) {
            KeyKind::Catalog => catalog = load_catalog(kv, problems),
            KeyKind::Partner => {
                let partner = |id: String| (id == PARTNER_ID).then_some(RecordKey::Partner);
                load_bucket::<PartnerProfile>(kv, &key, partner, revisions, problems, |p, _| {
                    desk.partner = p
                });
            }
            KeyKind::CustomerBucket => {
                let customer = |id| Some(RecordKey::Customer(id));
                load_bucket::<Customer>(kv, &key, customer, revisions, problems, |c, at| {
                    desk.customers.push(c);
                    customers_created.push(at);
                });
            }
            kind if kind.is_rest() => rest_pending = true,
            _ => {}
        }
    }
    let customers_in_order = match stored_ranks(&customers_created) {
        Some(rank) => {
            sort_by_rank(&mut desk.customers, &rank, |c| &c.id);
            true
        }
        None => false,
    };
    Loaded {
        desk,
        problems,
        writable: true,
        revisions,
        catalog,
        rest: rest_pending.then(|| RestRead::new(kv, customers_in_order)),
    }
}

/// Reads the entries of one audit chunk into `audit` (entries carry no revision).
fn load_chunk(
    kv: &dyn KeyValueStore,
    key: &str,
    revisions: &mut Revisions,
    problems: &mut Vec<LoadProblem>,
    audit: &mut Vec<AuditEntry>,
) {
    load_bucket::<AuditEntry>(kv, key, |_| None, revisions, problems, |a, _| audit.push(a));
}

/// The `seq` before the first entry an audit chunk's key holds.
fn chunk_start(key: &str) -> u64 {
    let chunk = key
        .strip_prefix(AUDIT_CHUNK_PREFIX)
        .and_then(|n| n.parse::<u64>().ok());
    chunk.unwrap_or(0) * AUDIT_CHUNK
}

/// The creation ranks stored beside each record, if every record has one.
fn stored_ranks(created: &[Option<u64>]) -> Option<Vec<u64>> {
    created.iter().copied().collect()
}

/// The subscriptions and the audit log, read in steps after [`load_first`] so that a page can
/// answer input between them (at 10,000 customers the whole read takes over half a second).
///
/// The subscription buckets come first, one a step. Where each record's creation is stored
/// beside it, one more step puts them in creation order, and [`RestRead::take_records`] hands
/// the customers and subscriptions to the desk with the newest audit chunk only (the desk's
/// `audit_unread` counts the entries before it): every page but those that show the log can
/// then be shown, and operations append to the log as usual. The other chunks, one a step, and
/// a step that checks their order, are what a page showing the log, an export or an import waits
/// for. Where a creation is not stored (a desk written before it was), the order is worked out
/// from the whole log instead, in one more step, and nothing is handed over before
/// [`RestRead::finish`].
#[derive(Debug)]
pub struct RestRead {
    /// The subscription buckets still to read, last first.
    subscription_keys: Vec<String>,
    /// The audit chunks still to read, last first.
    audit_keys: Vec<String>,
    /// The newest chunk, read with the records when they are handed over early.
    open_chunk: Option<String>,
    /// What is left to do besides the keys.
    order: OrderStep,
    total: usize,
    subscriptions: Vec<Subscription>,
    /// Each subscription's creation, where stored (beside `subscriptions`).
    subscriptions_created: Vec<Option<u64>>,
    /// Whether the customers [`load_first`] read are in creation order already, and whether the
    /// subscriptions are.
    customers_in_order: bool,
    subscriptions_in_order: bool,
    /// Whether the customers and subscriptions are in the desk.
    records_taken: bool,
    audit: Vec<AuditEntry>,
    revisions: Revisions,
    problems: Vec<LoadProblem>,
}

impl RestRead {
    /// Lists the subscription buckets and audit chunks stored now. `customers_in_order`: the
    /// desk's customers are in creation order already (else [`RestRead::finish`] orders them by
    /// the log, which gives the same order).
    pub fn new(kv: &dyn KeyValueStore, customers_in_order: bool) -> Self {
        let (mut subscription_keys, mut audit_keys): (Vec<String>, Vec<String>) =
            desk_keys(kv, KeyKind::is_rest)
                .into_iter()
                .partition(|key| KeyKind::of(key) == KeyKind::SubscriptionBucket);
        subscription_keys.reverse();
        let open_chunk = audit_keys.pop();
        audit_keys.reverse();
        let order = OrderStep::Subscriptions;
        RestRead {
            total: subscription_keys.len()
                + audit_keys.len()
                + usize::from(open_chunk.is_some())
                + order.steps_left(),
            subscription_keys,
            audit_keys,
            open_chunk,
            order,
            subscriptions: Vec::new(),
            subscriptions_created: Vec::new(),
            customers_in_order,
            subscriptions_in_order: false,
            records_taken: false,
            audit: Vec::new(),
            revisions: Revisions::default(),
            problems: Vec::new(),
        }
    }

    /// Steps done so far, and steps in all.
    pub fn progress(&self) -> (usize, usize) {
        let left = self.subscription_keys.len()
            + self.audit_keys.len()
            + usize::from(self.open_chunk.is_some())
            + self.order.steps_left();
        (self.total - left, self.total)
    }

    /// Takes the next step: a bucket or chunk read, or a step of putting records in order; false
    /// once there is nothing left to do.
    pub fn step(&mut self, kv: &dyn KeyValueStore) -> bool {
        let (revisions, problems) = (&mut self.revisions, &mut self.problems);
        if let Some(key) = self.subscription_keys.pop() {
            let (subscriptions, created) =
                (&mut self.subscriptions, &mut self.subscriptions_created);
            let subscription = |id| Some(RecordKey::Subscription(id));
            load_bucket::<Subscription>(kv, &key, subscription, revisions, problems, |s, at| {
                subscriptions.push(s);
                created.push(at);
            });
            return true;
        }
        if self.order == OrderStep::Subscriptions {
            if let Some(rank) = stored_ranks(&self.subscriptions_created) {
                sort_by_rank(&mut self.subscriptions, &rank, |s| &s.id);
                self.subscriptions_in_order = true;
            }
            if !self.records_ready() {
                // Their order comes from the whole log, read before they are handed over.
                self.audit_keys.extend(self.open_chunk.take());
                self.audit_keys.rotate_right(1);
            }
            self.subscriptions_created = Vec::new();
            self.order = OrderStep::Log;
            return true;
        }
        if let Some(key) = self.audit_keys.pop() {
            load_chunk(kv, &key, revisions, problems, &mut self.audit);
            return true;
        }
        self.order_step()
    }

    /// Whether the customers and subscriptions are read and in order, so that
    /// [`RestRead::take_records`] hands them over.
    pub fn records_ready(&self) -> bool {
        self.subscriptions_in_order && self.customers_in_order
    }

    /// Hands the subscriptions (with their revisions) to the desk and revisions that
    /// [`load_first`] gave, once [`RestRead::records_ready`], with the newest audit chunk;
    /// true if it did so now. The desk's other entries are counted in `audit_unread` until
    /// [`RestRead::finish`] reads them. The desk may then be changed and saved; it must not be
    /// exported or replaced before `finish`.
    pub fn take_records(
        &mut self,
        kv: &dyn KeyValueStore,
        desk: &mut Desk,
        revisions: &mut Revisions,
    ) -> bool {
        if self.records_taken || !self.records_ready() {
            return false;
        }
        if let Some(key) = self.open_chunk.take() {
            load_chunk(kv, &key, revisions, &mut self.problems, &mut desk.audit);
            desk.audit_unread = match desk.audit.first() {
                Some(first) => first.seq - 1,
                // Set aside as unreadable: the chunk's place in the log is known from its key.
                None => chunk_start(&key),
            };
        }
        // The smaller map goes into the larger (the subscriptions' is the larger at any size).
        let mut read = std::mem::take(&mut self.revisions);
        if revisions.len() < read.len() {
            std::mem::swap(revisions, &mut read);
        }
        revisions.extend(read);
        // `load_first` leaves no subscriptions.
        desk.subscriptions.append(&mut self.subscriptions);
        self.records_taken = true;
        true
    }

    /// The steps after the log's chunks: the log checked to be in `seq` order and, where
    /// creation is not stored, the subscriptions' ranks worked out from it; then their sort.
    fn order_step(&mut self) -> bool {
        match std::mem::replace(&mut self.order, OrderStep::Done) {
            OrderStep::Subscriptions => unreachable!("taken in `step`"),
            OrderStep::Log => {
                // The chunks are read in key order, which is the log's: sorting is only for a
                // log stored some other way.
                if !self.audit.is_sorted_by_key(|a| a.seq) {
                    crate::sorting::sort_by_key(&mut self.audit, |a| a.seq);
                }
                if !self.subscriptions_in_order {
                    let created = created(
                        &self.audit,
                        Entity::subscription_id,
                        self.subscriptions.len(),
                    );
                    self.order = OrderStep::Sort(ranks(&self.subscriptions, &created, |s| &s.id));
                }
            }
            OrderStep::Sort(rank) => {
                sort_by_rank(&mut self.subscriptions, &rank, |s| &s.id);
                self.subscriptions_in_order = true;
            }
            OrderStep::Done => return false,
        }
        true
    }

    /// Whether anything of the log is left to read once the records are handed over (beyond
    /// the step that checks its order).
    pub fn log_left(&self) -> bool {
        !self.audit_keys.is_empty()
    }

    /// Does what is left, then hands everything to the desk and revisions that [`load_first`]
    /// gave (the customers put in order by the log if they were not yet): the desk holds the
    /// whole log again, what was appended since [`RestRead::take_records`] after it.
    pub fn finish(
        mut self,
        kv: &dyn KeyValueStore,
        desk: &mut Desk,
        revisions: &mut Revisions,
    ) -> Vec<LoadProblem> {
        while self.step(kv) {}
        if !self.customers_in_order {
            let created = created(&self.audit, Entity::customer_id, desk.customers.len());
            let rank = ranks(&desk.customers, &created, |c| &c.id);
            drop(created); // it borrows the ids in the log
            sort_by_rank(&mut desk.customers, &rank, |c| &c.id);
            self.customers_in_order = true;
        }
        self.take_records(kv, desk, revisions);
        self.audit.append(&mut desk.audit);
        desk.audit = self.audit;
        desk.audit_unread = 0;
        self.problems
    }
}

/// What [`RestRead`] has left to do besides reading keys.
#[derive(Debug, PartialEq)]
enum OrderStep {
    /// The subscriptions to put in their stored order, if each has one.
    Subscriptions,
    /// The log to check; the subscriptions' ranks to work out from it if they had none stored.
    Log,
    /// The subscriptions to sort by these ranks.
    Sort(Vec<u64>),
    Done,
}

impl OrderStep {
    /// Steps left, counting the sort by the log's ranks only once it is known to be needed.
    fn steps_left(&self) -> usize {
        match self {
            OrderStep::Subscriptions => 2,
            OrderStep::Log | OrderStep::Sort(_) => 1,
            OrderStep::Done => 0,
        }
    }
}

/// The stored catalog, or `None` (with the value set aside) when it cannot be read or breaks the
/// catalog's rules: the desk then sells from the built-in sample.
fn load_catalog(kv: &dyn KeyValueStore, problems: &mut Vec<LoadProblem>) -> Option<Catalog> {
    let raw = kv.get(CATALOG_KEY)?;
    let read = codec::decode(&raw)
        .and_then(|json| Catalog::load(&json).map_err(|problems| format!("{problems:?}")));
    match read {
        Ok(catalog) => Some(catalog),
        Err(error) => {
            if set_aside(kv, CATALOG_KEY, &raw, problems, error) {
                kv.remove(CATALOG_KEY);
            }
            None
        }
    }
}

/// Each record's creation rank (from [`created`]); records the log does not name go last.
fn ranks<T>(items: &[T], created: &FxHashMap<&str, u64>, id: impl Fn(&T) -> &str) -> Vec<u64> {
    items
        .iter()
        .map(|item| created.get(id(item)).copied().unwrap_or(u64::MAX))
        .collect()
}

/// Sorts customers or subscriptions by rank, then by id, so lists keep one order across loads.
fn sort_by_rank<T>(items: &mut Vec<T>, rank: &[u64], id: impl Fn(&T) -> &str) {
    // Sorts positions, not the records: moving large records while sorting cost more than
    // the rest of the read put together.
    let order = crate::sorting::positions(items.len(), &|a, b| {
        rank[a]
            .cmp(&rank[b])
            .then_with(|| id(&items[a]).cmp(id(&items[b])))
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use serde_json::value::RawValue;

    use super::super::keys::QUARANTINE_PREFIX;
    use super::super::test_support::{add, fresh, stored, stored_sample};
    use super::super::{quarantined, replace, usage};
    use super::*;
    use crate::store::StoreError;
    use crate::store::{utf16_len, MemoryStore};

    /// The subscription buckets and audit chunks stored.
    fn rest_keys(kv: &MemoryStore) -> (usize, usize) {
        let subscriptions = desk_keys(kv, |kind| kind == KeyKind::SubscriptionBucket).len();
        let chunks = desk_keys(kv, |kind| kind == KeyKind::AuditChunk).len();
        (subscriptions, chunks)
    }

    /// Takes every record's stored creation away, as a desk stored before it was kept.
    fn forget_creation(kv: &MemoryStore) {
        let records = |kind| kind == KeyKind::CustomerBucket || kind == KeyKind::SubscriptionBucket;
        for key in desk_keys(kv, records) {
            let mut bucket = super::super::buckets::read_bucket(&kv.get(&key).unwrap()).unwrap();
            for raw in bucket.values_mut() {
                let stored: Stored<Box<RawValue>> = serde_json::from_str(raw.get()).unwrap();
                assert!(
                    stored.created.is_some(),
                    "a replace stores each record's creation"
                );
                let old = serde_json::to_string(&(stored.revision, stored.record)).unwrap();
                *raw = RawValue::from_string(old).unwrap();
            }
            kv.set(&key, &write_bucket(&bucket)).unwrap();
        }
    }

    #[test]
    fn loading_in_two_steps_gives_the_customers_first_and_then_the_same_desk() {
        let (kv, desk) = stored_sample();
        let whole = load(&kv);
        assert!(whole.rest.is_none());
        assert!(
            load_first(&MemoryStore::new()).rest.is_none(),
            "a new desk has nothing left"
        );

        let mut first = load_first(&kv);
        assert_eq!(
            first.desk.customers, desk.customers,
            "the customers, in creation order as stored"
        );
        assert!(first.desk.subscriptions.is_empty() && first.desk.audit.is_empty());
        let rest = first.rest.take().expect("the rest is left");
        let problems = rest.finish(&kv, &mut first.desk, &mut first.revisions);
        assert!(problems.is_empty());
        assert_eq!(first.desk, whole.desk, "same records in the same order");
        assert_eq!(first.desk, desk);
        assert_eq!(first.revisions, whole.revisions);
    }

    #[test]
    fn the_records_are_handed_over_in_order_before_the_audit_log_is_read() {
        let desk = crate::store::sample::sample_desk(3, 300, 2);
        let kv = stored(&desk);
        let (subscriptions, chunks) = rest_keys(&kv);
        assert!(
            subscriptions > 2 && chunks > 2,
            "the sample fills several of each"
        );
        let mut first = load_first(&kv);
        let mut read = first.rest.take().unwrap();
        // A step per bucket and chunk, one to order the subscriptions, one to check the log.
        let steps = subscriptions + chunks + 2;
        assert_eq!(read.progress(), (0, steps));
        let mut taken = 0;
        while !read.records_ready() {
            assert!(!read.take_records(&kv, &mut first.desk, &mut first.revisions));
            assert!(read.step(&kv));
            taken += 1;
        }
        assert_eq!(taken, subscriptions + 1, "no chunk of the log read before");
        assert!(read.take_records(&kv, &mut first.desk, &mut first.revisions));
        assert!(
            !read.take_records(&kv, &mut first.desk, &mut first.revisions),
            "only once"
        );
        assert_eq!(first.desk.customers, desk.customers);
        assert_eq!(
            first.desk.subscriptions, desk.subscriptions,
            "in creation order"
        );
        let newest = (chunks as u64 - 1) * AUDIT_CHUNK;
        assert_eq!(
            first.desk.audit_unread, newest,
            "all chunks but the newest left"
        );
        assert_eq!(first.desk.audit[..], desk.audit[newest as usize..]);

        // An operation appends after the whole log, and saves, before the rest is read.
        let mut revisions = first.revisions.clone();
        add(&kv, &mut first.desk, &mut revisions, "late").unwrap();
        let logged = desk.audit.len() as u64;
        let added: Vec<AuditEntry> = first
            .desk
            .audit
            .iter()
            .filter(|a| a.seq > logged)
            .cloned()
            .collect();
        assert_eq!(added.first().map(|a| a.seq), Some(logged + 1));
        assert!(matches!(
            replace(&kv, &first.desk, None, &desk, &mut revisions),
            Err(StoreError::Refused(_))
        ));

        assert!(read
            .finish(&kv, &mut first.desk, &mut first.revisions)
            .is_empty());
        assert_eq!(first.desk.audit_unread, 0);
        assert_eq!(first.desk.audit[..desk.audit.len()], desk.audit[..]);
        assert_eq!(first.desk.audit[desk.audit.len()..], added[..]);
        assert_eq!(first.desk, load(&kv).desk, "memory as stored");
    }

    #[test]
    fn a_desk_stored_without_creation_is_put_in_the_same_order_by_the_log() {
        let (kv, desk) = stored_sample();
        forget_creation(&kv);
        let (subscriptions, chunks) = rest_keys(&kv);
        let mut first = load_first(&kv);
        let mut read = first.rest.take().unwrap();
        let mut taken = 0;
        while read.step(&kv) {
            assert!(!read.records_ready() || taken > subscriptions + chunks);
            taken += 1;
        }
        // One step more than with the creation stored: the subscriptions' sort by the log.
        assert_eq!(taken, subscriptions + chunks + 3);
        let (done, total) = read.progress();
        assert_eq!(done, total);
        assert!(read
            .finish(&kv, &mut first.desk, &mut first.revisions)
            .is_empty());
        assert_eq!(
            first.desk, desk,
            "customers and subscriptions in creation order"
        );
    }

    #[test]
    fn records_load_in_the_order_the_log_created_them_whatever_order_it_is_read_in() {
        let desk = crate::store::sample::sample_desk(3, 300, 2);
        let kv = stored(&desk);
        forget_creation(&kv);
        let loaded = load(&kv).desk;
        assert_eq!(
            loaded, desk,
            "customers and subscriptions in creation order"
        );

        // The first and the last chunk of the log trade places: the log is read out of order.
        let chunks = desk_keys(&kv, |kind| kind == KeyKind::AuditChunk);
        assert!(chunks.len() > 1, "the sample's log fills several chunks");
        let (first, last) = (&chunks[0], &chunks[chunks.len() - 1]);
        let (a, b) = (kv.get(first).unwrap(), kv.get(last).unwrap());
        kv.set(first, &b).unwrap();
        kv.set(last, &a).unwrap();
        assert_eq!(
            load(&kv).desk,
            desk,
            "the log sorted again, the records in the same order"
        );
    }

    #[test]
    fn records_an_edit_creates_are_stored_with_their_creation() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        for id in ["c3", "c1", "c2"] {
            add(&kv, &mut desk, &mut revs, id).unwrap();
        }
        let mut first = load_first(&kv);
        assert_eq!(
            first.desk.customers, desk.customers,
            "in the order they were created, from what is stored beside them"
        );
        let mut read = first.rest.take().unwrap();
        assert!(!read.records_ready());
        assert!(
            read.step(&kv),
            "no subscriptions: the step that orders them"
        );
        assert!(read.records_ready(), "before the log is read");
        read.finish(&kv, &mut first.desk, &mut first.revisions);
        assert_eq!(first.desk, desk);
    }

    #[test]
    fn a_stored_catalog_loads_back_and_a_replace_without_one_returns_to_the_sample() {
        let kv = MemoryStore::new();
        let (desk, mut revs) = fresh(&kv);
        assert_eq!(load(&kv).catalog, None);
        let mut offers = Catalog::sample().offers;
        offers.truncate(5);
        let small = Catalog::from_offers(offers).unwrap();
        replace(&kv, &desk, Some(&small), &desk, &mut revs).unwrap();
        let loaded = load(&kv);
        assert_eq!(loaded.catalog.as_ref(), Some(&small));
        assert_eq!(loaded.catalog_or_sample().offers.len(), 5);
        assert!(usage(&kv).desk > utf16_len(&kv.get(CATALOG_KEY).unwrap()));
        replace(&kv, &desk, None, &desk, &mut revs).unwrap();
        assert_eq!(kv.get(CATALOG_KEY), None);
        assert_eq!(load(&kv).catalog_or_sample(), Catalog::sample());
    }

    #[test]
    fn a_catalog_breaking_its_rules_is_set_aside_and_the_sample_used() {
        let kv = MemoryStore::new();
        let mut offers = Catalog::sample().offers;
        offers.push(offers[0].clone()); // a duplicate id
        let json = serde_json::to_string(&offers).unwrap();
        kv.set(CATALOG_KEY, &codec::encode(&json)).unwrap();
        let loaded = load(&kv);
        assert_eq!(loaded.catalog, None);
        assert!(matches!(
            &loaded.problems[..],
            [LoadProblem::Unreadable { key, .. }] if key == CATALOG_KEY
        ));
        assert_eq!(kv.get(CATALOG_KEY), None);
        assert!(quarantined(&kv).contains_key(&format!("{QUARANTINE_PREFIX}{CATALOG_KEY}")));
    }

    #[test]
    fn a_newer_schema_is_left_untouched() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        kv.set(SCHEMA_KEY, "99").unwrap();
        let keys_before = kv.keys();
        let loaded = load(&kv);
        assert!(!loaded.writable);
        assert_eq!(
            loaded.problems,
            vec![LoadProblem::SchemaTooNew { found: "99".into() }]
        );
        assert!(loaded.desk.customers.is_empty());
        assert_eq!(kv.keys(), keys_before);
    }
}
