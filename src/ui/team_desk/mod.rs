//! The team desk in the UI: signing in to the CouchDB server, and the sync rounds that keep the
//! local desk and the server's in step (`crate::store::team` holds their rules). Signed out,
//! none of this runs and the desk is the local desk it always was.
//!
//! A round sends what changed here (records first, then the audit entries of the records the
//! server accepted), takes back the server's version of what it refused, then reads the
//! `_changes` feed since the last checkpoint. Rounds run every [`ROUND_EVERY`], right after a
//! change here, and when the browser is back online.

pub mod http;
mod lock;

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::Role;
use crate::store::team::{self, Replica};
use crate::ui::components::role_switcher::use_acting_role;
use crate::ui::preferences::{use_storage, Storage};
use crate::ui::state::{use_desk, DeskState};
use http::{request, server_root, Answer, Unreachable};

/// How often the server is asked for colleagues' changes.
pub const ROUND_EVERY: Duration = Duration::from_secs(2);
/// The database a team desk uses when the user does not name another: the app's own origin.
pub const DEFAULT_DATABASE: &str = "/couchdb/desk";

/// Who is signed in.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub user: String,
    pub role: Role,
    pub database: String,
}

impl Session {
    /// The session a stored replica was signed in with; `None` if its roles give no app role.
    fn of(replica: &Replica) -> Option<Session> {
        Some(Session {
            user: replica.user.clone(),
            role: team::acting_role(&replica.roles)?,
            database: replica.database.clone(),
        })
    }
}

/// Where the sync stands (shown in the header and on the Data page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    /// Everything here is on the server and the server's is here, as of the last round.
    InStep,
    Syncing,
    /// The server did not answer: changes wait here until it does.
    Unreachable,
    /// The session ended (the cookie expired, or the user was removed): sign in again.
    SignedOut,
    /// The server answered something this app cannot read, or an error it did not expect.
    Failed,
    /// Another open tab of this browser syncs the desk ([`lock`]); this one shows its desk.
    OtherTab,
}

/// Why signing in did not work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInError {
    WrongPassword,
    /// The user has none of the team desk's roles.
    NoRole,
    /// The user may not open this database (not a member, or no such database).
    NoDatabase,
    Unreachable,
    Server(u16),
}

/// The team desk's state, handed down through context.
#[derive(Clone, Copy)]
pub struct TeamDesk {
    desk: DeskState,
    /// Where the replica's bookkeeping is kept (beside the desk).
    storage: StoredValue<Storage>,
    /// The acting role: signed in, the user's role on the server.
    role: RwSignal<Role>,
    replica: StoredValue<Option<Replica>>,
    session: RwSignal<Option<Session>>,
    status: RwSignal<SyncStatus>,
    waiting: RwSignal<usize>,
    /// Records changed here and on the server: document ids, until the user chooses.
    conflicts: RwSignal<Vec<String>>,
    /// What the server refused (document id, its reason), until dismissed.
    refused: RwSignal<Vec<(String, String)>>,
    /// Signed in to a server this desk has never synced with, while the local desk has data:
    /// upload it, or replace it with the server's?
    first_sync: RwSignal<Option<Session>>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Goes up with each sign-in, so the timer of an earlier one stops.
    generation: StoredValue<u64>,
    /// Whether this sign-in's session and roles were checked with the server.
    session_checked: StoredValue<bool>,
    /// Whether this tab is the one that syncs ([`lock`]).
    leading: RwSignal<bool>,
    /// A long read of the feed (a first sync): changes read and in all.
    progress: RwSignal<Option<(usize, usize)>>,
}

/// The [`TeamDesk`] provided by the app.
pub fn use_team_desk() -> TeamDesk {
    expect_context::<TeamDesk>()
}

