//! The desk in storage (schema 3): records grouped in small buckets, each bucket one key
//! holding compact text (see [`super::codec`]), so that one edit rewrites only the bucket(s) it
//! touched and 10,000 customers with 30,000 subscriptions fit in the browser's quota. Which
//! records a change touched comes from the audit entries the domain appends, so nothing is
//! diffed.
//!
//! Keys (schema 3):
//! - `segment-desk/schema` — the schema version, `3`
//! - `segment-desk/partner` — the partner profile (a bucket of one record, id `partner`)
//! - `segment-desk/c/<00..7f>` — customers, bucketed by a hash of the id
//! - `segment-desk/s/<00..ff>` — subscriptions, bucketed by a hash of the id
//! - `segment-desk/a/<chunk, 6 digits>` — the audit log, 256 entries a chunk, in order; the
//!   newest chunk is plain JSON, the others packed
//! - `segment-desk/journal` — present only while a save is under way: the previous value of
//!   every key the save writes. Found at start, it means a save was cut short: the keys are put
//!   back, so no half-written change is ever seen.
//! - `segment-desk/quarantine/<original key>[#<record id>]` — data that could not be read, set
//!   aside, never deleted silently
//!
//! A bucket is a JSON object `{ "<id>": [<revision>, <record>] }`. The revision goes up by one
//! with every write of the record; a tab that writes a record whose stored revision is not the
//! one it read is told of the conflict instead of overwriting (two tabs).
//!
//! Schema 1 (one key per record, plain JSON) and schema 2 (4× larger buckets, every chunk
//! packed) are migrated on load; see [`migrate_v1`] and [`migrate_v2`].

use std::collections::{BTreeMap, HashMap};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::codec::{self, utf16_len};
use super::{KeyValueStore, StoreError, KEY_PREFIX};
use crate::domain::{
    AuditEntry, Catalog, Customer, Desk, Entity, Offer, PartnerProfile, Subscription,
};

/// The schema this build writes and reads.
pub const SCHEMA_VERSION: u32 = 3;
pub const SCHEMA_KEY: &str = "segment-desk/schema";
pub const PARTNER_KEY: &str = "segment-desk/partner";
pub const CUSTOMER_BUCKET_PREFIX: &str = "segment-desk/c/";
pub const SUBSCRIPTION_BUCKET_PREFIX: &str = "segment-desk/s/";
pub const AUDIT_CHUNK_PREFIX: &str = "segment-desk/a/";
pub const JOURNAL_KEY: &str = "segment-desk/journal";
/// The offers the desk sells when they are not the built-in sample ("Load sample data", or an
/// import that carries its own): one value, encoded like a bucket, holding a JSON array of offers.
pub const CATALOG_KEY: &str = "segment-desk/catalog";
pub const QUARANTINE_PREFIX: &str = "segment-desk/quarantine/";
/// Buckets are small so that an edit rewrites (and deflates) little: about 80 customers or
/// 120 subscriptions each at 10,000 customers. Schema 2 had 32 and 64: each of its buckets
/// splits into exactly four of these (see [`migrate_v2`]).
pub const CUSTOMER_BUCKETS: u64 = 128;
pub const SUBSCRIPTION_BUCKETS: u64 = 256;

pub const AUDIT_CHUNK: u64 = 256;
/// The id of the partner record in its bucket.
const PARTNER_ID: &str = "partner";

/// Chromium's `localStorage` quota: 10 MiB per origin, counted in UTF-16 (2 bytes a unit).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// Keys of schema 1 (read by the migration only).
pub mod v1 {
    pub const CUSTOMER_PREFIX: &str = "segment-desk/customer/";
    pub const SUBSCRIPTION_PREFIX: &str = "segment-desk/subscription/";
    pub const AUDIT_PREFIX: &str = "segment-desk/audit/";
}

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

/// Which revision of each record this tab read: `c:<id>`, `s:<id>`, `partner`.
pub type Revisions = HashMap<String, u64>;

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
    /// The subscriptions and the audit log are still to be read ([`load_first`], [`load_rest`]).
    pub rest_pending: bool,
}

impl Loaded {
    /// The catalog the desk sells from: the stored one, or the built-in sample.
    pub fn catalog_or_sample(&self) -> Catalog {
        self.catalog.clone().unwrap_or_else(Catalog::sample)
    }
}

