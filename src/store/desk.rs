//! The desk in storage: a schema-version key and one key per record, so that one edit writes
//! only what it changed. Which records a change touched comes from the audit entries the domain
//! appends for every change (each names its entity), so nothing is diffed.
//!
//! Keys (schema 1):
//! - `segment-desk/schema` — the schema version, `1`
//! - `segment-desk/partner` — the partner profile
//! - `segment-desk/customer/<id>`, `segment-desk/subscription/<id>` — one record each
//! - `segment-desk/audit/<seq, 12 digits>` — one audit entry each, in order
//! - `segment-desk/quarantine/<original key>` — records that could not be read, set aside
//!
//! Write order: records first, then the audit entries that name them, so a log entry never
//! points at a record that is not there yet.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{KeyValueStore, StoreError, KEY_PREFIX};
use crate::domain::{AuditEntry, Customer, Desk, Entity, PartnerProfile, Subscription};

/// The schema this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;
pub const SCHEMA_KEY: &str = "segment-desk/schema";
pub const PARTNER_KEY: &str = "segment-desk/partner";
pub const CUSTOMER_PREFIX: &str = "segment-desk/customer/";
pub const SUBSCRIPTION_PREFIX: &str = "segment-desk/subscription/";
pub const AUDIT_PREFIX: &str = "segment-desk/audit/";
pub const QUARANTINE_PREFIX: &str = "segment-desk/quarantine/";

/// Something found while loading that the user must be told about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LoadProblem {
    /// A record could not be read; it was moved to `quarantined_as`, nothing was deleted.
    Unreadable { key: String, quarantined_as: String, error: String },
    /// The data was written by a newer Segment Desk; it was left untouched and the app runs on
    /// an empty desk in memory until the data is dealt with.
    SchemaTooNew { found: String },
}

/// What [`load`] found.
#[derive(Debug)]
pub struct Loaded {
    pub desk: Desk,
    pub problems: Vec<LoadProblem>,
    /// False when the stored data must not be written over (a newer schema).
    pub writable: bool,
}

/// Loads the desk. Never fails: unreadable records are set aside (see [`LoadProblem`]).
pub fn load(kv: &dyn KeyValueStore) -> Loaded {
    let mut problems = Vec::new();
    let mut desk = Desk::new(PartnerProfile::default());
    match kv.get(SCHEMA_KEY) {
        None => {}
        Some(v) if v.trim() == SCHEMA_VERSION.to_string() => {}
        Some(found) => {
            problems.push(LoadProblem::SchemaTooNew { found });
            return Loaded { desk, problems, writable: false };
        }
    }

    let mut keys = kv.keys();
    keys.retain(|k| k.starts_with(KEY_PREFIX) && !k.starts_with(QUARANTINE_PREFIX));
    keys.sort();
    for key in keys {
        let Some(raw) = kv.get(&key) else { continue };
        let read = if key == PARTNER_KEY {
            parse::<PartnerProfile>(&raw).map(|p| desk.partner = p)
        } else if key.starts_with(CUSTOMER_PREFIX) {
            parse::<Customer>(&raw).map(|c| desk.customers.push(c))
        } else if key.starts_with(SUBSCRIPTION_PREFIX) {
            parse::<Subscription>(&raw).map(|s| desk.subscriptions.push(s))
        } else if key.starts_with(AUDIT_PREFIX) {
            parse::<AuditEntry>(&raw).map(|a| desk.audit.push(a))
        } else {
            Ok(()) // preferences and other keys of ours
        };
        if let Err(error) = read {
            let quarantined_as = format!("{QUARANTINE_PREFIX}{key}");
            // Set aside, never deleted: the copy goes first, the original only once it is there.
            if kv.set(&quarantined_as, &raw).is_ok() {
                kv.remove(&key);
            }
            problems.push(LoadProblem::Unreadable { key, quarantined_as, error });
        }
    }
    desk.audit.sort_by_key(|a| a.seq);
    Loaded { desk, problems, writable: true }
}

fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, String> {
    serde_json::from_str(raw).map_err(|e| e.to_string())
}

fn audit_key(seq: u64) -> String {
    format!("{AUDIT_PREFIX}{seq:012}")
}

