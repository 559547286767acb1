//! The one `<select>` over named values ([`Named`]): options in the given order, each with its
//! stable value and its name in the current language. The caller puts the `<label for=id>`.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::names::Named;
use crate::ui::text::text;

/// A select of `options`; `value` is the choice shown, `on_change` gets the user's choice.
/// With `empty`, a first option with no value ("All", "Choose…") stands for `None`.
///
/// Only this shell is generic: it turns the choices into their stable values and names and
/// hands them to [`ValueSelect`], so the select's view is compiled once, not once per type
/// (that was about 40 KB of the wasm module; docs/PERFORMANCE.md).
#[component]
pub fn NamedSelect<T: Named>(
    /// The element id (the label's `for`).
    #[prop(into)]
    id: String,
    /// The choices, in order.
    #[prop(into)]
    options: Signal<Vec<T>>,
    /// The choice shown; `None` selects the empty option.
    #[prop(into)]
    value: Signal<Option<T>>,
    /// Called with the user's choice (`None`: the empty option).
    on_change: Callback<Option<T>>,
    /// The text of an empty first option, as a function of the language.
    #[prop(optional)]
    empty: Option<fn(Locale) -> &'static str>,
    /// Ids of the texts that describe the select (its error, its help).
    #[prop(optional, into)]
    described_by: Signal<Option<String>>,
    /// Marks the select invalid (`aria-invalid`).
    #[prop(optional, into)]
    invalid: Signal<bool>,
    /// A choice is required.
    #[prop(optional)]
    required: bool,
    /// Called when the select loses focus.
    #[prop(optional)]
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        let locale = i18n.get_locale();
        options.with(|o| o.iter().map(|&v| (v.value(), v.name(locale))).collect())
    });
    view! {
        <ValueSelect
            id
            options
            value=Signal::derive(move || value.get().map(T::value))
            on_change=Callback::new(move |picked: String| on_change.run(T::from_value(&picked)))
            empty
            described_by
            invalid
            required
            on_blur
        />
    }
}

/// The select itself, over stable values: `options` are `(value, name)` pairs, `value` the
/// stable value shown, `on_change` gets the picked one (`""`: the empty option).
#[component]
fn ValueSelect(
    id: String,
    options: Signal<Vec<(&'static str, &'static str)>>,
    value: Signal<Option<&'static str>>,
    on_change: Callback<String>,
    empty: Option<fn(Locale) -> &'static str>,
    described_by: Signal<Option<String>>,
    invalid: Signal<bool>,
    required: bool,
    on_blur: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <select
            id=id
            required=required
            aria-required=required.then_some("true")
            aria-invalid=move || invalid.get().then_some("true")
            aria-describedby=move || described_by.get()
            prop:value=move || value.get().unwrap_or_default()
            on:change=move |ev| {
                on_change.run(event_target_value(&ev));
                // A refused choice leaves the value as it was: show that, not what was picked.
                let shown = value.get_untracked().unwrap_or_default();
                event_target::<web_sys::HtmlSelectElement>(&ev).set_value(shown);
            }
            on:blur=move |_| {
                if let Some(blur) = on_blur {
                    blur.run(())
                }
            }
        >
            {empty.map(|pick| {
                view! { <option value="" selected=move || value.get().is_none()>{text(i18n, pick)}</option> }
            })}
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(option, name)| {
                        view! {
                            <option value=option selected=move || value.get() == Some(option)>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A labelled choice held in `value`: the label, and a [`NamedSelect`] whose empty first
/// option (`empty`: "All", "Choose…") stands for no choice. For filters and previews.
#[component]
pub fn LabelledChoice<T: Named>(
    /// The select's id.
    id: &'static str,
    /// The label, in a language.
    label: fn(Locale) -> &'static str,
    /// The choices, in order.
    options: Vec<T>,
    /// The choice.
    value: RwSignal<Option<T>>,
    /// The text of the empty first option, in a language.
    empty: fn(Locale) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{move || label(i18n.get_locale())}</label>
            <NamedSelect id options value on_change=Callback::new(move |v| value.set(v)) empty />
        </div>
    }
}
