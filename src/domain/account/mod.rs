//! Customer account information and its field rules (docs/RULES.md; S24, S25).
//! Every check returns data: a field, a problem and a severity; the UI words it. One file per
//! group of fields: the company name, the contact (e-mail, phone), the primary domain, and the
//! Education details; this file has the types and the whole-account check.

use serde::{Deserialize, Serialize};

use super::partner::{is_country_code, PartnerType};
use super::qualification::EducationSegment;

mod address;
mod company_name;
mod contact;
mod education_details;
mod primary_domain;
mod registration_id;

pub use address::{
    postal_code_forms, state_required, states_of, validate_address, CA_PROVINCES,
    STATE_REQUIRED_COUNTRIES, US_STATES,
};
pub use company_name::validate_company_name;
pub use contact::{validate_email, validate_phone, PHONE_REQUIRED_COUNTRIES};
pub use education_details::{is_valid_website, validate_education_details};
pub use primary_domain::{normalize_domain_prefix, validate_domain_prefix, DOMAIN_PREFIX_MAX};
pub use registration_id::{
    registration_id_required, validate_registration_id, REGISTRATION_ID_MAX,
    REGISTRATION_ID_REQUIRED_COUNTRIES,
};

/// Company and contact information as entered on "Add customer" (docs/RULES.md). Empty
/// strings are "not entered".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    pub company_name: String,
    /// ISO 3166-1 alpha-2 code, e.g. `US`, `SE`, `PL`.
    pub country: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
    /// The organisation's e-mail address ("Email address").
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub contact_email: String,
    pub phone: String,
    /// "Company registration ID": the organisation's number in its country's company register
    /// (S24). Stored and exported only when entered, so desks saved before it load unchanged.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub registration_id: String,
}

/// The Education part of a request (docs/RULES.md). `segment` is `None` until chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationDetails {
    pub segment: Option<EducationSegment>,
    /// Optional institution website, e.g. `contoso.edu` or `https://www.contoso.edu`.
    pub website: String,
}

/// A form field (the labels of "Add customer").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    CompanyName,
    Country,
    AddressLine1,
    AddressLine2,
    City,
    State,
    PostalCode,
    Email,
    EducationSegment,
    FirstName,
    LastName,
    ContactEmail,
    Phone,
    RegistrationId,
    PrimaryDomain,
    EducationWebsite,
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    /// Missing, or only spaces/tabs (S24).
    Required,
    /// Company name of a single character (S24).
    SingleCharacter,
    /// Company name made only of special characters (S24).
    OnlySpecialCharacters,
    /// Company name that is only a legal-form abbreviation such as "LLC" or "Inc" (S24).
    RestrictedAbbreviation { word: String },
    /// Company name containing a test word (S24: "no test names"). Warning.
    LooksLikeTestName { word: String },
    /// Company name containing a top-level domain such as ".com" (S24). Warning.
    ContainsTopLevelDomain { tld: String },
    /// Company name that is one character repeated, e.g. "999" (S24). Warning.
    RepeatedCharacter,
    /// Company name of spaced single characters, e.g. "1 2 3" (S24). Warning.
    SpacedSingleCharacters,
    /// No state/province, in a country whose addresses have one (S24).
    StateRequiredInCountry { country: String },
    /// A state that is not on the country's list (US, Canada; S24).
    StateNotInList { country: String, state: String },
    /// A postal code not in the country's form; `forms` are the accepted patterns, `N` a digit,
    /// the usual one first (S24).
    PostalCodeForm { country: String, forms: Vec<String> },
    /// Not a two-letter ISO country code.
    InvalidCountryCode,
    /// Not a valid e-mail address.
    InvalidEmail,
    /// A free-mail provider's address (S1, S3, S4): error for Education, warning otherwise.
    FreeMailProvider { domain: String },
    /// An `onmicrosoft.com` address (S1, S3, S4; §12 item 10): error for Education, warning
    /// otherwise.
    OnMicrosoftDomain,
    /// A `microsoft.com` address (S24).
    MicrosoftDomain,
    /// Not a phone number.
    InvalidPhone,
    /// Phone number mandatory for customers in this country (S24).
    PhoneRequiredInCountry { country: String },
    /// Company registration ID mandatory for customers in this country (S24).
    RegistrationIdRequiredInCountry { country: String },
    /// Not a company registration ID: letters, digits and ` -./`, at most 50 (S24).
    InvalidRegistrationId,
    /// Primary domain prefix with anything but letters and digits (S25).
    DomainPrefixInvalidCharacters,
    /// Primary domain prefix longer than the maximum (S25).
    DomainPrefixTooLong { length: usize, max: usize },
    /// Primary domain already used by a customer of this desk (S25).
    DomainPrefixTaken { prefix: String },
    /// Education website that is not a URL.
    InvalidWebsite,
    /// No Education website: optional, but it speeds up vetting (S1, S4). Warning.
    WebsiteRecommended,
}