fn fnv(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

pub fn customer_bucket(id: &str) -> String {
    format!("{CUSTOMER_BUCKET_PREFIX}{:02x}", fnv(id) % CUSTOMER_BUCKETS)
}

pub fn subscription_bucket(id: &str) -> String {
    format!(
        "{SUBSCRIPTION_BUCKET_PREFIX}{:02x}",
        fnv(id) % SUBSCRIPTION_BUCKETS
    )
}

pub fn audit_chunk(seq: u64) -> String {
    format!(
        "{AUDIT_CHUNK_PREFIX}{:06}",
        seq.saturating_sub(1) / AUDIT_CHUNK
    )
}

/// Where an entity lives: its bucket key, its id in the bucket, its revision key.
fn locate(entity: &Entity) -> (String, String, String) {
    match entity {
        Entity::Partner => (PARTNER_KEY.into(), PARTNER_ID.into(), PARTNER_ID.into()),
        Entity::Customer { id } => (customer_bucket(id), id.clone(), format!("c:{id}")),
        Entity::Subscription { id } => (subscription_bucket(id), id.clone(), format!("s:{id}")),
    }
}

fn is_desk_key(key: &str) -> bool {
    key == SCHEMA_KEY
        || key == PARTNER_KEY
        || key == JOURNAL_KEY
        || key == CATALOG_KEY
        || key.starts_with(CUSTOMER_BUCKET_PREFIX)
        || key.starts_with(SUBSCRIPTION_BUCKET_PREFIX)
        || key.starts_with(AUDIT_CHUNK_PREFIX)
        || key.starts_with(v1::CUSTOMER_PREFIX)
        || key.starts_with(v1::SUBSCRIPTION_PREFIX)
        || key.starts_with(v1::AUDIT_PREFIX)
}

/// Whether a key of a `storage` event concerns the desk (another tab saved).
pub fn concerns_desk(key: Option<&str>) -> bool {
    key.is_none_or(|k| is_desk_key(k) || k.starts_with(QUARANTINE_PREFIX))
}

type Bucket = BTreeMap<String, Value>;

fn read_bucket(raw: &str) -> Result<Bucket, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

fn write_bucket(bucket: &impl Serialize) -> String {
    codec::encode(&serde_json::to_string(bucket).expect("JSON values serialize"))
}

/// A bucket as [`save`] handles it: each record's JSON text as stored, so that an edit parses
/// and writes only the records it changes. Parsing a bucket's ~120 records into JSON values and
/// writing them back cost more than the rest of an edit together.
type RawBucket = BTreeMap<String, Box<RawValue>>;

fn read_raw_bucket(raw: &str) -> Result<RawBucket, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// A record as stored: `[revision, record]`.
fn raw_record(revision: u64, record: Value) -> Box<RawValue> {
    let json = Value::Array(vec![revision.into(), record]).to_string();
    RawValue::from_string(json).expect("a JSON value's text is JSON")
}

/// The revision of a stored record (0 if it has none).
fn stored_revision(record: &RawValue) -> u64 {
    serde_json::from_str::<(u64, serde::de::IgnoredAny)>(record.get()).map_or(0, |(rev, _)| rev)
}

/// An audit chunk as stored. The chunk still being filled (`open`) is plain JSON: appending an
/// entry, which every edit does, then costs neither an inflate nor a deflate. A chunk is packed
/// once the next one starts. The open chunk takes at most ~1% of the quota in plain form.
fn write_chunk(chunk: &impl Serialize, open: bool) -> String {
    if open {
        serde_json::to_string(chunk).expect("JSON values serialize")
    } else {
        write_bucket(chunk)
    }
}

fn parse_record<T: DeserializeOwned>(value: Value) -> Result<(u64, T), String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

fn set_aside(
    kv: &dyn KeyValueStore,
    key: &str,
    raw: &str,
    problems: &mut Vec<LoadProblem>,
    error: String,
) -> bool {
    let quarantined_as = format!("{QUARANTINE_PREFIX}{key}");
    let kept = kv.set(&quarantined_as, raw).is_ok();
    problems.push(LoadProblem::Unreadable {
        key: key.to_owned(),
        quarantined_as,
        error,
    });
    kept
}

/// Reads the records of one bucket key; unreadable records (or the whole value) are set
/// aside in quarantine and the bucket rewritten without them.
///
/// `rev_prefix: None` reads records without revisions (the audit log: entries are only added).
fn load_bucket<T: DeserializeOwned>(
    kv: &dyn KeyValueStore,
    key: &str,
    rev_prefix: Option<&str>,
    revisions: &mut Revisions,
    problems: &mut Vec<LoadProblem>,
    mut keep: impl FnMut(T),
) {
    let mut note_revision = |id: &str, rev: u64| {
        if let Some(prefix) = rev_prefix {
            revisions.insert(format!("{prefix}{id}"), rev);
        }
    };
    let Some(raw) = kv.get(key) else { return };
    let json = codec::decode(&raw);
    // Fast path, taken at every start: the whole bucket straight into records. Only a bucket
    // with an unreadable record goes through JSON values to find which one it is.
    if let Ok(records) = json
        .as_deref()
        .map_err(|_| ())
        .and_then(|j| serde_json::from_str::<BTreeMap<String, (u64, T)>>(j).map_err(|_| ()))
    {
        for (id, (rev, record)) in records {
            note_revision(&id, rev);
            keep(record);
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
        match parse_record::<T>(value.clone()) {
            Ok((rev, record)) => {
                note_revision(id, rev);
                keep(record);
            }
            Err(error) => bad.push((id.clone(), error)),
        }
    }
    if bad.is_empty() {
        return;
    }
    let mut all_kept = true;
    for (id, error) in bad {
        let raw_record = bucket[&id].to_string();
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
    if loaded.rest_pending {
        let mut more = load_rest(kv, &mut loaded.desk, &mut loaded.revisions);
        loaded.problems.append(&mut more);
        loaded.rest_pending = false;
    }
    loaded
}

/// [`load`] in two steps, so that the customers list can be drawn before the rest is read:
/// this one recovers and migrates as `load` does, then reads the partner, the catalog and the
/// customers; [`load_rest`] reads the subscriptions and the audit log. Between the two the
/// desk must not be changed or saved (`rest_pending`).
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
pub fn read_now(kv: &dyn KeyValueStore) -> Loaded {
    read(kv)
}

fn read(kv: &dyn KeyValueStore) -> Loaded {
    read_part(kv, Part::All)
}

fn read_part(kv: &dyn KeyValueStore, part: Part) -> Loaded {
    let mut problems = Vec::new();
    let desk = Desk::new(PartnerProfile::default());
    let revisions = Revisions::new();
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
                    rest_pending: false,
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
                rest_pending: false,
            };
        }
    }
    match part {
        Part::First => read_first_part(kv, problems),
        Part::All => read_buckets(kv, problems),
    }
}

/// Reads every bucket, whatever its key (a record is found in any bucket of its kind).
fn read_buckets(kv: &dyn KeyValueStore, problems: Vec<LoadProblem>) -> Loaded {
    let mut loaded = read_first_part(kv, problems);
    let mut more = load_rest(kv, &mut loaded.desk, &mut loaded.revisions);
    loaded.problems.append(&mut more);
    loaded.rest_pending = false;
    loaded
}

/// The keys of the desk in storage, in order.
fn desk_keys(kv: &dyn KeyValueStore, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut keys = kv.keys();
    keys.retain(|k| k.starts_with(KEY_PREFIX) && !k.starts_with(QUARANTINE_PREFIX) && wanted(k));
    keys.sort();
    keys
}

/// Whether a key holds what [`load_rest`] reads: a subscription bucket or an audit chunk.
fn is_rest_key(key: &str) -> bool {
    key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) || key.starts_with(AUDIT_CHUNK_PREFIX)
}

/// The partner, the catalog and the customers: all the customers list needs. The rest is read
/// by [`load_rest`].
fn read_first_part(kv: &dyn KeyValueStore, mut problems: Vec<LoadProblem>) -> Loaded {
    let mut desk = Desk::new(PartnerProfile::default());
    let mut revisions = Revisions::new();
    let mut catalog = None;
    let keys = desk_keys(kv, |_| true);
    // Nothing else stored (a new desk): nothing is left for later.
    let rest_pending = keys.iter().any(|k| is_rest_key(k));
    for key in keys.into_iter().filter(|k| !is_rest_key(k)) {
        if key == CATALOG_KEY {
            catalog = load_catalog(kv, &mut problems);
        } else if key == PARTNER_KEY {
            load_bucket::<PartnerProfile>(kv, &key, Some(""), &mut revisions, &mut problems, |p| {
                desk.partner = p
            });
        } else if key.starts_with(CUSTOMER_BUCKET_PREFIX) {
            load_bucket::<Customer>(kv, &key, Some("c:"), &mut revisions, &mut problems, |c| {
                desk.customers.push(c)
            });
        }
    }
    Loaded {
        desk,
        problems,
        writable: true,
        revisions,
        catalog,
        rest_pending,
    }
}

/// Reads what [`load_first`] left into its desk and revisions: the subscriptions and the audit
/// log, then puts customers and subscriptions in creation order. Returns what it found
/// unreadable (set aside, as at any load). [`RestRead`] does the same a bucket at a time.
pub fn load_rest(
    kv: &dyn KeyValueStore,
    desk: &mut Desk,
    revisions: &mut Revisions,
) -> Vec<LoadProblem> {
    RestRead::new(kv).finish(kv, desk, revisions)
}

