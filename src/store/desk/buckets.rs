//! A bucket's text and back: the JSON object `{ "<id>": [<revision>, <record>, <created>] }`,
//! packed by [`codec`], and the whole desk laid out as buckets and audit chunks ([`layout`]).
//! Loading, saving and the migrations all read and write buckets through these.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use rustc_hash::FxHashMap;

use serde::de::{self, DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use super::keys::{RecordKey, Slot};
use super::Revisions;
use crate::domain::{AuditEntry, Catalog, Customer, Desk, Entity, PartnerProfile, Subscription};
use crate::store::codec;

/// A bucket: each record's JSON text as stored, so that an edit parses and writes only the
/// records it changes (parsing a bucket's ~120 records into JSON values and writing them back
/// cost more than the rest of an edit together), and a record is read from its text into its
/// type at once.
pub(super) type Bucket = BTreeMap<String, Box<RawValue>>;

pub(super) fn read_bucket(raw: &str) -> Result<Bucket, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

pub(super) fn write_bucket(bucket: &Bucket) -> String {
    codec::encode(&serde_json::to_string(bucket).expect("JSON text serializes"))
}

/// A record as stored: `[revision, record, created]`, or `[revision, record]` for a record whose
/// creation is not stored (audit entries, and customers and subscriptions stored before it was).
///
/// `created` is the `seq` of the first audit entry that names the record: the place in the log
/// its creation has. Records are listed by it, so a read that finds it stored for every record
/// puts them in order without reading the log ([`super::RestRead`]); where it is missing, the
/// log gives the same order.
#[derive(Debug, PartialEq)]
pub struct Stored<T> {
    pub revision: u64,
    pub record: T,
    pub created: Option<u64>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Stored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// An array of two or three elements (serde's tuples take a fixed length).
        struct StoredVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for StoredVisitor<T> {
            type Value = Stored<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("[revision, record] or [revision, record, created]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Stored<T>, A::Error> {
                let revision = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let record = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                let created = seq.next_element::<Option<u64>>()?.flatten();
                Ok(Stored {
                    revision,
                    record,
                    created,
                })
            }
        }
        deserializer.deserialize_seq(StoredVisitor(PhantomData))
    }
}

/// A record as stored (see [`Stored`]).
pub(super) fn raw_record(
    revision: u64,
    record: &impl Serialize,
    created: Option<u64>,
) -> Box<RawValue> {
    let mut json = Vec::new();
    write_record(&mut json, revision, record, created);
    let json = String::from_utf8(json).expect("serde_json writes UTF-8");
    RawValue::from_string(json).expect("serde_json writes JSON")
}

/// A record as stored ([`Stored`]), onto `out`.
fn write_record(out: &mut Vec<u8>, revision: u64, record: &impl Serialize, created: Option<u64>) {
    let written = match created {
        Some(created) => serde_json::to_writer(out, &(revision, record, created)),
        None => serde_json::to_writer(out, &(revision, record)),
    };
    written.expect("domain records serialize");
}

/// The revision of a stored record (0 if it has none) and its creation, if stored.
pub(super) fn revision_and_created(record: &RawValue) -> (u64, Option<u64>) {
    serde_json::from_str::<Stored<de::IgnoredAny>>(record.get())
        .map_or((0, None), |s| (s.revision, s.created))
}

/// An audit chunk as stored. The chunk still being filled (`open`) is plain JSON: appending an
/// entry, which every edit does, then costs neither an inflate nor a deflate. A chunk is packed
/// once the next one starts. The open chunk takes at most ~1% of the quota in plain form.
pub(super) fn write_chunk(chunk: &Bucket, open: bool) -> String {
    if open {
        serde_json::to_string(chunk).expect("JSON values serialize")
    } else {
        write_bucket(chunk)
    }
}

