//! A customer of the partner: account information, primary domain, qualifications and the
//! verification-request counter.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::AccountInfo;
use super::nonprofit::NonprofitReview;
use super::qualification::{Qualification, QualificationRecord, QualificationSet};

/// At most 3 verification requests per customer, the first included (docs/RULES.md,
/// Decisions).
pub const MAX_VERIFICATION_REQUESTS: u8 = 3;

/// A customer tenant as the desk knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Customer {
    /// Caller-supplied, unique in the desk.
    pub id: String,
    pub created: NaiveDate,
    pub account: AccountInfo,
    /// `<prefix>.onmicrosoft.com`, lower case; cannot be changed after creation (docs/RULES.md
    /// §6.2): no operation of the desk writes it.
    pub domain_prefix: String,
    /// One record per qualification held (docs/RULES.md), in the order obtained.
    pub qualifications: Vec<QualificationRecord>,
    /// Verification requests submitted so far (docs/RULES.md); when
    /// `verification_requests_known` is false, the fewest Partner Center's records show.
    pub verification_requests: u8,
    /// The nonprofit periodic review (docs/RULES.md), if one has started.
    pub nonprofit_review: Option<NonprofitReview>,
    /// The customer's Microsoft ID (Partner Center's tenant ID), once an import from Partner
    /// Center has given it (docs/RULES.md §11). Written only when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub microsoft_id: Option<String>,
    /// Whether `verification_requests` is the exact count: true for customers the desk made;
    /// false once Partner Center's records were merged, which show that requests were used but
    /// never how many (docs/RULES.md §11). Written only when false.
    #[serde(default = "known", skip_serializing_if = "is_known")]
    pub verification_requests_known: bool,
}

/// The default of `verification_requests_known`: desks stored before it counted every request.
fn known() -> bool {
    true
}

fn is_known(known: &bool) -> bool {
    *known
}

/// How many verification requests a customer has used, as the desk knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestsUsed {
    /// Counted on the desk.
    Exactly(u8),
    /// Partner Center's records show at least this many (docs/RULES.md §11).
    AtLeast(u8),
}

impl Customer {
    /// A customer with no qualification (docs/RULES.md: every new customer starts at None).
    pub fn new(id: String, account: AccountInfo, domain_prefix: &str, created: NaiveDate) -> Self {
        Customer {
            id,
            created,
            account,
            domain_prefix: super::account::normalize_domain_prefix(domain_prefix),
            qualifications: Vec::new(),
            verification_requests: 0,
            nonprofit_review: None,
            microsoft_id: None,
            verification_requests_known: true,
        }
    }

    /// `<prefix>.onmicrosoft.com`.
    pub fn primary_domain(&self) -> String {
        format!("{}.onmicrosoft.com", self.domain_prefix)
    }

    /// The record of `kind`, if held.
    pub fn record(&self, kind: Qualification) -> Option<&QualificationRecord> {
        self.qualifications.iter().find(|r| r.kind == kind)
    }

    pub(crate) fn record_mut(&mut self, kind: Qualification) -> Option<&mut QualificationRecord> {
        self.qualifications.iter_mut().find(|r| r.kind == kind)
    }

    /// Every qualification held, whatever its vetting status: what request rules check.
    pub fn held(&self) -> QualificationSet {
        self.qualifications
            .iter()
            .fold(QualificationSet::NONE, |s, r| s.with(r.kind))
    }

    /// The qualifications that count for purchases on `today`: approved (or unvetted SOE)
    /// records, without a nonprofit qualification whose removal date has come (docs/RULES.md
    /// rule 4, §8).
    pub fn effective(&self, today: NaiveDate) -> QualificationSet {
        let set = self
            .qualifications
            .iter()
            .filter(|r| r.is_effective())
            .fold(QualificationSet::NONE, |s, r| s.with(r.kind));
        if self.nonprofit_removed_on(today).is_some() {
            set.without(Qualification::Nonprofit)
        } else {
            set
        }
    }

    /// The verification requests used: exact, or at least so many (docs/RULES.md §11).
    pub fn requests_used(&self) -> RequestsUsed {
        if self.verification_requests_known {
            RequestsUsed::Exactly(self.verification_requests)
        } else {
            RequestsUsed::AtLeast(self.verification_requests)
        }
    }

    /// Verification requests left (docs/RULES.md); when the count is not known, at most so
    /// many.
    pub fn requests_left(&self) -> u8 {
        MAX_VERIFICATION_REQUESTS.saturating_sub(self.verification_requests)
    }

    /// The date the nonprofit qualification was (or is due to be) removed, as of `today`.
    pub fn nonprofit_removed_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        match self.nonprofit_review? {
            NonprofitReview::Removed { removed_on } => Some(removed_on),
            NonprofitReview::NoticeGiven { removal_date, .. } => {
                (removal_date <= today).then_some(removal_date)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qualification::VettingStatus;
    use crate::test_support::day;

    #[test]
    fn new_customers_have_no_qualification_and_a_lower_case_prefix() {
        let c = Customer::new(
            "c1".into(),
            AccountInfo::default(),
            " ContosoEdu ",
            day(2025, 3, 1),
        );
        assert_eq!(c.held(), QualificationSet::NONE);
        assert_eq!(c.primary_domain(), "contosoedu.onmicrosoft.com");
        assert_eq!(c.requests_left(), 3);
    }

    #[test]
    fn effective_set_ignores_unapproved_education_and_due_nonprofit_removal() {
        let mut c = Customer::new("c1".into(), AccountInfo::default(), "x", day(2025, 3, 1));
        let mut edu = QualificationRecord::granted(Qualification::Education, day(2025, 3, 1));
        edu.vetting_status = Some(VettingStatus::InReview);
        c.qualifications.push(edu);
        c.qualifications.push(QualificationRecord::granted(
            Qualification::Nonprofit,
            day(2025, 3, 1),
        ));
        assert_eq!(
            c.held(),
            QualificationSet::of(&[Qualification::Education, Qualification::Nonprofit])
        );
        assert_eq!(
            c.effective(day(2025, 3, 2)),
            QualificationSet::of(&[Qualification::Nonprofit])
        );
        c.nonprofit_review = Some(NonprofitReview::NoticeGiven {
            notice_date: day(2025, 3, 1),
            removal_date: day(2025, 3, 10),
        });
        assert_eq!(
            c.effective(day(2025, 3, 9)),
            QualificationSet::of(&[Qualification::Nonprofit])
        );
        assert_eq!(c.effective(day(2025, 3, 10)), QualificationSet::NONE);
        assert_eq!(
            c.nonprofit_removed_on(day(2025, 3, 11)),
            Some(day(2025, 3, 10))
        );
    }
}
