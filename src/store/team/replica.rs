//! What this browser knows of the team desk's server, and the rules of a sync round: which
//! records and audit entries to send, what the server's answers mean, and how a page of the
//! `_changes` feed changes the local desk. No HTTP here: the UI sends the bodies this builds and
//! hands back what the server answered, so every rule is tested natively against CouchDB's
//! documented responses (tests/team_desk_transcript.rs).
//!
//! A record changed here is *dirty* until the server accepts it, sent with the `_rev` its local
//! version is based on. A `409` is a [conflict](Replica::conflicts) for the user to settle, never
//! retried over the server's version; a `403` is a [refusal](Replica::refused): the server's
//! version is taken back. An audit entry is sent only after the record it names was accepted,
//! so the server's log never tells of a change the server refused.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::documents::{
    audit_document, deletion, is_audit_id, read_document, record_id, DocumentProblem, Record,
    ServerDocument, CATALOG_ID, PARTNER_ID,
};
use crate::domain::{AuditEntry, Catalog, Change, Desk, Entity};

/// How many documents one `_bulk_docs` request carries.
pub const BATCH: usize = 1000;

/// The local replica's bookkeeping, stored beside the desk (`segment-desk/team`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    /// The database's URL, e.g. `/couchdb/desk`.
    pub database: String,
    /// The CouchDB user signed in, and their roles as the server last said: the acting role
    /// when the app opens without a network.
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub roles: Vec<String>,
    /// The checkpoint: the `last_seq` of the last page of `_changes` applied (`0` at first).
    pub since: String,
    /// The server revision each local record is based on, by document id; for an audit entry,
    /// that the server has it (sent from here, or brought by the feed), with an empty revision:
    /// entries never change, so one the feed brings again is not added to the log twice, and
    /// 45,000 revisions of 34 random characters would take a sixth of the quota for nothing.
    pub revs: BTreeMap<String, String>,
    /// Records changed here that the server has not accepted yet.
    pub dirty: BTreeSet<String>,
    /// Audit entries made here and not sent yet: their local `seq` and document id.
    pub unsent_audit: Vec<(u64, String)>,
    /// The local audit log up to this `seq` has been taken into `dirty` and `unsent_audit`, or
    /// came from the server.
    pub collected_through: u64,
    /// Records changed here and on the server since: document id → the server's revision
    /// (empty until known). Neither version is written over until the user chooses.
    pub conflicts: BTreeMap<String, String>,
    /// Changes the server refused: document id → the server's reason.
    pub refused: BTreeMap<String, String>,
    /// The audit log up to this `seq` is a local desk's history sent up on its first sync:
    /// those entries go marked `uploaded` and keep the roles that acted in them.
    #[serde(default)]
    pub uploaded_through: u64,
}

/// The server's answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadResponse(pub String);

/// What the server said of one batch sent with `_bulk_docs`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub saved: usize,
    /// Records someone else changed first (409).
    pub conflicts: Vec<String>,
    /// Documents the server refused (403 `forbidden`, 401 `unauthorized`) with its reason.
    pub refused: Vec<(String, String)>,
}

/// What a page of the `_changes` feed brought.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pulled {
    /// Records or audit entries of the desk that changed (the desk must be saved and shown).
    pub desk_changed: bool,
    pub catalog_changed: bool,
    /// Records changed on the server that are also changed here: now conflicts.
    pub conflicts: Vec<String>,
    /// Documents that are not records of the desk (skipped).
    pub problems: Vec<DocumentProblem>,
    /// More changes wait on the server (fetch the next page now).
    pub more: bool,
    /// The rows of this page, and how many more the server said wait after it (0 when it did
    /// not say).
    pub rows: usize,
    pub pending: u64,
}

#[derive(Deserialize)]
struct BulkResult {
    id: String,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize)]
struct ChangesPage<'a> {
    #[serde(borrow)]
    results: Vec<ChangeRow<'a>>,
    #[serde(borrow)]
    last_seq: &'a RawValue,
    /// CouchDB says how many changes wait after the page; PouchDB does not.
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct ChangeRow<'a> {
    #[serde(borrow, default)]
    doc: Option<&'a RawValue>,
}

