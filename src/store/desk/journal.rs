//! All-or-nothing writes. Before a save writes anything, the previous value of every key it will
//! write goes under [`JOURNAL_KEY`]; the journal is removed once the last key is written. A
//! failed write puts back what was written ([`commit`]); a journal found at start means a tab
//! died mid-save, and [`Journal::undo`] puts the keys back, so no half-written change is seen.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::keys::JOURNAL_KEY;
use super::reset::remove_desk_keys;
use crate::store::{KeyValueStore, StoreError};

/// The previous value of every key a save writes, kept under [`JOURNAL_KEY`] while it runs.
#[derive(Serialize, Deserialize)]
pub(super) struct Journal {
    /// `None`: the key did not exist. A reset journals nothing and is finished on recovery.
    pub(super) previous: BTreeMap<String, Option<String>>,
    #[serde(default)]
    pub(super) reset: bool,
}

impl Journal {
    /// Puts every key back; returns how many.
    pub(super) fn undo(self, kv: &dyn KeyValueStore) -> usize {
        if self.reset {
            remove_desk_keys(kv);
            return 0;
        }
        let n = self.previous.len();
        for (key, previous) in &self.previous {
            put_back(kv, key, previous.as_deref());
        }
        n
    }
}

/// Gives `key` back its `previous` value (`None`: the key did not exist). If the value does not
/// fit beside the one it replaces, that one is removed first to make room. False if it still
/// does not fit (the key is then gone).
pub(super) fn put_back(kv: &dyn KeyValueStore, key: &str, previous: Option<&str>) -> bool {
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

/// Writes `writes` (key → new value, `None` removes) all or nothing: the journal first, then
/// each key; a failure puts back the keys already written and removes the journal.
pub(super) fn commit(
    kv: &dyn KeyValueStore,
    writes: &[(String, Option<String>)],
) -> Result<(), StoreError> {
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
                if !put_back(kv, k, journal.previous[k].as_deref()) {
                    failed.push(k);
                }
            }
            kv.remove(JOURNAL_KEY);
            for k in failed {
                put_back(kv, k, journal.previous[k].as_deref());
            }
            return Err(err);
        }
    }
    kv.remove(JOURNAL_KEY);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{add, fresh};
    use super::super::{customer_bucket, load, LoadProblem};
    use super::*;
    use crate::store::MemoryStore;

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
}
