//! The team desk: the local desk kept in step with a CouchDB database that several agents
//! share (docs/ARCHITECTURE.md, "Team desk"). `documents` maps records to documents,
//! `replica` holds the sync rules; the HTTP calls are the UI's (`ui::team_desk`). The local
//! desk stays where it is: synced or not, the app reads and writes `localStorage` as always.

mod documents;
mod replica;

pub use documents::{
    audit_id, deletion, is_audit_id, read_document, record_id, DocumentProblem, Record,
    ServerDocument, AUDIT_PREFIX, CATALOG_ID, PARTNER_ID,
};
pub use replica::{BadResponse, Pulled, Replica, Sent, BATCH};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{codec, KeyValueStore, StoreError};
use crate::domain::Role;

/// The CouchDB role name that carries an app role (the setup script creates these).
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::GlobalAdmin => "global-admin",
        Role::AdminAgent => "admin-agent",
        Role::SalesAgent => "sales-agent",
    }
}

/// The role a CouchDB user acts as: the strongest of the app roles among their roles; `None`
/// when they have none (not a member of the team desk).
pub fn acting_role(roles: &[String]) -> Option<Role> {
    Role::ALL
        .into_iter()
        .find(|role| roles.iter().any(|r| r == role_name(*role)))
}

/// The user a `_session` answer names, with their roles; `None` when nobody is signed in.
pub fn session_user(body: &str) -> Option<(String, Vec<String>)> {
    #[derive(Deserialize)]
    struct Session {
        #[serde(rename = "userCtx")]
        user: UserCtx,
    }
    #[derive(Deserialize)]
    struct UserCtx {
        name: Option<String>,
        #[serde(default)]
        roles: Vec<String>,
    }
    // `POST /_session` answers `{ok, name, roles}`; `GET /_session` wraps them in `userCtx`.
    let signed_in: Option<UserCtx> = serde_json::from_str::<Session>(body)
        .map(|s| s.user)
        .or_else(|_| serde_json::from_str(body))
        .ok();
    let user = signed_in?;
    Some((user.name?, user.roles))
}

/// How many rows a page of `_changes` has (an empty page changes nothing, so the desk is not
/// even copied for it).
pub fn changes_in(page: &str) -> usize {
    #[derive(Deserialize)]
    struct Page<'a> {
        #[serde(borrow)]
        results: Vec<&'a RawValue>,
    }
    serde_json::from_str::<Page>(page).map_or(0, |p| p.results.len())
}

/// The request body of `POST /{db}/_all_docs?include_docs=true` for these ids.
pub fn all_docs_request(ids: &[String]) -> String {
    let keys = serde_json::to_string(ids).expect("strings serialize");
    format!("{{\"keys\":{keys}}}")
}

/// Reads the answer of [`all_docs_request`]: the documents the server has (a deleted one as a
/// deletion), and the ids it never had.
pub fn read_all_docs(body: &str) -> Result<(Vec<ServerDocument>, Vec<String>), BadResponse> {
    #[derive(Deserialize)]
    struct Rows<'a> {
        #[serde(borrow)]
        rows: Vec<Row<'a>>,
    }
    #[derive(Deserialize)]
    struct Row<'a> {
        key: String,
        #[serde(default)]
        value: Option<RowValue>,
        #[serde(borrow, default)]
        doc: Option<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct RowValue {
        rev: String,
        #[serde(default)]
        deleted: bool,
    }
    let rows: Rows = serde_json::from_str(body).map_err(|e| BadResponse(e.to_string()))?;
    let (mut docs, mut missing) = (Vec::new(), Vec::new());
    for row in rows.rows {
        match (row.value, row.doc.filter(|d| d.get() != "null")) {
            (Some(value), _) if value.deleted => docs.push(ServerDocument {
                id: row.key,
                rev: value.rev,
                record: None,
            }),
            (Some(_), Some(doc)) => {
                docs.push(read_document(doc.get()).map_err(|p| BadResponse(format!("{p:?}")))?)
            }
            _ => missing.push(row.key),
        }
    }
    Ok((docs, missing))
}

