//! Whether a desk that did not come from the desk's own operations (an imported file) obeys
//! the rules those operations keep: unique ids and primary domains, qualification sets that are
//! rows of the purchase matrix (docs/RULES.md), at most 3 verification requests (§6.4),
//! subscriptions of existing customers, an audit log numbered 1, 2, 3, …

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::customer::{Customer, MAX_VERIFICATION_REQUESTS};
use super::desk::Desk;
use super::qualification::Qualification;

/// Which record a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RecordRef {
    Partner,
    Customer { id: String },
    Subscription { id: String },
    AuditEntry { seq: u64 },
}

/// What is wrong with a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordProblem {
    EmptyId,
    /// Another record of the same kind has this id.
    DuplicateId,
    /// Another customer has this primary domain.
    DuplicateDomainPrefix {
        prefix: String,
    },
    /// The qualifications held are not a row of the purchase matrix (e.g. GCC + Education).
    QualificationSetNotAllowed {
        held: Vec<Qualification>,
    },
    /// The same qualification is recorded twice, or `None` is recorded as held.
    QualificationRecordInvalid {
        qualification: Qualification,
    },
    TooManyVerificationRequests {
        count: u8,
        max: u8,
    },
    /// The subscription names a customer the desk does not have.
    UnknownCustomer {
        customer: String,
    },
    /// Seats must be at least 1.
    NoSeats,
    /// The audit log is numbered 1, 2, 3, … in order.
    AuditSequenceBroken {
        expected: u64,
    },
}

/// The problems of one customer on its own.
pub fn check_customer(c: &Customer) -> Vec<RecordProblem> {
    let mut out = Vec::new();
    if c.id.trim().is_empty() {
        out.push(RecordProblem::EmptyId);
    }
    for (i, r) in c.qualifications.iter().enumerate() {
        let repeated = c.qualifications[..i]
            .iter()
            .any(|earlier| earlier.kind == r.kind);
        if r.kind == Qualification::None || repeated {
            out.push(RecordProblem::QualificationRecordInvalid {
                qualification: r.kind,
            });
        }
    }
    let held = c.held();
    if !held.is_matrix_row() {
        out.push(RecordProblem::QualificationSetNotAllowed { held: held.kinds() });
    }
    if c.verification_requests > MAX_VERIFICATION_REQUESTS {
        out.push(RecordProblem::TooManyVerificationRequests {
            count: c.verification_requests,
            max: MAX_VERIFICATION_REQUESTS,
        });
    }
    out
}

/// Every problem of a desk, by record, in record order.
pub fn check_desk(desk: &Desk) -> Vec<(RecordRef, RecordProblem)> {
    // A record's name is made only for a problem: an import checks 40,000 clean records. Fx
    // rather than SipHash: the ids are the file's own (as in the store's creation ranks).
    let mut out = Vec::new();
    let mut ids = FxHashSet::default();
    let mut prefixes = FxHashSet::default();
    for c in &desk.customers {
        let at = || RecordRef::Customer { id: c.id.clone() };
        out.extend(check_customer(c).into_iter().map(|p| (at(), p)));
        if !ids.insert(c.id.as_str()) {
            out.push((at(), RecordProblem::DuplicateId));
        }
        if !prefixes.insert(c.domain_prefix.as_str()) {
            let prefix = c.domain_prefix.clone();
            out.push((at(), RecordProblem::DuplicateDomainPrefix { prefix }));
        }
    }
    let mut sub_ids = FxHashSet::default();
    for s in &desk.subscriptions {
        let at = || RecordRef::Subscription { id: s.id.clone() };
        if s.id.trim().is_empty() {
            out.push((at(), RecordProblem::EmptyId));
        }
        if !sub_ids.insert(s.id.as_str()) {
            out.push((at(), RecordProblem::DuplicateId));
        }
        if !ids.contains(s.customer_id.as_str()) {
            let customer = s.customer_id.clone();
            out.push((at(), RecordProblem::UnknownCustomer { customer }));
        }
        if s.seats == 0 {
            out.push((at(), RecordProblem::NoSeats));
        }
    }
    for (i, a) in desk.audit.iter().enumerate() {
        let expected = i as u64 + 1;
        if a.seq != expected {
            out.push((
                RecordRef::AuditEntry { seq: a.seq },
                RecordProblem::AuditSequenceBroken { expected },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{customer, day};

    fn subscription(id: &str, customer: &str) -> crate::domain::Subscription {
        use crate::domain::{BillingFrequency, Segment, SubscriptionStatus, Term};
        crate::domain::Subscription {
            id: id.into(),
            customer_id: customer.into(),
            offer_id: "o".into(),
            segment: Segment::Commercial,
            seat_based: true,
            seats: 1,
            term: Term::OneYear,
            billing: BillingFrequency::Monthly,
            start: day(2026, 1, 5),
            end: None,
            auto_renew: true,
            status: SubscriptionStatus::Active,
            commercial_equivalent: None,
            proposed_equivalent: None,
            offer_name: None,
        }
    }

    #[test]
    fn a_gcc_customer_holding_education_is_not_a_matrix_row() {
        use Qualification::*;
        let c = customer(
            "c1",
            &[GovernmentCommunityCloud, Education],
            day(2026, 1, 5),
        );
        assert_eq!(
            check_customer(&c),
            vec![RecordProblem::QualificationSetNotAllowed {
                held: vec![Education, GovernmentCommunityCloud]
            }]
        );
        assert!(check_customer(&customer(
            "c2",
            &[StateOwnedEntity, GovernmentCommunityCloud],
            day(2026, 1, 5)
        ))
        .is_empty());
        assert!(check_customer(&customer("c3", &[], day(2026, 1, 5))).is_empty());
    }

    #[test]
    fn twice_held_none_held_and_too_many_requests() {
        let mut c = customer(
            "c1",
            &[
                Qualification::Education,
                Qualification::Education,
                Qualification::None,
            ],
            day(2026, 1, 5),
        );
        c.verification_requests = 4;
        let problems = check_customer(&c);
        assert!(
            problems.contains(&RecordProblem::QualificationRecordInvalid {
                qualification: Qualification::Education
            })
        );
        assert!(
            problems.contains(&RecordProblem::QualificationRecordInvalid {
                qualification: Qualification::None
            })
        );
        assert!(problems.contains(&RecordProblem::TooManyVerificationRequests { count: 4, max: 3 }));
    }

    #[test]
    fn desk_level_duplicates_orphans_and_log_order() {
        let mut desk = Desk::default();
        desk.customers.push(customer("c1", &[], day(2026, 1, 5)));
        desk.customers.push(customer("c1", &[], day(2026, 1, 5)));
        let mut sub = subscription("s1", "nobody");
        sub.seats = 0;
        desk.subscriptions.push(sub);
        let problems = check_desk(&desk);
        let c1 = RecordRef::Customer { id: "c1".into() };
        let s1 = RecordRef::Subscription { id: "s1".into() };
        assert!(problems.contains(&(c1.clone(), RecordProblem::DuplicateId)));
        assert!(problems.contains(&(
            c1,
            RecordProblem::DuplicateDomainPrefix {
                prefix: "c1".into()
            }
        )));
        assert!(problems.contains(&(
            s1.clone(),
            RecordProblem::UnknownCustomer {
                customer: "nobody".into()
            }
        )));
        assert!(problems.contains(&(s1, RecordProblem::NoSeats)));
    }
}
