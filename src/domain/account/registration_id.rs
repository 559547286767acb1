//! The company registration ID (docs/RULES.md §1, S24): the organisation's number in its
//! country's company register, required in some countries.

use super::{Field, FieldProblem, Problem, PHONE_REQUIRED_COUNTRIES};
use crate::domain::partner::PartnerType;

/// Countries where direct-bill partners and indirect providers must give the customer's
/// company registration ID: the same list as for the phone number (docs/RULES.md §1, S24).
pub const REGISTRATION_ID_REQUIRED_COUNTRIES: &[&str] = PHONE_REQUIRED_COUNTRIES;

/// The longest registration ID accepted.
pub const REGISTRATION_ID_MAX: usize = 50;

/// Whether a customer in `country` added by a partner of `partner_type` needs a company
/// registration ID: direct-bill partners and indirect providers, in the listed countries.
pub fn registration_id_required(country: &str, partner_type: PartnerType) -> bool {
    partner_type != PartnerType::IndirectReseller
        && REGISTRATION_ID_REQUIRED_COUNTRIES.contains(&country.trim())
}

/// Company registration ID: required where [`registration_id_required`]; when given, letters
/// and digits with the separators registers print (space, `-`, `.`, `/`; e.g. Brazil's CNPJ
/// `12.345.678/0001-95`), at least one digit or letter, at most [`REGISTRATION_ID_MAX`]
/// characters.
pub fn validate_registration_id(
    id: &str,
    country: &str,
    partner_type: PartnerType,
) -> Vec<FieldProblem> {
    let id = id.trim();
    if id.is_empty() {
        return if registration_id_required(country, partner_type) {
            vec![FieldProblem::error(
                Field::RegistrationId,
                Problem::RegistrationIdRequiredInCountry {
                    country: country.trim().to_string(),
                },
            )]
        } else {
            Vec::new()
        };
    }
    let allowed = |c: char| c.is_alphanumeric() || " -./".contains(c);
    let valid = id.chars().all(allowed)
        && id.chars().any(char::is_alphanumeric)
        && id.chars().count() <= REGISTRATION_ID_MAX;
    if valid {
        Vec::new()
    } else {
        vec![FieldProblem::error(
            Field::RegistrationId,
            Problem::InvalidRegistrationId,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{validate_account, AccountContext, AccountInfo};
    use crate::domain::Severity;
    use crate::test_support::{account, account_in, problem_triples as problems};

    #[test]
    fn registration_id_is_required_in_the_listed_countries_for_direct_bill_and_providers() {
        for partner_type in [PartnerType::DirectBill, PartnerType::IndirectProvider] {
            for country in ["PL", "BR", "IN", "TR", "AE", "ZA"] {
                assert_eq!(
                    problems(&validate_registration_id(" ", country, partner_type)),
                    vec![(
                        Field::RegistrationId,
                        Problem::RegistrationIdRequiredInCountry {
                            country: country.into()
                        },
                        Severity::Error
                    )],
                    "{country} {partner_type:?}"
                );
            }
            for country in ["US", "SE", "DE", ""] {
                assert!(validate_registration_id("", country, partner_type).is_empty());
            }
        }
        assert!(validate_registration_id("", "PL", PartnerType::IndirectReseller).is_empty());
        assert_eq!(REGISTRATION_ID_REQUIRED_COUNTRIES.len(), 24);
    }

    #[test]
    fn a_given_registration_id_is_checked() {
        for good in [
            "0000012345",
            "12.345.678/0001-95",
            "U72200MH2009PLC123456",
            "KRS 12345",
        ] {
            assert!(
                validate_registration_id(good, "PL", PartnerType::DirectBill).is_empty(),
                "{good}"
            );
        }
        let too_long = "1".repeat(REGISTRATION_ID_MAX + 1);
        for bad in ["--", "12#45", "<b>1</b>", too_long.as_str()] {
            assert_eq!(
                problems(&validate_registration_id(
                    bad,
                    "SE",
                    PartnerType::DirectBill
                )),
                vec![(
                    Field::RegistrationId,
                    Problem::InvalidRegistrationId,
                    Severity::Error
                )],
                "{bad}"
            );
        }
    }

    #[test]
    fn the_account_check_asks_a_polish_customer_of_a_direct_bill_partner_for_it() {
        let context = AccountContext {
            education: false,
            partner_type: PartnerType::DirectBill,
        };
        let polish = AccountInfo {
            registration_id: String::new(),
            ..account_in("PL")
        };
        assert_eq!(
            problems(&validate_account(&polish, context)),
            vec![(
                Field::RegistrationId,
                Problem::RegistrationIdRequiredInCountry {
                    country: "PL".into()
                },
                Severity::Error
            )]
        );
        assert!(validate_account(&account_in("PL"), context).is_empty());
        let reseller = AccountContext {
            partner_type: PartnerType::IndirectReseller,
            ..context
        };
        assert!(validate_account(&polish, reseller).is_empty());
    }

    #[test]
    fn stored_accounts_without_a_registration_id_load_and_an_empty_one_is_not_written() {
        let mut stored = serde_json::to_value(account()).unwrap();
        assert_eq!(stored.get("registration_id"), None);
        stored.as_object_mut().unwrap().remove("registration_id");
        let loaded: AccountInfo = serde_json::from_value(stored).unwrap();
        assert_eq!(loaded, account());
        let with_id = account_in("PL");
        let json = serde_json::to_string(&with_id).unwrap();
        assert!(
            json.contains("\"registration_id\":\"0000012345\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<AccountInfo>(&json).unwrap(), with_id);
    }
}
