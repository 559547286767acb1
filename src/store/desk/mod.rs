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
//! A bucket is a JSON object `{ "<id>": [<revision>, <record>, <created>] }` (`<created>`: the
//! `seq` of the first audit entry naming the record, see `buckets::Stored`; none on audit
//! entries and on records stored before it was). The revision goes up by one with every write
//! of the record; a tab that writes a record whose stored revision is not the
//! one it read is told of the conflict instead of overwriting (two tabs).
//!
//! Schema 1 (one key per record, plain JSON) and schema 2 (4× larger buckets, every chunk
//! packed) are migrated on load; see [`migrate_v1`] and `migrate_v2`.
//!
//! One file per concern: `keys` (the layout), `buckets` (a bucket's text),
//! `load` (reading, at start and after another tab saved), `migrate`, `journal` (all-or-nothing
//! writes), `save`, `reset`, `quarantine`, `usage`. This module only re-exports what the rest
//! of the app uses.

mod buckets;
mod journal;
mod keys;
mod load;
mod migrate;
mod quarantine;
mod reset;
mod save;
#[cfg(test)]
mod test_support;
mod usage;

pub use buckets::Stored;
pub use keys::{
    audit_chunk, concerns_desk, customer_bucket, subscription_bucket, v1, RecordKey, Revisions,
    AUDIT_CHUNK, AUDIT_CHUNK_PREFIX, CATALOG_KEY, CUSTOMER_BUCKETS, CUSTOMER_BUCKET_PREFIX,
    JOURNAL_KEY, PARTNER_KEY, QUARANTINE_PREFIX, SCHEMA_KEY, SCHEMA_VERSION, SUBSCRIPTION_BUCKETS,
    SUBSCRIPTION_BUCKET_PREFIX,
};
pub use load::{load, load_first, read, reload, LoadProblem, Loaded, RestRead};
pub use migrate::migrate_v1;
pub use quarantine::{discard_quarantine, quarantined, raw_desk, set_aside_desk};
pub use reset::reset;
pub use save::{replace, save_catalog, save_changes, save_keeping_mine};
pub use usage::{usage, Usage, QUOTA_UNITS};
