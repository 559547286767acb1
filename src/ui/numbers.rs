//! Numbers as the chosen language writes them: "10,000" and "5.4" in English, "10 000" and "5,4"
//! in Swedish and Polish (Polish leaves four digits ungrouped: "1000"). The browser's `Intl`
//! holds these rules (CLDR), so the bundle carries none of them.

use crate::i18n::Locale;
use leptos_i18n::{I18nContext, Locale as _};

/// A count (customers, subscriptions, bytes), its digits grouped; follows the language.
pub fn count(i18n: I18nContext<Locale>, n: usize) -> String {
    format(i18n.get_locale(), n as f64, 0)
}

/// A number with exactly one decimal; follows the language.
pub fn one_decimal(i18n: I18nContext<Locale>, x: f64) -> String {
    format(i18n.get_locale(), x, 1)
}

#[cfg(target_arch = "wasm32")]
fn format(locale: Locale, x: f64, fraction_digits: u8) -> String {
    use wasm_bindgen::JsValue;
    let options = js_sys::Object::new();
    for key in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &fraction_digits.into());
    }
    let locales = js_sys::Array::of1(&locale.as_str().into());
    js_sys::Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &x.into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{x:.*}", usize::from(fraction_digits)))
}

/// Native builds (the unit tests) have no `Intl`: plain digits.
#[cfg(not(target_arch = "wasm32"))]
fn format(_: Locale, x: f64, fraction_digits: u8) -> String {
    format!("{x:.*}", usize::from(fraction_digits))
}