/// Provides the team desk; if this browser was signed in, resumes it at once (offline too:
/// the role and the waiting changes are stored with the replica).
pub fn provide_team_desk() {
    let desk = use_desk();
    let storage = use_storage();
    let stored = team::load(storage.store.as_ref());
    let session = stored.as_ref().and_then(Session::of);
    let team = TeamDesk {
        desk,
        storage: StoredValue::new(storage),
        role: use_acting_role(),
        waiting: RwSignal::new(stored.as_ref().map_or(0, Replica::waiting)),
        replica: StoredValue::new(stored),
        session: RwSignal::new(None),
        status: RwSignal::new(SyncStatus::InStep),
        conflicts: RwSignal::new(Vec::new()),
        refused: RwSignal::new(Vec::new()),
        first_sync: RwSignal::new(None),
        running: StoredValue::new(false),
        again: StoredValue::new(false),
        generation: StoredValue::new(0),
        session_checked: StoredValue::new(false),
        leading: RwSignal::new(false),
        progress: RwSignal::new(None),
    };
    provide_context(team);
    if let Some(session) = session {
        team.start(session);
    }
    // A change made here is sent at once; a colleague's, pulled in, is already collected.
    Effect::new(move |_| {
        let last = desk.with(|d| d.audit.last().map_or(0, |a| a.seq));
        let collected = team
            .replica
            .with_value(|r| r.as_ref().map(|r| r.collected_through));
        if collected.is_some_and(|c| last > c) {
            team.round();
        }
    });
    #[cfg(target_arch = "wasm32")]
    {
        let online = window_event_listener(leptos::ev::online, move |_| team.round());
        // The syncing tab's bookkeeping changed: a tab that does not sync shows it (and signs
        // in or out with it).
        let other_tab = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(team::REPLICA_KEY) {
                return;
            }
            if event.new_value().is_none() {
                team.signed_out_here(); // signed out in another tab
            } else if !team.leading.get_untracked() {
                team.follow_other_tab();
            }
        });
        on_cleanup(move || {
            online.remove();
            other_tab.remove();
        });
    }
}

impl TeamDesk {
    /// Who is signed in (tracked); `None`: the local desk.
    pub fn session(&self) -> Option<Session> {
        self.session.get()
    }

    pub fn status(&self) -> SyncStatus {
        self.status.get()
    }