impl Replica {
    /// A replica of `database` that has seen nothing of it yet, for a desk whose audit log ends
    /// at `last_seq` (what is already there is not sent: see [`Replica::upload`]).
    pub fn new(database: &str, last_seq: u64) -> Self {
        Replica {
            database: database.into(),
            since: "0".into(),
            collected_through: last_seq,
            ..Replica::default()
        }
    }

    /// A first sync that sends this desk up: every record and every audit entry is waiting.
    pub fn upload(
        database: &str,
        desk: &Desk,
        catalog_stored: bool,
        mut new_id: impl FnMut() -> String,
    ) -> Self {
        let mut replica = Replica::new(database, 0);
        replica.dirty.insert(PARTNER_ID.into());
        if catalog_stored {
            replica.dirty.insert(CATALOG_ID.into());
        }
        let customers = desk
            .customers
            .iter()
            .map(|c| Entity::Customer { id: c.id.clone() });
        let subscriptions = desk
            .subscriptions
            .iter()
            .map(|s| Entity::Subscription { id: s.id.clone() });
        replica
            .dirty
            .extend(customers.chain(subscriptions).map(|e| record_id(&e)));
        replica.unsent_audit = desk.audit.iter().map(|a| (a.seq, new_id())).collect();
        replica.collected_through = desk.audit.last().map_or(0, |a| a.seq);
        replica.uploaded_through = replica.collected_through;
        replica
    }

    /// Takes the audit entries made here since the last call: the records they name become
    /// dirty, and each entry gets its document id from `new_id`.
    pub fn collect(&mut self, desk: &Desk, mut new_id: impl FnMut() -> String) {
        let through = self.collected_through;
        for entry in desk.audit.iter().filter(|a| a.seq > through) {
            self.dirty.extend(records_of(entry));
            self.unsent_audit.push((entry.seq, new_id()));
            self.collected_through = entry.seq;
        }
    }

    /// Changes made here that the server does not have yet ("n changes waiting"): one for each
    /// audit entry not sent (a change and its entry are one change to the user), or each record
    /// if more are waiting than entries.
    pub fn waiting(&self) -> usize {
        self.dirty.len().max(self.unsent_audit.len())
    }

    /// The next `_bulk_docs` body of dirty records (at most [`BATCH`]), each with the revision
    /// it is based on; `None` when no record can be sent (none dirty, or all in conflict).
    /// Records go in the desk's order, so the feed brings them to other browsers in the order
    /// they were made (a desk's customers and subscriptions are in creation order).
    pub fn records_to_send(&self, desk: &Desk, catalog: Option<&Catalog>) -> Option<String> {
        let docs: Vec<String> = self
            .dirty_in_desk_order(desk)
            .into_iter()
            .filter(|(id, _)| !self.conflicts.contains_key(*id))
            .take(BATCH)
            .map(|(id, at)| {
                let rev = self.revs.get(id).map(String::as_str);
                let record = match at {
                    Local::Partner => Some(Record::Partner(desk.partner.clone())),
                    Local::Catalog => catalog.cloned().map(Record::Catalog),
                    Local::Customer(i) => Some(Record::Customer(desk.customers[i].clone())),
                    Local::Subscription(i) => {
                        Some(Record::Subscription(desk.subscriptions[i].clone()))
                    }
                    Local::Gone => None,
                };
                match record {
                    Some(record) => record.to_document(id, rev),
                    None => deletion(id, rev),
                }
            })
            .collect();
        bulk_body(docs)
    }

