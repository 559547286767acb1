//! Customer qualifications: the values, the records a customer holds and the sets allowed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::education_expected_by;
use super::roles::Role;

/// The SDK's `CustomerQualification` enum (docs/RULES.md, S10). Serde names are the SDK names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Qualification {
    None,
    Education,
    Nonprofit,
    GovernmentCommunityCloud,
    StateOwnedEntity,
}

impl Qualification {
    /// Every value, in enum order.
    pub const ALL: [Qualification; 5] = [
        Qualification::None,
        Qualification::Education,
        Qualification::Nonprofit,
        Qualification::GovernmentCommunityCloud,
        Qualification::StateOwnedEntity,
    ];

    /// The value of Partner Center's `qualification` field, compared case-insensitively
    /// (https://learn.microsoft.com/en-us/partner-center/developer/get-customer-qualification-asynchronous).
    pub fn from_partner_center(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|q| same_words(value, q.partner_center_name()))
    }

    /// The name Partner Center's API uses (the SDK enum's, as serde writes it).
    pub fn partner_center_name(self) -> &'static str {
        match self {
            Qualification::None => "None",
            Qualification::Education => "Education",
            Qualification::Nonprofit => "Nonprofit",
            Qualification::GovernmentCommunityCloud => "GovernmentCommunityCloud",
            Qualification::StateOwnedEntity => "StateOwnedEntity",
        }
    }

    /// docs/RULES.md: the partner may request Education, GCC and SOE; never None or Nonprofit.
    pub fn requestable_by_partner(self) -> bool {
        matches!(
            self,
            Qualification::Education
                | Qualification::GovernmentCommunityCloud
                | Qualification::StateOwnedEntity
        )
    }
}

/// A Partner Center string compared as Microsoft's own material needs: case-insensitively, with
/// runs of spaces as one (the casing of `vettingReason` varies between Microsoft's documents,
/// docs/RULES.md §11).
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// `vettingStatus` of a qualification (docs/RULES.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VettingStatus {
    InReview,
    Approved,
    Denied,
}

/// The documented Education vetting reasons (docs/RULES.md, S12).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VettingReason {
    NotAnEducationCustomer,
    NoLongerAnEducationCustomer,
    NotAnEducationCustomerAfterReview,
    RestrictedBeingAnEducationCustomer,
    NotAnAcademicDomain,
    NotAnEligibleLibrary,
    NotAnEligibleMuseum,
}

impl VettingStatus {
    /// The value of Partner Center's `vettingStatus` field, compared case-insensitively.
    pub fn from_partner_center(value: &str) -> Option<Self> {
        [
            (Self::InReview, "InReview"),
            (Self::Approved, "Approved"),
            (Self::Denied, "Denied"),
        ]
        .into_iter()
        .find_map(|(s, name)| same_words(value, name).then_some(s))
    }
}

impl VettingReason {
    /// The text Partner Center gives as `vettingReason`, in the casing of Microsoft's published
    /// list (https://learn.microsoft.com/en-us/partner-center/developer/api-change-log).
    pub fn partner_center_text(self) -> &'static str {
        match self {
            VettingReason::NotAnEducationCustomer => "Not an Education Customer",
            VettingReason::NoLongerAnEducationCustomer => "No longer an Education Customer",
            VettingReason::NotAnEducationCustomerAfterReview => {
                "Not an Education Customer - After Review"
            }
            VettingReason::RestrictedBeingAnEducationCustomer => {
                "Restricted being an Education Customer"
            }
            VettingReason::NotAnAcademicDomain => "Not an Academic Domain",
            VettingReason::NotAnEligibleLibrary => "Not an eligible Library",
            VettingReason::NotAnEligibleMuseum => "Not an eligible Museum",
        }
    }

    /// The reason Partner Center's `vettingReason` text names, compared case-insensitively:
    /// Microsoft's own samples write "Not an education customer" and "Not an Education
    /// Customer" (docs/RULES.md §11).
    pub fn from_partner_center(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|r| same_words(value, r.partner_center_text()))
    }

    /// Every documented reason, in the order of docs/RULES.md
    pub const ALL: [VettingReason; 7] = [
        VettingReason::NotAnEducationCustomer,
        VettingReason::NoLongerAnEducationCustomer,
        VettingReason::NotAnEducationCustomerAfterReview,
        VettingReason::RestrictedBeingAnEducationCustomer,
        VettingReason::NotAnAcademicDomain,
        VettingReason::NotAnEligibleLibrary,
        VettingReason::NotAnEligibleMuseum,
    ];
}

/// `educationSegment` of an Education request (docs/RULES.md: `K12` or `HigherEducation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EducationSegment {
    K12,
    HigherEducation,
}

