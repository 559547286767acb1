//! What the desk store's tests share: a desk to edit and save, a stored sample, a snapshot of a
//! store to compare, and a store with a quota like the browser's.

use chrono::NaiveDate;

use super::{load, replace, save_changes, usage, Revisions};
use crate::domain::{AccountInfo, Desk, EducationDetails, EducationSegment, NewCustomer, Role};
use crate::store::{utf16_len, KeyValueStore, MemoryStore, StoreError};

pub(super) fn today() -> NaiveDate {
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
        registration_id: String::new(),
    }
}

/// Creates customer `id` (asking for Education) and saves the change.
pub(super) fn add(
    kv: &MemoryStore,
    desk: &mut Desk,
    revs: &mut Revisions,
    id: &str,
) -> Result<(), StoreError> {
    let before = desk.audit.len();
    desk.create_customer(
        crate::test_support::ctx(Role::SalesAgent, today()),
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

/// The desk as stored, with the revisions read.
pub(super) fn fresh(kv: &MemoryStore) -> (Desk, Revisions) {
    let l = load(kv);
    (l.desk, l.revisions)
}

/// `desk` written into a new store, as a replace of an empty desk writes it.
pub(super) fn stored(desk: &Desk) -> MemoryStore {
    let kv = MemoryStore::new();
    replace(&kv, desk, None, &Desk::default(), &mut Revisions::default()).unwrap();
    kv
}

/// A small generated desk (60 customers, 120 subscriptions), stored.
pub(super) fn stored_sample() -> (MemoryStore, Desk) {
    let desk = crate::store::sample::sample_desk(3, 60, 2);
    (stored(&desk), desk)
}

/// Every key and value, to compare a store before and after.
pub(super) fn snapshot(kv: &MemoryStore) -> Vec<(String, Option<String>)> {
    kv.keys()
        .into_iter()
        .map(|k| (k.clone(), kv.get(&k)))
        .collect()
}

/// A store with a quota in UTF-16 units, like the browser's.
pub(super) struct Quota {
    pub(super) inner: MemoryStore,
    pub(super) cap: usize,
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