/// [`load_rest`] in steps of one stored bucket, so that a page can answer input between them
/// (at 10,000 customers the whole read takes over half a second). Nothing of it reaches the desk
/// before [`RestRead::finish`].
#[derive(Debug)]
pub struct RestRead {
    /// The keys still to read, last first.
    keys: Vec<String>,
    total: usize,
    subscriptions: Vec<Subscription>,
    audit: Vec<AuditEntry>,
    revisions: Revisions,
    problems: Vec<LoadProblem>,
}

impl RestRead {
    /// Lists the subscription buckets and audit chunks stored now.
    pub fn new(kv: &dyn KeyValueStore) -> Self {
        let mut keys = desk_keys(kv, is_rest_key);
        keys.reverse();
        RestRead {
            total: keys.len(),
            keys,
            subscriptions: Vec::new(),
            audit: Vec::new(),
            revisions: Revisions::new(),
            problems: Vec::new(),
        }
    }

    /// Buckets read so far, and buckets in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.total - self.keys.len(), self.total)
    }

    /// Reads the next bucket; false once every bucket is read.
    pub fn step(&mut self, kv: &dyn KeyValueStore) -> bool {
        let Some(key) = self.keys.pop() else {
            return false;
        };
        let (revisions, problems) = (&mut self.revisions, &mut self.problems);
        if key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) {
            let subscriptions = &mut self.subscriptions;
            load_bucket::<Subscription>(kv, &key, Some("s:"), revisions, problems, |s| {
                subscriptions.push(s)
            });
        } else {
            let audit = &mut self.audit;
            load_bucket::<AuditEntry>(kv, &key, None, revisions, problems, |a| audit.push(a));
        }
        true
    }

    /// Reads what is left, then hands everything to the desk and revisions that [`load_first`]
    /// gave, and puts customers and subscriptions in creation order.
    pub fn finish(
        mut self,
        kv: &dyn KeyValueStore,
        desk: &mut Desk,
        revisions: &mut Revisions,
    ) -> Vec<LoadProblem> {
        while self.step(kv) {}
        // The smaller map goes into the larger (the subscriptions' is the larger at any size).
        if revisions.len() < self.revisions.len() {
            std::mem::swap(revisions, &mut self.revisions);
        }
        revisions.extend(self.revisions);
        desk.subscriptions.append(&mut self.subscriptions);
        self.audit.sort_by_key(|a| a.seq);
        desk.audit = self.audit;
        put_in_creation_order(desk);
        self.problems
    }
}

/// Creation order (the audit log's), so lists are stable across loads.
fn put_in_creation_order(desk: &mut Desk) {
    // The first entry naming a record is its creation.
    let mut customers: HashMap<&str, u64> = HashMap::with_capacity(desk.customers.len());
    let mut subscriptions: HashMap<&str, u64> = HashMap::with_capacity(desk.subscriptions.len());
    for entry in &desk.audit {
        match &entry.entity {
            Entity::Customer { id } => customers.entry(id.as_str()).or_insert(entry.seq),
            Entity::Subscription { id } => subscriptions.entry(id.as_str()).or_insert(entry.seq),
            Entity::Partner => continue,
        };
    }
    let rank =
        |created: &HashMap<&str, u64>, id: &str| created.get(id).copied().unwrap_or(u64::MAX);
    let customer_rank: Vec<u64> = desk
        .customers
        .iter()
        .map(|c| rank(&customers, &c.id))
        .collect();
    let subscription_rank: Vec<u64> = desk
        .subscriptions
        .iter()
        .map(|s| rank(&subscriptions, &s.id))
        .collect();
    drop((customers, subscriptions)); // they borrow the ids in the audit log
    sort_by_rank(&mut desk.customers, &customer_rank, |c| &c.id);
    sort_by_rank(&mut desk.subscriptions, &subscription_rank, |s| &s.id);
}

/// The stored catalog, or `None` (with the value set aside) when it cannot be read or breaks the
/// catalog's rules: the desk then sells from the built-in sample.
fn load_catalog(kv: &dyn KeyValueStore, problems: &mut Vec<LoadProblem>) -> Option<Catalog> {
    let raw = kv.get(CATALOG_KEY)?;
    let read = codec::decode(&raw)
        .and_then(|json| serde_json::from_str::<Vec<Offer>>(&json).map_err(|e| e.to_string()))
        .and_then(|offers| {
            Catalog::from_offers(offers).map_err(|problems| format!("{problems:?}"))
        });
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

fn write_catalog(catalog: &Catalog) -> String {
    codec::encode(&serde_json::to_string(&catalog.offers).expect("offers serialize"))
}

fn sort_by_rank<T>(items: &mut Vec<T>, rank: &[u64], id: impl Fn(&T) -> &str) {
    // Sorts positions, not the records: moving large records while sorting cost more than
    // the rest of the read put together.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        rank[a]
            .cmp(&rank[b])
            .then_with(|| id(&items[a]).cmp(id(&items[b])))
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Schema 1: one plain-JSON key per record.
fn load_v1(kv: &dyn KeyValueStore, problems: &mut Vec<LoadProblem>) -> Desk {
    let mut desk = Desk::new(PartnerProfile::default());
    let mut keys = kv.keys();
    keys.retain(|k| k.starts_with(KEY_PREFIX) && !k.starts_with(QUARANTINE_PREFIX));
    keys.sort();
    for key in keys {
        let Some(raw) = kv.get(&key) else { continue };
        let read = if key == PARTNER_KEY {
            parse::<PartnerProfile>(&raw).map(|p| desk.partner = p)
        } else if key.starts_with(v1::CUSTOMER_PREFIX) {
            parse::<Customer>(&raw).map(|c| desk.customers.push(c))
        } else if key.starts_with(v1::SUBSCRIPTION_PREFIX) {
            parse::<Subscription>(&raw).map(|s| desk.subscriptions.push(s))
        } else if key.starts_with(v1::AUDIT_PREFIX) {
            parse::<AuditEntry>(&raw).map(|a| desk.audit.push(a))
        } else {
            Ok(())
        };
        if let Err(error) = read {
            if set_aside(kv, &key, &raw, problems, error) {
                kv.remove(&key);
            }
        }
    }
    desk.audit.sort_by_key(|a| a.seq);
    desk
}

fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, String> {
    serde_json::from_str(raw).map_err(|e| e.to_string())
}

/// Moves schema-1 data to the current schema: writes the new keys, then the schema version,
/// then removes the old keys. Cut short before the version is written, it simply runs again next time.
pub fn migrate_v1(
    kv: &dyn KeyValueStore,
    problems: &mut Vec<LoadProblem>,
) -> Result<(), StoreError> {
    let desk = load_v1(kv, problems);
    let old: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| {
            k.starts_with(v1::CUSTOMER_PREFIX)
                || k.starts_with(v1::SUBSCRIPTION_PREFIX)
                || k.starts_with(v1::AUDIT_PREFIX)
                || k == PARTNER_KEY
        })
        .collect();
    let layout = layout(&desk, &Revisions::new());
    let mut written = Vec::new();
    for (key, value) in &layout {
        let previous = kv.get(key);
        if let Err(err) = kv.set(key, value) {
            for (k, prev) in written.into_iter().rev() {
                restore(kv, k, prev);
            }
            return Err(err);
        }
        written.push((key.as_str(), previous));
    }
    kv.set(SCHEMA_KEY, &SCHEMA_VERSION.to_string())?;
    for key in old.iter().filter(|k| !layout.contains_key(*k)) {
        kv.remove(key);
    }
    Ok(())
}

/// Moves schema-2 data to schema 3: each customer and subscription bucket splits into the four
/// smaller buckets its records now belong to (`hash % 128` of a record in `hash % 32` bucket `b`
/// is one of `b`, `b + 32`, `b + 64`, `b + 96`; likewise 64 → 256). One bucket at a time, each
/// step all or nothing ([`commit`]), so it needs room for one bucket's copy, not the desk's.
/// Cut short, it carries on at the next start: a bucket already split has nothing to move.
fn migrate_v2(kv: &dyn KeyValueStore) -> Result<(), StoreError> {
    let mut keys = kv.keys();
    keys.sort();
    for key in keys {
        let bucket_of: fn(&str) -> String = if key.starts_with(CUSTOMER_BUCKET_PREFIX) {
            customer_bucket
        } else if key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) {
            subscription_bucket
        } else {
            continue;
        };
        let Some(raw) = kv.get(&key) else { continue };
        // An unreadable bucket stays where it is; the load that follows sets it aside.
        let Ok(mut bucket) = read_bucket(&raw) else {
            continue;
        };
        let mut moved: BTreeMap<String, Bucket> = BTreeMap::new();
        bucket.retain(|id, record| {
            let target = bucket_of(id);
            if target == key {
                return true;
            }
            moved
                .entry(target)
                .or_default()
                .insert(id.clone(), record.clone());
            false
        });
        if moved.is_empty() {
            continue;
        }
        let mut writes = vec![(
            key.clone(),
            (!bucket.is_empty()).then(|| write_bucket(&bucket)),
        )];
        for (target, mut records) in moved {
            if let Some(existing) = kv.get(&target).and_then(|raw| read_bucket(&raw).ok()) {
                records.extend(existing);
            }
            writes.push((target, Some(write_bucket(&records))));
        }
        commit(kv, &writes)?;
    }
    kv.set(SCHEMA_KEY, &SCHEMA_VERSION.to_string())
}

