//! Properties of storage and of export/import over generated desks and arbitrary input:
//! export → import gives the same desk; a desk saved loads back equal; every record reads back
//! from its team-desk document, and a desk uploaded to a team desk arrives whole in a fresh
//! browser; the import parser and the stored-value decoder never panic, whatever the bytes. Bounded case counts: runs in seconds.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;

use serde_json::value::RawValue;

use segment_desk::domain::{AuditEntry, Catalog, Desk, Entity};
use segment_desk::store::desk::{self, Revisions};
use segment_desk::store::exchange::{export, parse, preview};
use segment_desk::store::sample::sample_desk;
use segment_desk::store::team::{audit_id, read_document, record_id, Record, Replica, PARTNER_ID};
use segment_desk::store::{decode_stored, encode_stored, MemoryStore};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_desk(seed in any::<u64>(), customers in 0usize..25, subs in 0usize..4) {
        let desk = sample_desk(seed, customers, subs);
        let file = export(&desk, today());
        let p = preview(file.as_bytes(), &Desk::default()).expect("an export reads");
        prop_assert!(p.can_import(), "{:?}", p.rejected);
        prop_assert_eq!(&p.desk, &desk);
        // Importing over itself changes nothing.
        let again = preview(file.as_bytes(), &desk).unwrap();
        prop_assert!(again.added.is_empty() && again.changed.is_empty() && again.removed.is_empty());
    }

    #[test]
    fn a_desk_stored_loads_back_equal(seed in any::<u64>(), customers in 0usize..25, subs in 0usize..4) {
        let desk = sample_desk(seed, customers, subs);
        let kv = MemoryStore::new();
        desk::replace(&kv, &desk, None, &Default::default(), &mut Revisions::default()).unwrap();
        let loaded = desk::load(&kv);
        prop_assert!(loaded.problems.is_empty());
        prop_assert_eq!(loaded.desk, desk);
    }
}

/// Every record of a desk with its document id, as the team desk stores them: the partner,
/// each customer, subscription and audit entry (ids made from `ms` and `random`).
fn team_records(desk: &Desk, ms: u64, random: u32) -> Vec<(String, Record)> {
    let mut records = vec![(
        PARTNER_ID.to_string(),
        Record::Partner(desk.partner.clone()),
    )];
    records.extend(desk.customers.iter().map(|c| {
        let id = record_id(&Entity::Customer { id: c.id.clone() });
        (id, Record::Customer(c.clone()))
    }));
    records.extend(desk.subscriptions.iter().map(|s| {
        let id = record_id(&Entity::Subscription { id: s.id.clone() });
        (id, Record::Subscription(s.clone()))
    }));
    records.extend(desk.audit.iter().map(|a| {
        let id = audit_id(ms + a.seq, random.wrapping_add(a.seq as u32));
        (id, Record::Audit(a.clone()))
    }));
    records
}

#[derive(serde::Deserialize)]
struct BulkBody<'a> {
    #[serde(borrow)]
    docs: Vec<&'a RawValue>,
}

#[derive(serde::Deserialize)]
struct DocId {
    #[serde(rename = "_id")]
    id: String,
}

/// A CouchDB that accepts every create: each document of a `_bulk_docs` body is kept, byte for
/// byte, with the `_rev` the server gives it; the answer is the documented `201` body.
fn save_all(server: &mut Vec<(String, String, String)>, body: &str) -> String {
    let body: BulkBody = serde_json::from_str(body).expect("a _bulk_docs body");
    let mut answer = Vec::new();
    for doc in body.docs {
        let id = serde_json::from_str::<DocId>(doc.get())
            .expect("a document")
            .id;
        let rev = format!("1-{:032x}", server.len() + 1);
        assert!(
            !doc.get().contains("\"_rev\""),
            "an upload only creates: {id}"
        );
        let stored = doc
            .get()
            .replacen('{', &format!("{{\"_rev\":\"{rev}\","), 1);
        answer.push(serde_json::json!({"ok": true, "id": id, "rev": rev}));
        server.push((id, rev, stored));
    }
    serde_json::to_string(&answer).unwrap()
}

/// The server's documents as one page of `_changes?include_docs=true` (CouchDB 3's shape).
fn changes_page(server: &[(String, String, String)]) -> (String, String) {
    let seq = |n: usize| format!("{n}-g1AAAAIreJyVkEsKwjAURZ-toI5cgq5A0sQ0OrI70XyppcaRY92J7kR3");
    let rows: Vec<String> = server
        .iter()
        .enumerate()
        .map(|(i, (id, rev, doc))| {
            format!(
                "{{\"seq\":{},\"id\":{},\"changes\":[{{\"rev\":\"{rev}\"}}],\"doc\":{doc}}}",
                serde_json::to_string(&seq(i + 1)).unwrap(),
                serde_json::to_string(id).unwrap(),
            )
        })
        .collect();
    let last = seq(server.len());
    let page = format!(
        "{{\"results\":[{}],\"last_seq\":\"{last}\",\"pending\":0}}",
        rows.join(",")
    );
    (page, last)
}

