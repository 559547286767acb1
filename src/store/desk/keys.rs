//! The desk's keys: in storage (the fixed keys, the bucket a record's id hashes to, the audit
//! chunk an entry's `seq` falls in, and what a key holds, [`KeyKind`]) and in memory (which
//! record a revision is of, [`RecordKey`]). The rest of the store names keys only through
//! these, so the layout's names and prefixes are written down once.

use rustc_hash::FxHashMap;

use crate::domain::Entity;
use crate::store::KeyValueStore;

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

/// A record that carries a revision: the partner, or a customer or subscription by id. Audit
/// entries carry none (they are only ever added).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RecordKey {
    Partner,
    Customer(String),
    Subscription(String),
}

impl RecordKey {
    /// The record an audit entry names.
    pub fn of(entity: &Entity) -> Self {
        match entity {
            Entity::Partner => RecordKey::Partner,
            Entity::Customer { id } => RecordKey::Customer(id.clone()),
            Entity::Subscription { id } => RecordKey::Subscription(id.clone()),
        }
    }

    /// The key of the bucket the record is stored in.
    pub(super) fn bucket(&self) -> String {
        self.slot().key()
    }

    /// That bucket, as numbers.
    pub(super) fn slot(&self) -> Slot {
        match self {
            RecordKey::Partner => Slot::Partner,
            RecordKey::Customer(id) => Slot::customer(id),
            RecordKey::Subscription(id) => Slot::subscription(id),
        }
    }

    /// The record's id in its bucket.
    pub(super) fn id(&self) -> &str {
        match self {
            RecordKey::Partner => PARTNER_ID,
            RecordKey::Customer(id) | RecordKey::Subscription(id) => id,
        }
    }
}

/// Which revision of each record this tab read. Kept in memory only, never stored: the stored
/// revision is the first element of each record in its bucket. Hashed with Fx, as the read's
/// creation ranks are: every start-up notes 40,000 of them for a big desk.
pub type Revisions = FxHashMap<RecordKey, u64>;

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
    Slot::customer(id).key()
}

pub fn subscription_bucket(id: &str) -> String {
    Slot::subscription(id).key()
}

pub fn audit_chunk(seq: u64) -> String {
    Slot::chunk(seq).key()
}

/// A record key of the desk as numbers: which bucket or chunk. A whole desk's layout places
/// 85,000 records by it and makes each key's text ([`Slot::key`]) once, not once per record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Slot {
    Partner,
    Customers(u64),
    Subscriptions(u64),
    Chunk(u64),
}

impl Slot {
    pub(super) fn customer(id: &str) -> Self {
        Slot::Customers(fnv(id) % CUSTOMER_BUCKETS)
    }

    pub(super) fn subscription(id: &str) -> Self {
        Slot::Subscriptions(fnv(id) % SUBSCRIPTION_BUCKETS)
    }

    pub(super) fn chunk(seq: u64) -> Self {
        Slot::Chunk(seq.saturating_sub(1) / AUDIT_CHUNK)
    }

    /// The stored key.
    pub(super) fn key(self) -> String {
        match self {
            Slot::Partner => PARTNER_KEY.into(),
            Slot::Customers(n) => format!("{CUSTOMER_BUCKET_PREFIX}{n:02x}"),
            Slot::Subscriptions(n) => format!("{SUBSCRIPTION_BUCKET_PREFIX}{n:02x}"),
            Slot::Chunk(n) => format!("{AUDIT_CHUNK_PREFIX}{n:06}"),
        }
    }
}

/// What a stored key holds, told by its name. Every test of a key against the layout's names
/// and prefixes is here; the rest of the store matches on this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum KeyKind {
    Schema,
    Partner,
    Catalog,
    Journal,
    CustomerBucket,
    SubscriptionBucket,
    AuditChunk,
    /// Schema 1's keys, one record each (read by the migration only).
    V1Customer,
    V1Subscription,
    V1Audit,
    /// Data set aside under [`QUARANTINE_PREFIX`].
    Quarantined,
    /// Not the desk's: a preference, or a key of another app on the origin.
    Other,
}

