//! Why something is refused: one enum for every rule, carrying the values involved. The UI
//! translates each variant; tests match them. No English sentences live here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::FieldProblem;
use super::catalog::{BillingFrequency, GccEnvironment, ProductType, Term};
use super::matrix::{Segment, SegmentSet};
use super::partner::ResellerQualification;
use super::qualification::{Qualification, QualificationSet, VettingReason, VettingStatus};
use super::roles::{Operation, Role};

/// The outcome of a check: allowed, or every reason against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Decision {
    Allowed,
    Refused(Vec<Reason>),
}

impl Decision {
    /// `Allowed` when `reasons` is empty.
    pub fn from_reasons(reasons: Vec<Reason>) -> Self {
        if reasons.is_empty() {
            Decision::Allowed
        } else {
            Decision::Refused(reasons)
        }
    }
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed)
    }
    /// The reasons (empty when allowed).
    pub fn reasons(&self) -> &[Reason] {
        match self {
            Decision::Allowed => &[],
            Decision::Refused(r) => r,
        }
    }
    /// `Ok(())` or `Err(reasons)`.
    pub fn into_result(self) -> Result<(), Vec<Reason>> {
        match self {
            Decision::Allowed => Ok(()),
            Decision::Refused(r) => Err(r),
        }
    }
}