    /// How far a long read of the server's changes is: read and in all (tracked).
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.progress.get()
    }

    /// Changes made here that the server does not have yet (tracked).
    pub fn waiting(&self) -> usize {
        self.waiting.get()
    }

    /// Records changed here and on the server (document ids, tracked).
    pub fn conflicts(&self) -> Vec<String> {
        self.conflicts.get()
    }

    /// Changes the server refused, with its reasons (tracked).
    pub fn refused(&self) -> Vec<(String, String)> {
        self.refused.get()
    }

    pub fn dismiss_refused(&self) {
        self.refused.set(Vec::new());
    }

    /// The session waiting for the first sync's choice (tracked).
    pub fn first_sync(&self) -> Option<Session> {
        self.first_sync.get()
    }

    /// Signs in to the server of `database` as `user`. On a server this desk has not synced
    /// with, and with data here, the first sync waits for [`TeamDesk::upload`] or
    /// [`TeamDesk::take_servers_desk`].
    pub async fn sign_in(
        &self,
        database: &str,
        user: &str,
        password: &str,
    ) -> Result<(), SignInError> {
        let database = database.trim().trim_end_matches('/').to_string();
        let root = server_root(&database);
        let quoted = |s: &str| serde_json::to_string(s).expect("a string serializes");
        let body = format!(
            "{{\"name\":{},\"password\":{}}}",
            quoted(user),
            quoted(password)
        );
        let answer = request("POST", &format!("{root}/_session"), Some(&body))
            .await
            .map_err(|Unreachable| SignInError::Unreachable)?;
        match answer.status {
            200 => {}
            401 => return Err(SignInError::WrongPassword),
            status => return Err(SignInError::Server(status)),
        }
        let (name, roles) = team::session_user(&answer.body).ok_or(SignInError::Server(200))?;
        let Some(role) = team::acting_role(&roles) else {
            let _ = request("DELETE", &format!("{root}/_session"), None).await;
            return Err(SignInError::NoRole);
        };
        let db = request("GET", &database, None)
            .await
            .map_err(|Unreachable| SignInError::Unreachable)?;
        if !db.ok() {
            let _ = request("DELETE", &format!("{root}/_session"), None).await;
            return Err(match db.status {
                401 | 403 | 404 => SignInError::NoDatabase,
                status => SignInError::Server(status),
            });
        }
        let session = Session {
            user: name.clone(),
            role,
            database: database.clone(),
        };
        let resumes = self.replica.with_value(|r| {
            r.as_ref()
                .is_some_and(|r| r.database == database && r.user == name)
        });
        // Whether this desk is empty, or what the first sync would send up: the whole of it.
        self.desk.finish_loading();
        let empty_here = self.desk.with_untracked(|d| {
            d.customers.is_empty() && d.subscriptions.is_empty() && d.audit.is_empty()
        });
        if resumes {
            self.replica.update_value(|r| {
                if let Some(r) = r {
                    r.roles = roles;
                }
            });
        } else if empty_here {
            let mut replica = Replica::new(&database, 0);
            replica.user = name;
            replica.roles = roles;
            self.replica.set_value(Some(replica));
        } else {
            self.replica.set_value(None);
            self.first_sync.set(Some(session));
            return Ok(());
        }
        self.save_replica();
        self.start(session);
        Ok(())
    }

    /// The first sync sends this desk up to the server.
    pub fn upload(&self) {
        let Some(session) = self.first_sync.get_untracked() else {
            return;
        };
        self.desk.finish_loading(); // the whole log goes up
        let replica = self.desk.with_untracked(|d| {
            let stored = self.desk.with_stored_catalog(|c| c.is_some());
            Replica::upload(&session.database, d, stored, new_audit_id)
        });
        self.begin(session, replica);
    }

    /// The first sync chosen: the replica is this user's, kept, and the rounds start.
    fn begin(&self, session: Session, mut replica: Replica) {
        replica.user = session.user.clone();
        replica.roles = vec![team::role_name(session.role).into()];
        self.replica.set_value(Some(replica));
        self.first_sync.set(None);
        self.save_replica();
        self.start(session);
    }

    /// The first sync replaces this desk with the server's (the user was offered an export).
    pub fn take_servers_desk(&self) -> Result<(), crate::store::StoreError> {
        let Some(session) = self.first_sync.get_untracked() else {
            return Ok(());
        };
        self.desk.reset()?;
        let replica = Replica::new(&session.database, 0);
        self.begin(session, replica);
        Ok(())
    }

    /// Signs out: the desk stays here as a local desk, and the server is forgotten.
    pub async fn sign_out(&self) {
        let database = self.session.get_untracked().map(|s| s.database);
        self.signed_out_here();
        self.storage.with_value(|s| team::forget(s.store.as_ref()));
        if let Some(database) = database {
            let _ = request(
                "DELETE",
                &format!("{}/_session", server_root(&database)),
                None,
            )
            .await;
        }
    }

    /// Forgets the session in this tab (the stored bookkeeping is the caller's).
    fn signed_out_here(&self) {
        self.session.set(None);
        self.first_sync.set(None);
        self.replica.set_value(None);
        self.waiting.set(0);
        self.conflicts.set(Vec::new());
    }

    fn start(&self, session: Session) {
        self.role.set(session.role);
        self.session.set(Some(session));
        self.generation.update_value(|g| *g += 1);
        self.session_checked.set_value(false);
        if self.leading.get_untracked() {
            self.lead();
            return;
        }
        self.status.set(SyncStatus::OtherTab);
        let team = *self;
        lock::when_leading(move || {
            team.leading.set(true);
            team.lead();
        });
    }

    /// This tab syncs: a round now and every [`ROUND_EVERY`] while this sign-in lasts.
    fn lead(&self) {
        // What the tab that synced before this one kept, if any: it is the newest.
        if let Some(stored) = self.storage.with_value(|s| team::load(s.store.as_ref())) {
            self.replica.set_value(Some(stored));
        }
        self.status.set(SyncStatus::InStep);
        self.round();
        self.every_round(self.generation.get_value());
    }

    /// Another tab (the one that syncs) wrote its bookkeeping: show what it says; signed in or
    /// out there, this tab follows.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn follow_other_tab(&self) {
        let stored = self.storage.with_value(|s| team::load(s.store.as_ref()));
        let session = stored.as_ref().and_then(Session::of);
        self.replica.set_value(stored);
        self.show_replica();
        match session {
            Some(session) if self.session.get_untracked().is_none() => self.start(session),
            Some(session) => {
                self.role.set(session.role);
                self.session.set(Some(session));
            }
            None => self.session.set(None),
        }
    }

    /// Runs a round every [`ROUND_EVERY`] while this sign-in lasts.
    fn every_round(self, generation: u64) {
        set_timeout(
            move || {
                if self.session.get_untracked().is_some()
                    && self.generation.get_value() == generation
                {
                    self.round();
                    self.every_round(generation);
                }
            },
            ROUND_EVERY,
        );
    }

    /// Asks the server who is signed in: the role follows the server's (a Global admin made a
    /// Sales agent acts as one from now on); nobody means the session ended.
    async fn refresh_session(&self, database: &str) -> Result<(), RoundError> {
        let url = format!("{}/_session", server_root(database));
        let answer = checked(request("GET", &url, None).await)?;
        let Some((user, roles)) = team::session_user(&answer.body) else {
            return Err(RoundError::SignedOut);
        };
        let role = team::acting_role(&roles).ok_or(RoundError::SignedOut)?;
        let same = self.with_replica(|r| r.user == user && r.roles == roles)?;
        if !same {
            self.replica.update_value(|r| {
                if let Some(r) = r {
                    r.user = user.clone();
                    r.roles = roles;
                }
            });
            self.save_replica();
        }
        if self.role.get_untracked() != role {
            self.role.set(role);
        }
        self.session.update(|s| {
            if let Some(s) = s {
                s.user = user;
                s.role = role;
            }
        });
        Ok(())
    }

    /// Starts a sync round, or asks the running one to go again when it ends.
    pub fn round(&self) {
        // Only the syncing tab, signed in, on the whole desk: until the rest of the desk is
        // read after start, a copy of it would miss the subscriptions and the log.
        if self.session.get_untracked().is_none() || !self.leading.get_untracked() {
            return;
        }
        if !self.desk.is_loaded_untracked() {
            self.desk.read_audit_log(); // the next round finds it read
            return;
        }
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        let team = *self;
        leptos::task::spawn_local(async move {
            loop {
                team.again.set_value(false);
                let lost = team.status.get_untracked() != SyncStatus::InStep;
                team.status.set(SyncStatus::Syncing);
                let status = match team.sync(lost).await {
                    Ok(()) => SyncStatus::InStep,
                    Err(RoundError::Unreachable) => SyncStatus::Unreachable,
                    Err(RoundError::SignedOut) => SyncStatus::SignedOut,
                    Err(RoundError::Failed) => SyncStatus::Failed,
                };
                team.status.set(status);
                team.show_replica();
                if !team.again.get_value() || status != SyncStatus::InStep {
                    break;
                }
            }
            team.running.set_value(false);
        });
    }

    /// One round: send, take back what was refused, pull. The session is checked on the
    /// first round of a sign-in, after a refusal, and while it is lost (`lost`).
    async fn sync(&self, lost: bool) -> Result<(), RoundError> {
        let database = self.with_replica(|r| r.database.clone())?;
        // What changed here is counted first: offline, it is what the user sees waiting.
        self.collect();
        if lost || !self.session_checked.get_value() {
            self.refresh_session(&database).await?;
            self.session_checked.set_value(true);
        }
        self.send(&database, &|r, desk, catalog| {
            r.records_to_send(desk, catalog)
        })
        .await?;
        if self.take_back_refused(&database).await? {
            self.refresh_session(&database).await?;
        }
        self.send(&database, &|r, desk, _| r.audit_to_send(desk))
            .await?;
        self.pull(&database).await
    }

    /// Takes this browser's new changes into the replica (kept at once: they wait there across
    /// a reload with no network).
    fn collect(&self) {
        let collected = self.desk.with_untracked(|d| {
            self.replica
                .try_update_value(|r| {
                    r.as_mut().is_some_and(|r| {
                        let before = r.collected_through;
                        r.collect(d, new_audit_id);
                        r.collected_through != before
                    })
                })
                .unwrap_or(false)
        });
        if collected {
            self.save_replica();
            self.show_replica();
        }
    }

    /// Sends the batches `next` makes until it has none left (or the server saves none of one).
    async fn send(
        &self,
        database: &str,
        // One function, not a type parameter: the whole future would be compiled once per caller.
        next: &NextBatch,
    ) -> Result<(), RoundError> {
        loop {
            let body = self.desk.with_untracked(|d| {
                self.desk.with_stored_catalog(|c| {
                    self.replica
                        .with_value(|r| r.as_ref().and_then(|r| next(r, d, c)))
                })
            });
            let Some(body) = body else { return Ok(()) };
            let answer =
                checked(request("POST", &format!("{database}/_bulk_docs"), Some(&body)).await)?;
            let sent = self
                .replica
                .try_update_value(|r| r.as_mut().map(|r| r.settle(&answer.body)))
                .flatten()
                .ok_or(RoundError::Failed)?
                .map_err(|_| RoundError::Failed)?;
            self.save_replica();
            if !sent.refused.is_empty() {
                self.refused
                    .update(|r| r.extend(sent.refused.iter().cloned()));
            }
            if sent.saved == 0 {
                return Ok(());
            }
        }
    }

    /// Puts back the server's version of the records it refused; true if there were any.
    async fn take_back_refused(&self, database: &str) -> Result<bool, RoundError> {
        let ids: Vec<String> = self.with_replica(|r| {
            r.refused
                .keys()
                .filter(|id| !team::is_audit_id(id))
                .cloned()
                .collect()
        })?;
        if ids.is_empty() {
            return Ok(false);
        }
        self.take_theirs(database, &ids).await?;
        Ok(true)
    }

    /// Fetches the server's version of `ids` and puts it in the desk, dropping this browser's.
    async fn take_theirs(&self, database: &str, ids: &[String]) -> Result<(), RoundError> {
        let url = format!("{database}/_all_docs?include_docs=true");
        let answer = checked(request("POST", &url, Some(&team::all_docs_request(ids))).await)?;
        let (theirs, missing) =
            team::read_all_docs(&answer.body).map_err(|_| RoundError::Failed)?;
        let mut desk = self.desk.with_untracked(Clone::clone);
        let mut catalog = self.desk.with_stored_catalog(|c| c.cloned());
        self.replica.update_value(|r| {
            if let Some(r) = r {
                r.take_theirs(&mut desk, &mut catalog, theirs, &missing);
            }
        });
        self.desk
            .take_from_team(desk, catalog)
            .map_err(|_| RoundError::Failed)?;
        self.save_replica();
        Ok(())
    }

    /// Reads `_changes` since the checkpoint, a page at a time, into a copy of the desk that
    /// is saved once at the end. A change made here meanwhile drops the copy (and the
    /// checkpoint stays): the next round reads the same changes again.
    async fn pull(&self, database: &str) -> Result<(), RoundError> {
        let since_before = self.with_replica(|r| r.since.clone())?;
        // The replica as it was, kept from the first page with changes (it can be large).
        let mut before = None;
        let audit_before = self.desk.with_untracked(|d| d.audit.len());
        let mut copy: Option<(crate::domain::Desk, Option<crate::domain::Catalog>)> = None;
        let mut changed = false;
        let mut read = 0;
        loop {
            let since = self.with_replica(|r| r.since.clone())?;
            let url = format!(
                "{database}/_changes?include_docs=true&limit={}&since={}",
                team::BATCH,
                js_encode(&since)
            );
            crate::ui::perf::start("sd:team-page-fetch");
            let answer = checked(request("GET", &url, None).await)?;
            crate::ui::perf::end("sd:team-page-fetch");
            if team::changes_in(&answer.body) == 0 {
                self.replica.update_value(|r| {
                    if let Some(r) = r {
                        let _ = r.apply_changes(&mut Default::default(), &mut None, &answer.body);
                    }
                });
                break;
            }
            if before.is_none() {
                before = Some(self.replica.get_value());
            }
            let (desk, catalog) = copy.get_or_insert_with(|| {
                (
                    self.desk.with_untracked(Clone::clone),
                    self.desk.with_stored_catalog(|c| c.cloned()),
                )
            });
            let pulled = crate::ui::perf::measure("sd:team-page-apply", || {
                self.replica.try_update_value(|r| {
                    r.as_mut()
                        .map(|r| r.apply_changes(desk, catalog, &answer.body))
                })
            })
            .flatten()
            .ok_or(RoundError::Failed)?
            .map_err(|_| RoundError::Failed)?;
            changed |= pulled.desk_changed || pulled.catalog_changed;
            read += pulled.rows;
            if !pulled.more {
                break;
            }
            // A long read (a first sync) shows how far it is.
            let total = read + usize::try_from(pulled.pending).unwrap_or(usize::MAX);
            self.progress.set(Some((read, total)));
        }
        if self.progress.with_untracked(Option::is_some) {
            self.progress.set(None);
        }
        if let Some(before) = before {
            if self.desk.with_untracked(|d| d.audit.len()) != audit_before {
                self.replica.set_value(before);
                self.again.set_value(true);
                return Ok(());
            }
        }
        if let (true, Some((desk, catalog))) = (changed, copy) {
            crate::ui::perf::measure("sd:team-save", || self.desk.take_from_team(desk, catalog))
                .map_err(|_| RoundError::Failed)?;
        }
        if self.with_replica(|r| r.since != since_before)? {
            self.save_replica();
        }
        Ok(())
    }

    /// Settles conflicts with the server's version of these records.
    pub async fn reload_theirs(&self, ids: Vec<String>) {
        let Ok(database) = self.with_replica(|r| r.database.clone()) else {
            return;
        };
        if self.take_theirs(&database, &ids).await.is_ok() {
            self.show_replica();
            self.round();
        }
    }

    /// Settles conflicts with this browser's version, sent as an update of the server's.
    pub async fn keep_mine(&self, ids: Vec<String>) {
        let Ok(database) = self.with_replica(|r| r.database.clone()) else {
            return;
        };
        let url = format!("{database}/_all_docs?include_docs=true");
        let Ok(answer) = checked(request("POST", &url, Some(&team::all_docs_request(&ids))).await)
        else {
            return;
        };
        let Ok((theirs, _)) = team::read_all_docs(&answer.body) else {
            return;
        };
        self.replica.update_value(|r| {
            if let Some(r) = r {
                for doc in &theirs {
                    r.keep_mine(&doc.id, &doc.rev);
                }
            }
        });
        self.save_replica();
        self.show_replica();
        self.round();
    }

    fn with_replica<R>(&self, f: impl FnOnce(&Replica) -> R) -> Result<R, RoundError> {
        self.replica
            .with_value(|r| r.as_ref().map(f))
            .ok_or(RoundError::SignedOut)
    }

    fn save_replica(&self) {
        crate::ui::perf::measure("sd:team-replica-save", || {
            self.replica.with_value(|r| {
                if let Some(r) = r {
                    let _ = self.storage.with_value(|s| team::save(s.store.as_ref(), r));
                }
            })
        });
    }

    /// Shows what the replica holds: changes waiting, conflicts.
    fn show_replica(&self) {
        let (waiting, conflicts) = self.replica.with_value(|r| {
            r.as_ref().map_or((0, Vec::new()), |r| {
                (r.waiting(), r.conflicts.keys().cloned().collect())
            })
        });
        if self.waiting.get_untracked() != waiting {
            self.waiting.set(waiting);
        }
        if self.conflicts.with_untracked(|c| *c != conflicts) {
            self.conflicts.set(conflicts);
        }
    }
}