/// Where the replica's bookkeeping is kept: beside the desk, not part of it (an export, an
/// import or a reset of the desk leaves it; signing out removes it).
pub const REPLICA_KEY: &str = "segment-desk/team";

/// The replica this browser keeps, if it is on a team desk. Unreadable bookkeeping reads as
/// none: the next sign-in starts again from the server.
pub fn load(kv: &dyn KeyValueStore) -> Option<Replica> {
    let stored = kv.get(REPLICA_KEY)?;
    serde_json::from_str(&codec::decode(&stored).ok()?).ok()
}

/// Keeps the replica's bookkeeping (packed: its revision list grows with the desk).
pub fn save(kv: &dyn KeyValueStore, replica: &Replica) -> Result<(), StoreError> {
    let json = serde_json::to_string(replica).expect("a replica serializes");
    kv.set(REPLICA_KEY, &codec::encode(&json))
}

/// Forgets the server (signed out: the desk is a local desk again).
pub fn forget(kv: &dyn KeyValueStore) {
    kv.remove(REPLICA_KEY);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn the_replica_is_kept_and_read_back() {
        let kv = MemoryStore::new();
        assert_eq!(load(&kv), None);
        let mut replica = Replica::new("/couchdb/desk", 3);
        replica.revs.insert("customer:c1".into(), "2-abc".into());
        replica.dirty.insert("customer:c1".into());
        save(&kv, &replica).unwrap();
        assert_eq!(load(&kv), Some(replica));
        forget(&kv);
        assert_eq!(load(&kv), None);
    }

    #[test]
    fn the_acting_role_is_the_strongest_app_role_the_user_has() {
        let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            acting_role(&roles(&["sales-agent"])),
            Some(Role::SalesAgent)
        );
        assert_eq!(
            acting_role(&roles(&["sales-agent", "global-admin"])),
            Some(Role::GlobalAdmin)
        );
        assert_eq!(acting_role(&roles(&["_admin", "reader"])), None);
    }

    #[test]
    fn a_session_answer_names_the_user_or_nobody() {
        let get = r#"{"ok":true,"userCtx":{"name":"bo","roles":["sales-agent"]},"info":{}}"#;
        assert_eq!(
            session_user(get),
            Some(("bo".into(), vec!["sales-agent".into()]))
        );
        let post = r#"{"ok":true,"name":"ada","roles":["global-admin"]}"#;
        assert_eq!(
            session_user(post),
            Some(("ada".into(), vec!["global-admin".into()]))
        );
        let nobody = r#"{"ok":true,"userCtx":{"name":null,"roles":[]},"info":{}}"#;
        assert_eq!(session_user(nobody), None);
    }

    #[test]
    fn all_docs_gives_the_documents_and_the_ids_the_server_never_had() {
        // https://docs.couchdb.org/en/stable/api/database/bulk-api.html#post--db-_all_docs
        let body = r#"{"total_rows":2,"rows":[
            {"id":"partner","key":"partner","value":{"rev":"3-a"},"doc":{"_id":"partner","_rev":"3-a","kind":"partner","record":{"partner_type":"DirectBill","country":"SE","reseller_qualifications":[],"gcc_validation_codes":[]}}},
            {"id":"customer:c9","key":"customer:c9","value":{"rev":"2-b","deleted":true},"doc":null},
            {"key":"customer:c1","error":"not_found"}]}"#;
        let (docs, missing) = read_all_docs(body).unwrap();
        assert_eq!(docs.len(), 2);
        assert!(matches!(&docs[0].record, Some(Record::Partner(p)) if p.country == "SE"));
        assert_eq!(
            (docs[1].id.as_str(), docs[1].record.is_none()),
            ("customer:c9", true)
        );
        assert_eq!(missing, vec!["customer:c1".to_string()]);
    }

    #[test]
    fn unreadable_bookkeeping_reads_as_no_replica() {
        let kv = MemoryStore::new();
        kv.set(REPLICA_KEY, "{not json").unwrap();
        assert_eq!(load(&kv), None);
    }
}
