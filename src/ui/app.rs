use std::sync::OnceLock;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::i18n::*;
use crate::tr;
use crate::ui::clock::provide_app_clock;
use crate::ui::components::desk_loaded::DeskLoaded;
use crate::ui::components::header::AppHeader;
use crate::ui::components::role_switcher::provide_acting_role;
use crate::ui::components::update_banner::UpdateBanner;
use crate::ui::pages::{
    AddCustomerPage, AuditLogPage, CustomerAccountPage, CustomerSubscriptionsPage, CustomersPage,
    DataPage, MicrosoftPage, NewSubscriptionPage, NotFoundPage, PartnerSettingsPage,
    SubscriptionsPage,
};
use crate::ui::preferences::{provide_preferences, PersistLocale};
use crate::ui::service_worker::provide_app_update;
use crate::ui::state::provide_desk_state;

/// The whole application: providers, header and routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_preferences();
    provide_app_clock();
    provide_acting_role();
    provide_desk_state();
    crate::ui::team_desk::provide_team_desk();
    provide_app_update();

    view! {
        <I18nContextProvider>
            <PersistLocale />
            <AppTitle />
            <Router base=router_base()>
                <SkipLink />
                <AppHeader />
                <crate::ui::components::storage_banner::StorageBanner />
                <crate::ui::components::team_desk_banner::TeamDeskBanner />
                <UpdateBanner />
                <main id="main" tabindex="-1">
                    // The customers list draws from the customers alone; every other page waits
                    // for the subscriptions, read just after the first paint, and the pages that
                    // show the audit log (its own, and the Data page's counts) for the log,
                    // read after them (DeskState).
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=|| view! { <Redirect path="/customers" /> } />
                        <Route path=path!("/customers") view=CustomersPage />
                        <Route path=path!("/customers/new") view=after_load(AddCustomerPage) />
                        <Route path=path!("/customers/:id") view=after_load(CustomerAccountPage) />
                        <Route path=path!("/customers/:id/subscriptions") view=after_load(CustomerSubscriptionsPage) />
                        <Route path=path!("/customers/:id/subscriptions/new") view=after_load(NewSubscriptionPage) />
                        <Route path=path!("/subscriptions") view=after_load(SubscriptionsPage) />
                        <Route path=path!("/partner-settings") view=after_load(PartnerSettingsPage) />
                        <Route path=path!("/microsoft") view=after_load(MicrosoftPage) />
                        <Route path=path!("/audit-log") view=after_audit_log(AuditLogPage) />
                        <Route path=path!("/data") view=after_audit_log(DataPage) />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}

/// A route's view that waits for the customers and subscriptions (see [`DeskLoaded`]).
fn after_load<P>(page: fn() -> P) -> impl Fn() -> AnyView + Clone + Send + 'static
where
    P: IntoView + 'static,
{
    move || view! { <DeskLoaded>{page()}</DeskLoaded> }.into_any()
}

/// A route's view that waits for the whole desk, its audit log too (see [`DeskLoaded`]).
fn after_audit_log<P>(page: fn() -> P) -> impl Fn() -> AnyView + Clone + Send + 'static
where
    P: IntoView + 'static,
{
    move || view! { <DeskLoaded audit_log=true>{page()}</DeskLoaded> }.into_any()
}

/// "Skip to main content" for keyboard users. It moves focus itself: with `<base href>` a plain
/// `#main` link would resolve to the app's root and be routed there.
#[component]
fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        let main = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("main"))
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
        if let Some(main) = main {
            let _ = main.focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>{tr!(i18n, shell.skip_to_content)}</a> }
}

/// The document title follows the language.
#[component]
fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title text=move || t_string!(i18n, shell.app_name).to_owned() /> }
}

/// The path the app is served under, without a trailing slash: `""` at the root, or e.g.
/// `"/segment-desk"` when built with `trunk build --public-url /segment-desk/`. Trunk writes the
/// public URL into `<base href>`, so deep links resolve the same way under any subpath.
pub fn router_base() -> String {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let href = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("base[href]").ok().flatten())
            .and_then(|base| base.get_attribute("href"));
        base_path(href.as_deref().unwrap_or("/"))
    })
    .clone()
}

/// The href of an app path (`"/customers"`) for `<A href=…>`: leptos_router 0.8 leaves absolute
/// hrefs as they are, so the base is added here. (`use_navigate` and `<Redirect>` add it
/// themselves: give them the bare path.)
pub fn href(path: &str) -> String {
    format!("{}{path}", router_base())
}

/// `https://host/segment-desk/` → `/segment-desk`; `https://host/` → ``.
fn base_path(base_uri: &str) -> String {
    let after_scheme = base_uri
        .split_once("://")
        .map_or(base_uri, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_strips_origin_and_trailing_slash() {
        assert_eq!(base_path("http://127.0.0.1:8080/"), "");
        assert_eq!(
            base_path("https://example.org/segment-desk/"),
            "/segment-desk"
        );
        assert_eq!(base_path("https://example.org/a/b/?x=1"), "/a/b");
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("/segment-desk/"), "/segment-desk");
    }
}