/// What a round sends next: the replica's next `_bulk_docs` body from the desk and its stored
/// catalog (records, or audit entries), if any.
type NextBatch =
    dyn Fn(&Replica, &crate::domain::Desk, Option<&crate::domain::Catalog>) -> Option<String>;

/// Why a round stopped.
enum RoundError {
    Unreachable,
    SignedOut,
    Failed,
}

/// The answer, if it is a success; the round's error otherwise.
fn checked(answer: Result<Answer, Unreachable>) -> Result<Answer, RoundError> {
    match answer {
        Err(Unreachable) => Err(RoundError::Unreachable),
        Ok(a) if a.ok() => Ok(a),
        Ok(a) if a.status == 401 || a.status == 403 => Err(RoundError::SignedOut),
        // A proxy with its server down answers 502 or 504: the server is not there.
        Ok(a) if a.status == 502 || a.status == 503 || a.status == 504 => {
            Err(RoundError::Unreachable)
        }
        Ok(_) => Err(RoundError::Failed),
    }
}

/// A new audit entry's document id: now, and 32 random bits.
fn new_audit_id() -> String {
    let random = u32::from_str_radix(&crate::ui::ids::new_id()[..8], 16).unwrap_or(0);
    team::audit_id(js_now_ms(), random)
}

fn js_now_ms() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as u64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64)
    }
}

/// A checkpoint in a query string (CouchDB's are opaque strings with `-` and base64).
fn js_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