/// A stored record ([`Stored`]). Every record is read from text (never from a JSON value), so
/// each record type has one deserializer in the module, not two.
pub(super) fn parse_record<T: DeserializeOwned>(record: &RawValue) -> Result<Stored<T>, String> {
    serde_json::from_str(record.get()).map_err(|e| e.to_string())
}

pub(super) fn write_catalog(catalog: &Catalog) -> String {
    codec::encode(&catalog.to_json())
}

/// Every key of the desk in the current schema with its value, and the revision each record is
/// written at. A record equal to its version in `current` (the desk `revisions` were read with)
/// keeps its revision; any other goes one above. A key that comes out as `current` has it
/// (the same records, all unchanged) and that `is_stored` says is there maps to `None`: it is
/// neither serialized nor packed, and [`replace`](super::replace) leaves it as it is.
pub(super) fn layout<'a>(
    desk: &'a Desk,
    revisions: &Revisions,
    current: &Desk,
    is_stored: &dyn Fn(&str) -> bool,
) -> (BTreeMap<String, Option<String>>, Revisions) {
    // Per key: how many records `current` has under it, how many `desk` puts there, and how
    // many of those are equal to the one in `current`; all of them: the key is as `current`
    // has it.
    let mut keys: BTreeMap<Slot, KeyState> = BTreeMap::new();
    let mut count = |slot: Slot| keys.entry(slot).or_default().current += 1;
    current
        .customers
        .iter()
        .for_each(|c| count(Slot::customer(&c.id)));
    current
        .subscriptions
        .iter()
        .for_each(|s| count(Slot::subscription(&s.id)));
    current.audit.iter().for_each(|a| count(Slot::chunk(a.seq)));
    let open_chunk = desk.audit.last().map(|a| Slot::chunk(a.seq));
    let current_open_chunk = current.audit.last().map(|a| Slot::chunk(a.seq));
    // The same map type as the read's creation ranks (one instantiation in the module).
    let customers: FxHashMap<&str, u64> = current
        .customers
        .iter()
        .map(|c| c.id.as_str())
        .zip(0..)
        .collect();
    let subscriptions: FxHashMap<&str, u64> = current
        .subscriptions
        .iter()
        .map(|s| s.id.as_str())
        .zip(0..)
        .collect();
    let current_customer = |id: &str| customers.get(id).map(|&i| &current.customers[i as usize]);
    let current_subscription = |id: &str| {
        subscriptions
            .get(id)
            .map(|&i| &current.subscriptions[i as usize])
    };
    // Each record's creation, stored beside it; a record is unchanged only if that is too.
    let customers_created = created(&desk.audit, Entity::customer_id, desk.customers.len());
    let subscriptions_created = created(
        &desk.audit,
        Entity::subscription_id,
        desk.subscriptions.len(),
    );
    let current_customers_created =
        created(&current.audit, Entity::customer_id, current.customers.len());
    let current_subscriptions_created = created(
        &current.audit,
        Entity::subscription_id,
        current.subscriptions.len(),
    );

    // First pass: each record's key, revision and whether it changed.
    let records = 1 + desk.customers.len() + desk.subscriptions.len();
    let mut written = Revisions::with_capacity_and_hasher(records, Default::default());
    let mut place = |record: RecordKey, unchanged: bool| -> (Slot, u64) {
        let known = revisions.get(&record).copied().unwrap_or(0);
        let rev = if unchanged && known > 0 {
            known
        } else {
            known + 1
        };
        let slot = record.slot();
        keys.entry(slot).or_default().add(unchanged);
        written.insert(record, rev);
        (slot, rev)
    };
    let partner_place = place(RecordKey::Partner, desk.partner == current.partner);
    let customer_places: Vec<(Slot, u64)> = desk
        .customers
        .iter()
        .map(|c| {
            let id = c.id.as_str();
            let unchanged = current_customer(id) == Some(c)
                && customers_created.get(id) == current_customers_created.get(id);
            place(RecordKey::Customer(c.id.clone()), unchanged)
        })
        .collect();
    let subscription_places: Vec<(Slot, u64)> = desk
        .subscriptions
        .iter()
        .map(|s| {
            let id = s.id.as_str();
            let unchanged = current_subscription(id) == Some(s)
                && subscriptions_created.get(id) == current_subscriptions_created.get(id);
            place(RecordKey::Subscription(s.id.clone()), unchanged)
        })
        .collect();
    for a in &desk.audit {
        let unchanged = current
            .audit
            .binary_search_by_key(&a.seq, |c| c.seq)
            .is_ok_and(|i| current.audit[i] == *a);
        keys.entry(Slot::chunk(a.seq)).or_default().add(unchanged);
    }
    // The partner's bucket always holds the one record; a chunk is also changed when it was
    // the open (plain) one and is no longer, or the other way round.
    let as_current = |slot: Slot, state: &KeyState| {
        let counted = if slot == Slot::Partner {
            1
        } else {
            state.current
        };
        let open_same = !matches!(slot, Slot::Chunk(_))
            || (Some(slot) == open_chunk) == (Some(slot) == current_open_chunk);
        let same = state.unchanged == state.records && state.records == counted && open_same;
        same && is_stored(&slot.key())
    };
    // Keys only `current` has (no records here) are left out: `replace` removes them.
    let rewrite: Vec<Slot> = keys
        .iter()
        .filter(|&(&slot, state)| state.records > 0 && !as_current(slot, state))
        .map(|(&slot, _)| slot)
        .collect();

    // Second pass: the records of the keys that are written, gathered by key, then each key's
    // text written in one go ([`write_records`]).
    let mut buckets: BTreeMap<Slot, Vec<InBucket>> = BTreeMap::new();
    let mut put = |slot: Slot, id: Cow<'a, str>, revision: u64, record: Record<'a>, created| {
        if rewrite.binary_search(&slot).is_ok() {
            let record = InBucket {
                id,
                revision,
                record,
                created,
            };
            buckets.entry(slot).or_default().push(record);
        }
    };
    let (partner_slot, partner_revision) = partner_place;
    let partner = Record::Partner(&desk.partner);
    let partner_id = Cow::Borrowed(RecordKey::Partner.id());
    put(partner_slot, partner_id, partner_revision, partner, None);
    for (c, &(slot, revision)) in desk.customers.iter().zip(&customer_places) {
        let (id, record) = (Cow::Borrowed(c.id.as_str()), Record::Customer(c));
        let created = customers_created.get(c.id.as_str()).copied();
        put(slot, id, revision, record, created);
    }
    for (s, &(slot, revision)) in desk.subscriptions.iter().zip(&subscription_places) {
        let (id, record) = (Cow::Borrowed(s.id.as_str()), Record::Subscription(s));
        let created = subscriptions_created.get(s.id.as_str()).copied();
        put(slot, id, revision, record, created);
    }
    for a in &desk.audit {
        let id = Cow::Owned(format!("{:012}", a.seq));
        put(Slot::chunk(a.seq), id, 1, Record::AuditEntry(a), None);
    }
    let values = keys
        .iter()
        .filter(|(_, state)| state.records > 0)
        .map(|(&slot, _)| {
            let value = buckets.get_mut(&slot).map(|records| {
                let json = write_records(records);
                let plain = matches!(slot, Slot::Chunk(_)) && Some(slot) == open_chunk;
                if plain {
                    json
                } else {
                    codec::encode(&json)
                }
            });
            (slot.key(), value)
        })
        .collect();
    (values, written)
}