    /// The dirty records where the desk holds them: the partner, the catalog, customers and
    /// subscriptions as the desk orders them, then those no longer in the desk (deletions), by
    /// id. Positions, so a first upload of 40,000 records never looks one up by a scan.
    fn dirty_in_desk_order(&self, desk: &Desk) -> Vec<(&String, Local)> {
        let mut ordered = Vec::with_capacity(self.dirty.len());
        let mut customers = HashMap::new();
        let mut subscriptions = HashMap::new();
        let mut others = Vec::new();
        for id in &self.dirty {
            if let Some(c) = id.strip_prefix("customer:") {
                customers.insert(c, id);
            } else if let Some(s) = id.strip_prefix("subscription:") {
                subscriptions.insert(s, id);
            } else if id != PARTNER_ID && id != CATALOG_ID {
                others.push(id);
            }
        }
        ordered.extend(self.dirty.get(PARTNER_ID).map(|id| (id, Local::Partner)));
        ordered.extend(self.dirty.get(CATALOG_ID).map(|id| (id, Local::Catalog)));
        if !customers.is_empty() {
            ordered.extend(desk.customers.iter().enumerate().filter_map(|(i, c)| {
                customers
                    .remove(c.id.as_str())
                    .map(|id| (id, Local::Customer(i)))
            }));
        }
        if !subscriptions.is_empty() {
            ordered.extend(desk.subscriptions.iter().enumerate().filter_map(|(i, s)| {
                subscriptions
                    .remove(s.id.as_str())
                    .map(|id| (id, Local::Subscription(i)))
            }));
        }
        let mut gone: Vec<&String> = customers
            .into_values()
            .chain(subscriptions.into_values())
            .collect();
        crate::sorting::sort(&mut gone);
        ordered.extend(gone.into_iter().chain(others).map(|id| (id, Local::Gone)));
        ordered
    }

    /// The next `_bulk_docs` body of audit entries whose records the server has accepted.
    pub fn audit_to_send(&self, desk: &Desk) -> Option<String> {
        let docs: Vec<String> = self
            .unsent_audit
            .iter()
            .filter_map(|(seq, id)| {
                let entry = desk.audit.get(usize::try_from(seq.checked_sub(1)?).ok()?)?;
                let waits = records_of(entry).iter().any(|r| {
                    self.dirty.contains(r)
                        || self.conflicts.contains_key(r)
                        || self.refused.contains_key(r)
                });
                (!waits).then(|| audit_document(entry, id, *seq <= self.uploaded_through))
            })
            .take(BATCH)
            .collect();
        bulk_body(docs)
    }

    /// Reads the server's answer to a `_bulk_docs` request: accepted documents are no longer
    /// waiting and their revision is kept; a 409 on a record is a conflict; a 409 on an audit
    /// entry means an earlier attempt reached the server (the id is this browser's own); a
    /// refusal is kept with its reason.
    pub fn settle(&mut self, response: &str) -> Result<Sent, BadResponse> {
        let results: Vec<BulkResult> =
            serde_json::from_str(response).map_err(|e| BadResponse(e.to_string()))?;
        let mut sent = Sent::default();
        // Audit entries no longer waiting, taken out of `unsent_audit` at once at the end (a
        // first upload answers for 1,000 of 45,000 at a time).
        let mut done = BTreeSet::new();
        for result in results {
            let id = result.id;
            let audit = is_audit_id(&id);
            match (result.error.as_deref(), result.rev) {
                (None, Some(rev)) => {
                    sent.saved += 1;
                    self.keep_rev(id.clone(), rev);
                    self.forget_waiting(id, &mut done);
                }
                (Some("conflict"), _) if audit => {
                    sent.saved += 1;
                    // On the server, revision unknown: when the feed brings it, it is ours.
                    self.revs.entry(id.clone()).or_default();
                    self.forget_waiting(id, &mut done);
                }
                (Some("conflict"), _) => {
                    self.conflicts.entry(id.clone()).or_default();
                    sent.conflicts.push(id);
                }
                (error, _) => {
                    let reason = result
                        .reason
                        .or_else(|| error.map(str::to_string))
                        .unwrap_or_default();
                    self.refused.insert(id.clone(), reason.clone());
                    sent.refused.push((id.clone(), reason));
                    self.forget_waiting(id, &mut done);
                }
            }
        }
        if !done.is_empty() {
            self.unsent_audit.retain(|(_, id)| !done.contains(id));
        }
        Ok(sent)
    }

