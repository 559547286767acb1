//! Quarantine: data that could not be read is copied under [`QUARANTINE_PREFIX`] and only then
//! removed from its place, so nothing is ever deleted without the user asking. Also what the
//! data page offers for download (the quarantined data, the raw desk) and the user's own
//! "set aside" and "discard".

use std::collections::BTreeMap;

use super::keys::{KeyKind, QUARANTINE_PREFIX};
use super::LoadProblem;
use crate::store::{KeyValueStore, StoreError};

/// Copies `raw` (the value of `key`, or one record of it as `key#id`) to quarantine and notes
/// the problem. True if the copy is there: only then may the original go.
pub(super) fn set_aside(
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

/// Every quarantined key with its raw value, for download.
pub fn quarantined(kv: &dyn KeyValueStore) -> BTreeMap<String, String> {
    let mut keys = kv.keys();
    keys.retain(|k| KeyKind::of(k) == KeyKind::Quarantined);
    keys.into_iter()
        .filter_map(|k| kv.get(&k).map(|v| (k, v)))
        .collect()
}

/// Every stored key of the desk with its raw value (e.g. data of a newer version), for download.
pub fn raw_desk(kv: &dyn KeyValueStore) -> BTreeMap<String, String> {
    let mut keys = kv.keys();
    keys.retain(|k| KeyKind::of(k).is_desk());
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
    use super::super::buckets::{read_bucket, write_bucket};
    use super::super::test_support::{add, fresh};
    use super::super::{customer_bucket, load};
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn unreadable_buckets_and_records_are_quarantined_not_deleted() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        kv.set("segment-desk/c/ff", "{not json").unwrap();
        let key = customer_bucket("c1");
        let mut bucket = read_bucket(&kv.get(&key).unwrap()).unwrap();
        bucket.insert(
            "bad".into(),
            serde_json::from_str(r#"[1,{"id":5}]"#).unwrap(),
        );
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
}
