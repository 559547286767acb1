//! Saving: an edit writes only the buckets of the records its audit entries name, plus the
//! audit chunks, all or nothing through the journal. A record another tab changed since this tab
//! read it is a conflict ([`save_changes`] refuses, [`save_keeping_mine`] writes over it).
//! [`replace`] writes a whole desk at once (an import, sample data).

use std::collections::btree_map::{BTreeMap, Entry};

use super::buckets::{
    layout, raw_record, read_bucket, revision_and_created, write_bucket, write_catalog,
    write_chunk, Bucket,
};
use super::journal::commit;
use super::keys::{
    audit_chunk, KeyKind, RecordKey, CATALOG_KEY, JOURNAL_KEY, PARTNER_KEY, SCHEMA_KEY,
    SCHEMA_VERSION,
};
use super::load::read;
use super::Revisions;
use crate::domain::{AuditEntry, Catalog, Desk, Entity};
use crate::store::{KeyValueStore, StoreError};

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
    let Some(changes) = Changes::gather(kv, desk, audit_len_before, revisions)? else {
        return Ok(());
    };
    if !changes.conflicts.is_empty() {
        return Err(StoreError::Conflict(changes.conflicts));
    }
    changes.write(kv, revisions)
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
    desk.audit_unread = 0;
    let before = desk.audit.len();
    for mut entry in mine {
        seq += 1;
        entry.seq = seq;
        desk.audit.push(entry);
    }
    // The conflicts are the other tab's records, which this tab's now overwrite.
    match Changes::gather(kv, desk, before, revisions)? {
        Some(changes) => changes.write(kv, revisions),
        None => Ok(()),
    }
}

/// What a save writes, gathered before anything is written: every bucket and audit chunk the new
/// audit entries touch, with this tab's records and entries in, each record one revision above
/// the stored one. Whether to write it when another tab got there first (`conflicts`) is the
/// caller's choice.
struct Changes {
    buckets: BTreeMap<String, Bucket>,
    /// Each record's revision once written (`None`: the record is removed).
    revisions: Vec<(RecordKey, Option<u64>)>,
    /// Records whose stored revision is not the one this tab read, or whose new audit entry's
    /// place another tab's entry has taken.
    conflicts: Vec<Entity>,
    /// The `seq` of the first and of the last new entry.
    first_seq: u64,
    last_seq: u64,
}

impl Changes {
    /// `None` when the audit log has no entry past `audit_len_before`: nothing to save.
    fn gather(
        kv: &dyn KeyValueStore,
        desk: &Desk,
        audit_len_before: usize,
        revisions: &Revisions,
    ) -> Result<Option<Self>, StoreError> {
        let new_entries = desk.audit.get(audit_len_before..).unwrap_or_default();
        let (Some(first), Some(last)) = (new_entries.first(), new_entries.last()) else {
            return Ok(None);
        };
        let mut changes = Changes {
            buckets: BTreeMap::new(),
            revisions: Vec::new(),
            conflicts: Vec::new(),
            first_seq: first.seq,
            last_seq: last.seq,
        };
        let mut seen: Vec<&Entity> = Vec::new();
        for entry in new_entries {
            if seen.contains(&&entry.entity) {
                continue;
            }
            seen.push(&entry.entity);
            let record = RecordKey::of(&entry.entity);
            let bucket = changes.fetch(kv, record.bucket())?;
            let (stored, created) = match bucket.get(record.id()) {
                Some(raw) => revision_and_created(raw),
                // A record new to storage: this is the first entry that names it.
                None => (0, Some(entry.seq)),
            };
            let known = revisions.get(&record).copied().unwrap_or(0);
            let value = match &entry.entity {
                Entity::Partner => Some(raw_record(stored + 1, &desk.partner, None)),
                Entity::Customer { id } => desk
                    .customer(id)
                    .map(|c| raw_record(stored + 1, c, created)),
                Entity::Subscription { id } => desk
                    .subscription(id)
                    .map(|s| raw_record(stored + 1, s, created)),
            };
            let revision = match value {
                Some(v) => {
                    bucket.insert(record.id().to_owned(), v);
                    Some(stored + 1)
                }
                None => {
                    bucket.remove(record.id());
                    None
                }
            };
            changes.revisions.push((record, revision));
            if stored != known {
                changes.conflicts.push(entry.entity.clone());
            }
        }
        for entry in new_entries {
            let chunk = changes.fetch(kv, audit_chunk(entry.seq))?;
            let id = format!("{:012}", entry.seq);
            let taken = chunk.insert(id, raw_record(1, entry, None)).is_some();
            // Another tab logged a change since this tab read the log.
            if taken && !changes.conflicts.contains(&entry.entity) {
                changes.conflicts.push(entry.entity.clone());
            }
        }
        Ok(Some(changes))
    }