/// A rule that refuses an operation, with the values involved. The docs/RULES.md section of
/// each rule is in docs/RULES.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    // --- roles and look-ups -------------------------------------------------------------
    /// The acting role may not do this (docs/RULES.md).
    RoleNotPermitted {
        role: Role,
        operation: Operation,
    },
    CustomerNotFound {
        customer: String,
    },
    SubscriptionNotFound {
        subscription: String,
    },
    OfferNotFound {
        offer: String,
    },
    /// A caller-supplied id (customer, subscription, validation code) is already used.
    DuplicateId {
        id: String,
    },

    // --- account fields (docs/RULES.md) -----------------------------------------------
    /// A field error (warnings never refuse).
    Field(FieldProblem),

    // --- qualification requests (docs/RULES.md) ---------------------------------
    /// `None` and `Nonprofit` cannot be requested by a partner (§2.1).
    NotRequestableByPartner {
        qualification: Qualification,
    },
    /// At most 3 verification requests per customer, the first included (§6.4).
    VerificationRequestsExhausted {
        used: u8,
        max: u8,
    },
    /// The customer already holds it; Education can be resubmitted only after `Denied` (§6.7).
    QualificationAlreadyHeld {
        qualification: Qualification,
        status: Option<VettingStatus>,
    },
    /// The result would not be one of the 8 rows of the purchase matrix (§2.2, §4).
    QualificationSetNotAllowed {
        current: QualificationSet,
        requested: Qualification,
        resulting: QualificationSet,
    },
    /// GCC is for US government entities; every other government entity needs no
    /// qualification and is sold Commercial offers (docs/RULES.md §2, S2, S23).
    OtherGovernmentBuysCommercial {
        country: String,
    },
    /// Tagging a customer GCC needs one of the partner's GCC reseller qualifications (§2).
    PartnerLacksGccResellerQualification,
    /// A GCC request needs a validation code (§2.4).
    GccValidationCodeRequired,
    /// The code is not one of the partner's (§2.5).
    GccValidationCodeUnknown {
        code: String,
    },
    /// The code has no creates left (§2.5).
    GccValidationCodeExhausted {
        code: String,
        max_creates: u32,
    },
    /// A new validation code with an empty or malformed id.
    GccValidationCodeInvalid,
    /// A new validation code whose counts make no sense.
    GccValidationCodeCreatesInvalid {
        max_creates: u32,
        remaining_creates: u32,
    },

    // --- Education review and nonprofit programme (simulated Microsoft side) -----------
    /// The customer has no Education qualification to review or resubmit.
    EducationNotRequested,
    /// That vetting transition does not exist (§6.7).
    VettingTransitionNotAllowed {
        from: VettingStatus,
        to: VettingStatus,
    },
    /// Nonprofit already registered.
    NonprofitAlreadyRegistered,
    /// The customer holds no nonprofit qualification.
    NonprofitNotHeld,
    /// No periodic-review notice is running, so there is none to lift (docs/RULES.md §6).
    NonprofitNoNoticeRunning,
    /// A periodic-review notice is already running (§8).
    NonprofitNoticeAlreadySent {
        notice_date: NaiveDate,
        removal_date: NaiveDate,
    },

    // --- offer eligibility (§4, §5, §7, §8) --------------------------------------------
    /// The purchase matrix does not let these qualifications buy this segment (§4).
    SegmentNotAllowedForQualifications {
        segment: Segment,
        qualifications: QualificationSet,
        allowed: SegmentSet,
    },
    /// Education is still in review (§4 rule 4, §6.1).
    EducationInReview {
        since: NaiveDate,
        expected_by: NaiveDate,
    },
    /// Education was denied (§4 rule 4, §2.3).
    EducationDenied {
        reason: Option<VettingReason>,
        since: NaiveDate,
    },
    /// The nonprofit qualification was removed after the periodic review (§8).
    NonprofitStatusRemoved {
        removed_on: NaiveDate,
    },
    /// Special segments exist only for license-based services and perpetual software (§7).
    SpecialSegmentNotForProductType {
        segment: Segment,
        product_type: ProductType,
    },
    /// An indirect reseller goes through its indirect provider for special segments (§5.2).
    IndirectResellerMustUseProvider,
    /// A state-owned entity request without the user's confirmation that the customer meets
    /// Microsoft's criteria (docs/RULES.md §2).
    SoeCriteriaNotConfirmed,
    /// A GCC offer in `environment` needs the partner's reseller qualification `required`,
    /// which it lacks (docs/RULES.md §4).
    PartnerLacksGccEnvironmentQualification {
        environment: GccEnvironment,
        required: ResellerQualification,
    },

    // --- cart and subscriptions (§10) --------------------------------------------------
    EmptyCart,
    /// A problem of one cart line (0-based).
    CartLine {
        line: usize,
        offer: String,
        reason: Box<Reason>,
    },
    SeatsBelowMinimum {
        seats: u32,
        min: u32,
    },
    SeatsAboveLimit {
        seats: u32,
        max: u32,
    },
    TermNotOffered {
        term: Term,
        offered: Vec<Term>,
    },
    BillingNotOffered {
        billing: BillingFrequency,
        offered: Vec<BillingFrequency>,
    },
    /// The billing period is longer than the term (e.g. annual billing of a monthly term).
    BillingNotAvailableForTerm {
        term: Term,
        billing: BillingFrequency,
    },
    /// The same offer, term and billing is already on line `first_line`.
    DuplicateLine {
        first_line: usize,
    },
    /// `place_order` got a different number of subscription ids than lines.
    SubscriptionIdsMismatch {
        lines: usize,
        ids: usize,
    },
    /// The subscription is cancelled.
    SubscriptionNotActive {
        subscription: String,
    },
    /// Perpetual software does not renew.
    AutoRenewNotApplicable {
        term: Term,
    },

    // --- partner settings --------------------------------------------------------------
    InvalidCountryCode {
        country: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_from_reasons() {
        assert!(Decision::from_reasons(vec![]).is_allowed());
        let d = Decision::from_reasons(vec![Reason::EmptyCart]);
        assert!(!d.is_allowed());
        assert_eq!(d.reasons(), &[Reason::EmptyCart]);
        assert_eq!(d.into_result(), Err(vec![Reason::EmptyCart]));
    }

    #[test]
    fn reasons_serialize_with_stable_names() {
        let json =
            serde_json::to_string(&Reason::VerificationRequestsExhausted { used: 3, max: 3 })
                .unwrap();
        assert_eq!(
            json,
            r#"{"VerificationRequestsExhausted":{"used":3,"max":3}}"#
        );
        let back: Reason = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            Reason::VerificationRequestsExhausted { used: 3, max: 3 }
        );
        assert_eq!(
            serde_json::to_string(&Reason::IndirectResellerMustUseProvider).unwrap(),
            r#""IndirectResellerMustUseProvider""#
        );
    }
}
