//! Holds a page back in the moment after start while the desk is still being read.

use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;
use crate::ui::state::use_desk;

/// Shows `children` once the customers and subscriptions are read (with `audit_log`, once the
/// whole audit log is, which it asks for), and a status line with a progress bar until then.
/// Start-up reads the customers, draws the list, and reads the subscriptions in slices right
/// after the first paint, the audit log only when a page shows it; every page but the customers
/// list sits inside this, so none of them shows a desk without its subscriptions, and none that
/// shows the log a part of it.
#[component]
pub fn DeskLoaded(children: ChildrenFn, #[prop(optional)] audit_log: bool) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    if audit_log {
        // Start-up reads the records and the newest of the log; the rest is read when shown.
        Effect::new(move |_| desk.read_audit_log());
    }
    view! {
        <Show
            when=move || if audit_log { desk.is_loaded() } else { desk.records_loaded() }
            fallback=move || {
                // Indeterminate until the first slice has counted the buckets.
                let counted = move || {
                    let (read, total) = desk.loading_progress();
                    (total > 0).then_some((read, total))
                };
                view! {
                    <div class="page loading" role="status">
                        <p id="desk-loading-text">{tr!(i18n, shell.loading_desk)}</p>
                        <progress
                            aria-labelledby="desk-loading-text"
                            max=move || counted().map(|(_, total)| total.to_string())
                            value=move || counted().map(|(read, _)| read.to_string())
                        ></progress>
                    </div>
                }
            }
        >
            {children()}
        </Show>
    }
}
