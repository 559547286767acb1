//! One CouchDB document per record of the desk (docs/DATA-FORMAT.md, "Team desk"):
//! `{"_id": <kind and id>, "_rev": …, "kind": …, "record": <the record as the export file
//! writes it>}`. The ids: `partner`, `catalog`, `customer:<id>`, `subscription:<id>`, and
//! `audit:<13-digit epoch ms>-<8 hex>` for an audit entry (made once, when the entry is
//! first sent; entries are append-only, so the id never changes).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::domain::{AuditEntry, Catalog, Customer, Entity, PartnerProfile, Subscription};

/// The partner profile's document id.
pub const PARTNER_ID: &str = "partner";
/// The stored catalog's document id.
pub const CATALOG_ID: &str = "catalog";
const CUSTOMER_PREFIX: &str = "customer:";
const SUBSCRIPTION_PREFIX: &str = "subscription:";
/// Every audit entry's document id starts with this.
pub const AUDIT_PREFIX: &str = "audit:";

/// A record of the desk as a document holds it.
// Unboxed on purpose: a record lives only while its document is read or written (at most a page
// of them at once), and the variants are the domain's own types, matched on by value.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Partner(PartnerProfile),
    Customer(Customer),
    Subscription(Subscription),
    Catalog(Catalog),
    Audit(AuditEntry),
}

/// The document id of the record an audit entry names.
pub fn record_id(entity: &Entity) -> String {
    match entity {
        Entity::Partner => PARTNER_ID.into(),
        Entity::Customer { id } => format!("{CUSTOMER_PREFIX}{id}"),
        Entity::Subscription { id } => format!("{SUBSCRIPTION_PREFIX}{id}"),
    }
}

/// An audit entry's document id from the moment it is first sent and 32 random bits: ids sort
/// in the order entries were sent, and two agents never make the same one.
pub fn audit_id(epoch_ms: u64, random: u32) -> String {
    format!("{AUDIT_PREFIX}{epoch_ms:013}-{random:08x}")
}

/// Whether `id` is an audit entry's document.
pub fn is_audit_id(id: &str) -> bool {
    id.starts_with(AUDIT_PREFIX)
}

impl Record {
    /// The `kind` field of its document.
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Partner(_) => "partner",
            Record::Customer(_) => "customer",
            Record::Subscription(_) => "subscription",
            Record::Catalog(_) => "catalog",
            Record::Audit(_) => "audit",
        }
    }

    /// The document's JSON text, with `_rev` when the server has a version of it (an update).
    pub fn to_document(&self, id: &str, rev: Option<&str>) -> String {
        let record = match self {
            Record::Partner(p) => serde_json::to_string(p),
            Record::Customer(c) => serde_json::to_string(c),
            Record::Subscription(s) => serde_json::to_string(s),
            Record::Catalog(c) => Ok(c.to_json()),
            Record::Audit(a) => serde_json::to_string(a),
        }
        .expect("a record serializes");
        format!(
            "{{{},\"kind\":\"{}\",\"record\":{record}}}",
            head(id, rev),
            self.kind()
        )
    }
}

/// An audit entry's document; `uploaded` marks a local desk's history sent on its first sync,
/// which keeps the roles that acted in it (the server lets only a Global admin send those).
pub fn audit_document(entry: &AuditEntry, id: &str, uploaded: bool) -> String {
    let document = Record::Audit(entry.clone()).to_document(id, None);
    match uploaded {
        // `{"_id":…,` + `"uploaded":true,` + `"kind":"audit",…`
        true => document.replacen(",\"kind\":", ",\"uploaded\":true,\"kind\":", 1),
        false => document,
    }
}

/// A deletion: the id, the revision deleted and `_deleted`.
pub fn deletion(id: &str, rev: Option<&str>) -> String {
    format!("{{{},\"_deleted\":true}}", head(id, rev))
}

fn head(id: &str, rev: Option<&str>) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
    match rev {
        Some(rev) => format!("\"_id\":{},\"_rev\":{}", quoted(id), quoted(rev)),
        None => format!("\"_id\":{}", quoted(id)),
    }
}

/// A document as the server sent it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerDocument {
    pub id: String,
    pub rev: String,
    /// `None`: the document was deleted.
    pub record: Option<Record>,
}

/// Why a document from the server could not be read as a record of the desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentProblem {
    /// Not a document (no `_id` or `_rev`), or not JSON.
    NotADocument(String),
    /// A `kind` this app does not know, or an id that is not the kind's.
    UnknownKind { id: String },
    /// The record does not have the kind's shape.
    BadRecord { id: String, message: String },
}