    /// Keeps the server's revision of a record; of an audit entry, only that the server has it.
    fn keep_rev(&mut self, id: String, rev: String) {
        let rev = if is_audit_id(&id) { String::new() } else { rev };
        self.revs.insert(id, rev);
    }

    /// A document the server has (or refused) no longer waits: a record leaves `dirty`, an
    /// audit entry goes into `done`, taken out of `unsent_audit` by the caller.
    fn forget_waiting(&mut self, id: String, done: &mut BTreeSet<String>) {
        if is_audit_id(&id) {
            done.insert(id);
        } else {
            self.dirty.remove(&id);
        }
    }

    /// Applies a page of `_changes?include_docs=true` to the desk. A record also changed here
    /// and not yet accepted is not touched: it becomes a conflict. Audit entries from the server
    /// go at the end of the log, before any made here since the last [`Replica::collect`] (those
    /// stay to be collected, and what they changed counts as changed here); entries the server
    /// already had from here or brought before are skipped (the feed may bring a change again).
    pub fn apply_changes(
        &mut self,
        desk: &mut Desk,
        catalog: &mut Option<Catalog>,
        page: &str,
    ) -> Result<Pulled, BadResponse> {
        let page: ChangesPage =
            serde_json::from_str(page).map_err(|e| BadResponse(e.to_string()))?;
        let mut pulled = Pulled {
            // Without `pending`, a full page (the request's `limit`, [`BATCH`]) may have more.
            more: !page.results.is_empty()
                && page.pending.map_or(page.results.len() >= BATCH, |p| p > 0),
            rows: page.results.len(),
            pending: page.pending.unwrap_or(0),
            ..Pulled::default()
        };
        let mut docs = Vec::new();
        for row in &page.results {
            let Some(doc) = row.doc else { continue };
            match read_document(doc.get()) {
                Ok(doc) => docs.push(doc),
                Err(DocumentProblem::UnknownKind { id }) if id.starts_with('_') => {}
                Err(problem) => pulled.problems.push(problem),
            }
        }
        // Entries made here since the last `collect` (the user went on working while the round
        // was on the wire) are set aside: the server's go before them.
        let collected = desk
            .audit
            .iter()
            .take_while(|a| a.seq <= self.collected_through)
            .count();
        let uncollected = desk.audit.split_off(collected);
        let changed_here: BTreeSet<String> = uncollected.iter().flat_map(records_of).collect();
        // This browser's entries not sent yet, by id, and those of them the feed brought.
        let unsent: BTreeSet<String> = self.unsent_audit.iter().map(|(_, id)| id.clone()).collect();
        let mut brought = BTreeSet::new();
        let mut into = Apply::new(desk, docs.len());
        for doc in docs {
            if is_audit_id(&doc.id) {
                let sent_here = unsent.contains(doc.id.as_str());
                if sent_here || self.revs.contains_key(&doc.id) {
                    // Already in the log: this browser's own (its answer may have been lost),
                    // or brought before.
                    if sent_here {
                        brought.insert(doc.id.clone());
                    }
                    self.keep_rev(doc.id, doc.rev);
                    continue;
                }
            } else if self.revs.get(&doc.id) == Some(&doc.rev) {
                continue;
            }
            if self.dirty.contains(&doc.id)
                || self.conflicts.contains_key(&doc.id)
                || changed_here.contains(&doc.id)
            {
                if !changed_here.contains(&doc.id)
                    && doc.record.is_some()
                    && local_record(into.desk, catalog.as_ref(), &doc.id) == doc.record
                {
                    // The server has what this browser would send (a write whose answer was
                    // lost, or a colleague's identical change): nothing to choose between.
                    self.conflicts.remove(&doc.id);
                    self.dirty.remove(&doc.id);
                    self.revs.insert(doc.id, doc.rev);
                    continue;
                }
                self.conflicts.insert(doc.id.clone(), doc.rev);
                pulled.conflicts.push(doc.id);
                continue;
            }
            let changed = into.apply(doc.record.clone(), &doc.id, catalog);
            pulled.catalog_changed |= changed == Some(true);
            pulled.desk_changed |= changed == Some(false);
            self.keep_rev(doc.id, doc.rev);
        }
        let audit = &mut into.desk.audit;
        if let Some(last) = audit.last() {
            self.collected_through = self.collected_through.max(last.seq);
        }
        for mut entry in uncollected {
            entry.seq = audit.len() as u64 + 1; // `seq` is the 1-based position
            audit.push(entry);
        }
        if !brought.is_empty() {
            self.unsent_audit.retain(|(_, id)| !brought.contains(id));
        }
        self.since = checkpoint(page.last_seq);
        Ok(pulled)
    }

