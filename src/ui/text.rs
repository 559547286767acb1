//! Translated texts that follow the chosen language, at one cost in the bundle.
//!
//! leptos_i18n's `t!` expands to a new closure at every call site, and Leptos compiles its
//! rendering code once per closure type: a few hundred bytes of wasm for each of the ~250 texts.
//! [`tr!`](crate::tr) hands the text over as a plain function of the language instead, so every
//! translated text is one and the same closure type and its rendering code exists once.

use crate::i18n::Locale;
use leptos_i18n::I18nContext;

/// The text that `pick` gives for the current language, re-read when the language changes.
pub fn text(
    i18n: I18nContext<Locale>,
    pick: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || pick(i18n.get_locale())
}

/// `tr!(i18n, namespace.key)`: the translated text of a key, as a view that follows the
/// language. Use it where `t!(i18n, key)` would go: a text without interpolations.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::ui::text::text($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}