fn restore(kv: &dyn KeyValueStore, key: &str, previous: Option<String>) {
    match previous {
        Some(v) => {
            let _ = kv.set(key, &v);
        }
        None => kv.remove(key),
    }
}

/// Every key and value of the desk in the current schema, each record at the next revision after
/// `revisions`.
fn layout(desk: &Desk, revisions: &Revisions) -> BTreeMap<String, String> {
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut put = |key: String, id: &str, rev_key: String, value: Value| {
        let rev = revisions.get(&rev_key).copied().unwrap_or(0) + 1;
        buckets
            .entry(key)
            .or_default()
            .insert(id.to_owned(), Value::Array(vec![rev.into(), value]));
    };
    put(
        PARTNER_KEY.into(),
        PARTNER_ID,
        PARTNER_ID.into(),
        to_value(&desk.partner),
    );
    for c in &desk.customers {
        put(
            customer_bucket(&c.id),
            &c.id,
            format!("c:{}", c.id),
            to_value(c),
        );
    }
    for s in &desk.subscriptions {
        put(
            subscription_bucket(&s.id),
            &s.id,
            format!("s:{}", s.id),
            to_value(s),
        );
    }
    for a in &desk.audit {
        let value = Value::Array(vec![1.into(), to_value(a)]);
        buckets
            .entry(audit_chunk(a.seq))
            .or_default()
            .insert(format!("{:012}", a.seq), value);
    }
    let open_chunk = desk.audit.last().map(|a| audit_chunk(a.seq));
    buckets
        .into_iter()
        .map(|(k, b)| {
            let value = if k.starts_with(AUDIT_CHUNK_PREFIX) {
                write_chunk(&b, Some(&k) == open_chunk.as_ref())
            } else {
                write_bucket(&b)
            };
            (k, value)
        })
        .collect()
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).expect("domain records serialize")
}

fn put_back(kv: &dyn KeyValueStore, key: &str, previous: &Option<String>) -> bool {
    match previous {
        Some(v) => {
            kv.set(key, v).is_ok() || {
                kv.remove(key);
                kv.set(key, v).is_ok()
            }
        }
        None => {
            kv.remove(key);
            true
        }
    }
}

/// The previous value of every key a save writes, kept under [`JOURNAL_KEY`] while it runs.
#[derive(Serialize, Deserialize)]
struct Journal {
    /// `None`: the key did not exist. A reset journals nothing and is finished on recovery.
    previous: BTreeMap<String, Option<String>>,
    #[serde(default)]
    reset: bool,
}

impl Journal {
    /// Puts every key back; returns how many.
    fn undo(self, kv: &dyn KeyValueStore) -> usize {
        if self.reset {
            remove_desk_keys(kv);
            return 0;
        }
        let n = self.previous.len();
        for (key, previous) in self.previous {
            restore(kv, &key, previous);
        }
        n
    }
}

/// Writes `writes` (key → new value, `None` removes) all or nothing: the journal first, then
/// each key; a failure puts back the keys already written and removes the journal.
fn commit(kv: &dyn KeyValueStore, writes: &[(String, Option<String>)]) -> Result<(), StoreError> {
    let previous: BTreeMap<String, Option<String>> =
        writes.iter().map(|(k, _)| (k.clone(), kv.get(k))).collect();
    let journal = Journal {
        previous,
        reset: false,
    };
    kv.set(
        JOURNAL_KEY,
        &serde_json::to_string(&journal).expect("strings serialize"),
    )?;
    for (i, (key, value)) in writes.iter().enumerate() {
        let result = match value {
            Some(v) => kv.set(key, v),
            None => {
                kv.remove(key);
                Ok(())
            }
        };
        if let Err(err) = result {
            // Put back what was written. A key's old value may need more room than its new one
            // left: then the journal's room is freed (its copy is in memory) and the rest retried.
            let mut failed = Vec::new();
            for (k, _) in writes[..i].iter().rev() {
                if !put_back(kv, k, &journal.previous[k]) {
                    failed.push(k);
                }
            }
            kv.remove(JOURNAL_KEY);
            for k in failed {
                put_back(kv, k, &journal.previous[k]);
            }
            return Err(err);
        }
    }
    kv.remove(JOURNAL_KEY);
    Ok(())
}