/// A record of a bucket being written by [`layout`], by reference.
struct InBucket<'a> {
    id: Cow<'a, str>,
    revision: u64,
    record: Record<'a>,
    created: Option<u64>,
}

/// Any record a bucket holds.
enum Record<'a> {
    Partner(&'a PartnerProfile),
    Customer(&'a Customer),
    Subscription(&'a Subscription),
    AuditEntry(&'a AuditEntry),
}

impl Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Record::Partner(p) => p.serialize(serializer),
            Record::Customer(c) => c.serialize(serializer),
            Record::Subscription(s) => s.serialize(serializer),
            Record::AuditEntry(a) => a.serialize(serializer),
        }
    }
}

/// The JSON text of a bucket of `records`: byte for byte what [`write_bucket`] packs for the
/// map of their stored texts (ids in order, the last of a repeated id kept), written straight
/// into one buffer. Making each record's text first, checking it as JSON and copying it into
/// the map's took a third of what a whole desk's save spent besides deflating (in wasm).
fn write_records(records: &mut [InBucket]) -> String {
    crate::sorting::sort_by(records, |a, b| a.id.cmp(&b.id));
    let mut json = Vec::with_capacity(records.len() * 400);
    json.push(b'{');
    for (i, r) in records.iter().enumerate() {
        if records.get(i + 1).is_some_and(|next| next.id == r.id) {
            continue; // as a map insert would: the later record stands
        }
        if json.len() > 1 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, &*r.id).expect("a string serializes");
        json.push(b':');
        write_record(&mut json, r.revision, &r.record, r.created);
    }
    json.push(b'}');
    String::from_utf8(json).expect("serde_json writes UTF-8")
}