/// Whether a problem blocks submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
    pub severity: Severity,
}

impl FieldProblem {
    fn error(field: Field, problem: Problem) -> Self {
        FieldProblem {
            field,
            problem,
            severity: Severity::Error,
        }
    }
    fn warning(field: Field, problem: Problem) -> Self {
        FieldProblem {
            field,
            problem,
            severity: Severity::Warning,
        }
    }
    /// Whether this problem blocks submission.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What the account is validated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountContext {
    /// Education verification is requested: the Education e-mail rules become errors.
    pub education: bool,
    /// The partner adding the customer (phone rule of S24).
    pub partner_type: PartnerType,
}

/// Every problem of the account fields. Warnings never block; errors do.
pub fn validate_account(info: &AccountInfo, context: AccountContext) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    out.extend(validate_company_name(&info.company_name));
    // S24: complete address; S1/S3: full mailing address. Line 2 is optional; the state is
    // required where the country has states (validate_address).
    for (field, value) in [
        (Field::Country, &info.country),
        (Field::AddressLine1, &info.address_line1),
        (Field::City, &info.city),
        (Field::PostalCode, &info.postal_code),
        (Field::FirstName, &info.first_name),
        (Field::LastName, &info.last_name),
    ] {
        if value.trim().is_empty() {
            out.push(FieldProblem::error(field, Problem::Required));
        }
    }
    let country = info.country.trim();
    if !country.is_empty() && !is_country_code(country) {
        out.push(FieldProblem::error(
            Field::Country,
            Problem::InvalidCountryCode,
        ));
    }
    out.extend(validate_address(info));
    out.extend(validate_email(Field::Email, &info.email, context.education));
    out.extend(validate_email(
        Field::ContactEmail,
        &info.contact_email,
        false,
    ));
    out.extend(validate_phone(&info.phone, country, context.partner_type));
    out.extend(validate_registration_id(
        &info.registration_id,
        country,
        context.partner_type,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{account, problem_triples as problems};

    const EDU: AccountContext = AccountContext {
        education: true,
        partner_type: PartnerType::DirectBill,
    };
    const COM: AccountContext = AccountContext {
        education: false,
        partner_type: PartnerType::DirectBill,
    };

    #[test]
    fn a_complete_account_passes() {
        assert!(validate_account(&account(), EDU).is_empty());
    }

    #[test]
    fn required_fields_are_reported_each() {
        let blank = AccountInfo {
            company_name: " \t ".into(),
            ..AccountInfo::default()
        };
        let got = validate_account(&blank, COM);
        let fields: Vec<Field> = got
            .iter()
            .filter(|p| p.problem == Problem::Required)
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                Field::CompanyName,
                Field::Country,
                Field::AddressLine1,
                Field::City,
                Field::PostalCode,
                Field::FirstName,
                Field::LastName,
                Field::Email,
                Field::ContactEmail
            ]
        );
        assert!(got.iter().all(FieldProblem::is_error));
    }

    #[test]
    fn a_us_education_account_without_a_state_is_refused() {
        let acc = AccountInfo {
            state: String::new(),
            ..account()
        };
        assert_eq!(
            problems(&validate_account(&acc, EDU)),
            vec![(
                Field::State,
                Problem::StateRequiredInCountry {
                    country: "US".into()
                },
                Severity::Error
            )]
        );
    }

    #[test]
    fn country_must_be_a_code() {
        let acc = AccountInfo {
            country: "Sweden".into(),
            ..account()
        };
        assert_eq!(
            problems(&validate_account(&acc, COM)),
            vec![(Field::Country, Problem::InvalidCountryCode, Severity::Error)]
        );
    }
}
