//! The countries/regions the app offers in its selects (ISO 3166-1 alpha-2), named in the
//! current language. One list for customers and the partner.

use crate::i18n::*;

/// The countries offered in "Country/region", in this order.
pub const COUNTRIES: [&str; 20] = [
    "US", "CA", "GB", "IE", "SE", "NO", "DK", "FI", "PL", "DE", "FR", "NL", "ES", "IT", "AU", "NZ",
    "JP", "IN", "BR", "MX",
];

/// A country's name in the current language; the code itself for one not in [`COUNTRIES`]
/// (data imported from elsewhere may carry any ISO code).
pub fn country_name(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    let name = match code {
        "US" => t_string!(i18n, shell.countries.us),
        "CA" => t_string!(i18n, shell.countries.ca),
        "GB" => t_string!(i18n, shell.countries.gb),
        "IE" => t_string!(i18n, shell.countries.ie),
        "SE" => t_string!(i18n, shell.countries.se),
        "NO" => t_string!(i18n, shell.countries.no),
        "DK" => t_string!(i18n, shell.countries.dk),
        "FI" => t_string!(i18n, shell.countries.fi),
        "PL" => t_string!(i18n, shell.countries.pl),
        "DE" => t_string!(i18n, shell.countries.de),
        "FR" => t_string!(i18n, shell.countries.fr),
        "NL" => t_string!(i18n, shell.countries.nl),
        "ES" => t_string!(i18n, shell.countries.es),
        "IT" => t_string!(i18n, shell.countries.it),
        "AU" => t_string!(i18n, shell.countries.au),
        "NZ" => t_string!(i18n, shell.countries.nz),
        "JP" => t_string!(i18n, shell.countries.jp),
        "IN" => t_string!(i18n, shell.countries.india),
        "BR" => t_string!(i18n, shell.countries.br),
        "MX" => t_string!(i18n, shell.countries.mx),
        other => return other.to_string(),
    };
    name.to_string()
}
