//! The partner's own profile: type, country, reseller qualifications, GCC validation codes
//! (docs/RULES.md).

use serde::{Deserialize, Serialize};

use super::catalog::GccEnvironment;
use super::reason::Reason;

/// How the partner transacts in CSP (docs/RULES.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartnerType {
    DirectBill,
    IndirectProvider,
    IndirectReseller,
}

/// A reseller qualification on the partner's legal profile (docs/RULES.md §4). Only the GCC ones
/// are modelled: Education and Nonprofit need none. GCC Moderate opens GCC Moderate offers, GCC
/// High and DoD (by invitation only) opens GCC High and DoD offers
/// ([`GccEnvironment::reseller_qualification`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResellerQualification {
    GccModerate,
    GccHighAndDoD,
}

/// One of the partner's GCC validation codes (docs/RULES.md, S9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GccValidationCode {
    /// `validationId`: the code passed as `validationCode`.
    pub validation_id: String,
    /// `organizationName` given during the GCC validation.
    pub organization_name: String,
    pub max_creates: u32,
    pub remaining_creates: u32,
}

/// The partner running the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerProfile {
    pub partner_type: PartnerType,
    /// ISO 3166-1 alpha-2 code, e.g. `US`.
    pub country: String,
    pub reseller_qualifications: Vec<ResellerQualification>,
    pub gcc_validation_codes: Vec<GccValidationCode>,
}

impl Default for PartnerProfile {
    fn default() -> Self {
        PartnerProfile {
            partner_type: PartnerType::DirectBill,
            country: "US".into(),
            reseller_qualifications: Vec::new(),
            gcc_validation_codes: Vec::new(),
        }
    }
}

impl PartnerProfile {
    /// docs/RULES.md §2: tagging a customer GCC needs one of the partner's GCC reseller
    /// qualifications (Moderate or High and DoD).
    pub fn has_gcc_reseller_qualification(&self) -> bool {
        !self.reseller_qualifications.is_empty()
    }

    /// docs/RULES.md §4: whether the partner holds the reseller qualification that offers in
    /// `environment` need.
    pub fn may_sell_gcc_environment(&self, environment: GccEnvironment) -> bool {
        self.reseller_qualifications
            .contains(&environment.reseller_qualification())
    }

    /// The validation code with this id, if the partner has it.
    pub fn gcc_code(&self, validation_id: &str) -> Option<&GccValidationCode> {
        self.gcc_validation_codes
            .iter()
            .find(|c| c.validation_id == validation_id.trim())
    }
}

/// Checks a new validation code against the partner's existing ones.
pub fn check_new_gcc_code(partner: &PartnerProfile, code: &GccValidationCode) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let id = code.validation_id.trim();
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        reasons.push(Reason::GccValidationCodeInvalid);
    }
    if code.max_creates == 0 || code.remaining_creates > code.max_creates {
        reasons.push(Reason::GccValidationCodeCreatesInvalid {
            max_creates: code.max_creates,
            remaining_creates: code.remaining_creates,
        });
    }
    if partner.gcc_code(id).is_some() {
        reasons.push(Reason::DuplicateId { id: id.to_string() });
    }
    reasons
}

/// Whether `country` is an ISO 3166-1 alpha-2 shaped code (two upper-case ASCII letters).
pub fn is_country_code(country: &str) -> bool {
    country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::validation_code as code;

    #[test]
    fn gcc_reseller_qualification_is_either_gcc_level() {
        let mut p = PartnerProfile::default();
        assert!(!p.has_gcc_reseller_qualification());
        p.reseller_qualifications = vec![ResellerQualification::GccHighAndDoD];
        assert!(p.has_gcc_reseller_qualification());
    }

    #[test]
    fn each_gcc_environment_needs_its_reseller_qualification() {
        use GccEnvironment::*;
        let with = |q: &[ResellerQualification]| PartnerProfile {
            reseller_qualifications: q.to_vec(),
            ..PartnerProfile::default()
        };
        let sells = |p: &PartnerProfile| GccEnvironment::ALL.map(|e| p.may_sell_gcc_environment(e));
        assert_eq!(sells(&with(&[])), [false, false, false]);
        assert_eq!(
            sells(&with(&[ResellerQualification::GccModerate])),
            [true, false, false]
        );
        assert_eq!(
            sells(&with(&[ResellerQualification::GccHighAndDoD])),
            [false, true, true]
        );
        let both = with(&[
            ResellerQualification::GccModerate,
            ResellerQualification::GccHighAndDoD,
        ]);
        assert!([Moderate, High, DoD]
            .into_iter()
            .all(|e| both.may_sell_gcc_environment(e)));
    }

    #[test]
    fn new_codes_are_checked() {
        let mut p = PartnerProfile::default();
        assert!(check_new_gcc_code(&p, &code("123456", 5, 5)).is_empty());
        p.gcc_validation_codes.push(code("123456", 5, 4));
        assert_eq!(
            check_new_gcc_code(&p, &code("123456", 5, 5)),
            vec![Reason::DuplicateId {
                id: "123456".into()
            }]
        );
        assert_eq!(
            check_new_gcc_code(&p, &code("", 0, 0)),
            vec![
                Reason::GccValidationCodeInvalid,
                Reason::GccValidationCodeCreatesInvalid {
                    max_creates: 0,
                    remaining_creates: 0
                }
            ]
        );
        assert_eq!(check_new_gcc_code(&p, &code("9", 2, 3)).len(), 1);
    }

    #[test]
    fn country_codes_are_two_capitals() {
        assert!(is_country_code("US"));
        assert!(!is_country_code("us"));
        assert!(!is_country_code("USA"));
        assert!(!is_country_code(""));
    }
}
