use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::components::page_intro::PageIntro;

/// The audit log page.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-page="audit-log">
            <PageIntro
                title=Signal::derive(move || t_string!(i18n, shell.pages.audit_log.title))
                intro=Signal::derive(move || t_string!(i18n, shell.pages.audit_log.intro))
            />
            <p class="placeholder">{t!(i18n, shell.coming_soon)}</p>
        </section>
    }
}