#[derive(Deserialize)]
struct RawDocument<'a> {
    #[serde(rename = "_id")]
    id: String,
    #[serde(rename = "_rev")]
    rev: String,
    #[serde(rename = "_deleted", default)]
    deleted: bool,
    #[serde(default)]
    kind: Option<String>,
    #[serde(borrow, default)]
    record: Option<&'a RawValue>,
}

/// Reads one document. Design documents and documents of another app are refused as
/// [`DocumentProblem::UnknownKind`], so the caller can skip them.
pub fn read_document(json: &str) -> Result<ServerDocument, DocumentProblem> {
    let raw: RawDocument =
        serde_json::from_str(json).map_err(|e| DocumentProblem::NotADocument(e.to_string()))?;
    if raw.deleted {
        return Ok(ServerDocument {
            id: raw.id,
            rev: raw.rev,
            record: None,
        });
    }
    let unknown = || DocumentProblem::UnknownKind { id: raw.id.clone() };
    let (Some(kind), Some(text)) = (raw.kind.as_deref(), raw.record) else {
        return Err(unknown());
    };
    let bad = |e: String| DocumentProblem::BadRecord {
        id: raw.id.clone(),
        message: e,
    };
    let text = text.get();
    let record = match kind {
        "partner" => Record::Partner(serde_json::from_str(text).map_err(|e| bad(e.to_string()))?),
        "customer" => Record::Customer(serde_json::from_str(text).map_err(|e| bad(e.to_string()))?),
        "subscription" => {
            Record::Subscription(serde_json::from_str(text).map_err(|e| bad(e.to_string()))?)
        }
        "catalog" => Record::Catalog(Catalog::load(text).map_err(|p| bad(format!("{p:?}")))?),
        "audit" => Record::Audit(serde_json::from_str(text).map_err(|e| bad(e.to_string()))?),
        _ => return Err(unknown()),
    };
    let id_fits = match &record {
        Record::Partner(_) => raw.id == PARTNER_ID,
        Record::Catalog(_) => raw.id == CATALOG_ID,
        Record::Customer(c) => raw.id.strip_prefix(CUSTOMER_PREFIX) == Some(&c.id),
        Record::Subscription(s) => raw.id.strip_prefix(SUBSCRIPTION_PREFIX) == Some(&s.id),
        Record::Audit(_) => is_audit_id(&raw.id),
    };
    if !id_fits {
        return Err(unknown());
    }
    Ok(ServerDocument {
        id: raw.id,
        rev: raw.rev,
        record: Some(record),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{day, desk_with_customer, new_customer};

    fn desk() -> crate::domain::Desk {
        desk_with_customer(new_customer("c1", "contoso"), day(2026, 3, 2))
    }

    #[test]
    fn a_customer_document_reads_back_as_the_customer() {
        let desk = desk();
        let customer = Record::Customer(desk.customers[0].clone());
        let json = customer.to_document("customer:c1", Some("1-abc"));
        assert!(json.starts_with(r#"{"_id":"customer:c1","_rev":"1-abc","kind":"customer""#));
        let read = read_document(&json).unwrap();
        assert_eq!(read.id, "customer:c1");
        assert_eq!(read.rev, "1-abc");
        assert_eq!(read.record, Some(customer));
    }

    #[test]
    fn a_document_whose_id_is_not_its_records_is_refused() {
        let desk = desk();
        let json = Record::Customer(desk.customers[0].clone()).to_document("customer:c2", None);
        let json = json.replacen("\"_id\"", "\"_rev\":\"1-a\",\"_id\"", 1);
        assert_eq!(
            read_document(&json),
            Err(DocumentProblem::UnknownKind {
                id: "customer:c2".into()
            })
        );
    }

    #[test]
    fn a_design_document_is_not_a_record() {
        let json =
            r#"{"_id":"_design/segment-desk","_rev":"1-a","validate_doc_update":"function(){}"}"#;
        assert!(matches!(
            read_document(json),
            Err(DocumentProblem::UnknownKind { .. })
        ));
    }

    #[test]
    fn a_deletion_reads_as_no_record() {
        let read = read_document(&deletion("subscription:s1", Some("2-b"))).unwrap();
        assert_eq!(read.record, None);
        assert_eq!(read.rev, "2-b");
    }

    #[test]
    fn a_record_of_the_wrong_shape_says_which_document() {
        let json = r#"{"_id":"customer:c1","_rev":"1-a","kind":"customer","record":{"id":"c1"}}"#;
        assert!(matches!(
            read_document(json),
            Err(DocumentProblem::BadRecord { id, .. }) if id == "customer:c1"
        ));
    }

    #[test]
    fn audit_ids_sort_in_the_order_they_were_made() {
        assert!(audit_id(999, u32::MAX) < audit_id(1_000, 0));
        assert_eq!(
            audit_id(1_733_540_000_000, 0xab),
            "audit:1733540000000-000000ab"
        );
    }
}
