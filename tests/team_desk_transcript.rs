//! The team desk's sync rules (`store::team::Replica`) against a transcript of what an Apache
//! CouchDB 3 server answers: the `_bulk_docs` and `_changes` bodies in tests/fixtures/couchdb/
//! are the documented envelopes (see the README there), with the records of this app in them.
//! A round is the UI's: `collect` → `records_to_send` → `settle` → `audit_to_send` → `settle`
//! → `apply_changes`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use segment_desk::domain::{AccountInfo, Catalog, Change, Desk, Entity, Role};
use segment_desk::store::team::{audit_id, read_document, BadResponse, Replica, Sent, PARTNER_ID};
use segment_desk::test_support::{
    account, ctx, day, desk_with_customer, line, new_customer, order,
};

const DB: &str = "/couchdb/desk";
/// The revisions the server gave the desk's records at the last sync.
const REV_PARTNER: &str = "1-9b71d36dfdd9b4815388eb91cc8fb61d";
const REV_C1: &str = "1-5bbc9ca465f1b0fcd62362168a7c8831";
const REV_S1: &str = "1-729eb57437745e506b333068fff665ae";
/// The checkpoint of the last sync.
const SINCE: &str =
    "5-g1AAAAIReJyVkE0OgjAQRkcwUVceQU9g-mOpruQm2tI2SLCuXOtN9CZ6E70JFmpCCCFCmkyTdt6b";

/// The ids `collect` gives the entries of a test, in order: `audit:1767225600001-5eed0001`, …
fn new_ids() -> impl FnMut() -> String {
    let mut n = 0u32;
    move || {
        n += 1;
        audit_id(1_767_225_600_000 + u64::from(n), 0x5eed_0000 + n)
    }
}

fn id(n: u32) -> String {
    audit_id(1_767_225_600_000 + u64::from(n), 0x5eed_0000 + n)
}

// --- the transcript ----------------------------------------------------------------------

/// A fixture of tests/fixtures/couchdb/ with each `"{{name}}"` placeholder replaced by a
/// record's JSON. Every placeholder must be filled, every filling used, and the result JSON.
fn transcript(name: &str, records: &[(&str, String)]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/couchdb")
        .join(name);
    let mut text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (key, json) in records {
        let slot = format!("\"{{{{{key}}}}}\"");
        assert!(text.contains(&slot), "{name} has no {slot}");
        text = text.replace(&slot, json);
    }
    assert!(!text.contains("{{"), "{name}: a placeholder is not filled");
    serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    text
}

/// A fixture with no records in it.
fn answer(name: &str) -> String {
    transcript(name, &[])
}

fn json<T: serde::Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap()
}

/// The documents of a `_bulk_docs` body.
fn docs(body: &str) -> Vec<Value> {
    let body: Value = serde_json::from_str(body).expect("a _bulk_docs body is JSON");
    body["docs"].as_array().expect("a docs array").clone()
}

