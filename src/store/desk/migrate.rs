//! Older schemas moved to this one on load. Schema 1 kept one plain-JSON key per record
//! ([`migrate_v1`]); schema 2 had 4× larger buckets and packed every audit chunk
//! ([`migrate_v2`]). Both are safe to cut short: they carry on at the next start.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::buckets::{fresh_layout, read_bucket, write_bucket, Bucket};
use super::journal::{commit, put_back};
use super::keys::{
    customer_bucket, desk_keys, subscription_bucket, KeyKind, SCHEMA_KEY, SCHEMA_VERSION,
};
use super::quarantine::set_aside;
use super::LoadProblem;
use crate::domain::{AuditEntry, Customer, Desk, PartnerProfile, Subscription};
use crate::store::{KeyValueStore, StoreError};

/// Schema 1: one plain-JSON key per record.
pub(super) fn load_v1(kv: &dyn KeyValueStore, problems: &mut Vec<LoadProblem>) -> Desk {
    let mut desk = Desk::new(PartnerProfile::default());
    for key in desk_keys(kv, KeyKind::is_v1) {
        let Some(raw) = kv.get(&key) else { continue };
        let read = match KeyKind::of(&key) {
            KeyKind::Partner => parse::<PartnerProfile>(&raw).map(|p| desk.partner = p),
            KeyKind::V1Customer => parse::<Customer>(&raw).map(|c| desk.customers.push(c)),
            KeyKind::V1Subscription => {
                parse::<Subscription>(&raw).map(|s| desk.subscriptions.push(s))
            }
            KeyKind::V1Audit => parse::<AuditEntry>(&raw).map(|a| desk.audit.push(a)),
            _ => Ok(()),
        };
        if let Err(error) = read {
            if set_aside(kv, &key, &raw, problems, error) {
                kv.remove(&key);
            }
        }
    }
    crate::sorting::sort_by_key(&mut desk.audit, |a| a.seq);
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
    let old = desk_keys(kv, KeyKind::is_v1);
    let layout = fresh_layout(&desk);
    let mut written: Vec<(&str, Option<String>)> = Vec::new();
    for (key, value) in &layout {
        let previous = kv.get(key);
        if let Err(err) = kv.set(key, value) {
            for (k, prev) in written.into_iter().rev() {
                put_back(kv, k, prev.as_deref());
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
pub(super) fn migrate_v2(kv: &dyn KeyValueStore) -> Result<(), StoreError> {
    let mut keys = kv.keys();
    crate::sorting::sort(&mut keys);
    for key in keys {
        let bucket_of: fn(&str) -> String = match KeyKind::of(&key) {
            KeyKind::CustomerBucket => customer_bucket,
            KeyKind::SubscriptionBucket => subscription_bucket,
            _ => continue,
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

#[cfg(test)]
mod tests {
    use super::super::keys::{
        fnv, AUDIT_CHUNK_PREFIX, CUSTOMER_BUCKET_PREFIX, JOURNAL_KEY, SUBSCRIPTION_BUCKET_PREFIX,
    };
    use super::super::load::read_buckets;
    use super::super::test_support::{add, snapshot, Quota};
    use super::super::{load, replace, usage, Revisions};
    use super::*;
    use crate::store::MemoryStore;

    /// The desk as schema 2 stored it: the same records and revisions in 32 customer and 64
    /// subscription buckets, every audit chunk packed.
    fn write_schema_2(kv: &MemoryStore, desk: &Desk) {
        let mut revs = Revisions::default();
        replace(kv, desk, None, &Desk::default(), &mut revs).unwrap();
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
}
