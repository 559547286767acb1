//! The Data page's "Team desk": sign in to the partner's CouchDB server, the sync's status,
//! the first sync's choice, sign out.

use leptos::prelude::*;

use crate::domain::{permits, Operation};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::storage_banner::store_error_text;
use crate::ui::download::export_desk;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::team_desk::{use_team_desk, SignInError, SyncStatus, DEFAULT_DATABASE};

/// Signed out: the sign-in form; signed in: who, the status, sign out; between the two, the
/// first sync's choice.
#[component]
pub fn TeamDeskPanel() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    view! {
        <section class="data-section" aria-labelledby="team-desk-heading" data-testid="team-desk">
            <h2 id="team-desk-heading">{tr!(i18n, team.heading)}</h2>
            <p>{tr!(i18n, team.intro)}</p>
            {move || match (team.session(), team.first_sync()) {
                (_, Some(_)) => view! { <FirstSync /> }.into_any(),
                (Some(_), None) => view! { <SignedIn /> }.into_any(),
                (None, None) => view! { <SignInForm /> }.into_any(),
            }}
        </section>
    }
}

/// The server's database, the user name and the password.
#[component]
fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let database = RwSignal::new(DEFAULT_DATABASE.to_string());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<SignInError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let (d, u, p) = (
                database.get_untracked(),
                user.get_untracked(),
                password.get_untracked(),
            );
            let result = team.sign_in(&d, &u, &p).await;
            busy.set(false);
            match result {
                Ok(()) => password.set(String::new()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="team-sign-in" on:submit=submit>
            <label>
                <span>{tr!(i18n, team.database_label)}</span>
                <input type="text" required prop:value=database
                    on:input=move |ev| database.set(event_target_value(&ev)) />
                <small>{tr!(i18n, team.database_hint)}</small>
            </label>
            <label>
                <span>{tr!(i18n, team.user_label)}</span>
                <input type="text" required autocomplete="username" prop:value=user
                    on:input=move |ev| user.set(event_target_value(&ev)) />
            </label>
            <label>
                <span>{tr!(i18n, team.password_label)}</span>
                <input type="password" required autocomplete="current-password" prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            <button type="submit" disabled=busy>
                {move || if busy.get() { tr!(i18n, team.signing_in).into_any() } else { tr!(i18n, team.sign_in).into_any() }}
            </button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{sign_in_error_text(i18n, &e)}</p> })}
        </form>
    }
}

/// Why signing in did not work, in words.
fn sign_in_error_text(i18n: leptos_i18n::I18nContext<Locale>, error: &SignInError) -> String {
    match error {
        SignInError::WrongPassword => t_string!(i18n, team.error_wrong_password).to_string(),
        SignInError::NoRole => t_string!(i18n, team.error_no_role).to_string(),
        SignInError::NoDatabase => t_string!(i18n, team.error_no_database).to_string(),
        SignInError::Unreachable => t_string!(i18n, team.error_unreachable).to_string(),
        SignInError::Server(status) => {
            t_string!(i18n, team.error_server, status = status).to_string()
        }
    }
}

/// Who is signed in, where the sync stands, and sign out.
#[component]
fn SignedIn() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let signed_in = move || {
        team.session().map(|s| {
            let role = s.role.name(i18n.get_locale());
            t_string!(
                i18n,
                team.signed_in,
                user = s.user,
                role = role,
                database = s.database
            )
            .to_string()
        })
    };
    view! {
        <p data-testid="team-signed-in">{signed_in}</p>
        <p>{tr!(i18n, team.role_from_server)}</p>
        <SyncStatusLine />
        <Show when=move || team.status() == SyncStatus::SignedOut>
            <SignInForm />
        </Show>
        <Show when=move || { team.waiting() > 0 }>
            <p class="hint">{tr!(i18n, team.sign_out_waiting)}</p>
        </Show>
        <button type="button" on:click=move |_| leptos::task::spawn_local(async move { team.sign_out().await })>
            {tr!(i18n, team.sign_out)}
        </button>
    }
}

/// The sync's status and the changes waiting, announced politely as they change.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let status = move || match team.status() {
        SyncStatus::InStep => t_string!(i18n, team.status_in_step).to_string(),
        SyncStatus::Syncing => t_string!(i18n, team.status_syncing).to_string(),
        SyncStatus::Unreachable => t_string!(i18n, team.status_unreachable).to_string(),
        SyncStatus::SignedOut => t_string!(i18n, team.status_signed_out).to_string(),
        SyncStatus::Failed => t_string!(i18n, team.status_failed).to_string(),
        SyncStatus::OtherTab => t_string!(i18n, team.status_other_tab).to_string(),
    };
    let waiting = move || {
        let n = team.waiting();
        (n > 0).then(|| Counted::TeamWaiting.text(i18n.get_locale(), n, &[]))
    };
    view! {
        <p class="team-status" role="status" data-testid="team-status" data-status=move || format!("{:?}", team.status())>
            {status}
            " "
            <span data-testid="team-waiting">{waiting}</span>
        </p>
        {move || team.progress().map(|(read, total)| view! {
            <label class="team-progress">
                <span>{move || t_string!(i18n, team.reading, read = numbers::count(i18n, read), total = numbers::count(i18n, total)).to_string()}</span>
                <progress max=total.to_string() value=read.to_string()></progress>
            </label>
        })}
    }
}

/// A desk here and a server this desk never synced with: upload it, or take the server's
/// (with an export offered first).
#[component]
fn FirstSync() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    let error = RwSignal::new(None::<String>);
    let may_upload = move || {
        team.first_sync()
            .is_some_and(|s| permits(s.role, Operation::ManageData))
    };
    let replace = move |_| {
        if let Err(e) = team.take_servers_desk() {
            error.set(Some(store_error_text(i18n, &e)));
        }
    };
    view! {
        <div class="team-first-sync" role="group" aria-labelledby="team-first-heading">
            <h3 id="team-first-heading">{tr!(i18n, team.first_heading)}</h3>
            <p>{tr!(i18n, team.first_intro)}</p>
            // Uploading a desk replaces data for the whole team: a Global admin's, as an import is.
            <Show
                when=move || may_upload()
                fallback=move || view! { <p class="hint">{tr!(i18n, team.first_upload_global_admin)}</p> }
            >
                <button type="button" on:click=move |_| team.upload()>{tr!(i18n, team.first_upload)}</button>
            </Show>
            <button type="button" on:click=move |_| export_desk()>{tr!(i18n, team.first_export)}</button>
            <button type="button" on:click=replace>{tr!(i18n, team.first_replace)}</button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}