impl KeyKind {
    pub(super) fn of(key: &str) -> Self {
        const PREFIXES: [(&str, KeyKind); 7] = [
            (CUSTOMER_BUCKET_PREFIX, KeyKind::CustomerBucket),
            (SUBSCRIPTION_BUCKET_PREFIX, KeyKind::SubscriptionBucket),
            (AUDIT_CHUNK_PREFIX, KeyKind::AuditChunk),
            (v1::CUSTOMER_PREFIX, KeyKind::V1Customer),
            (v1::SUBSCRIPTION_PREFIX, KeyKind::V1Subscription),
            (v1::AUDIT_PREFIX, KeyKind::V1Audit),
            (QUARANTINE_PREFIX, KeyKind::Quarantined),
        ];
        match key {
            SCHEMA_KEY => KeyKind::Schema,
            PARTNER_KEY => KeyKind::Partner,
            CATALOG_KEY => KeyKind::Catalog,
            JOURNAL_KEY => KeyKind::Journal,
            _ => PREFIXES
                .iter()
                .find(|(prefix, _)| key.starts_with(prefix))
                .map_or(KeyKind::Other, |&(_, kind)| kind),
        }
    }

    /// Whether the key is part of the stored desk (quarantined data is not).
    pub(super) fn is_desk(self) -> bool {
        !matches!(self, KeyKind::Quarantined | KeyKind::Other)
    }

    /// Whether the key is one schema 1 wrote: a record of its own, or the partner.
    pub(super) fn is_v1(self) -> bool {
        matches!(
            self,
            KeyKind::Partner | KeyKind::V1Customer | KeyKind::V1Subscription | KeyKind::V1Audit
        )
    }

    /// Whether the key holds what `load_rest` reads: a subscription bucket or an audit chunk.
    pub(super) fn is_rest(self) -> bool {
        matches!(self, KeyKind::SubscriptionBucket | KeyKind::AuditChunk)
    }
}

/// Whether a key of a `storage` event concerns the desk (another tab saved).
pub fn concerns_desk(key: Option<&str>) -> bool {
    key.is_none_or(|k| KeyKind::of(k) != KeyKind::Other)
}

/// The desk's keys of the kinds `wanted`, in order.
pub(super) fn desk_keys(kv: &dyn KeyValueStore, wanted: impl Fn(KeyKind) -> bool) -> Vec<String> {
    let mut keys = kv.keys();
    keys.retain(|k| wanted(KeyKind::of(k)));
    crate::sorting::sort(&mut keys);
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_told_by_its_name() {
        for (key, kind) in [
            ("segment-desk/schema", KeyKind::Schema),
            ("segment-desk/partner", KeyKind::Partner),
            ("segment-desk/catalog", KeyKind::Catalog),
            ("segment-desk/journal", KeyKind::Journal),
            ("segment-desk/c/7f", KeyKind::CustomerBucket),
            ("segment-desk/s/00", KeyKind::SubscriptionBucket),
            ("segment-desk/a/000012", KeyKind::AuditChunk),
            ("segment-desk/customer/c1", KeyKind::V1Customer),
            ("segment-desk/subscription/s1", KeyKind::V1Subscription),
            ("segment-desk/audit/7", KeyKind::V1Audit),
            (
                "segment-desk/quarantine/segment-desk/c/00#c1",
                KeyKind::Quarantined,
            ),
            ("segment-desk/locale", KeyKind::Other),
            ("another-app/c/00", KeyKind::Other),
        ] {
            assert_eq!(KeyKind::of(key), kind, "{key}");
        }
        assert!(concerns_desk(None));
        assert!(concerns_desk(Some(
            "segment-desk/quarantine/segment-desk/c/00"
        )));
        assert!(!concerns_desk(Some("segment-desk/locale")));
    }

    #[test]
    fn a_record_lives_in_the_bucket_its_id_hashes_to() {
        let customer = RecordKey::of(&Entity::Customer { id: "c1".into() });
        assert_eq!(customer, RecordKey::Customer("c1".into()));
        assert_eq!(
            (customer.bucket(), customer.id()),
            (customer_bucket("c1"), "c1")
        );
        let subscription = RecordKey::of(&Entity::Subscription { id: "s1".into() });
        assert_eq!(subscription.bucket(), subscription_bucket("s1"));
        let partner = RecordKey::of(&Entity::Partner);
        assert_eq!(
            (partner.bucket(), partner.id()),
            (PARTNER_KEY.into(), "partner")
        );
        assert_ne!(
            RecordKey::Customer("x".into()),
            RecordKey::Subscription("x".into()),
            "one id, two records"
        );
    }
}
