//! Customer account information and its field rules (docs/RULES.md; S24, S25).
//! Every check returns data: a field, a problem and a severity; the UI words it.

use serde::{Deserialize, Serialize};

use super::email::{email_domain, is_domain_or_subdomain, is_free_mail_domain, is_host_name};
use super::partner::{is_country_code, PartnerType};
use super::qualification::EducationSegment;

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
}

/// The Education part of a request (docs/RULES.md). `segment` is `None` until chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EducationDetails {
    pub segment: Option<EducationSegment>,
    /// Optional institution website, e.g. `contoso.edu` or `https://www.contoso.edu`.
    pub website: String,
}

/// A form field (the labels of "Add customer", PRODUCT.md).
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

/// Maximum length of the primary domain prefix (S25: PowerShell module).
pub const DOMAIN_PREFIX_MAX: usize = 27;

/// Countries where direct-bill partners and indirect providers must give a phone number
/// (docs/RULES.md, S24).
pub const PHONE_REQUIRED_COUNTRIES: &[&str] = &[
    "AM", "AZ", "BY", "BR", "HU", "IN", "IQ", "KZ", "KG", "MD", "MM", "PL", "RU", "SA", "ZA", "SS",
    "TJ", "TH", "TR", "UA", "AE", "UZ", "VE", "VN",
];

/// Legal-form abbreviations that are not a name on their own (S24: e.g. "llc", "Inc").
const RESTRICTED_ABBREVIATIONS: &[&str] = &[
    "llc",
    "inc",
    "ltd",
    "corp",
    "co",
    "plc",
    "llp",
    "lp",
    "gmbh",
    "ag",
    "ab",
    "sa",
    "as",
    "bv",
    "nv",
    "oy",
    "spa",
    "srl",
    "sro",
    "kg",
    "pty",
    "spzoo",
    "limited",
    "incorporated",
    "corporation",
    "company",
];

/// Words that mark a test name (S24: "no test names").
const TEST_WORDS: &[&str] = &[
    "test", "testing", "demo", "dummy", "sample", "example", "fake",
];

/// Top-level domains that make a company name look like a web address (S24).
const TOP_LEVEL_DOMAINS: &[&str] = &[
    "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "eu", "us", "uk",
    "se", "pl", "de", "fr", "nl", "es", "it", "app", "dev", "online", "site",
];

/// Every problem of the account fields. Warnings never block; errors do.
pub fn validate_account(info: &AccountInfo, context: AccountContext) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    out.extend(validate_company_name(&info.company_name));
    // S24: complete address; S1/S3: full mailing address. Line 2 and state are optional.
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
    out.extend(validate_email(Field::Email, &info.email, context.education));
    out.extend(validate_email(
        Field::ContactEmail,
        &info.contact_email,
        false,
    ));
    out.extend(validate_phone(&info.phone, country, context.partner_type));
    out
}

/// Company-name rules (docs/RULES.md, S24).
pub fn validate_company_name(name: &str) -> Vec<FieldProblem> {
    let f = Field::CompanyName;
    let name = name.trim();
    if name.is_empty() {
        return vec![FieldProblem::error(f, Problem::Required)];
    }
    if name.chars().count() == 1 {
        return vec![FieldProblem::error(f, Problem::SingleCharacter)];
    }
    if !name.chars().any(char::is_alphanumeric) {
        return vec![FieldProblem::error(f, Problem::OnlySpecialCharacters)];
    }
    let mut out = Vec::new();
    let squashed: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(word) = RESTRICTED_ABBREVIATIONS.iter().find(|w| **w == squashed) {
        out.push(FieldProblem::error(
            f,
            Problem::RestrictedAbbreviation {
                word: word.to_string(),
            },
        ));
    }
    let tokens: Vec<&str> = name.split_whitespace().collect();
    for token in &tokens {
        let word: String = token
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if TEST_WORDS.contains(&word.as_str()) {
            out.push(FieldProblem::warning(
                f,
                Problem::LooksLikeTestName { word },
            ));
            break;
        }
    }
    for token in &tokens {
        let token = token
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if let Some((before, tld)) = token.rsplit_once('.') {
            if !before.is_empty() && TOP_LEVEL_DOMAINS.contains(&tld) {
                out.push(FieldProblem::warning(
                    f,
                    Problem::ContainsTopLevelDomain {
                        tld: format!(".{tld}"),
                    },
                ));
                break;
            }
        }
    }
    let mut chars = name.chars();
    let first = chars.next();
    if name.chars().count() >= 3 && chars.all(|c| Some(c) == first) {
        out.push(FieldProblem::warning(f, Problem::RepeatedCharacter));
    }
    if tokens.len() >= 2 && tokens.iter().all(|t| t.chars().count() == 1) {
        out.push(FieldProblem::warning(f, Problem::SpacedSingleCharacters));
    }
    out
}

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

/// Normalised form of a domain prefix: trimmed, lower case (DNS names ignore case).
pub fn normalize_domain_prefix(prefix: &str) -> String {
    prefix.trim().to_ascii_lowercase()
}

/// Primary-domain prefix rules (docs/RULES.md, S25): required, letters and digits only,
/// at most 27 characters, not used by any of `existing` (compared case-insensitively).
pub fn validate_domain_prefix<'a>(
    prefix: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Vec<FieldProblem> {
    let f = Field::PrimaryDomain;
    let prefix = normalize_domain_prefix(prefix);
    if prefix.is_empty() {
        return vec![FieldProblem::error(f, Problem::Required)];
    }
    let mut out = Vec::new();
    if !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixInvalidCharacters,
        ));
    }
    let length = prefix.chars().count();
    if length > DOMAIN_PREFIX_MAX {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixTooLong {
                length,
                max: DOMAIN_PREFIX_MAX,
            },
        ));
    }
    if existing
        .into_iter()
        .any(|e| e.eq_ignore_ascii_case(&prefix))
    {
        out.push(FieldProblem::error(
            f,
            Problem::DomainPrefixTaken { prefix },
        ));
    }
    out
}