/// Writes what changed since the audit log had `audit_len_before` entries: the bucket of every
/// record an entry names, then the entries themselves, all or nothing. A record whose stored
/// revision is not the one in `revisions` was changed by another tab: nothing is written and
/// [`StoreError::Conflict`] names the records. On success `revisions` is brought up to date.
pub fn save_changes(
    kv: &dyn KeyValueStore,
    desk: &Desk,
    audit_len_before: usize,
    revisions: &mut Revisions,
) -> Result<(), StoreError> {
    save(kv, desk, audit_len_before, revisions, false)
}

/// Like [`save_changes`] but writes this tab's version of conflicting records over the other
/// tab's ("keep mine"); the audit entries are renumbered after the stored log.
pub fn save_keeping_mine(
    kv: &dyn KeyValueStore,
    desk: &mut Desk,
    audit_len_before: usize,
    revisions: &mut Revisions,
) -> Result<(), StoreError> {
    let stored_audit = read(kv).desk.audit;
    let mut seq = stored_audit.last().map_or(0, |a| a.seq);
    let mine: Vec<AuditEntry> = desk
        .audit
        .drain(audit_len_before.min(desk.audit.len())..)
        .collect();
    desk.audit = stored_audit;
    let before = desk.audit.len();
    for mut entry in mine {
        seq += 1;
        entry.seq = seq;
        desk.audit.push(entry);
    }
    save(kv, desk, before, revisions, true)
}

fn save(
    kv: &dyn KeyValueStore,
    desk: &Desk,
    audit_len_before: usize,
    revisions: &mut Revisions,
    force: bool,
) -> Result<(), StoreError> {
    let new_entries = desk.audit.get(audit_len_before..).unwrap_or_default();
    if new_entries.is_empty() {
        return Ok(());
    }
    let mut buckets: BTreeMap<String, RawBucket> = BTreeMap::new();
    let mut conflicts: Vec<Entity> = Vec::new();
    let mut new_revisions: Vec<(String, Option<u64>)> = Vec::new();
    let fetch = |key: &str, buckets: &mut BTreeMap<String, RawBucket>| -> Result<(), StoreError> {
        if !buckets.contains_key(key) {
            let bucket = match kv.get(key) {
                Some(raw) => read_raw_bucket(&raw).map_err(StoreError::Refused)?,
                None => RawBucket::new(),
            };
            buckets.insert(key.to_owned(), bucket);
        }
        Ok(())
    };
    let mut seen: Vec<&Entity> = Vec::new();
    for entry in new_entries {
        if seen.contains(&&entry.entity) {
            continue;
        }
        seen.push(&entry.entity);
        let (key, id, rev_key) = locate(&entry.entity);
        fetch(&key, &mut buckets)?;
        let bucket = buckets.get_mut(&key).expect("fetched");
        let stored = bucket.get(&id).map_or(0, |record| stored_revision(record));
        let known = revisions.get(&rev_key).copied().unwrap_or(0);
        if stored != known && !force {
            conflicts.push(entry.entity.clone());
            continue;
        }
        let value = match &entry.entity {
            Entity::Partner => Some(to_value(&desk.partner)),
            Entity::Customer { id } => desk.customer(id).map(to_value),
            Entity::Subscription { id } => desk.subscription(id).map(to_value),
        };
        match value {
            Some(v) => {
                bucket.insert(id, raw_record(stored + 1, v));
                new_revisions.push((rev_key, Some(stored + 1)));
            }
            None => {
                bucket.remove(&id);
                new_revisions.push((rev_key, None));
            }
        }
    }
    for entry in new_entries {
        let key = audit_chunk(entry.seq);
        fetch(&key, &mut buckets)?;
        let chunk = buckets.get_mut(&key).expect("fetched");
        let id = format!("{:012}", entry.seq);
        if chunk.contains_key(&id) && !force {
            // Another tab logged a change since this tab read the log.
            if !conflicts.contains(&entry.entity) {
                conflicts.push(entry.entity.clone());
            }
            continue;
        }
        chunk.insert(id, raw_record(1, to_value(entry)));
    }
    if !conflicts.is_empty() {
        return Err(StoreError::Conflict(conflicts));
    }
    // The first entry of a new chunk closes the one before: it is rewritten packed.
    let first_seq = new_entries[0].seq;
    let before = audit_chunk(first_seq.saturating_sub(1));
    if first_seq > 1 && before != audit_chunk(first_seq) && kv.get(&before).is_some() {
        fetch(&before, &mut buckets)?;
    }
    let open_chunk = audit_chunk(new_entries[new_entries.len() - 1].seq);
    let mut writes: Vec<(String, Option<String>)> = Vec::new();
    if kv.get(SCHEMA_KEY) != Some(SCHEMA_VERSION.to_string()) {
        writes.push((SCHEMA_KEY.into(), Some(SCHEMA_VERSION.to_string())));
    }
    // Records first, then the log chunks that name them.
    let (chunks, records): (Vec<_>, Vec<_>) = buckets
        .into_iter()
        .partition(|(k, _)| k.starts_with(AUDIT_CHUNK_PREFIX));
    for (key, bucket) in records {
        let value = (!bucket.is_empty() || key == PARTNER_KEY).then(|| write_bucket(&bucket));
        writes.push((key, value));
    }
    for (key, chunk) in chunks {
        let open = key == open_chunk;
        writes.push((key, Some(write_chunk(&chunk, open))));
    }
    commit(kv, &writes)?;
    for (key, rev) in new_revisions {
        match rev {
            Some(r) => revisions.insert(key, r),
            None => revisions.remove(&key),
        };
    }
    Ok(())
}

/// Replaces the stored desk with `desk` and its catalog (`None`: the built-in sample), all or
/// nothing: an import, or sample data. Needs room for a copy of the keys it replaces while it
/// runs (the journal): on a full store, reset first.
pub fn replace(
    kv: &dyn KeyValueStore,
    desk: &Desk,
    catalog: Option<&Catalog>,
    revisions: &mut Revisions,
) -> Result<(), StoreError> {
    let mut layout = layout(desk, revisions);
    if let Some(catalog) = catalog {
        layout.insert(CATALOG_KEY.into(), write_catalog(catalog));
    }
    let mut writes: Vec<(String, Option<String>)> =
        vec![(SCHEMA_KEY.into(), Some(SCHEMA_VERSION.to_string()))];
    let stale = kv.keys().into_iter().filter(|k| {
        is_desk_key(k) && k != SCHEMA_KEY && k != JOURNAL_KEY && !layout.contains_key(k)
    });
    writes.extend(stale.map(|k| (k, None)));
    writes.extend(layout.into_iter().map(|(k, v)| (k, Some(v))));
    commit(kv, &writes)?;
    *revisions = read(kv).revisions;
    Ok(())
}