    /// Takes the server's version of these records (a refusal, or a conflict settled with
    /// "theirs"): this browser's change of them is dropped, and so are the audit entries that
    /// told of it and were never sent (collected or not yet).
    pub fn take_theirs(
        &mut self,
        desk: &mut Desk,
        catalog: &mut Option<Catalog>,
        theirs: Vec<ServerDocument>,
        missing: &[String],
    ) {
        let ids: BTreeSet<String> = theirs
            .iter()
            .map(|d| d.id.clone())
            .chain(missing.iter().cloned())
            .collect();
        let unsent: BTreeSet<u64> = self.unsent_audit.iter().map(|(seq, _)| *seq).collect();
        let dropped: BTreeSet<u64> = desk
            .audit
            .iter()
            .filter(|a| unsent.contains(&a.seq) || a.seq > self.collected_through)
            .filter(|a| records_of(a).iter().any(|r| ids.contains(r)))
            .map(|a| a.seq)
            .collect();
        self.drop_local_entries(desk, &dropped);
        let mut into = Apply::new(desk, theirs.len());
        for doc in theirs {
            into.apply(doc.record, &doc.id, catalog);
            self.revs.insert(doc.id, doc.rev);
        }
        for id in missing {
            into.apply(None, id, catalog); // the server never had it: it goes here too
            self.revs.remove(id);
        }
        for id in &ids {
            self.dirty.remove(id);
            self.conflicts.remove(id);
            self.refused.remove(id);
        }
    }

    /// Settles a conflict with this browser's version: it is sent again as an update of the
    /// server's revision `theirs`.
    pub fn keep_mine(&mut self, id: &str, theirs: &str) {
        self.conflicts.remove(id);
        self.revs.insert(id.into(), theirs.into());
        self.dirty.insert(id.into());
    }

    /// Removes never-sent audit entries from the local log and numbers the rest again; those
    /// not collected yet stay so.
    fn drop_local_entries(&mut self, desk: &mut Desk, seqs: &BTreeSet<u64>) {
        if seqs.is_empty() {
            return;
        }
        desk.audit.retain(|a| !seqs.contains(&a.seq));
        let mut renumbered = HashMap::new();
        let mut collected_through = 0;
        for (i, entry) in desk.audit.iter_mut().enumerate() {
            let seq = i as u64 + 1; // `seq` is the 1-based position
            if entry.seq <= self.collected_through {
                collected_through = seq;
            }
            renumbered.insert(entry.seq, seq);
            entry.seq = seq;
        }
        self.unsent_audit.retain(|(seq, _)| !seqs.contains(seq));
        for (seq, _) in &mut self.unsent_audit {
            *seq = renumbered[seq];
        }
        self.collected_through = collected_through;
    }
}

/// The records an audit entry's change wrote: the one it names, and the catalog for a price
/// list's replacement (which the log names as the partner's).
fn records_of(entry: &AuditEntry) -> Vec<String> {
    match entry.change {
        Change::CatalogReplaced { .. } => vec![CATALOG_ID.into()],
        _ => vec![record_id(&entry.entity)],
    }
}

/// Where a dirty record is in the desk.
#[derive(Clone, Copy)]
enum Local {
    Partner,
    Catalog,
    Customer(usize),
    Subscription(usize),
    /// Not in the desk: sent as a deletion.
    Gone,
}

