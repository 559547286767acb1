//! Numbers, prices and dates as the chosen language writes them: "10,000" and "5.4" in English,
//! "10 000" and "5,4" in Swedish and Polish (Polish leaves four digits ungrouped: "1000");
//! "$21.00", "21,00 US$", "21,00 USD"; "2 Dec 2026", "2026-12-02", "02.12.2026". The browser's
//! `Intl` holds these rules (CLDR), so the bundle carries none of them. Dates stay ISO where they
//! are data (CSV, JSON, inputs, `<time datetime>`); this module is for the words on screen.

use crate::domain::{PricePer, SamplePrice};
use crate::i18n::*;
use chrono::NaiveDate;
use leptos_i18n::I18nContext;

/// A count (customers, subscriptions, bytes), its digits grouped; follows the language.
pub fn count(i18n: I18nContext<Locale>, n: usize) -> String {
    count_in(i18n.get_locale(), n)
}

/// [`count`] for a given language (where there is no i18n context, e.g. reasons in words).
pub fn count_in(locale: Locale, n: usize) -> String {
    format(locale, n as f64, 0)
}

/// A number with exactly one decimal; follows the language.
pub fn one_decimal(i18n: I18nContext<Locale>, x: f64) -> String {
    format(i18n.get_locale(), x, 1)
}

#[cfg(target_arch = "wasm32")]
fn format(locale: Locale, x: f64, fraction_digits: u8) -> String {
    let options = js_sys::Object::new();
    for key in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &fraction_digits.into());
    }
    format_with(locale.as_str(), &options, x).unwrap_or_else(|| plain(x, fraction_digits))
}

/// Native builds (the unit tests) have no `Intl`: plain digits.
#[cfg(not(target_arch = "wasm32"))]
fn format(_: Locale, x: f64, fraction_digits: u8) -> String {
    plain(x, fraction_digits)
}

/// `x` in plain digits with `fraction_digits` decimals (up to 9), as the app writes numbers
/// where `Intl` cannot: "22.00", "-0.5". Rounded in integers, not through `f64`'s `Display`,
/// which would put about 10 KB of float formatting in the module for this alone.
fn plain(x: f64, fraction_digits: u8) -> String {
    let digits = u32::from(fraction_digits.min(9));
    let scale = 10_i64.pow(digits);
    let scaled = (x * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, fraction) = (
        scaled.unsigned_abs() / scale as u64,
        scaled.unsigned_abs() % scale as u64,
    );
    match digits {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{fraction:0width$}", width = digits as usize),
    }
}

/// A price in US dollars (the sample catalog's currency) as the language writes it:
/// `2200` → "$22.00", "22,00 US$", "22,00 USD".
pub fn usd(locale: Locale, cents: u32) -> String {
    money(locale, f64::from(cents) / 100.0, "USD")
}

/// An amount of `currency` (ISO 4217, as the price list gives it) as the language writes it:
/// "€1,234.50", "1 234,50 €", "1234,50 EUR".
pub fn money(locale: Locale, amount: f64, currency: &str) -> String {
    // Intl throws on a code that is not three letters; the catalog only holds such codes.
    #[cfg(target_arch = "wasm32")]
    if currency.len() == 3 && currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
        let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
        if let Some(text) = format_with(locale.as_str(), &options, amount) {
            return text;
        }
    }
    let _ = locale;
    let amount = plain(amount, 2);
    match currency {
        "USD" => format!("${amount}"),
        _ => format!("{amount} {currency}"),
    }
}

/// A date on screen as the language writes it: English "2 Dec 2026" (day, short month, year, as
/// Partner Center's English pages show dates), Swedish "2026-12-02", Polish "02.12.2026".
pub fn date(locale: Locale, date: NaiveDate) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use chrono::Datelike;
        use std::cell::RefCell;
        thread_local! {
            /// One `Intl.DateTimeFormat` per language, made at its first use.
            static FORMATS: RefCell<Vec<(Locale, js_sys::Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
        }
        let utc = js_sys::Date::new(
            &js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0())).into(),
        );
        utc.set_utc_date(date.day());
        let text = FORMATS.with_borrow_mut(|formats| {
            let at = match formats.iter().position(|(l, _)| *l == locale) {
                Some(at) => at,
                None => {
                    formats.push((locale, date_format(locale)));
                    formats.len() - 1
                }
            };
            formats[at]
                .1
                .format()
                .call1(&wasm_bindgen::JsValue::NULL, &utc)
        });
        if let Some(text) = text.ok().and_then(|t| t.as_string()) {
            return text;
        }
    }
    let _ = locale;
    // ISO: chrono's own `Display`, without its format-string machinery in the bundle.
    date.to_string()
}

/// The `Intl.DateTimeFormat` of a language's on-screen dates, in UTC (a date has no time zone).
#[cfg(target_arch = "wasm32")]
fn date_format(locale: Locale) -> js_sys::Intl::DateTimeFormat {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("timeZone", "UTC");
    set("year", "numeric");
    // English writes "2 Dec 2026" as en-GB does; en-US would write "Dec 2, 2026".
    let tag = match locale {
        Locale::en => {
            set("month", "short");
            set("day", "numeric");
            "en-GB"
        }
        _ => {
            set("month", "2-digit");
            set("day", "2-digit");
            locale.as_str()
        }
    };
    let locales = js_sys::Array::of1(&tag.into());
    js_sys::Intl::DateTimeFormat::new(&locales, &options)
}

#[cfg(target_arch = "wasm32")]
fn format_with(tag: &str, options: &js_sys::Object, x: f64) -> Option<String> {
    let locales = js_sys::Array::of1(&tag.into());
    js_sys::Intl::NumberFormat::new(&locales, options)
        .format()
        .call1(&wasm_bindgen::JsValue::NULL, &x.into())
        .ok()
        .and_then(|text| text.as_string())
}

/// The sample price in words, e.g. "$22.00 per seat per month".
pub fn price_text(i18n: I18nContext<Locale>, price: &SamplePrice) -> String {
    let amount = usd(i18n.get_locale(), price.usd_cents);
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
    use super::*;

    /// Natively (no `Intl`) prices and dates fall back to "$22.00" and ISO dates.
    #[test]
    fn without_intl_prices_have_two_decimals_and_dates_are_iso() {
        assert_eq!(usd(Locale::sv, 2200), "$22.00");
        assert_eq!(usd(Locale::en, 5), "$0.05");
        let d = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(date(Locale::pl, d), "2026-12-02");
        assert_eq!(money(Locale::en, 1234.5, "EUR"), "1234.50 EUR");
        assert_eq!(money(Locale::en, -0.004, "EUR"), "0.00 EUR");
        assert_eq!(money(Locale::en, -2.5, "USD"), "$-2.50");
        assert_eq!(count_in(Locale::sv, 12_345), "12345");
    }
}