fn doc_ids(body: &str) -> Vec<String> {
    docs(body)
        .iter()
        .map(|d| d["_id"].as_str().unwrap().to_string())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

// --- the desk ----------------------------------------------------------------------------

fn today() -> chrono::NaiveDate {
    day(2026, 1, 5)
}

/// A desk in step with the server: the GCC partner, customer `c1` with subscription `s1`, all
/// four audit entries on the server, and the replica that knows their revisions.
fn synced() -> (Desk, Replica) {
    let mut desk = desk_with_customer(new_customer("c1", "contoso"), today());
    order(&mut desk, "c1", vec![line("m365-e3", 10)], &["s1"], today()).unwrap();
    assert_eq!(desk.audit.len(), 4, "the starting desk's log");
    let mut replica = Replica::new(DB, desk.audit.len() as u64);
    replica.since = SINCE.into();
    replica.revs = BTreeMap::from([
        (PARTNER_ID.to_string(), REV_PARTNER.to_string()),
        ("customer:c1".to_string(), REV_C1.to_string()),
        ("subscription:s1".to_string(), REV_S1.to_string()),
    ]);
    (desk, replica)
}

fn admin() -> segment_desk::domain::OperationContext {
    ctx(Role::GlobalAdmin, today())
}

fn moved(city: &str) -> AccountInfo {
    AccountInfo {
        city: city.into(),
        ..account()
    }
}

/// The local change of the first tests: c1's account corrected (entry 5, an update of a
/// record the server has), customer c2 created (entry 6, a create).
fn local_change(desk: &mut Desk) {
    desk.correct_account(admin(), "c1", moved("Bellevue"))
        .unwrap();
    desk.create_customer(
        ctx(Role::SalesAgent, today()),
        new_customer("c2", "fabrikam"),
    )
    .unwrap();
}

/// A colleague's desk, from the same synced state: customer c3 created (a sales agent), and
/// c1's account corrected to another city (a Global admin).
fn colleague() -> Desk {
    let (mut theirs, _) = synced();
    theirs
        .create_customer(
            ctx(Role::SalesAgent, today()),
            new_customer("c3", "northwind"),
        )
        .unwrap();
    theirs
        .correct_account(admin(), "c1", moved("Kirkland"))
        .unwrap();
    theirs
}

/// `changes.colleague.json` filled with the colleague's records.
fn colleague_page(theirs: &Desk) -> String {
    let c3_created = theirs
        .audit
        .iter()
        .find(|a| matches!(&a.entity, Entity::Customer { id } if id == "c3"))
        .unwrap();
    transcript(
        "changes.colleague.json",
        &[
            ("customer:c3", json(theirs.customer("c3").unwrap())),
            ("audit:c3", json(c3_created)),
            ("customer:c1", json(theirs.customer("c1").unwrap())),
        ],
    )
}

fn apply(replica: &mut Replica, desk: &mut Desk, page: &str) -> segment_desk::store::team::Pulled {
    let mut catalog: Option<Catalog> = None;
    let pulled = replica.apply_changes(desk, &mut catalog, page).unwrap();
    assert_eq!(catalog, None, "no catalog in these pages");
    pulled
}

fn seqs(desk: &Desk) -> Vec<u64> {
    desk.audit.iter().map(|a| a.seq).collect()
}

fn positions(n: usize) -> Vec<u64> {
    (1..=n as u64).collect()
}

// --- a local change ----------------------------------------------------------------------

#[test]
fn a_local_change_is_sent_record_first_then_its_audit_entries() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());

    assert_eq!(replica.dirty, set(&["customer:c1", "customer:c2"]));
    assert_eq!(replica.unsent_audit, vec![(5, id(1)), (6, id(2))]);
    assert_eq!(replica.collected_through, 6);
    // Two changes: each a record and its entry.
    assert_eq!(replica.waiting(), 2);
    // Collecting again takes nothing twice.
    replica.collect(&desk, new_ids());
    assert_eq!(replica.waiting(), 2);
    assert_eq!(replica.audit_to_send(&desk), None, "records go first");

    let body = replica
        .records_to_send(&desk, None)
        .expect("two dirty records");
    let sent = docs(&body);
    assert_eq!(sent.len(), 2);
    // The update carries the revision its local version is based on, the create none.
    assert_eq!(sent[0]["_id"], "customer:c1");
    assert_eq!(sent[0]["_rev"], REV_C1);
    assert_eq!(sent[0]["kind"], "customer");
    assert_eq!(
        sent[0]["record"],
        serde_json::to_value(desk.customer("c1").unwrap()).unwrap()
    );
    assert_eq!(sent[1]["_id"], "customer:c2");
    assert!(
        sent[1].get("_rev").is_none(),
        "a create has no _rev: {}",
        sent[1]
    );
    assert_eq!(sent[1]["record"]["id"], "c2");

    let answer1 = answer("bulk_docs.saved.json");
    assert_eq!(
        replica.settle(&answer1),
        Ok(Sent {
            saved: 2,
            ..Sent::default()
        })
    );
    assert!(replica.dirty.is_empty());
    assert_eq!(
        replica.revs["customer:c1"],
        "2-7051cbe5c8faecd085a3fa619e6e6337"
    );
    assert_eq!(
        replica.revs["customer:c2"],
        "1-967a00dff5e02add41819138abb3284d"
    );
    assert_eq!(replica.waiting(), 2);
    assert_eq!(replica.records_to_send(&desk, None), None);

    let body = replica
        .audit_to_send(&desk)
        .expect("the records were accepted");
    let sent = docs(&body);
    assert_eq!(doc_ids(&body), vec![id(1), id(2)]);
    for (doc, seq) in sent.iter().zip([5, 6]) {
        assert!(doc.get("_rev").is_none(), "an entry is only ever created");
        assert_eq!(doc["kind"], "audit");
        assert_eq!(
            doc["record"],
            serde_json::to_value(&desk.audit[seq - 1]).unwrap()
        );
    }

    let sent = replica
        .settle(&answer("bulk_docs.audit_saved.json"))
        .unwrap();
    assert_eq!(sent.saved, 2);
    assert_eq!(replica.waiting(), 0);
    assert_eq!(replica.audit_to_send(&desk), None);
    assert_eq!(replica.records_to_send(&desk, None), None);
}

