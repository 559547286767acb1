use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::language_switcher::LanguageSwitcher;
use crate::ui::components::role_switcher::RoleSwitcher;
use crate::ui::href;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::team_desk::use_team_desk;

/// The app's header: name, main navigation, acting role, language and the app clock's date.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_app_clock();
    view! {
        <header class="app-header">
            <div class="brand">
                <A href=href("/customers") attr:class="brand-name">{tr!(i18n, shell.app_name)}</A>
            </div>
            <nav class="main-nav" aria-label=move || t_string!(i18n, shell.nav_label)>
                <A href=href("/customers")>{tr!(i18n, shell.nav.customers)}</A>
                <A href=href("/subscriptions")>{tr!(i18n, shell.nav.subscriptions)}</A>
                <A href=href("/partner-settings")>{tr!(i18n, shell.nav.partner_settings)}</A>
                <A href=href("/microsoft")>{tr!(i18n, shell.nav.microsoft)}</A>
                <A href=href("/audit-log")>{tr!(i18n, shell.nav.audit_log)}</A>
                <A href=href("/data")>{tr!(i18n, shell.nav.data)}</A>
            </nav>
            <div class="header-controls">
                <ActingAs />
                <LanguageSwitcher />
                <p class="app-clock" title=move || t_string!(i18n, shell.clock_title)>
                    <span class="label">{tr!(i18n, shell.clock_label)}</span>
                    " "
                    <time data-testid="app-clock" datetime=move || clock.today().to_string()>
                        {move || numbers::date(i18n.get_locale(), clock.today())}
                    </time>
                </p>
            </div>
        </header>
    }
}

/// Who acts: the role switch on a local desk; signed in to a team desk, the user and the role
/// the server gives them, with the changes not yet sent.
#[component]
fn ActingAs() -> impl IntoView {
    let i18n = use_i18n();
    let team = use_team_desk();
    move || match team.session() {
        None => view! { <RoleSwitcher /> }.into_any(),
        Some(s) => {
            let user = move || {
                let role = s.role.name(i18n.get_locale());
                t_string!(i18n, team.header_user, user = s.user.clone(), role = role).to_string()
            };
            let waiting = move || {
                let n = team.waiting();
                (n > 0).then(|| Counted::TeamWaiting.text(i18n.get_locale(), n, &[]))
            };
            view! {
                <p class="acting-as" data-testid="acting-as">
                    {user}
                    <span class="team-waiting" data-testid="header-waiting">{waiting}</span>
                </p>
            }
            .into_any()
        }
    }
}
