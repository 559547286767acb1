//! The postal address: state/province and postal code by country (docs/RULES.md §1, S24:
//! "complete address incl. city, state, postal code"; S3: the full mailing address is matched
//! against official records).

use super::{AccountInfo, Field, FieldProblem, Problem};

/// Countries whose addresses have a state or province, which is then required
/// (docs/RULES.md §1).
pub const STATE_REQUIRED_COUNTRIES: &[&str] = &["US", "CA", "AU", "BR", "IN", "MX"];

/// The states, the District of Columbia and the inhabited territories of the United States:
/// USPS code and name.
pub const US_STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("MP", "Northern Mariana Islands"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("VI", "U.S. Virgin Islands"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

/// The provinces and territories of Canada: Canada Post code and name.
pub const CA_PROVINCES: &[(&str, &str)] = &[
    ("AB", "Alberta"),
    ("BC", "British Columbia"),
    ("MB", "Manitoba"),
    ("NB", "New Brunswick"),
    ("NL", "Newfoundland and Labrador"),
    ("NT", "Northwest Territories"),
    ("NS", "Nova Scotia"),
    ("NU", "Nunavut"),
    ("ON", "Ontario"),
    ("PE", "Prince Edward Island"),
    ("QC", "Quebec"),
    ("SK", "Saskatchewan"),
    ("YT", "Yukon"),
];

/// Whether an address in `country` needs a state or province.
pub fn state_required(country: &str) -> bool {
    STATE_REQUIRED_COUNTRIES.contains(&country.trim())
}

/// The list the state is chosen from in `country` (code, name), if the app has one: the US
/// and Canada. Elsewhere the state is typed.
pub fn states_of(country: &str) -> Option<&'static [(&'static str, &'static str)]> {
    match country.trim() {
        "US" => Some(US_STATES),
        "CA" => Some(CA_PROVINCES),
        _ => None,
    }
}

/// The forms a postal code is written in, in `country`, as patterns where `N` is a digit,
/// the usual form first; `None` where the app does not check postal codes. Sweden writes
/// `NNN NN`, and `NNNNN` (without the space, as many type it) is accepted too
/// (docs/RULES.md, decisions).
pub fn postal_code_forms(country: &str) -> Option<&'static [&'static str]> {
    match country.trim() {
        "SE" => Some(&["NNN NN", "NNNNN"]),
        "PL" => Some(&["NN-NNN"]),
        "US" => Some(&["NNNNN", "NNNNN-NNNN"]),
        _ => None,
    }
}

/// Whether `code` has the form `pattern` (`N` a digit, any other character itself).
fn has_form(code: &str, pattern: &str) -> bool {
    code.len() == pattern.len()
        && code.chars().zip(pattern.chars()).all(|(c, p)| match p {
            'N' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// The state and the postal code of an address (docs/RULES.md §1). Required-ness of the postal
/// code itself is checked with the other required fields.
pub fn validate_address(info: &AccountInfo) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let country = info.country.trim();
    let state = info.state.trim();
    if state.is_empty() {
        if state_required(country) {
            out.push(FieldProblem::error(
                Field::State,
                Problem::StateRequiredInCountry {
                    country: country.to_string(),
                },
            ));
        }
    } else if let Some(list) = states_of(country) {
        if !list.iter().any(|(code, _)| *code == state) {
            out.push(FieldProblem::error(
                Field::State,
                Problem::StateNotInList {
                    country: country.to_string(),
                    state: state.to_string(),
                },
            ));
        }
    }
    let postal = info.postal_code.trim();
    if let Some(forms) = postal_code_forms(country) {
        if !postal.is_empty() && !forms.iter().any(|f| has_form(postal, f)) {
            out.push(FieldProblem::error(
                Field::PostalCode,
                Problem::PostalCodeForm {
                    country: country.to_string(),
                    forms: forms.iter().map(|f| f.to_string()).collect(),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;
    use crate::test_support::{account, account_in, problem_triples as problems};

    fn with(country: &str, state: &str, postal: &str) -> AccountInfo {
        AccountInfo {
            state: state.into(),
            postal_code: postal.into(),
            ..account_in(country)
        }
    }

    #[test]
    fn state_is_required_where_the_country_has_states() {
        for country in ["US", "CA", "AU", "BR", "IN", "MX"] {
            assert_eq!(
                problems(&validate_address(&with(country, " ", ""))),
                vec![(
                    Field::State,
                    Problem::StateRequiredInCountry {
                        country: country.into()
                    },
                    Severity::Error
                )],
                "{country}"
            );
        }
        for country in ["SE", "PL", "GB", "DE"] {
            assert!(
                validate_address(&with(country, "", "")).is_empty(),
                "{country}"
            );
        }
    }

    #[test]
    fn us_and_canadian_states_come_from_the_list() {
        assert!(validate_address(&account()).is_empty());
        assert!(validate_address(&with("CA", "QC", "")).is_empty());
        assert!(validate_address(&with("AU", "New South Wales", "")).is_empty());
        for (country, state) in [("US", "Washington"), ("US", "QC"), ("CA", "WA")] {
            assert_eq!(
                problems(&validate_address(&with(country, state, ""))),
                vec![(
                    Field::State,
                    Problem::StateNotInList {
                        country: country.into(),
                        state: state.into()
                    },
                    Severity::Error
                )],
                "{country} {state}"
            );
        }
        assert_eq!(US_STATES.len(), 56);
        assert_eq!(CA_PROVINCES.len(), 13);
        assert_eq!(states_of("SE"), None);
    }

    #[test]
    fn postal_codes_have_the_country_form_and_the_error_says_it() {
        for (country, good) in [
            ("SE", "753 10"),
            ("SE", "75310"),
            ("PL", "00-950"),
            ("US", "98052"),
            ("US", "98052-6399"),
            ("GB", "SW1A 1AA"),
            ("US", ""),
        ] {
            let state = if country == "US" { "WA" } else { "" };
            assert!(
                validate_address(&with(country, state, good)).is_empty(),
                "{country} {good}"
            );
        }
        let form = |country: &str, forms: &[&str]| {
            vec![(
                Field::PostalCode,
                Problem::PostalCodeForm {
                    country: country.into(),
                    forms: forms.iter().map(|f| f.to_string()).collect(),
                },
                Severity::Error,
            )]
        };
        for (country, bad) in [
            ("SE", "753-10"),
            ("SE", "7531"),
            ("PL", "00950"),
            ("PL", "00 950"),
            ("US", "9805"),
            ("US", "98052 6399"),
            ("US", "ABCDE"),
        ] {
            let state = if country == "US" { "WA" } else { "" };
            let expected = postal_code_forms(country).unwrap();
            assert_eq!(
                problems(&validate_address(&with(country, state, bad))),
                form(country, expected),
                "{country} {bad}"
            );
        }
        assert_eq!(postal_code_forms("PL"), Some(&["NN-NNN"][..]));
        assert_eq!(postal_code_forms("SE").unwrap()[0], "NNN NN");
    }
}