#[test]
fn our_own_round_coming_back_on_the_feed_changes_nothing() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    replica.settle(&answer("bulk_docs.saved.json")).unwrap();
    replica
        .settle(&answer("bulk_docs.audit_saved.json"))
        .unwrap();

    let echo = transcript(
        "changes.echo.json",
        &[
            ("customer:c1", json(desk.customer("c1").unwrap())),
            ("customer:c2", json(desk.customer("c2").unwrap())),
            ("audit:5", json(&desk.audit[4])),
            ("audit:6", json(&desk.audit[5])),
        ],
    );
    let before = desk.clone();
    let pulled = apply(&mut replica, &mut desk, &echo);
    assert_eq!(desk, before, "our own entries are not appended again");
    assert!(!pulled.desk_changed && !pulled.catalog_changed);
    assert!(pulled.conflicts.is_empty() && pulled.problems.is_empty() && !pulled.more);
    assert!(replica.since.starts_with("9-g1AAAA"), "{}", replica.since);
    assert_eq!(replica.waiting(), 0);
    assert!(replica.conflicts.is_empty());

    // The same page again (CouchDB may replay changes after a shard moves): still nothing.
    let replica_before = replica.clone();
    apply(&mut replica, &mut desk, &echo);
    assert_eq!(desk, before);
    assert_eq!(replica, replica_before);
}

// --- a 409 on a record, a 403 -------------------------------------------------------------

/// A round where the server saves the create of c2, finds c1 changed by someone else (409)
/// and refuses the partner change (403). Local log: 5 partner country, 6 c1 corrected,
/// 7 c2 created.
fn mixed_round() -> (Desk, Replica, Sent) {
    let (mut desk, mut replica) = synced();
    desk.set_partner_country(admin(), "SE").unwrap();
    desk.correct_account(admin(), "c1", moved("Bellevue"))
        .unwrap();
    desk.create_customer(
        ctx(Role::SalesAgent, today()),
        new_customer("c2", "fabrikam"),
    )
    .unwrap();
    replica.collect(&desk, new_ids());
    assert_eq!(
        replica.unsent_audit,
        vec![(5, id(1)), (6, id(2)), (7, id(3))]
    );
    let body = replica.records_to_send(&desk, None).unwrap();
    assert_eq!(doc_ids(&body), ["partner", "customer:c1", "customer:c2"]);
    assert_eq!(docs(&body)[0]["_rev"], REV_PARTNER);
    let sent = replica
        .settle(&answer("bulk_docs.conflict_and_forbidden.json"))
        .unwrap();
    (desk, replica, sent)
}

const FORBIDDEN: &str =
    "Only a Global admin may change the partner profile; others may only use up GCC validation codes.";

#[test]
fn a_409_on_a_record_is_a_conflict_that_is_not_sent_again_until_settled() {
    let (desk, mut replica, sent) = mixed_round();
    assert_eq!(sent.saved, 1);
    assert_eq!(sent.conflicts, ["customer:c1"]);
    assert!(replica.conflicts.contains_key("customer:c1"));
    assert!(replica.dirty.contains("customer:c1"), "still ours to send");
    assert_eq!(
        replica.revs["customer:c1"], REV_C1,
        "the server's version is not ours"
    );
    // Not retried over the server's version.
    assert_eq!(replica.records_to_send(&desk, None), None);

    // Only the entry of the accepted record goes: not c1's (conflict), not the partner's
    // (refused).
    let body = replica.audit_to_send(&desk).unwrap();
    assert_eq!(doc_ids(&body), [id(3)]);
    replica
        .settle(&answer("bulk_docs.audit_one_saved.json"))
        .unwrap();
    assert_eq!(replica.unsent_audit, vec![(5, id(1)), (6, id(2))]);
    assert_eq!(replica.audit_to_send(&desk), None);

    // Keep mine: sent again as an update of the server's revision.
    replica.keep_mine("customer:c1", "2-3f5c1e7b9d2a4f6e8c0b1a3d5e7f9b2c");
    assert!(replica.conflicts.is_empty());
    let body = replica.records_to_send(&desk, None).unwrap();
    let again = docs(&body);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["_id"], "customer:c1");
    assert_eq!(again[0]["_rev"], "2-3f5c1e7b9d2a4f6e8c0b1a3d5e7f9b2c");
    assert_eq!(again[0]["record"]["account"]["city"], "Bellevue");
}

