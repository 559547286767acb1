//! Holds a page back in the moment after start while the desk is still being read.

use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;
use crate::ui::state::use_desk;

/// Shows `children` once the whole desk is read, and a status line with a progress bar until
/// then. Start-up reads the customers, draws the list, and reads the subscriptions and the audit
/// log in slices right after the first paint; every page but the customers list sits inside
/// this, so none of them shows a desk without its subscriptions.
#[component]
pub fn DeskLoaded(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    view! {
        <Show
            when=move || desk.is_loaded()
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
