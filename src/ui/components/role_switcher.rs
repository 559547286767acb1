use leptos::prelude::*;

use crate::domain::Role;
use crate::i18n::*;
use crate::store::preferences::ROLE_KEY;
use crate::tr;
use crate::ui::preferences::use_storage;

/// Who is acting: every change the desk records names this role.
#[derive(Clone, Copy)]
pub struct ActingRole(pub RwSignal<Role>);

/// Provides the acting role, restored from storage (Sales agent when unset) and saved on change.
pub fn provide_acting_role() {
    let storage = use_storage();
    let saved = storage
        .store
        .get(ROLE_KEY)
        .and_then(|v| serde_json::from_str::<Role>(&v).ok())
        .unwrap_or(Role::SalesAgent);
    let role = RwSignal::new(saved);
    Effect::new(move |_| {
        if let Ok(json) = serde_json::to_string(&role.get()) {
            let _ = storage.store.set(ROLE_KEY, &json);
        }
    });
    provide_context(ActingRole(role));
}

/// The acting role provided by [`provide_acting_role`].
pub fn use_acting_role() -> RwSignal<Role> {
    expect_context::<ActingRole>().0
}

/// The role's name in the current language.
pub fn role_name(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> &'static str {
    match role {
        Role::GlobalAdmin => t_string!(i18n, shell.roles.global_admin),
        Role::AdminAgent => t_string!(i18n, shell.roles.admin_agent),
        Role::SalesAgent => t_string!(i18n, shell.roles.sales_agent),
    }
}

fn role_value(role: Role) -> &'static str {
    match role {
        Role::GlobalAdmin => "global-admin",
        Role::AdminAgent => "admin-agent",
        Role::SalesAgent => "sales-agent",
    }
}

/// A labelled select of Global admin, Admin agent and Sales agent.
#[component]
pub fn RoleSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let role = use_acting_role();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some(r) = Role::ALL.into_iter().find(|r| role_value(*r) == value) {
            role.set(r);
        }
    };
    view! {
        <label class="control">
            <span>{tr!(i18n, shell.role_label)}</span>
            <select on:change=on_change prop:value=move || role_value(role.get())>
                {Role::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <option value=role_value(r) selected=move || role.get() == r>
                                {move || role_name(i18n, r)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