#[test]
fn a_403_is_refused_and_taking_theirs_drops_the_never_sent_entry() {
    let (mut desk, mut replica, sent) = mixed_round();
    assert_eq!(
        sent.refused,
        [("partner".to_string(), FORBIDDEN.to_string())]
    );
    assert_eq!(
        replica.refused.get("partner").map(String::as_str),
        Some(FORBIDDEN)
    );
    assert!(
        !replica.dirty.contains("partner"),
        "a refusal is not retried"
    );
    assert_eq!(desk.partner.country, "SE");

    let (server, _) = synced();
    let theirs = transcript("doc.partner.json", &[("partner", json(&server.partner))]);
    let theirs = read_document(&theirs).expect("the server's partner document");
    let mut catalog = None;
    replica.take_theirs(&mut desk, &mut catalog, vec![theirs], &[]);

    assert_eq!(desk.partner, server.partner, "the server's version is back");
    assert!(replica.refused.is_empty());
    assert_eq!(replica.revs[PARTNER_ID], REV_PARTNER);
    // Entry 5 (the partner's) is gone; the log is numbered again by position.
    assert_eq!(desk.audit.len(), 6);
    assert_eq!(seqs(&desk), positions(6));
    assert!(!desk
        .audit
        .iter()
        .any(|a| matches!(a.change, Change::PartnerCountryChanged { .. })));
    assert!(matches!(
        desk.audit[4].change,
        Change::AccountCorrected { .. }
    ));
    assert!(matches!(
        desk.audit[5].change,
        Change::CustomerCreated { .. }
    ));
    assert_eq!(replica.unsent_audit, vec![(5, id(2)), (6, id(3))]);
    assert_eq!(replica.collected_through, 6);

    // What goes next is c2's entry, now seq 6; c1's waits on its conflict.
    let body = replica.audit_to_send(&desk).unwrap();
    let next = docs(&body);
    assert_eq!(doc_ids(&body), [id(3)]);
    assert_eq!(next[0]["record"]["seq"], 6);
    assert_eq!(
        next[0]["record"]["entity"],
        serde_json::json!({"Customer": {"id": "c2"}})
    );
}

#[test]
fn a_change_made_before_taking_theirs_is_still_collected() {
    let (mut desk, mut replica, _) = mixed_round();
    // The user goes on working (not collected yet: the round is on the wire): customer c4
    // (entry 8), and the partner's country again (entry 9).
    desk.create_customer(
        ctx(Role::SalesAgent, today()),
        new_customer("c4", "tailspin"),
    )
    .unwrap();
    desk.set_partner_country(admin(), "PL").unwrap();
    let (server, _) = synced();
    let theirs = transcript("doc.partner.json", &[("partner", json(&server.partner))]);
    let mut catalog = None;
    replica.take_theirs(
        &mut desk,
        &mut catalog,
        vec![read_document(&theirs).unwrap()],
        &[],
    );
    // Both partner entries (5, sent never; 9, not even collected) told of a change that is gone.
    assert_eq!(desk.partner, server.partner);
    assert_eq!(seqs(&desk), positions(7));
    assert!(!desk
        .audit
        .iter()
        .any(|a| a.entity == Entity::Partner && a.seq > 4));
    assert_eq!(desk.audit[6].entity, Entity::Customer { id: "c4".into() });
    assert_eq!(
        replica.collected_through, 6,
        "c4's entry is not collected yet"
    );

    replica.collect(&desk, || "audit:1767225600009-5eed0009".to_string());
    assert!(replica.dirty.contains("customer:c4"));
    assert_eq!(
        replica.unsent_audit.last(),
        Some(&(7, "audit:1767225600009-5eed0009".to_string()))
    );
}

