//! A bucket's text and back: the JSON object `{ "<id>": [<revision>, <record>] }`, packed by
//! [`codec`], and the whole desk laid out as buckets and audit chunks ([`layout`]). Loading,
//! saving and the migrations all read and write buckets through these.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

use super::keys::{audit_chunk, KeyKind, RecordKey};
use super::Revisions;
use crate::domain::{Catalog, Desk};
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

/// A record as stored: `[revision, record]`.
pub(super) fn raw_record(revision: u64, record: &impl Serialize) -> Box<RawValue> {
    let json = serde_json::to_string(&(revision, record)).expect("domain records serialize");
    RawValue::from_string(json).expect("serde_json writes JSON")
}

/// The revision of a stored record (0 if it has none).
pub(super) fn stored_revision(record: &RawValue) -> u64 {
    serde_json::from_str::<(u64, serde::de::IgnoredAny)>(record.get()).map_or(0, |(rev, _)| rev)
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

/// A stored record `[revision, record]`. Every record is read from text (never from a JSON
/// value), so each record type has one deserializer in the module, not two.
pub(super) fn parse_record<T: DeserializeOwned>(record: &RawValue) -> Result<(u64, T), String> {
    serde_json::from_str(record.get()).map_err(|e| e.to_string())
}

pub(super) fn write_catalog(catalog: &Catalog) -> String {
    codec::encode(&catalog.to_json())
}

/// Every key and value of the desk in the current schema, each record at the next revision after
/// `revisions`.
pub(super) fn layout(desk: &Desk, revisions: &Revisions) -> BTreeMap<String, String> {
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut put = |record: RecordKey, value: Box<RawValue>| {
        buckets
            .entry(record.bucket())
            .or_default()
            .insert(record.id().to_owned(), value);
    };
    let next = |record: &RecordKey| revisions.get(record).copied().unwrap_or(0) + 1;
    let record = RecordKey::Partner;
    let rev = next(&record);
    put(record, raw_record(rev, &desk.partner));
    for c in &desk.customers {
        let record = RecordKey::Customer(c.id.clone());
        let rev = next(&record);
        put(record, raw_record(rev, c));
    }
    for s in &desk.subscriptions {
        let record = RecordKey::Subscription(s.id.clone());
        let rev = next(&record);
        put(record, raw_record(rev, s));
    }
    for a in &desk.audit {
        buckets
            .entry(audit_chunk(a.seq))
            .or_default()
            .insert(format!("{:012}", a.seq), raw_record(1, a));
    }
    let open_chunk = desk.audit.last().map(|a| audit_chunk(a.seq));
    buckets
        .into_iter()
        .map(|(k, b)| {
            let value = if KeyKind::of(&k) == KeyKind::AuditChunk {
                write_chunk(&b, Some(&k) == open_chunk.as_ref())
            } else {
                write_bucket(&b)
            };
            (k, value)
        })
        .collect()
}