/// Education request fields (docs/RULES.md): segment required, website optional but a URL.
pub fn validate_education_details(details: &EducationDetails) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if details.segment.is_none() {
        out.push(FieldProblem::error(
            Field::EducationSegment,
            Problem::Required,
        ));
    }
    let website = details.website.trim();
    if website.is_empty() {
        out.push(FieldProblem::warning(
            Field::EducationWebsite,
            Problem::WebsiteRecommended,
        ));
    } else if !is_valid_website(website) {
        out.push(FieldProblem::error(
            Field::EducationWebsite,
            Problem::InvalidWebsite,
        ));
    }
    out
}

/// Whether `url` is an http(s) URL or a bare host, e.g. `contoso.edu` (the API's example,
/// S7), `https://www.contoso.edu/about`, `http://contoso.edu:8080`.
pub fn is_valid_website(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    if rest.is_empty() || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    port_ok && !authority.contains('@') && is_host_name(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{account, education_details};

    fn problems(v: &[FieldProblem]) -> Vec<(Field, Problem, Severity)> {
        v.iter()
            .map(|p| (p.field, p.problem.clone(), p.severity))
            .collect()
    }

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
    fn company_name_errors() {
        use Problem::*;
        assert_eq!(
            problems(&validate_company_name("X")),
            vec![(Field::CompanyName, SingleCharacter, Severity::Error)]
        );
        assert_eq!(
            problems(&validate_company_name("&&-!")),
            vec![(Field::CompanyName, OnlySpecialCharacters, Severity::Error)]
        );
        assert_eq!(
            problems(&validate_company_name("Inc.")),
            vec![(
                Field::CompanyName,
                RestrictedAbbreviation { word: "inc".into() },
                Severity::Error
            )]
        );
        assert_eq!(
            validate_company_name("LLC")[0].problem,
            RestrictedAbbreviation { word: "llc".into() }
        );
        assert!(validate_company_name("Contoso LLC").is_empty());
    }

    #[test]
    fn company_name_warnings() {
        use Problem::*;
        let w = |name: &str| problems(&validate_company_name(name));
        assert_eq!(
            w("Contoso.com"),
            vec![(
                Field::CompanyName,
                ContainsTopLevelDomain { tld: ".com".into() },
                Severity::Warning
            )]
        );
        assert_eq!(
            w("999"),
            vec![(Field::CompanyName, RepeatedCharacter, Severity::Warning)]
        );
        assert_eq!(
            w("1 2 3"),
            vec![(
                Field::CompanyName,
                SpacedSingleCharacters,
                Severity::Warning
            )]
        );
        assert_eq!(
            w("Test School"),
            vec![(
                Field::CompanyName,
                LooksLikeTestName {
                    word: "test".into()
                },
                Severity::Warning
            )]
        );
        // No false alarms on ordinary names.
        assert!(w("St. Mary's School").is_empty());
        assert!(w("Contest Academy").is_empty());
        assert!(w("AAA Plumbing").is_empty());
    }

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

    #[test]
    fn domain_prefix_rules() {
        use Problem::*;
        let none: [&str; 0] = [];
        assert!(validate_domain_prefix("contosoforedu", none).is_empty());
        assert_eq!(validate_domain_prefix("", none)[0].problem, Required);
        assert_eq!(
            validate_domain_prefix("contoso-edu", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert_eq!(
            validate_domain_prefix("contoso edu", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert_eq!(
            validate_domain_prefix("skolå", none)[0].problem,
            DomainPrefixInvalidCharacters
        );
        assert!(validate_domain_prefix(&"a".repeat(27), none).is_empty());
        assert_eq!(
            validate_domain_prefix(&"a".repeat(28), none)[0].problem,
            DomainPrefixTooLong {
                length: 28,
                max: 27
            }
        );
        assert_eq!(
            validate_domain_prefix("Contoso", ["fabrikam", "contoso"])[0].problem,
            DomainPrefixTaken {
                prefix: "contoso".into()
            }
        );
    }

    #[test]
    fn education_details_rules() {
        let ok = education_details();
        assert!(validate_education_details(&ok).is_empty());
        let none = EducationDetails::default();
        assert_eq!(
            problems(&validate_education_details(&none)),
            vec![
                (Field::EducationSegment, Problem::Required, Severity::Error),
                (
                    Field::EducationWebsite,
                    Problem::WebsiteRecommended,
                    Severity::Warning
                )
            ]
        );
        let bad = EducationDetails {
            website: "not a url".into(),
            ..ok
        };
        assert_eq!(
            validate_education_details(&bad)[0].problem,
            Problem::InvalidWebsite
        );
    }

    #[test]
    fn websites() {
        for good in [
            "contoso.edu",
            "https://www.contoso.edu/about?x=1",
            "HTTP://contoso.edu:8080",
            "skola.stockholm.se",
        ] {
            assert!(is_valid_website(good), "{good}");
        }
        for bad in [
            "contoso",
            "ftp://contoso.edu",
            "https://",
            "http://con toso.edu",
            "https://user@contoso.edu",
            "https://contoso.edu:port",
            "javascript:alert(1)",
        ] {
            assert!(!is_valid_website(bad), "{bad}");
        }
    }
}