// --- a 409 on an audit entry --------------------------------------------------------------

#[test]
fn a_409_on_an_audit_entry_means_an_earlier_attempt_saved_it() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    replica.settle(&answer("bulk_docs.saved.json")).unwrap();
    // The first answer to the audit batch was lost; sent again, entry 1 is already there.
    let sent = replica
        .settle(&answer("bulk_docs.audit_conflict.json"))
        .unwrap();
    assert_eq!(sent.saved, 2);
    assert!(sent.conflicts.is_empty() && sent.refused.is_empty());
    assert!(replica.conflicts.is_empty() && replica.refused.is_empty());
    assert_eq!(replica.waiting(), 0);
    assert_eq!(replica.audit_to_send(&desk), None);

    // When the feed brings it, it is this browser's own: not appended a second time.
    let echo = transcript(
        "changes.echo.json",
        &[
            ("customer:c1", json(desk.customer("c1").unwrap())),
            ("customer:c2", json(desk.customer("c2").unwrap())),
            ("audit:5", json(&desk.audit[4])),
            ("audit:6", json(&desk.audit[5])),
        ],
    );
    let before = desk.clone();
    apply(&mut replica, &mut desk, &echo);
    assert_eq!(desk, before);
}

#[test]
fn an_own_entry_brought_by_the_feed_before_its_answer_counts_as_saved() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    replica.settle(&answer("bulk_docs.saved.json")).unwrap();
    // Both audit answers were lost; the next pull brings the entries anyway.
    let echo = transcript(
        "changes.echo.json",
        &[
            ("customer:c1", json(desk.customer("c1").unwrap())),
            ("customer:c2", json(desk.customer("c2").unwrap())),
            ("audit:5", json(&desk.audit[4])),
            ("audit:6", json(&desk.audit[5])),
        ],
    );
    let before = desk.clone();
    apply(&mut replica, &mut desk, &echo);
    assert_eq!(desk, before, "our own entries are not a colleague's");
    assert_eq!(replica.waiting(), 0, "they are on the server");
    assert_eq!(replica.audit_to_send(&desk), None);
}

// --- a colleague's changes ------------------------------------------------------------------

#[test]
fn a_colleagues_page_adds_their_records_and_entries_and_keeps_ours_in_conflict() {
    let (mut desk, mut replica) = synced();
    desk.correct_account(admin(), "c1", moved("Bellevue"))
        .unwrap();
    replica.collect(&desk, new_ids());
    let ours_c1 = desk.customer("c1").unwrap().clone();
    let theirs = colleague();
    let page = colleague_page(&theirs);

    let pulled = apply(&mut replica, &mut desk, &page);

    // The new customer, as the colleague made it.
    assert_eq!(desk.customer("c3"), theirs.customer("c3"));
    assert_eq!(
        replica.revs["customer:c3"],
        "1-0c9b8f3e1d7a4c2b9e6f5a4d3c2b1a09"
    );
    // Their entry, at the end of our log with our next seq.
    assert_eq!(desk.audit.len(), 6);
    assert_eq!(seqs(&desk), positions(6));
    let last = desk.audit.last().unwrap();
    assert_eq!(last.entity, Entity::Customer { id: "c3".into() });
    assert!(matches!(last.change, Change::CustomerCreated { .. }));
    assert_eq!(
        replica.collected_through, 6,
        "a server entry is not ours to send"
    );
    // c1, changed here and not accepted yet: ours is kept, theirs is a conflict.
    assert_eq!(desk.customer("c1"), Some(&ours_c1));
    assert_eq!(pulled.conflicts, ["customer:c1"]);
    assert_eq!(
        replica.conflicts.get("customer:c1").map(String::as_str),
        Some("2-3f5c1e7b9d2a4f6e8c0b1a3d5e7f9b2c")
    );
    assert_eq!(
        replica.revs["customer:c1"], REV_C1,
        "still based on the version we had"
    );
    // s1 deleted on the server.
    assert_eq!(desk.subscription("s1"), None);
    assert!(desk.subscriptions.is_empty());
    // The design document is skipped, without a problem.
    assert!(pulled.problems.is_empty(), "{:?}", pulled.problems);
    assert!(!replica.revs.keys().any(|id| id.starts_with("_design/")));
    assert!(pulled.desk_changed && !pulled.catalog_changed && !pulled.more);
    assert_eq!(
        replica.since,
        serde_json::from_str::<Value>(&page).unwrap()["last_seq"]
    );
    // Nothing of theirs is waiting to be sent; our c1 and its entry still are.
    replica.collect(&desk, new_ids());
    assert_eq!(replica.dirty, set(&["customer:c1"]));
    assert_eq!(replica.unsent_audit, vec![(5, id(1))]);

    // The same page again changes nothing (the feed may bring changes again).
    let (desk_before, replica_before) = (desk.clone(), replica.clone());
    let pulled = apply(&mut replica, &mut desk, &page);
    assert_eq!(desk, desk_before, "their entry is not appended twice");
    assert_eq!(replica, replica_before);
    assert!(!pulled.desk_changed);
}

