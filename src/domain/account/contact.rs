//! The organisation's and the contact's e-mail addresses and the phone number (docs/RULES.md,
//! S1, S3, S4, S24).

use super::{Field, FieldProblem, Problem};
use crate::domain::email::{email_domain, is_domain_or_subdomain, is_free_mail_domain};
use crate::domain::partner::PartnerType;

/// Countries where direct-bill partners and indirect providers must give a phone number and
/// the company registration ID (docs/RULES.md, S24).
pub const PHONE_REQUIRED_COUNTRIES: &[&str] = &[
    "AM", "AZ", "BY", "BR", "HU", "IN", "IQ", "KZ", "KG", "MD", "MM", "PL", "RU", "SA", "ZA", "SS",
    "TJ", "TH", "TR", "UA", "AE", "UZ", "VE", "VN",
];

/// E-mail rules. `education_rules`: free-mail and onmicrosoft addresses are errors (S1, S3,
/// S4); otherwise they are warnings, as they would block an Education request later.
/// Only [`Field::Email`] gets the free-mail/onmicrosoft checks; every address the
/// microsoft.com check (S24).
pub fn validate_email(field: Field, address: &str, education_rules: bool) -> Vec<FieldProblem> {
    if address.trim().is_empty() {
        return vec![FieldProblem::error(field, Problem::Required)];
    }
    let Some(domain) = email_domain(address) else {
        return vec![FieldProblem::error(field, Problem::InvalidEmail)];
    };
    let education_problem = |problem| {
        if education_rules {
            FieldProblem::error(field, problem)
        } else {
            FieldProblem::warning(field, problem)
        }
    };
    let mut out = Vec::new();
    if is_domain_or_subdomain(&domain, "microsoft.com") {
        out.push(FieldProblem::error(field, Problem::MicrosoftDomain));
    }
    if field == Field::Email {
        if is_domain_or_subdomain(&domain, "onmicrosoft.com") {
            out.push(education_problem(Problem::OnMicrosoftDomain));
        }
        if is_free_mail_domain(&domain) {
            out.push(education_problem(Problem::FreeMailProvider { domain }));
        }
    }
    out
}

/// Phone: optional, except in the countries of S24 for direct-bill partners and indirect
/// providers; when given, digits with the usual separators and at least 5 digits.
pub fn validate_phone(phone: &str, country: &str, partner_type: PartnerType) -> Vec<FieldProblem> {
    let phone = phone.trim();
    if phone.is_empty() {
        let required = partner_type != PartnerType::IndirectReseller
            && PHONE_REQUIRED_COUNTRIES.contains(&country);
        return if required {
            vec![FieldProblem::error(
                Field::Phone,
                Problem::PhoneRequiredInCountry {
                    country: country.to_string(),
                },
            )]
        } else {
            Vec::new()
        };
    }
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !phone.chars().all(allowed) || !(5..=20).contains(&digits) {
        return vec![FieldProblem::error(Field::Phone, Problem::InvalidPhone)];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Severity;
    use crate::test_support::problem_triples as problems;

    #[test]
    fn email_rules() {
        use Problem::*;
        let e = |addr: &str, edu| problems(&validate_email(Field::Email, addr, edu));
        assert_eq!(
            e("nope", true),
            vec![(Field::Email, InvalidEmail, Severity::Error)]
        );
        assert_eq!(
            e("a@gmail.com", true),
            vec![(
                Field::Email,
                FreeMailProvider {
                    domain: "gmail.com".into()
                },
                Severity::Error
            )]
        );
        assert_eq!(
            e("a@gmail.com", false),
            vec![(
                Field::Email,
                FreeMailProvider {
                    domain: "gmail.com".into()
                },
                Severity::Warning
            )]
        );
        assert_eq!(
            e("a@contoso.onmicrosoft.com", true),
            vec![(Field::Email, OnMicrosoftDomain, Severity::Error)]
        );
        assert_eq!(
            e("a@microsoft.com", false),
            vec![(Field::Email, MicrosoftDomain, Severity::Error)]
        );
        assert!(e("a@contoso.edu", true).is_empty());
        // The contact e-mail only gets syntax and microsoft.com.
        assert!(validate_email(Field::ContactEmail, "a@gmail.com", true).is_empty());
        assert_eq!(
            validate_email(Field::ContactEmail, "a@microsoft.com", true)[0].problem,
            MicrosoftDomain
        );
    }

    #[test]
    fn phone_rules() {
        assert!(validate_phone("", "US", PartnerType::DirectBill).is_empty());
        assert_eq!(
            validate_phone("", "PL", PartnerType::DirectBill)[0].problem,
            Problem::PhoneRequiredInCountry {
                country: "PL".into()
            }
        );
        assert!(validate_phone("", "PL", PartnerType::IndirectReseller).is_empty());
        assert!(validate_phone("+48 (22) 123-45-67", "PL", PartnerType::DirectBill).is_empty());
        assert_eq!(
            validate_phone("call me", "US", PartnerType::DirectBill)[0].problem,
            Problem::InvalidPhone
        );
        assert_eq!(
            validate_phone("12", "US", PartnerType::DirectBill)[0].problem,
            Problem::InvalidPhone
        );
    }
}
