//! A bucket's text and back: the JSON object `{ "<id>": [<revision>, <record>] }`, packed by
//! [`codec`], and the whole desk laid out as buckets and audit chunks ([`layout`]). Loading,
//! saving and the migrations all read and write buckets through these.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::keys::{audit_chunk, KeyKind, RecordKey};
use super::Revisions;
use crate::domain::{Catalog, Desk};
use crate::store::codec;

pub(super) type Bucket = BTreeMap<String, Value>;

pub(super) fn read_bucket(raw: &str) -> Result<Bucket, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

pub(super) fn write_bucket(bucket: &impl Serialize) -> String {
    codec::encode(&serde_json::to_string(bucket).expect("JSON values serialize"))
}

/// A bucket as a save handles it: each record's JSON text as stored, so that an edit parses
/// and writes only the records it changes. Parsing a bucket's ~120 records into JSON values and
/// writing them back cost more than the rest of an edit together.
pub(super) type RawBucket = BTreeMap<String, Box<RawValue>>;

pub(super) fn read_raw_bucket(raw: &str) -> Result<RawBucket, String> {
    let json = codec::decode(raw)?;
    serde_json::from_str(&json).map_err(|e| e.to_string())
}

/// A record as stored: `[revision, record]`.
pub(super) fn raw_record(revision: u64, record: Value) -> Box<RawValue> {
    let json = Value::Array(vec![revision.into(), record]).to_string();
    RawValue::from_string(json).expect("a JSON value's text is JSON")
}

/// The revision of a stored record (0 if it has none).
pub(super) fn stored_revision(record: &RawValue) -> u64 {
    serde_json::from_str::<(u64, serde::de::IgnoredAny)>(record.get()).map_or(0, |(rev, _)| rev)
}

/// An audit chunk as stored. The chunk still being filled (`open`) is plain JSON: appending an
/// entry, which every edit does, then costs neither an inflate nor a deflate. A chunk is packed
/// once the next one starts. The open chunk takes at most ~1% of the quota in plain form.
pub(super) fn write_chunk(chunk: &impl Serialize, open: bool) -> String {
    if open {
        serde_json::to_string(chunk).expect("JSON values serialize")
    } else {
        write_bucket(chunk)
    }
}

pub(super) fn parse_record<T: DeserializeOwned>(value: Value) -> Result<(u64, T), String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

pub(super) fn write_catalog(catalog: &Catalog) -> String {
    codec::encode(&serde_json::to_string(&catalog.offers).expect("offers serialize"))
}

/// Every key and value of the desk in the current schema, each record at the next revision after
/// `revisions`.
pub(super) fn layout(desk: &Desk, revisions: &Revisions) -> BTreeMap<String, String> {
    let mut buckets: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut put = |record: RecordKey, value: Value| {
        let rev = revisions.get(&record).copied().unwrap_or(0) + 1;
        buckets.entry(record.bucket()).or_default().insert(
            record.id().to_owned(),
            Value::Array(vec![rev.into(), value]),
        );
    };
    put(RecordKey::Partner, to_value(&desk.partner));
    for c in &desk.customers {
        put(RecordKey::Customer(c.id.clone()), to_value(c));
    }
    for s in &desk.subscriptions {
        put(RecordKey::Subscription(s.id.clone()), to_value(s));
    }
    for a in &desk.audit {
        let value = Value::Array(vec![1.into(), to_value(a)]);
        buckets
            .entry(audit_chunk(a.seq))
            .or_default()
            .insert(format!("{:012}", a.seq), value);
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

pub(super) fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).expect("domain records serialize")
}