/// One qualification a customer holds (docs/RULES.md, the V2 qualification object).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualificationRecord {
    pub kind: Qualification,
    /// `None` where the API carries none (SOE, §2.3).
    pub vetting_status: Option<VettingStatus>,
    /// Set when `Denied`.
    pub vetting_reason: Option<VettingReason>,
    /// `vettingCreateDate`: the date of the (latest) submission.
    pub created: NaiveDate,
    /// The date of the latest review decision (approve or deny), if any.
    pub decided: Option<NaiveDate>,
    pub education_segment: Option<EducationSegment>,
    pub website: Option<String>,
    /// The partner's GCC validation code used (GCC only).
    pub validation_code: Option<String>,
    /// SOE only: who confirmed that the customer meets Microsoft's state-owned entity
    /// criteria, and when (docs/RULES.md §2). Written only when present, so records stored
    /// before it load unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria_confirmed: Option<CriteriaConfirmation>,
    /// Partner Center has this record: it came in (or was updated by) an import from Partner
    /// Center (docs/RULES.md §11). A record requested on the desk has `false` until then, and is
    /// what the export of pending requests writes. Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_partner_center: bool,
}

/// The partner user's confirmation, on a state-owned entity request, that the customer meets
/// Microsoft's criteria (docs/RULES.md §2): the acting role and the app clock's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CriteriaConfirmation {
    pub by: Role,
    pub on: NaiveDate,
}

impl QualificationRecord {
    /// A record with no review pending: GCC and Nonprofit are `Approved` at once, SOE carries
    /// no vetting status (docs/RULES.md).
    pub fn granted(kind: Qualification, on: NaiveDate) -> Self {
        let vetting_status = match kind {
            Qualification::StateOwnedEntity => None,
            _ => Some(VettingStatus::Approved),
        };
        QualificationRecord {
            kind,
            vetting_status,
            vetting_reason: None,
            created: on,
            decided: None,
            education_segment: None,
            website: None,
            validation_code: None,
            criteria_confirmed: None,
            in_partner_center: false,
        }
    }

    /// Whether the record counts for purchases: `Approved`, or SOE without a vetting status
    /// (SOE carries none, §2.3). docs/RULES.md rule 4: `InReview` or `Denied` does not count,
    /// nor does any other kind without a status (e.g. a hand-edited import).
    pub fn is_effective(&self) -> bool {
        match self.vetting_status {
            Some(VettingStatus::Approved) => true,
            None => self.kind == Qualification::StateOwnedEntity,
            Some(_) => false,
        }
    }

    /// For a record in review: when the decision is expected (docs/RULES.md).
    pub fn expected_by(&self) -> Option<NaiveDate> {
        (self.vetting_status == Some(VettingStatus::InReview))
            .then(|| education_expected_by(self.created))
    }
}

/// A set of qualifications, as the rows of the purchase matrix see it (docs/RULES.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct QualificationSet {
    pub education: bool,
    pub nonprofit: bool,
    pub gcc: bool,
    pub soe: bool,
}

impl QualificationSet {
    /// The empty set: a commercial customer.
    pub const NONE: QualificationSet = QualificationSet {
        education: false,
        nonprofit: false,
        gcc: false,
        soe: false,
    };

    /// Build a set from qualification kinds (`None` adds nothing).
    pub fn of(kinds: &[Qualification]) -> Self {
        kinds.iter().fold(Self::NONE, |set, &k| set.with(k))
    }

    /// This set with `kind` added.
    pub fn with(mut self, kind: Qualification) -> Self {
        match kind {
            Qualification::None => {}
            Qualification::Education => self.education = true,
            Qualification::Nonprofit => self.nonprofit = true,
            Qualification::GovernmentCommunityCloud => self.gcc = true,
            Qualification::StateOwnedEntity => self.soe = true,
        }
        self
    }

    /// This set with `kind` removed.
    pub fn without(mut self, kind: Qualification) -> Self {
        match kind {
            Qualification::None => {}
            Qualification::Education => self.education = false,
            Qualification::Nonprofit => self.nonprofit = false,
            Qualification::GovernmentCommunityCloud => self.gcc = false,
            Qualification::StateOwnedEntity => self.soe = false,
        }
        self
    }

    /// Whether `kind` is in the set (`None` is in the empty set only).
    pub fn contains(self, kind: Qualification) -> bool {
        match kind {
            Qualification::None => self == Self::NONE,
            Qualification::Education => self.education,
            Qualification::Nonprofit => self.nonprofit,
            Qualification::GovernmentCommunityCloud => self.gcc,
            Qualification::StateOwnedEntity => self.soe,
        }
    }

    /// The kinds in the set, in enum order; `[None]` for the empty set.
    pub fn kinds(self) -> Vec<Qualification> {
        let all = [
            Qualification::Education,
            Qualification::Nonprofit,
            Qualification::GovernmentCommunityCloud,
            Qualification::StateOwnedEntity,
        ];
        let kinds: Vec<_> = all.into_iter().filter(|&k| self.contains(k)).collect();
        if kinds.is_empty() {
            vec![Qualification::None]
        } else {
            kinds
        }
    }