/// Removes the desk from storage (quarantined data and preferences stay). Needs no room: a
/// reset cut short is finished at the next start.
pub fn reset(kv: &dyn KeyValueStore, revisions: &mut Revisions) -> Result<(), StoreError> {
    let journal = Journal {
        previous: BTreeMap::new(),
        reset: true,
    };
    kv.set(
        JOURNAL_KEY,
        &serde_json::to_string(&journal).expect("serializes"),
    )?;
    remove_desk_keys(kv);
    revisions.clear();
    Ok(())
}

fn remove_desk_keys(kv: &dyn KeyValueStore) {
    let mut keys: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| is_desk_key(k) && k != JOURNAL_KEY)
        .collect();
    // The version last, so a reset cut short still reads as this schema.
    keys.sort_by_key(|k| k == SCHEMA_KEY);
    for key in keys {
        kv.remove(&key);
    }
    kv.remove(JOURNAL_KEY);
}

/// Space used in `localStorage`, in UTF-16 code units (what the quota counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// The desk's keys and values.
    pub desk: usize,
    /// Quarantined data.
    pub quarantine: usize,
    /// Everything on this origin, ours or not.
    pub total: usize,
}

/// Measures what is stored.
pub fn usage(kv: &dyn KeyValueStore) -> Usage {
    let mut u = Usage::default();
    for key in kv.keys() {
        let n = utf16_len(&key) + kv.get(&key).map_or(0, |v| utf16_len(&v));
        u.total += n;
        if key.starts_with(QUARANTINE_PREFIX) {
            u.quarantine += n;
        } else if is_desk_key(&key) {
            u.desk += n;
        }
    }
    u
}

/// Every quarantined key with its raw value, for download.
pub fn quarantined(kv: &dyn KeyValueStore) -> BTreeMap<String, String> {
    let mut keys = kv.keys();
    keys.retain(|k| k.starts_with(QUARANTINE_PREFIX));
    keys.into_iter()
        .filter_map(|k| kv.get(&k).map(|v| (k, v)))
        .collect()
}

/// Every stored key of the desk with its raw value (e.g. data of a newer version), for download.
pub fn raw_desk(kv: &dyn KeyValueStore) -> BTreeMap<String, String> {
    let mut keys = kv.keys();
    keys.retain(|k| is_desk_key(k));
    keys.into_iter()
        .filter_map(|k| kv.get(&k).map(|v| (k, v)))
        .collect()
}

/// Moves every key of the stored desk to quarantine (before a reset over data this build must
/// not read). Copies first, removes only once every copy is there.
pub fn set_aside_desk(kv: &dyn KeyValueStore) -> Result<(), StoreError> {
    let raw = raw_desk(kv);
    let mut copied: Vec<String> = Vec::new();
    for (key, value) in &raw {
        let to = format!("{QUARANTINE_PREFIX}{key}");
        if let Err(err) = kv.set(&to, value) {
            for k in copied {
                kv.remove(&k);
            }
            return Err(err);
        }
        copied.push(to);
    }
    for key in raw.keys() {
        kv.remove(key);
    }
    Ok(())
}