/// Writes what changed since the audit log had `audit_len_before` entries: every record an
/// entry names, then the entries themselves.
pub fn save_changes(kv: &dyn KeyValueStore, desk: &Desk, audit_len_before: usize) -> Result<(), StoreError> {
    let new_entries = desk.audit.get(audit_len_before..).unwrap_or_default();
    if new_entries.is_empty() {
        return Ok(());
    }
    kv.set(SCHEMA_KEY, &SCHEMA_VERSION.to_string())?;
    let mut written: Vec<&Entity> = Vec::new();
    for entry in new_entries {
        if written.contains(&&entry.entity) {
            continue;
        }
        match &entry.entity {
            Entity::Partner => put(kv, PARTNER_KEY, &desk.partner)?,
            Entity::Customer { id } => match desk.customer(id) {
                Some(c) => put(kv, &format!("{CUSTOMER_PREFIX}{id}"), c)?,
                None => kv.remove(&format!("{CUSTOMER_PREFIX}{id}")),
            },
            Entity::Subscription { id } => match desk.subscription(id) {
                Some(s) => put(kv, &format!("{SUBSCRIPTION_PREFIX}{id}"), s)?,
                None => kv.remove(&format!("{SUBSCRIPTION_PREFIX}{id}")),
            },
        }
        written.push(&entry.entity);
    }
    for entry in new_entries {
        put(kv, &audit_key(entry.seq), entry)?;
    }
    Ok(())
}

fn put<T: Serialize>(kv: &dyn KeyValueStore, key: &str, value: &T) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Refused(e.to_string()))?;
    kv.set(key, &json)
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

    fn account() -> AccountInfo {
        AccountInfo {
            company_name: "Contoso Elementary School".into(),
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

    fn desk_with_customer(kv: &MemoryStore) -> Desk {
        let mut desk = load(kv).desk;
        let before = desk.audit.len();
        desk.create_customer(
            Role::SalesAgent,
            NewCustomer {
                id: "c1".into(),
                account: account(),
                domain_prefix: "contosoforedu".into(),
                education: Some(EducationDetails { segment: Some(EducationSegment::K12), website: String::new() }),
            },
            today(),
        )
        .expect("customer is valid");
        save_changes(kv, &desk, before).unwrap();
        desk
    }

    #[test]
    fn a_saved_change_loads_back_equal() {
        let kv = MemoryStore::new();
        let desk = desk_with_customer(&kv);
        let loaded = load(&kv);
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.desk, desk);
        assert_eq!(kv.get(SCHEMA_KEY).as_deref(), Some("1"));
    }

    #[test]
    fn one_edit_writes_only_the_records_it_touched() {
        let kv = MemoryStore::new();
        let mut desk = desk_with_customer(&kv);
        kv.set(PARTNER_KEY, "sentinel").unwrap(); // would be overwritten if the save rewrote all
        let before = desk.audit.len();
        desk.approve_education(Role::SalesAgent, "c1", today()).unwrap();
        save_changes(&kv, &desk, before).unwrap();
        assert_eq!(kv.get(PARTNER_KEY).as_deref(), Some("sentinel"));
        assert!(kv.get(&audit_key(desk.audit.last().unwrap().seq)).is_some());
    }

    #[test]
    fn unreadable_records_are_quarantined_not_deleted() {
        let kv = MemoryStore::new();
        desk_with_customer(&kv);
        kv.set("segment-desk/customer/broken", "{not json").unwrap();
        let loaded = load(&kv);
        assert_eq!(loaded.desk.customers.len(), 1);
        assert!(matches!(&loaded.problems[..], [LoadProblem::Unreadable { key, .. }] if key == "segment-desk/customer/broken"));
        assert_eq!(kv.get("segment-desk/quarantine/segment-desk/customer/broken").as_deref(), Some("{not json"));
        assert_eq!(kv.get("segment-desk/customer/broken"), None);
    }

    #[test]
    fn a_newer_schema_is_left_untouched() {
        let kv = MemoryStore::new();
        desk_with_customer(&kv);
        kv.set(SCHEMA_KEY, "99").unwrap();
        let keys_before = kv.keys();
        let loaded = load(&kv);
        assert!(!loaded.writable);
        assert_eq!(loaded.problems, vec![LoadProblem::SchemaTooNew { found: "99".into() }]);
        assert!(loaded.desk.customers.is_empty());
        assert_eq!(kv.keys(), keys_before);
    }
}