    /// Whether this set is a row of the purchase matrix: a customer may hold exactly those
    /// (docs/RULES.md §2, a decision).
    pub fn is_matrix_row(self) -> bool {
        ALLOWED_SETS.contains(&self)
    }
}

const fn set(education: bool, nonprofit: bool, gcc: bool, soe: bool) -> QualificationSet {
    QualificationSet {
        education,
        nonprofit,
        gcc,
        soe,
    }
}

/// The 8 rows of the purchase matrix (docs/RULES.md), in its order: None, Nonprofit, Education,
/// Nonprofit+Education, GCC, SOE, Education+SOE, SOE+GCC.
pub const ALLOWED_SETS: [QualificationSet; 8] = [
    set(false, false, false, false),
    set(false, true, false, false),
    set(true, false, false, false),
    set(true, true, false, false),
    set(false, false, true, false),
    set(false, false, false, true),
    set(true, false, false, true),
    set(false, false, true, true),
];

#[cfg(test)]
mod tests {
    use super::*;
    use Qualification::*;

    #[test]
    fn partner_requests_education_gcc_soe_only() {
        assert!(Education.requestable_by_partner());
        assert!(GovernmentCommunityCloud.requestable_by_partner());
        assert!(StateOwnedEntity.requestable_by_partner());
        assert!(!None.requestable_by_partner());
        assert!(!Nonprofit.requestable_by_partner());
    }

    #[test]
    fn exactly_eight_of_sixteen_sets_are_allowed() {
        let mut allowed = Vec::new();
        for bits in 0u8..16 {
            let s = set(bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0);
            if s.is_matrix_row() {
                allowed.push(s);
            }
        }
        assert_eq!(allowed.len(), 8);
        // The undocumented combinations of docs/RULES.md are refused.
        assert!(!QualificationSet::of(&[Education, GovernmentCommunityCloud]).is_matrix_row());
        assert!(!QualificationSet::of(&[Nonprofit, GovernmentCommunityCloud]).is_matrix_row());
        assert!(!QualificationSet::of(&[Nonprofit, StateOwnedEntity]).is_matrix_row());
        assert!(
            QualificationSet::of(&[StateOwnedEntity, GovernmentCommunityCloud]).is_matrix_row()
        );
    }

    #[test]
    fn in_review_and_denied_records_are_not_effective() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
        let mut rec = QualificationRecord::granted(Education, day);
        assert!(rec.is_effective());
        rec.vetting_status = Some(VettingStatus::InReview);
        assert!(!rec.is_effective());
        assert_eq!(rec.expected_by(), NaiveDate::from_ymd_opt(2025, 3, 6));
        rec.vetting_status = Some(VettingStatus::Denied);
        assert!(!rec.is_effective());
        assert_eq!(rec.expected_by(), Option::None);
        assert!(QualificationRecord::granted(StateOwnedEntity, day).is_effective());
        let mut gcc = QualificationRecord::granted(GovernmentCommunityCloud, day);
        gcc.vetting_status = Option::None;
        assert!(!gcc.is_effective());
    }

    #[test]
    fn partner_center_strings_map_case_insensitively() {
        assert_eq!(
            Qualification::from_partner_center("governmentcommunitycloud"),
            Some(GovernmentCommunityCloud)
        );
        assert_eq!(
            Qualification::from_partner_center(" Education "),
            Some(Education)
        );
        assert_eq!(Qualification::from_partner_center("Charity"), Option::None);
        assert_eq!(
            VettingStatus::from_partner_center("inReview"),
            Some(VettingStatus::InReview)
        );
        assert_eq!(VettingStatus::from_partner_center("Pending"), Option::None);
        for (text, reason) in [
            (
                "Not an education customer",
                VettingReason::NotAnEducationCustomer,
            ),
            (
                "NOT AN EDUCATION CUSTOMER - after review",
                VettingReason::NotAnEducationCustomerAfterReview,
            ),
            (
                "not an  eligible museum",
                VettingReason::NotAnEligibleMuseum,
            ),
        ] {
            assert_eq!(
                VettingReason::from_partner_center(text),
                Some(reason),
                "{text}"
            );
        }
        assert_eq!(
            VettingReason::from_partner_center("Not a school"),
            Option::None
        );
        for r in VettingReason::ALL {
            assert_eq!(
                VettingReason::from_partner_center(r.partner_center_text()),
                Some(r)
            );
        }
    }

    #[test]
    fn kinds_of_empty_set_is_none() {
        assert_eq!(QualificationSet::NONE.kinds(), vec![None]);
        assert_eq!(
            QualificationSet::of(&[StateOwnedEntity, Education]).kinds(),
            vec![Education, StateOwnedEntity]
        );
        assert!(QualificationSet::NONE.contains(None));
        assert!(!QualificationSet::of(&[Education]).contains(None));
    }
}
