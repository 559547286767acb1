//! The desk's keys in storage: the fixed keys, the bucket a record's id hashes to, the audit
//! chunk an entry's `seq` falls in, and which keys belong to the desk. Every other file of the
//! store names a key through these, so the layout is written down once.

use std::collections::HashMap;

use crate::domain::Entity;
use crate::store::{KeyValueStore, KEY_PREFIX};

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
/// splits into exactly four of these (see `migrate_v2`).
pub const CUSTOMER_BUCKETS: u64 = 128;
pub const SUBSCRIPTION_BUCKETS: u64 = 256;

pub const AUDIT_CHUNK: u64 = 256;
/// The id of the partner record in its bucket.
pub(super) const PARTNER_ID: &str = "partner";

/// Which revision of each record this tab read: `c:<id>`, `s:<id>`, `partner`.
pub type Revisions = HashMap<String, u64>;

/// Keys of schema 1 (read by the migration only).
pub mod v1 {
    pub const CUSTOMER_PREFIX: &str = "segment-desk/customer/";
    pub const SUBSCRIPTION_PREFIX: &str = "segment-desk/subscription/";
    pub const AUDIT_PREFIX: &str = "segment-desk/audit/";
}

pub(super) fn fnv(id: &str) -> u64 {
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
pub(super) fn locate(entity: &Entity) -> (String, String, String) {
    match entity {
        Entity::Partner => (PARTNER_KEY.into(), PARTNER_ID.into(), PARTNER_ID.into()),
        Entity::Customer { id } => (customer_bucket(id), id.clone(), format!("c:{id}")),
        Entity::Subscription { id } => (subscription_bucket(id), id.clone(), format!("s:{id}")),
    }
}

pub(super) fn is_desk_key(key: &str) -> bool {
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

/// The keys of the desk in storage, in order.
pub(super) fn desk_keys(kv: &dyn KeyValueStore, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut keys = kv.keys();
    keys.retain(|k| k.starts_with(KEY_PREFIX) && !k.starts_with(QUARANTINE_PREFIX) && wanted(k));
    keys.sort();
    keys
}

/// Whether a key holds what `load_rest` reads: a subscription bucket or an audit chunk.
pub(super) fn is_rest_key(key: &str) -> bool {
    key.starts_with(SUBSCRIPTION_BUCKET_PREFIX) || key.starts_with(AUDIT_CHUNK_PREFIX)
}
