//! Numbers as the chosen language writes them: "10,000" and "5.4" in English, "10 000" and "5,4"
//! in Swedish and Polish (Polish leaves four digits ungrouped: "1000"). The browser's `Intl`
//! holds these rules (CLDR), so the bundle carries none of them.

use crate::domain::{PricePer, SamplePrice};
use crate::i18n::*;
use leptos_i18n::I18nContext;

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

/// `2200` → `"$22.00"` (the sample catalog is in USD).
pub fn usd(cents: u32) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// The sample price in words, e.g. "$22.00 per seat per month".
pub fn price_text(i18n: I18nContext<Locale>, price: &SamplePrice) -> String {
    let amount = usd(price.usd_cents);
    match price.per {
        PricePer::SeatMonth => {
            t_string!(i18n, selling.price.seat_month, price = amount).to_string()
        }
        PricePer::License => t_string!(i18n, selling.price.license, price = amount).to_string(),
        PricePer::Usage => t_string!(i18n, selling.price.usage).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::usd;

    #[test]
    fn usd_has_two_decimals() {
        assert_eq!(usd(2200), "$22.00");
        assert_eq!(usd(5), "$0.05");
    }
}
