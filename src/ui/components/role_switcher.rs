use leptos::prelude::*;

use crate::domain::Role;
use crate::i18n::*;
use crate::store::preferences::ROLE_KEY;
use crate::tr;
use crate::ui::components::named_select::NamedSelect;
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

/// A labelled select of Global admin, Admin agent and Sales agent.
#[component]
pub fn RoleSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let role = use_acting_role();
    view! {
        <label class="control">
            <span>{tr!(i18n, shell.role_label)}</span>
            <NamedSelect
                id="acting-role"
                options=Role::ALL.to_vec()
                value=Signal::derive(move || Some(role.get()))
                on_change=Callback::new(move |r: Option<Role>| {
                    if let Some(r) = r {
                        role.set(r)
                    }
                })
            />
        </label>
    }
}
