use leptos::prelude::*;

use crate::i18n::*;
use crate::tr;

/// Each language named in itself, so it can be found whatever language is showing.
fn endonym(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::sv => "Svenska",
        Locale::pl => "Polski",
    }
}

/// A labelled select that switches the interface language (saved by `PersistLocale`).
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some(locale) = Locale::get_all().iter().find(|l| l.as_str() == value) {
            i18n.set_locale(*locale);
        }
    };
    view! {
        <label class="control">
            <span>{tr!(i18n, shell.language_label)}</span>
            <select on:change=on_change prop:value=move || i18n.get_locale().as_str()>
                {Locale::get_all()
                    .iter()
                    .map(|locale| {
                        let locale = *locale;
                        view! {
                            <option value=locale.as_str() lang=locale.as_str()
                                selected=move || i18n.get_locale() == locale>
                                {endonym(locale)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
