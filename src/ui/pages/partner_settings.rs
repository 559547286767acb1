use leptos::prelude::*;

use crate::domain::{permits, Operation, Reason};
use crate::i18n::*;
use crate::ui::components::action_error::reason_sentence;
use crate::ui::components::page_intro::PageIntro;
use crate::ui::components::partner_gcc_codes::PartnerGccCodes;
use crate::ui::components::partner_profile::PartnerProfileForm;
use crate::ui::components::role_switcher::use_acting_role;
use crate::ui::names::Named;
use crate::ui::state::use_desk;

/// The partner settings page: legal profile (type, country, reseller qualifications) and GCC
/// validation codes. Says up front when the acting role may not change them (the domain's
/// permission), and every refusal again next to its control.
#[component]
pub fn PartnerSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let role = use_acting_role();
    let saved = RwSignal::new(false);
    // A new role starts with a clean slate.
    Effect::new(move |_| {
        role.track();
        saved.set(false);
    });
    let not_permitted = move || {
        let r = role.get();
        (!permits(r, Operation::EditPartnerSettings)).then_some(Reason::RoleNotPermitted {
            role: r,
            operation: Operation::EditPartnerSettings,
        })
    };
    view! {
        <section class="page partner-settings-page" data-page="partner-settings">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.partner_settings.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.partner_settings.intro))
            />
            <p class="ps-role">
                {move || t_string!(i18n, partner.role_hint, role = role.get().name(i18n.get_locale()))}
                {move || not_permitted().map(|r| view! { " " <strong>{reason_sentence(i18n, desk, &r)}</strong> })}
            </p>
            <p role="status" class="ms-outcome">
                {move || saved.get().then(|| t_string!(i18n, partner.saved))}
            </p>
            <div class="ps-grid">
                <PartnerProfileForm saved />
                <PartnerGccCodes saved />
            </div>
        </section>
    }
}