    /// The bucket or chunk stored under `key`, read once (empty if there is none).
    fn fetch(&mut self, kv: &dyn KeyValueStore, key: String) -> Result<&mut Bucket, StoreError> {
        Ok(match self.buckets.entry(key) {
            Entry::Occupied(bucket) => bucket.into_mut(),
            Entry::Vacant(place) => {
                let bucket = match kv.get(place.key()) {
                    Some(raw) => read_bucket(&raw).map_err(StoreError::Refused)?,
                    None => Bucket::new(),
                };
                place.insert(bucket)
            }
        })
    }

    /// Writes the buckets, then the chunks, all or nothing; then brings `revisions` up to date.
    fn write(
        mut self,
        kv: &dyn KeyValueStore,
        revisions: &mut Revisions,
    ) -> Result<(), StoreError> {
        // The first entry of a new chunk closes the one before: it is rewritten packed.
        let before = audit_chunk(self.first_seq.saturating_sub(1));
        if self.first_seq > 1 && before != audit_chunk(self.first_seq) && kv.get(&before).is_some()
        {
            self.fetch(kv, before)?;
        }
        let open_chunk = audit_chunk(self.last_seq);
        let mut writes: Vec<(String, Option<String>)> = Vec::new();
        if kv.get(SCHEMA_KEY) != Some(SCHEMA_VERSION.to_string()) {
            writes.push((SCHEMA_KEY.into(), Some(SCHEMA_VERSION.to_string())));
        }
        // Records first, then the log chunks that name them.
        let (chunks, records): (Vec<_>, Vec<_>) = self
            .buckets
            .into_iter()
            .partition(|(k, _)| KeyKind::of(k) == KeyKind::AuditChunk);
        for (key, bucket) in records {
            let value = (!bucket.is_empty() || key == PARTNER_KEY).then(|| write_bucket(&bucket));
            writes.push((key, value));
        }
        for (key, chunk) in chunks {
            let open = key == open_chunk;
            writes.push((key, Some(write_chunk(&chunk, open))));
        }
        commit(kv, &writes)?;
        for (key, rev) in self.revisions {
            match rev {
                Some(r) => revisions.insert(key, r),
                None => revisions.remove(&key),
            };
        }
        Ok(())
    }
}

/// Stores `catalog` as the one the desk sells from (a price list's): one key, so written all or
/// nothing.
pub fn save_catalog(kv: &dyn KeyValueStore, catalog: &Catalog) -> Result<(), StoreError> {
    kv.set(CATALOG_KEY, &write_catalog(catalog))
}