#[test]
fn a_page_brought_while_we_change_the_desk_leaves_our_change_to_collect() {
    let (mut desk, mut replica) = synced();
    // Changed during the round, after its `collect`: entry 5, not collected.
    desk.correct_account(admin(), "c1", moved("Bellevue"))
        .unwrap();
    let ours_c1 = desk.customer("c1").unwrap().clone();
    let page = colleague_page(&colleague());

    let pulled = apply(&mut replica, &mut desk, &page);
    assert_eq!(seqs(&desk), positions(6));
    // The server's entry is taken in before ours, which stays last and uncollected.
    assert_eq!(desk.audit[4].entity, Entity::Customer { id: "c3".into() });
    assert!(matches!(
        desk.audit[5].change,
        Change::AccountCorrected { .. }
    ));
    assert_eq!(replica.collected_through, 5);
    // c1 was changed here: not overwritten, a conflict.
    assert_eq!(desk.customer("c1"), Some(&ours_c1));
    assert_eq!(pulled.conflicts, ["customer:c1"]);

    replica.collect(&desk, new_ids());
    assert_eq!(replica.dirty, set(&["customer:c1"]));
    assert_eq!(replica.unsent_audit, vec![(6, id(1))]);
}

#[test]
fn a_page_with_more_pending_asks_for_the_next() {
    let (mut desk, mut replica) = synced();
    let theirs = colleague();
    let page = transcript(
        "changes.first_page.json",
        &[("customer:c3", json(theirs.customer("c3").unwrap()))],
    );
    let pulled = apply(&mut replica, &mut desk, &page);
    assert!(pulled.more);
    assert!(pulled.desk_changed);
    assert!(replica.since.starts_with("10-g1AAAA"), "{}", replica.since);
    assert!(desk.customer("c3").is_some());
}

#[test]
fn pouchdbs_numeric_last_seq_is_the_checkpoint_as_text() {
    let (mut desk, mut replica) = synced();
    let theirs = colleague();
    let page = transcript(
        "changes.pouchdb.json",
        &[("customer:c3", json(theirs.customer("c3").unwrap()))],
    );
    let pulled = apply(&mut replica, &mut desk, &page);
    assert_eq!(replica.since, "7");
    assert!(!pulled.more, "no pending: nothing more");
    assert_eq!(desk.customer("c3"), theirs.customer("c3"));
}

// --- answers that cannot be read ----------------------------------------------------------

#[test]
fn a_malformed_answer_is_a_bad_response_and_changes_nothing() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    let (desk_before, replica_before) = (desk.clone(), replica.clone());

    let saved = answer("bulk_docs.saved.json");
    let cut = &saved[..saved.len() / 2];
    let unauthorized = answer("error.unauthorized.json");
    for body in [
        cut,
        unauthorized.as_str(),
        "",
        "<html>502 Bad Gateway</html>",
    ] {
        assert!(
            matches!(replica.settle(body), Err(BadResponse(_))),
            "settle({body:?})"
        );
    }
    let page = colleague_page(&colleague());
    let cut = &page[..page.len() / 2];
    let mut catalog = None;
    for body in [cut, unauthorized.as_str(), "[]", "{\"results\":[]}"] {
        assert!(
            matches!(
                replica.apply_changes(&mut desk, &mut catalog, body),
                Err(BadResponse(_))
            ),
            "apply_changes({body:?})"
        );
    }
    assert_eq!(desk, desk_before);
    assert_eq!(replica, replica_before);
}