/// Removes quarantined data (the user chose to, after it was offered for download).
pub fn discard_quarantine(kv: &dyn KeyValueStore) {
    for key in quarantined(kv).into_keys() {
        kv.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountInfo, EducationDetails, EducationSegment, NewCustomer, Role};
    use crate::store::MemoryStore;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn account(name: &str) -> AccountInfo {
        AccountInfo {
            company_name: name.into(),
            country: "SE".into(),
            address_line1: "Skolgatan 1".into(),
            address_line2: String::new(),
            city: "Uppsala".into(),
            state: "Uppsala län".into(),
            postal_code: "753 10".into(),
            email: "office@contoso.edu".into(),
            first_name: "Anna".into(),
            last_name: "Berg".into(),
            contact_email: "anna.berg@contoso.edu".into(),
            phone: "+46 18 123 456".into(),
        }
    }

    fn add(
        kv: &MemoryStore,
        desk: &mut Desk,
        revs: &mut Revisions,
        id: &str,
    ) -> Result<(), StoreError> {
        let before = desk.audit.len();
        desk.create_customer(
            crate::domain::OperationContext::new(Role::SalesAgent, today()),
            NewCustomer {
                id: id.into(),
                account: account("Contoso Elementary School"),
                domain_prefix: format!("contoso{id}"),
                education: Some(EducationDetails {
                    segment: Some(EducationSegment::K12),
                    website: String::new(),
                }),
            },
        )
        .expect("customer is valid");
        save_changes(kv, desk, before, revs)
    }

    fn fresh(kv: &MemoryStore) -> (Desk, Revisions) {
        let l = load(kv);
        (l.desk, l.revisions)
    }

    #[test]
    fn a_saved_change_loads_back_equal() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        add(&kv, &mut desk, &mut revs, "c2").unwrap();
        let loaded = load(&kv);
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.desk, desk);
        assert_eq!(loaded.revisions, revs);
        assert_eq!(kv.get(SCHEMA_KEY).as_deref(), Some("3"));
        assert_eq!(kv.get(JOURNAL_KEY), None);
    }

    /// The desk as schema 2 stored it: the same records and revisions in 32 customer and 64
    /// subscription buckets, every audit chunk packed.
    fn write_schema_2(kv: &MemoryStore, desk: &Desk) {
        let mut revs = Revisions::new();
        replace(kv, desk, None, &mut revs).unwrap();
        let mut v2: BTreeMap<String, Bucket> = BTreeMap::new();
        for key in kv.keys() {
            let (prefix, count) = if key.starts_with(CUSTOMER_BUCKET_PREFIX) {
                (CUSTOMER_BUCKET_PREFIX, 32)
            } else if key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) {
                (SUBSCRIPTION_BUCKET_PREFIX, 64)
            } else {
                if key.starts_with(AUDIT_CHUNK_PREFIX) {
                    let chunk = read_bucket(&kv.get(&key).unwrap()).unwrap();
                    kv.set(&key, &write_bucket(&chunk)).unwrap();
                }
                continue;
            };
            for (id, record) in read_bucket(&kv.get(&key).unwrap()).unwrap() {
                let old_key = format!("{prefix}{:02x}", fnv(&id) % count);
                v2.entry(old_key).or_default().insert(id, record);
            }
            kv.remove(&key);
        }
        for (key, bucket) in v2 {
            kv.set(&key, &write_bucket(&bucket)).unwrap();
        }
        kv.set(SCHEMA_KEY, "2").unwrap();
    }

    /// Whether every customer and subscription is in the bucket its id hashes to.
    fn every_record_in_its_bucket(kv: &MemoryStore) -> bool {
        kv.keys().iter().all(|key| {
            let bucket_of: fn(&str) -> String = if key.starts_with(CUSTOMER_BUCKET_PREFIX) {
                customer_bucket
            } else if key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) {
                subscription_bucket
            } else {
                return true;
            };
            read_bucket(&kv.get(key).unwrap())
                .unwrap()
                .keys()
                .all(|id| bucket_of(id) == *key)
        })
    }

    #[test]
    fn schema_2_buckets_are_split_in_four_and_edits_go_on() {
        let desk = crate::store::sample::sample_desk(7, 400, 3);
        let kv = MemoryStore::new();
        write_schema_2(&kv, &desk);
        assert!(
            !every_record_in_its_bucket(&kv),
            "schema 2 puts records elsewhere"
        );
        let stored_revisions = read_buckets(&kv, Vec::new()).revisions;

        let loaded = load(&kv);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(loaded.writable);
        assert_eq!(loaded.desk, desk);
        assert_eq!(
            loaded.revisions, stored_revisions,
            "revisions survive the move"
        );
        assert_eq!(kv.get(SCHEMA_KEY).as_deref(), Some("3"));
        assert_eq!(kv.get(JOURNAL_KEY), None);
        assert!(every_record_in_its_bucket(&kv));
        let buckets = |prefix: &str| kv.keys().iter().filter(|k| k.starts_with(prefix)).count();
        // More buckets than schema 2 had (400 customers leave a few of the 128 empty).
        assert!((100..=128).contains(&buckets(CUSTOMER_BUCKET_PREFIX)));
        assert!((200..=256).contains(&buckets(SUBSCRIPTION_BUCKET_PREFIX)));

        // An edit after the move is saved without a conflict and loads back.
        let (mut desk, mut revs) = (loaded.desk, loaded.revisions);
        add(&kv, &mut desk, &mut revs, "cnew").unwrap();
        assert_eq!(load(&kv).desk, desk);
    }

    #[test]
    fn a_schema_2_store_without_room_to_split_is_read_only_and_left_as_it_was() {
        let desk = crate::store::sample::sample_desk(7, 200, 3);
        let inner = MemoryStore::new();
        write_schema_2(&inner, &desk);
        let before = snapshot(&inner);
        let kv = Quota {
            inner: inner.clone(),
            cap: usage(&inner).total + 100,
        };
        let loaded = load(&kv);
        assert!(matches!(
            loaded.problems.as_slice(),
            [LoadProblem::MigrationFailed { from, .. }] if from == "2"
        ));
        assert!(!loaded.writable);
        assert_eq!(loaded.desk, desk, "schema 2 is read as it is");
        assert_eq!(snapshot(&inner), before);
    }

    #[test]
    fn loading_in_two_steps_gives_the_customers_first_and_then_the_same_desk() {
        let (kv, desk) = stored_sample();
        let whole = load(&kv);
        assert!(!whole.rest_pending);
        assert!(
            !load_first(&MemoryStore::new()).rest_pending,
            "a new desk has nothing left"
        );

        let mut first = load_first(&kv);
        assert!(first.rest_pending);
        let ids = |customers: &[Customer]| {
            let mut ids: Vec<String> = customers.iter().map(|c| c.id.clone()).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&first.desk.customers), ids(&desk.customers));
        assert!(first.desk.subscriptions.is_empty() && first.desk.audit.is_empty());
        let problems = load_rest(&kv, &mut first.desk, &mut first.revisions);
        assert!(problems.is_empty());
        assert_eq!(first.desk, whole.desk, "same records in the same order");
        assert_eq!(first.revisions, whole.revisions);
    }

    #[test]
    fn reading_the_rest_a_bucket_at_a_time_gives_the_same_desk() {
        let (kv, _) = stored_sample();
        let whole = load(&kv);
        let buckets = kv.keys().iter().filter(|k| is_rest_key(k)).count();
        assert!(buckets > 2, "the sample fills several buckets");

        // Some steps, then `finish` reads the others.
        let mut first = load_first(&kv);
        let mut read = RestRead::new(&kv);
        assert_eq!(read.progress(), (0, buckets));
        assert!(read.step(&kv) && read.step(&kv));
        assert_eq!(read.progress(), (2, buckets));
        assert!(read
            .finish(&kv, &mut first.desk, &mut first.revisions)
            .is_empty());
        assert_eq!(first.desk, whole.desk);
        assert_eq!(first.revisions, whole.revisions);

        // Every step, one bucket each.
        let mut first = load_first(&kv);
        let mut read = RestRead::new(&kv);
        let mut steps = 0;
        while read.step(&kv) {
            steps += 1;
        }
        assert_eq!(steps, buckets);
        read.finish(&kv, &mut first.desk, &mut first.revisions);
        assert_eq!(first.desk, whole.desk);
    }

    #[test]
    fn the_newest_audit_chunk_is_plain_and_is_packed_when_the_next_starts() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        let mut n = 0;
        while desk.audit.len() < AUDIT_CHUNK as usize {
            add(&kv, &mut desk, &mut revs, &format!("c{n}")).unwrap();
            n += 1;
            assert!(
                kv.get(&audit_chunk(1)).unwrap().starts_with('{'),
                "open chunk is plain"
            );
        }
        assert_eq!(kv.get(&audit_chunk(AUDIT_CHUNK + 1)), None);
        add(&kv, &mut desk, &mut revs, "cnext").unwrap();
        assert!(
            kv.get(&audit_chunk(1)).unwrap().starts_with('Z'),
            "full chunk is packed"
        );
        assert!(kv
            .get(&audit_chunk(AUDIT_CHUNK + 1))
            .unwrap()
            .starts_with('{'));
        assert_eq!(load(&kv).desk, desk);
        // A whole desk written at once leaves only its newest chunk plain too.
        let mut revs = Revisions::new();
        replace(&kv, &desk, None, &mut revs).unwrap();
        assert!(kv.get(&audit_chunk(1)).unwrap().starts_with('Z'));
        assert!(kv
            .get(&audit_chunk(AUDIT_CHUNK + 1))
            .unwrap()
            .starts_with('{'));
    }

    #[test]
    fn one_edit_writes_only_the_buckets_it_touched() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        let untouched = PARTNER_KEY;
        kv.set(untouched, "sentinel").unwrap(); // would be overwritten if the save rewrote all
        let before = desk.audit.len();
        desk.approve_education(
            crate::domain::OperationContext::new(Role::SalesAgent, today()),
            "c1",
        )
        .unwrap();
        save_changes(&kv, &desk, before, &mut revs).unwrap();
        assert_eq!(kv.get(untouched).as_deref(), Some("sentinel"));
        assert_eq!(revs["c:c1"], 2);
    }

    #[test]
    fn a_stored_catalog_loads_back_and_a_replace_without_one_returns_to_the_sample() {
        let kv = MemoryStore::new();
        let (desk, mut revs) = fresh(&kv);
        assert_eq!(load(&kv).catalog, None);
        let mut offers = Catalog::sample().offers;
        offers.truncate(5);
        let small = Catalog::from_offers(offers).unwrap();
        replace(&kv, &desk, Some(&small), &mut revs).unwrap();
        let loaded = load(&kv);
        assert_eq!(loaded.catalog.as_ref(), Some(&small));
        assert_eq!(loaded.catalog_or_sample().offers.len(), 5);
        assert!(usage(&kv).desk > utf16_len(&kv.get(CATALOG_KEY).unwrap()));
        replace(&kv, &desk, None, &mut revs).unwrap();
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
    fn unreadable_buckets_and_records_are_quarantined_not_deleted() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        kv.set("segment-desk/c/ff", "{not json").unwrap();
        let key = customer_bucket("c1");
        let mut bucket = read_bucket(&kv.get(&key).unwrap()).unwrap();
        bucket.insert("bad".into(), serde_json::json!([1, {"id": 5}]));
        kv.set(&key, &write_bucket(&bucket)).unwrap();
        let loaded = load(&kv);
        assert_eq!(loaded.desk.customers.len(), 1);
        assert_eq!(loaded.problems.len(), 2, "{:?}", loaded.problems);
        assert_eq!(
            kv.get("segment-desk/quarantine/segment-desk/c/ff")
                .as_deref(),
            Some("{not json")
        );
        assert_eq!(kv.get("segment-desk/c/ff"), None);
        assert!(kv
            .get(&format!("{QUARANTINE_PREFIX}{key}#bad"))
            .unwrap()
            .contains("\"id\":5"));
        assert!(
            load(&kv).problems.is_empty(),
            "set aside once, the rest loads cleanly"
        );
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

    /// A small generated desk (60 customers, 120 subscriptions), stored.
    fn stored_sample() -> (MemoryStore, Desk) {
        let desk = crate::store::sample::sample_desk(3, 60, 2);
        let kv = MemoryStore::new();
        replace(&kv, &desk, None, &mut Revisions::new()).unwrap();
        (kv, desk)
    }

    /// Every key and value, to compare a store before and after.
    fn snapshot(kv: &MemoryStore) -> Vec<(String, Option<String>)> {
        kv.keys()
            .into_iter()
            .map(|k| (k.clone(), kv.get(&k)))
            .collect()
    }

    /// A store with a quota in UTF-16 units, like the browser's.
    struct Quota {
        inner: MemoryStore,
        cap: usize,
    }
    impl KeyValueStore for Quota {
        fn get(&self, key: &str) -> Option<String> {
            self.inner.get(key)
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            let old = self
                .inner
                .get(key)
                .map_or(0, |v| utf16_len(key) + utf16_len(&v));
            if usage(&self.inner).total - old + utf16_len(key) + utf16_len(value) > self.cap {
                return Err(StoreError::QuotaExceeded);
            }
            self.inner.set(key, value)
        }
        fn remove(&self, key: &str) {
            self.inner.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.inner.keys()
        }
    }

    #[test]
    fn a_save_that_fails_midway_puts_back_what_it_wrote() {
        let mut refusals = 0;
        for extra in (0..3000).step_by(25) {
            let inner = MemoryStore::new();
            let (mut desk, mut revs) = fresh(&inner);
            for n in 0..3 {
                add(&inner, &mut desk, &mut revs, &format!("c{n}")).unwrap();
            }
            let stored_before = snapshot(&inner);
            let kv = Quota {
                inner: inner.clone(),
                cap: usage(&inner).total + extra,
            };
            let revs_before = revs.clone();
            let before = desk.audit.len();
            desk.approve_education(
                crate::domain::OperationContext::new(Role::SalesAgent, today()),
                "c1",
            )
            .unwrap();
            match save_changes(&kv, &desk, before, &mut revs) {
                Ok(()) => assert_eq!(load(&inner).desk, desk),
                Err(err) => {
                    refusals += 1;
                    assert_eq!(err, StoreError::QuotaExceeded);
                    assert_eq!(snapshot(&inner), stored_before, "room {extra}");
                    assert_eq!(revs, revs_before);
                }
            }
        }
        assert!(
            refusals > 3,
            "the quota was hit at several points of the save"
        );
    }

    #[test]
    fn a_save_cut_short_is_rolled_back_at_the_next_start() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        let stored = load(&kv).desk;
        let key = customer_bucket("c1");
        let previous = kv.get(&key);
        let journal = Journal {
            previous: [(key.clone(), previous)].into(),
            reset: false,
        };
        kv.set(JOURNAL_KEY, &serde_json::to_string(&journal).unwrap())
            .unwrap();
        kv.set(&key, "half written").unwrap();
        let loaded = load(&kv);
        assert_eq!(
            loaded.problems,
            vec![LoadProblem::InterruptedSaveRolledBack { keys: 1 }]
        );
        assert_eq!(loaded.desk, stored);
        assert_eq!(kv.get(JOURNAL_KEY), None);
    }

    #[test]
    fn another_tabs_change_is_a_conflict_not_an_overwrite() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        // Tab B loads and approves.
        let (mut b, mut b_revs) = fresh(&kv);
        let before = b.audit.len();
        b.approve_education(
            crate::domain::OperationContext::new(Role::SalesAgent, today()),
            "c1",
        )
        .unwrap();
        save_changes(&kv, &b, before, &mut b_revs).unwrap();
        // Tab A, still on what it loaded, denies.
        let before = desk.audit.len();
        desk.deny_education(
            crate::domain::OperationContext::new(Role::SalesAgent, today()),
            "c1",
            crate::domain::VettingReason::NotAnAcademicDomain,
        )
        .unwrap();
        let err = save_changes(&kv, &desk, before, &mut revs).unwrap_err();
        assert_eq!(
            err,
            StoreError::Conflict(vec![Entity::Customer { id: "c1".into() }])
        );
        assert_eq!(load(&kv).desk, b, "B's change stands");
        // A chooses "keep mine".
        save_keeping_mine(&kv, &mut desk, before, &mut revs).unwrap();
        let now = load(&kv).desk;
        assert_eq!(now.customers, desk.customers);
        assert_eq!(now.audit.len(), b.audit.len() + 1);
        assert_eq!(
            now.audit.iter().map(|a| a.seq).collect::<Vec<_>>(),
            (1..=now.audit.len() as u64).collect::<Vec<_>>()
        );
    }

    #[test]
    fn replace_and_reset() {
        let kv = MemoryStore::new();
        kv.set("foreign", "kept").unwrap();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        let other = crate::store::sample::sample_desk(3, 5, 2);
        replace(&kv, &other, None, &mut revs).unwrap();
        assert_eq!(load(&kv).desk, other);
        reset(&kv, &mut revs).unwrap();
        assert_eq!(load(&kv).desk, Desk::new(PartnerProfile::default()));
        assert_eq!(kv.keys(), vec!["foreign".to_owned()]);
    }
}