/// Replaces the stored desk with `desk` and its catalog (`None`: the built-in sample), all or
/// nothing: an import, or sample data. `current` is the desk this tab holds, which `revisions`
/// were read with: a record equal to its version there keeps its revision, and a stored key
/// whose records are all unchanged is left as it is, neither journaled nor written. So the
/// journal's copy, the room a replace needs while it runs, is only of what changes: a backup
/// restored over the desk it came from fits beside it, where a different desk of more than
/// half the quota does not (then nothing is written: export, reset, import).
pub fn replace(
    kv: &dyn KeyValueStore,
    desk: &Desk,
    catalog: Option<&Catalog>,
    current: &Desk,
    revisions: &mut Revisions,
) -> Result<(), StoreError> {
    if desk.audit_unread > 0 || current.audit_unread > 0 {
        // The log's first entries would be lost, or compared with nothing.
        return Err(StoreError::Refused("the audit log is not read yet".into()));
    }
    let mut stored = kv.keys();
    crate::sorting::sort(&mut stored);
    let is_stored = |k: &str| stored.binary_search_by(|s| s.as_str().cmp(k)).is_ok();
    let (layout, written) = layout(desk, revisions, current, &is_stored);
    let mut writes: Vec<(String, Option<String>)> = Vec::new();
    if kv.get(SCHEMA_KEY) != Some(SCHEMA_VERSION.to_string()) {
        writes.push((SCHEMA_KEY.into(), Some(SCHEMA_VERSION.to_string())));
    }
    let catalog = catalog.map(write_catalog);
    let kept = |k: &str| layout.contains_key(k) || (k == CATALOG_KEY && catalog.is_some());
    let stale = stored
        .iter()
        .filter(|k| KeyKind::of(k).is_desk() && *k != SCHEMA_KEY && *k != JOURNAL_KEY && !kept(k));
    writes.extend(stale.map(|k| (k.clone(), None)));
    if let Some(catalog) = catalog {
        if kv.get(CATALOG_KEY).as_ref() != Some(&catalog) {
            writes.push((CATALOG_KEY.into(), Some(catalog)));
        }
    }
    // `None`: the key is stored as it would be written.
    writes.extend(layout.into_iter().filter_map(|(k, v)| Some((k, Some(v?)))));
    if !writes.is_empty() {
        commit(kv, &writes)?;
    }
    *revisions = written;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::keys::AUDIT_CHUNK;
    use super::super::load;
    use super::super::test_support::{add, fresh, snapshot, stored_sample, today, Quota};
    use super::super::usage;
    use super::*;
    use crate::domain::Role;
    use crate::store::MemoryStore;

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
        let mut revs = Revisions::default();
        replace(&kv, &desk, None, &Desk::default(), &mut revs).unwrap();
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
        desk.approve_education(crate::test_support::ctx(Role::SalesAgent, today()), "c1")
            .unwrap();
        save_changes(&kv, &desk, before, &mut revs).unwrap();
        assert_eq!(kv.get(untouched).as_deref(), Some("sentinel"));
        assert_eq!(revs[&RecordKey::Customer("c1".into())], 2);
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
            desk.approve_education(crate::test_support::ctx(Role::SalesAgent, today()), "c1")
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
    fn another_tabs_change_is_a_conflict_not_an_overwrite() {
        let kv = MemoryStore::new();
        let (mut desk, mut revs) = fresh(&kv);
        add(&kv, &mut desk, &mut revs, "c1").unwrap();
        // Tab B loads and approves.
        let (mut b, mut b_revs) = fresh(&kv);
        let before = b.audit.len();
        b.approve_education(crate::test_support::ctx(Role::SalesAgent, today()), "c1")
            .unwrap();
        save_changes(&kv, &b, before, &mut b_revs).unwrap();
        // Tab A, still on what it loaded, denies.
        let before = desk.audit.len();
        desk.deny_education(
            crate::test_support::ctx(Role::SalesAgent, today()),
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
    fn a_replace_writes_only_the_keys_whose_records_changed() {
        let (kv, _) = stored_sample();
        let loaded = load(&kv);
        let (desk, mut revs) = (loaded.desk, loaded.revisions);
        let stored = snapshot(&kv);
        replace(&kv, &desk, None, &desk, &mut revs).unwrap();
        assert_eq!(snapshot(&kv), stored, "the same desk again writes nothing");

        let mut file = desk.clone();
        file.customers[0].account.company_name = "Renamed school".into();
        let renamed = RecordKey::Customer(file.customers[0].id.clone());
        let other = RecordKey::Customer(file.customers[1].id.clone());
        let revs_before = revs.clone();
        replace(&kv, &file, None, &desk, &mut revs).unwrap();
        let changed: Vec<String> = snapshot(&kv)
            .into_iter()
            .zip(&stored)
            .filter(|(now, before)| now != *before)
            .map(|(now, _)| now.0)
            .collect();
        assert_eq!(changed, vec![renamed.bucket()]);
        assert_eq!(revs[&renamed], revs_before[&renamed] + 1);
        assert_eq!(revs[&other], revs_before[&other]);
        let loaded = load(&kv);
        assert_eq!(loaded.desk, file);
        assert_eq!(loaded.revisions, revs);
    }

    #[test]
    fn a_backup_imports_over_a_desk_that_fills_half_the_quota_and_a_different_desk_is_refused_whole(
    ) {
        let (inner, _) = stored_sample();
        let loaded = load(&inner);
        let (desk, mut revs) = (loaded.desk, loaded.revisions);
        // Room for the desk and a tenth more, not for a copy of it.
        let kv = Quota {
            inner: inner.clone(),
            cap: usage(&inner).total * 11 / 10,
        };
        let mut backup = desk.clone();
        backup.customers[3].account.city = "Lund".into();
        backup.subscriptions.pop();
        replace(&kv, &backup, None, &desk, &mut revs).unwrap();
        assert_eq!(load(&inner).desk, backup);
        assert_eq!(kv.get(JOURNAL_KEY), None);

        let stored = snapshot(&inner);
        let different = crate::store::sample::sample_desk(4, 60, 2);
        assert_eq!(
            replace(&kv, &different, None, &backup, &mut revs),
            Err(StoreError::QuotaExceeded)
        );
        assert_eq!(
            snapshot(&inner),
            stored,
            "refused whole: every key as it was"
        );
    }

    #[test]
    fn a_replace_over_a_changed_desk_loads_back_as_the_file() {
        let (kv, _) = stored_sample();
        let loaded = load(&kv);
        let (current, mut revs) = (loaded.desk, loaded.revisions);
        let mut file = current.clone();
        file.customers.remove(5);
        let mut added = file.subscriptions[0].clone();
        added.id = "added-subscription".into();
        file.subscriptions.push(added);
        // Enough new entries to close the open chunk and open the next.
        let last = file.audit.last().unwrap().clone();
        for n in 1..=AUDIT_CHUNK {
            let mut entry = last.clone();
            entry.seq = last.seq + n;
            file.audit.push(entry);
        }
        replace(&kv, &file, None, &current, &mut revs).unwrap();
        let back = load(&kv);
        assert!(back.problems.is_empty());
        assert_eq!(back.desk, file);
        assert_eq!(back.revisions, revs);
        assert!(kv.get(&audit_chunk(last.seq)).unwrap().starts_with('Z'));
        assert!(kv
            .get(&audit_chunk(last.seq + AUDIT_CHUNK))
            .unwrap()
            .starts_with('{'));
    }
}