// --- a first sync, and a write whose answer was lost ------------------------------------------

#[test]
fn an_uploaded_history_is_marked_and_new_entries_are_not() {
    let (mut desk, _) = synced();
    let mut ids = new_ids();
    let mut replica = Replica::upload(DB, &desk, false, &mut ids);
    local_change(&mut desk);
    replica.collect(&desk, &mut ids);
    let records = replica.records_to_send(&desk, None).unwrap();
    let saved: Vec<Value> = docs(&records)
        .iter()
        .map(|d| serde_json::json!({"ok": true, "id": d["_id"], "rev": "1-a"}))
        .collect();
    replica.settle(&Value::Array(saved).to_string()).unwrap();
    let entries = docs(&replica.audit_to_send(&desk).unwrap());
    let uploaded: Vec<bool> = entries
        .iter()
        .map(|d| d.get("uploaded") == Some(&Value::Bool(true)))
        .collect();
    // The four entries of the desk as it was uploaded keep their roles, marked; the two made
    // after the first sync are the writer's own, unmarked.
    assert_eq!(uploaded, [true, true, true, true, false, false]);
    for doc in &entries {
        let mut stored = doc.clone();
        stored["_rev"] = Value::from("1-a");
        let read =
            read_document(&stored.to_string()).expect("a marked entry is still an audit document");
        assert_eq!(read.id, doc["_id"].as_str().unwrap());
    }
}

#[test]
fn the_server_holding_what_this_browser_would_send_is_no_conflict() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    // The write reached the server but its answer was lost: the feed brings c1 as this browser
    // has it, under a revision it never saw.
    let page = transcript(
        "changes.colleague.json",
        &[
            ("customer:c3", json(colleague().customer("c3").unwrap())),
            ("audit:c3", json(&colleague().audit[4])),
            ("customer:c1", json(desk.customer("c1").unwrap())),
        ],
    );
    let pulled = apply(&mut replica, &mut desk, &page);
    assert!(pulled.conflicts.is_empty(), "{:?}", pulled.conflicts);
    assert!(!replica.dirty.contains("customer:c1"));
    assert!(replica.dirty.contains("customer:c2"), "c2 still waits");
}

#[test]
fn a_full_page_from_pouchdb_which_gives_no_pending_asks_for_the_next() {
    let (mut desk, mut replica) = synced();
    // Design documents only: rows that change nothing, as many as one request asks for.
    let rows: Vec<String> = (1..=segment_desk::store::team::BATCH)
        .map(|n| format!(r#"{{"seq":{n},"id":"_design/d{n}","changes":[{{"rev":"1-a"}}],"doc":{{"_id":"_design/d{n}","_rev":"1-a"}}}}"#))
        .collect();
    let full = format!(
        r#"{{"results":[{}],"last_seq":{}}}"#,
        rows.join(","),
        rows.len()
    );
    assert!(apply(&mut replica, &mut desk, &full).more);
    let short = format!(r#"{{"results":[{}],"last_seq":3}}"#, rows[..3].join(","));
    assert!(!apply(&mut replica, &mut desk, &short).more);
}

#[test]
fn an_audit_entry_the_server_has_is_kept_without_its_revision() {
    let (mut desk, mut replica) = synced();
    local_change(&mut desk);
    replica.collect(&desk, new_ids());
    let saved = |body: &str| {
        let results: Vec<Value> = docs(body)
            .iter()
            .map(|d| serde_json::json!({"ok": true, "id": d["_id"], "rev": "1-0123456789abcdef0123456789abcdef"}))
            .collect();
        Value::Array(results).to_string()
    };
    let records = replica.records_to_send(&desk, None).unwrap();
    replica.settle(&saved(&records)).unwrap();
    let entries = replica.audit_to_send(&desk).unwrap();
    replica.settle(&saved(&entries)).unwrap();
    // Records keep the revision their next update is based on; entries never change: that the
    // server has them is all there is to keep.
    assert_eq!(
        replica.revs["customer:c2"],
        "1-0123456789abcdef0123456789abcdef"
    );
    assert_eq!(replica.revs[&id(1)], "");
    assert_eq!(replica.revs[&id(2)], "");
}