/// When each record of one kind was created, by id: the `seq` of the first entry of `audit` (in
/// `seq` order) in which `id` finds a record of that kind; `records` is about how many there are.
pub(super) fn created<'a>(
    audit: &'a [AuditEntry],
    id: impl Fn(&'a Entity) -> Option<&'a str>,
    records: usize,
) -> FxHashMap<&'a str, u64> {
    // Fx rather than the standard library's DoS-resistant SipHash: ids come from the user's own
    // desk, and hashing was most of the step (32 → 21 ms for 30,000 subscriptions in wasm).
    let mut created = FxHashMap::with_capacity_and_hasher(records, Default::default());
    for entry in audit {
        if let Some(id) = id(&entry.entity) {
            created.entry(id).or_insert(entry.seq);
        }
    }
    created
}

/// Every key and value of `desk`, each record at revision 1: a desk written afresh (a migration).
pub(super) fn fresh_layout(desk: &Desk) -> BTreeMap<String, String> {
    let (values, _) = layout(desk, &Revisions::default(), &Desk::default(), &|_| false);
    values
        .into_iter()
        .map(|(k, v)| (k, v.expect("a key not stored is written")))
        .collect()
}

/// How many records `current` has under a key, how many [`layout`] puts there, and how many
/// of those are unchanged.
#[derive(Default)]
struct KeyState {
    current: usize,
    records: usize,
    unchanged: usize,
}

impl KeyState {
    fn add(&mut self, unchanged: bool) {
        self.records += 1;
        self.unchanged += usize::from(unchanged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{customer, day};

    fn place(c: &Customer, revision: u64, created: Option<u64>) -> InBucket<'_> {
        InBucket {
            id: Cow::Borrowed(c.id.as_str()),
            revision,
            record: Record::Customer(c),
            created,
        }
    }

    #[test]
    fn a_bucket_written_in_one_go_is_the_text_of_the_map_of_its_records() {
        let on = day(2026, 3, 1);
        let (b, a) = (customer("b", &[], on), customer("a", &[], on));
        let mut a_again = customer("a", &[], on);
        a_again.account.city = "Lund \"Södra\"".into();
        let mut records = [
            place(&b, 3, Some(7)),
            place(&a, 1, None),
            place(&a_again, 2, Some(1)),
        ];
        // A map of the records' stored texts, the later of a repeated id standing.
        let mut map = Bucket::new();
        for (c, r) in [&b, &a, &a_again].into_iter().zip(&records) {
            map.insert(c.id.clone(), raw_record(r.revision, c, r.created));
        }
        let written = write_records(&mut records);
        assert_eq!(written, serde_json::to_string(&map).unwrap());
        assert!(written.contains(r#"Lund \"Södra\""#));
    }
}
