//! Microsoft's Education review, simulated (docs/RULES.md): InReview → Approved | Denied,
//! Approved → Denied ("No longer an Education Customer"). Submission and resubmission are
//! partner requests (see `request`).

use chrono::NaiveDate;

use super::customer::Customer;
use super::qualification::{Qualification, VettingReason, VettingStatus};
use super::reason::Reason;

fn check_transition(customer: &Customer, to: VettingStatus) -> Result<VettingStatus, Vec<Reason>> {
    let Some(rec) = customer.record(Qualification::Education) else {
        return Err(vec![Reason::EducationNotRequested]);
    };
    let from = rec.vetting_status.unwrap_or(VettingStatus::Approved);
    let allowed = match to {
        VettingStatus::Approved => from == VettingStatus::InReview,
        VettingStatus::Denied => matches!(from, VettingStatus::InReview | VettingStatus::Approved),
        // Back to review only by the partner's resubmission (request::apply_request).
        VettingStatus::InReview => false,
    };
    if allowed {
        Ok(from)
    } else {
        Err(vec![Reason::VettingTransitionNotAllowed { from, to }])
    }
}

/// Why approving would fail (the review must be pending).
pub fn check_approve(customer: &Customer) -> Vec<Reason> {
    check_transition(customer, VettingStatus::Approved)
        .err()
        .unwrap_or_default()
}

/// Why denying would fail (the qualification must be in review or approved).
pub fn check_deny(customer: &Customer) -> Vec<Reason> {
    check_transition(customer, VettingStatus::Denied)
        .err()
        .unwrap_or_default()
}

/// InReview → Approved on `today`. Returns the status before.
pub fn approve(customer: &mut Customer, today: NaiveDate) -> Result<VettingStatus, Vec<Reason>> {
    let from = check_transition(customer, VettingStatus::Approved)?;
    if let Some(rec) = customer.record_mut(Qualification::Education) {
        rec.vetting_status = Some(VettingStatus::Approved);
        rec.vetting_reason = None;
        rec.decided = Some(today);
    }
    Ok(from)
}

/// InReview or Approved → Denied with one of the documented reasons (docs/RULES.md) on
/// `today`. Returns the status before.
pub fn deny(
    customer: &mut Customer,
    reason: VettingReason,
    today: NaiveDate,
) -> Result<VettingStatus, Vec<Reason>> {
    let from = check_transition(customer, VettingStatus::Denied)?;
    if let Some(rec) = customer.record_mut(Qualification::Education) {
        rec.vetting_status = Some(VettingStatus::Denied);
        rec.vetting_reason = Some(reason);
        rec.decided = Some(today);
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{customer, day, education_customer};

    fn in_review() -> Customer {
        education_customer(VettingStatus::InReview, day(2025, 3, 3))
    }

    #[test]
    fn no_education_nothing_to_review() {
        let mut c = customer("c", &[], day(2025, 3, 3));
        assert_eq!(
            approve(&mut c, day(2025, 3, 4)),
            Err(vec![Reason::EducationNotRequested])
        );
        assert_eq!(check_deny(&c), vec![Reason::EducationNotRequested]);
    }

    #[test]
    fn in_review_to_approved() {
        let mut c = in_review();
        assert_eq!(
            approve(&mut c, day(2025, 3, 5)),
            Ok(VettingStatus::InReview)
        );
        let rec = c.record(Qualification::Education).unwrap();
        assert_eq!(
            (rec.vetting_status, rec.decided),
            (Some(VettingStatus::Approved), Some(day(2025, 3, 5)))
        );
        // Approved cannot be approved again.
        assert_eq!(
            check_approve(&c),
            vec![Reason::VettingTransitionNotAllowed {
                from: VettingStatus::Approved,
                to: VettingStatus::Approved
            }]
        );
    }

    #[test]
    fn in_review_to_denied_with_reason() {
        let mut c = in_review();
        assert_eq!(
            deny(&mut c, VettingReason::NotAnEligibleMuseum, day(2025, 3, 6)),
            Ok(VettingStatus::InReview)
        );
        let rec = c.record(Qualification::Education).unwrap();
        assert_eq!(rec.vetting_status, Some(VettingStatus::Denied));
        assert_eq!(rec.vetting_reason, Some(VettingReason::NotAnEligibleMuseum));
        // Denied is neither approved nor denied again by the review.
        assert_eq!(
            approve(&mut c, day(2025, 3, 7)),
            Err(vec![Reason::VettingTransitionNotAllowed {
                from: VettingStatus::Denied,
                to: VettingStatus::Approved
            }])
        );
        assert_eq!(
            check_deny(&c),
            vec![Reason::VettingTransitionNotAllowed {
                from: VettingStatus::Denied,
                to: VettingStatus::Denied
            }]
        );
    }

    #[test]
    fn approved_to_denied_later() {
        let mut c = in_review();
        approve(&mut c, day(2025, 3, 4)).unwrap();
        assert_eq!(
            deny(
                &mut c,
                VettingReason::NoLongerAnEducationCustomer,
                day(2025, 3, 20)
            ),
            Ok(VettingStatus::Approved)
        );
        assert_eq!(
            c.record(Qualification::Education).unwrap().decided,
            Some(day(2025, 3, 20))
        );
    }
}
