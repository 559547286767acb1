//! Reset: the desk's keys removed from storage, quarantined data and preferences left. A reset
//! writes a journal that says so first, so one cut short is finished at the next start.

use std::collections::BTreeMap;

use super::journal::Journal;
use super::keys::{KeyKind, JOURNAL_KEY, SCHEMA_KEY};
use super::Revisions;
use crate::store::{KeyValueStore, StoreError};

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

/// Removes every key of the desk, the schema version last and then the journal.
pub(super) fn remove_desk_keys(kv: &dyn KeyValueStore) {
    let mut keys: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| KeyKind::of(k).is_desk() && k != JOURNAL_KEY)
        .collect();
    // The version last, so a reset cut short still reads as this schema.
    crate::sorting::sort_by_key(&mut keys, |k| k == SCHEMA_KEY);
    for key in keys {
        kv.remove(&key);
    }
    kv.remove(JOURNAL_KEY);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{add, fresh};
    use super::super::{load, replace};
    use super::*;
    use crate::domain::{Desk, PartnerProfile};
    use crate::store::MemoryStore;

    #[test]
    fn replace_and_reset() {
        let kv = MemoryStore::new();
        kv.set("foreign", "kept").unwrap();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        let other = crate::store::sample::sample_desk(3, 5, 2);
        replace(&kv, &other, None, &desk, &mut revs).unwrap();
        assert_eq!(load(&kv).desk, other);
        reset(&kv, &mut revs).unwrap();
        assert_eq!(load(&kv).desk, Desk::new(PartnerProfile::default()));
        assert_eq!(kv.keys(), vec!["foreign".to_owned()]);
    }
}