/// An audit entry but for its place in the log.
fn unplaced(entry: &AuditEntry) -> AuditEntry {
    AuditEntry {
        seq: 0,
        ..entry.clone()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_record_of_a_desk_reads_back_from_its_team_document(
        seed in any::<u64>(),
        customers in 0usize..25,
        subs in 0usize..4,
        rev in "[1-9][0-9]{0,3}-[0-9a-f]{32}",
        ms in 0u64..9_000_000_000_000,
        random in any::<u32>(),
    ) {
        let desk = sample_desk(seed, customers, subs);
        let records = team_records(&desk, ms, random);
        prop_assert_eq!(records.len(), 1 + desk.customers.len() + desk.subscriptions.len() + desk.audit.len());
        for (id, record) in records {
            let json = record.to_document(&id, Some(&rev));
            let doc = read_document(&json);
            prop_assert!(doc.is_ok(), "{}: {:?}", id, doc);
            let doc = doc.unwrap();
            prop_assert_eq!(&doc.id, &id);
            prop_assert_eq!(&doc.rev, &rev);
            prop_assert_eq!(doc.record, Some(record));
        }
    }

    #[test]
    fn a_desk_uploaded_to_a_team_desk_arrives_whole_in_a_fresh_browser(
        seed in any::<u64>(),
        customers in 0usize..25,
        subs in 0usize..4,
        with_catalog in any::<bool>(),
    ) {
        let desk = sample_desk(seed, customers, subs);
        let catalog = with_catalog.then(Catalog::sample);
        let mut n = 0u32;
        let mut replica = Replica::upload("/couchdb/desk", &desk, with_catalog, || {
            n += 1;
            audit_id(1_767_225_600_000 + u64::from(n), n)
        });
        prop_assert_eq!(
            replica.waiting(),
            (1 + usize::from(with_catalog) + desk.customers.len() + desk.subscriptions.len()).max(desk.audit.len())
        );

        // Every batch the replica builds, records first, then the audit entries.
        let mut server = Vec::new();
        let mut batches = 0;
        while let Some(body) = replica
            .records_to_send(&desk, catalog.as_ref())
            .or_else(|| replica.audit_to_send(&desk))
        {
            batches += 1;
            prop_assert!(batches <= 4, "the upload does not end");
            let sent = replica.settle(&save_all(&mut server, &body)).unwrap();
            prop_assert!(sent.conflicts.is_empty() && sent.refused.is_empty());
        }
        prop_assert_eq!(replica.waiting(), 0);
        let audit_from = server.iter().position(|(id, _, _)| id.starts_with("audit:")).unwrap_or(server.len());
        prop_assert!(server[audit_from..].iter().all(|(id, _, _)| id.starts_with("audit:")), "records go first");
        let (page, last_seq) = changes_page(&server);

        // A browser signing in with nothing: the whole desk comes down.
        let mut pulled_desk = Desk::default();
        let mut pulled_catalog = None;
        let mut fresh = Replica::new("/couchdb/desk", 0);
        let pulled = fresh.apply_changes(&mut pulled_desk, &mut pulled_catalog, &page).unwrap();
        prop_assert!(pulled.problems.is_empty(), "{:?}", pulled.problems);
        prop_assert!(pulled.conflicts.is_empty() && !pulled.more);
        prop_assert_eq!(&pulled_desk.partner, &desk.partner);
        prop_assert_eq!(&pulled_desk.customers, &desk.customers);
        prop_assert_eq!(&pulled_desk.subscriptions, &desk.subscriptions);
        prop_assert_eq!(
            pulled_desk.audit.iter().map(unplaced).collect::<Vec<_>>(),
            desk.audit.iter().map(unplaced).collect::<Vec<_>>()
        );
        prop_assert!(pulled_desk.audit.iter().enumerate().all(|(i, a)| a.seq == i as u64 + 1));
        prop_assert_eq!(&pulled_catalog, &catalog);
        prop_assert_eq!(&fresh.since, &last_seq);
        // Nothing of it is the fresh browser's to send.
        fresh.collect(&pulled_desk, || unreachable!("no entry is new here"));
        prop_assert_eq!(fresh.waiting(), 0);

        // A browser that has the desk but none of its revisions (its bookkeeping was lost)
        // takes the records again in place: no record twice, none moved.
        let records_only = changes_page(
            &server.iter().filter(|(id, _, _)| !id.starts_with("audit:")).cloned().collect::<Vec<_>>(),
        ).0;
        let mut again = desk.clone();
        let mut again_catalog = catalog.clone();
        let mut forgetful = Replica::new("/couchdb/desk", desk.audit.len() as u64);
        let pulled = forgetful.apply_changes(&mut again, &mut again_catalog, &records_only).unwrap();
        prop_assert!(pulled.conflicts.is_empty() && pulled.problems.is_empty());
        prop_assert_eq!(&again, &desk);
        prop_assert_eq!(&again_catalog, &catalog);

        // The uploading browser sees its own upload come back: nothing changes.
        let mut echoed = desk.clone();
        let mut echoed_catalog = catalog.clone();
        let pulled = replica.apply_changes(&mut echoed, &mut echoed_catalog, &page).unwrap();
        prop_assert!(!pulled.desk_changed && !pulled.catalog_changed && pulled.conflicts.is_empty());
        prop_assert_eq!(&echoed, &desk);
        prop_assert_eq!(echoed_catalog, catalog);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_import_parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn the_import_parser_never_panics_on_a_damaged_export(cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = export(&sample_desk(5, 3, 2), today()).into_bytes();
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = parse(&bytes);
    }

    #[test]
    fn the_stored_value_decoder_never_panics(s in "\\PC{0,200}", packed in proptest::collection::vec(0x1000u32..0x9000, 0..200), len in 0usize..500) {
        let _ = decode_stored(&s);
        let forged: String = format!("Z{len}:") + &packed.iter().filter_map(|&c| char::from_u32(c)).collect::<String>();
        let _ = decode_stored(&forged);
    }

    #[test]
    fn stored_values_round_trip(s in "\\PC{0,400}") {
        prop_assert_eq!(decode_stored(&encode_stored(&s)).unwrap(), s);
    }
}
