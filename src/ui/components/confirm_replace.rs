//! The question asked before the desk is emptied or replaced (Reset, Load sample data).

use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;
use crate::ui::download::export_desk;

/// Asks before the whole desk goes, offering "Export the desk first" beside the choice.
#[component]
pub fn ConfirmReplace(
    /// The id of the question's paragraph, which labels the dialog.
    text_id: &'static str,
    /// The question, e.g. "Delete the whole desk?".
    text: Signal<&'static str>,
    /// The words of the button that goes ahead.
    confirm_label: Signal<&'static str>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="data-confirm" role="alertdialog" aria-labelledby=text_id>
            <p id=text_id>{text}</p>
            <button type="button" on:click=move |_| export_desk()>{tr!(i18n, data.reset.export_first)}</button>
            <button type="button" class="danger" on:click=move |_| on_confirm.run(())>{confirm_label}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>{tr!(i18n, data.reset.cancel)}</button>
        </div>
    }
}