fn local_record(desk: &Desk, catalog: Option<&Catalog>, id: &str) -> Option<Record> {
    match id {
        PARTNER_ID => Some(Record::Partner(desk.partner.clone())),
        CATALOG_ID => catalog.cloned().map(Record::Catalog),
        _ => {
            if let Some(c) = id.strip_prefix("customer:") {
                desk.customer(c).cloned().map(Record::Customer)
            } else {
                let s = id.strip_prefix("subscription:")?;
                desk.subscription(s).cloned().map(Record::Subscription)
            }
        }
    }
}

fn bulk_body(docs: Vec<String>) -> Option<String> {
    (!docs.is_empty()).then(|| format!("{{\"docs\":[{}]}}", docs.join(",")))
}

/// `last_seq` as `since=` takes it: CouchDB's are strings, PouchDB's numbers.
fn checkpoint(last_seq: &RawValue) -> String {
    serde_json::from_str::<String>(last_seq.get()).unwrap_or_else(|_| last_seq.get().to_string())
}

/// Server documents going into the desk. A big page (the first sync) looks records up through
/// maps built once, a small one by a scan.
struct Apply<'d> {
    desk: &'d mut Desk,
    customers: Option<HashMap<String, usize>>,
    subscriptions: Option<HashMap<String, usize>>,
}

impl<'d> Apply<'d> {
    fn new(desk: &'d mut Desk, docs: usize) -> Self {
        let indexed = docs > 16;
        let positions = |ids: Vec<&String>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect()
        };
        let customers = indexed.then(|| positions(desk.customers.iter().map(|c| &c.id).collect()));
        let subscriptions =
            indexed.then(|| positions(desk.subscriptions.iter().map(|s| &s.id).collect()));
        Apply {
            desk,
            customers,
            subscriptions,
        }
    }

    /// Puts one server document in: `Some(true)` the catalog changed, `Some(false)` the desk,
    /// `None` nothing (a deletion of what is not here).
    fn apply(
        &mut self,
        record: Option<Record>,
        id: &str,
        catalog: &mut Option<Catalog>,
    ) -> Option<bool> {
        match record {
            Some(Record::Partner(p)) => self.desk.partner = p,
            Some(Record::Catalog(c)) => {
                *catalog = Some(c);
                return Some(true);
            }
            None if id == CATALOG_ID => {
                return catalog.take().map(|_| true);
            }
            Some(Record::Audit(mut entry)) => {
                entry.seq = self.desk.audit.last().map_or(1, |a| a.seq + 1);
                self.desk.audit.push(entry);
            }
            Some(Record::Customer(c)) => {
                let key = c.id.clone();
                put(
                    &mut self.desk.customers,
                    &mut self.customers,
                    &key,
                    Some(c),
                    |c| &c.id,
                )
            }
            Some(Record::Subscription(s)) => {
                let key = s.id.clone();
                put(
                    &mut self.desk.subscriptions,
                    &mut self.subscriptions,
                    &key,
                    Some(s),
                    |s| &s.id,
                )
            }
            None => {
                if let Some(c) = id.strip_prefix("customer:") {
                    put(
                        &mut self.desk.customers,
                        &mut self.customers,
                        c,
                        None,
                        |c| &c.id,
                    )
                } else if let Some(s) = id.strip_prefix("subscription:") {
                    put(
                        &mut self.desk.subscriptions,
                        &mut self.subscriptions,
                        s,
                        None,
                        |s| &s.id,
                    )
                } else {
                    return None;
                }
            }
        }
        Some(false)
    }
}

/// Inserts, replaces or (with `None`) removes the record with this id.
fn put<T>(
    records: &mut Vec<T>,
    index: &mut Option<HashMap<String, usize>>,
    id: &str,
    record: Option<T>,
    id_of: impl Fn(&T) -> &String,
) {
    let at = match index {
        Some(index) => index.get(id).copied(),
        None => records.iter().position(|r| id_of(r) == id),
    };
    match (at, record) {
        (Some(i), Some(r)) => records[i] = r,
        (None, Some(r)) => {
            if let Some(index) = index {
                index.insert(id.to_string(), records.len());
            }
            records.push(r);
        }
        (Some(i), None) => {
            records.remove(i);
            *index = None; // positions after `i` moved; rare (nothing in the app deletes)
        }
        (None, None) => {}
    }
}
