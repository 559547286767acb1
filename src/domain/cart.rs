//! The cart: every problem of every line at once (docs/RULES.md; P6: stop the order, say
//! why, allow resubmission).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{BillingFrequency, Catalog, Term};
use super::customer::Customer;
use super::eligibility::eligibility;
use super::partner::PartnerProfile;
use super::reason::{Decision, Reason};
use super::subscription::{check_seats, check_term_billing};

/// One line of the cart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub offer_id: String,
    pub seats: u32,
    pub term: Term,
    pub billing: BillingFrequency,
}

/// A cart for one customer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
}

/// Every problem of the cart: per line (as [`Reason::CartLine`]) eligibility, seats, term,
/// billing and duplicates (same offer, term and billing as an earlier line); `EmptyCart` for
/// an empty one.
pub fn check_cart(
    customer: &Customer,
    partner: &PartnerProfile,
    catalog: &Catalog,
    cart: &Cart,
    today: NaiveDate,
) -> Decision {
    if cart.lines.is_empty() {
        return Decision::Refused(vec![Reason::EmptyCart]);
    }
    let mut out = Vec::new();
    for (i, line) in cart.lines.iter().enumerate() {
        let mut push = |reason: Reason| {
            out.push(Reason::CartLine {
                line: i,
                offer: line.offer_id.clone(),
                reason: Box::new(reason),
            })
        };
        let Some(offer) = catalog.get(&line.offer_id) else {
            push(Reason::OfferNotFound {
                offer: line.offer_id.clone(),
            });
            continue;
        };
        eligibility(customer, partner, offer, today)
            .reasons()
            .iter()
            .cloned()
            .for_each(&mut push);
        check_seats(offer, line.seats)
            .into_iter()
            .for_each(&mut push);
        check_term_billing(offer, line.term, line.billing)
            .into_iter()
            .for_each(&mut push);
        let first = cart.lines[..i].iter().position(|l| {
            l.offer_id == line.offer_id && l.term == line.term && l.billing == line.billing
        });
        if let Some(first_line) = first {
            push(Reason::DuplicateLine { first_line });
        }
    }
    Decision::from_reasons(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matrix::Segment;
    use crate::domain::qualification::Qualification;
    use crate::test_support::{cart_line as line, customer, day};

    #[test]
    fn empty_cart_is_refused() {
        let c = customer("c", &[], day(2025, 3, 3));
        let r = check_cart(
            &c,
            &PartnerProfile::default(),
            &Catalog::sample(),
            &Cart::default(),
            day(2025, 3, 3),
        );
        assert_eq!(r.reasons(), &[Reason::EmptyCart]);
    }

    #[test]
    fn a_good_cart_passes() {
        let c = customer("c", &[Qualification::Education], day(2025, 3, 3));
        let cart = Cart {
            lines: vec![
                line(
                    "m365-a3-faculty-edu",
                    20,
                    Term::OneYear,
                    BillingFrequency::Annual,
                ),
                line(
                    "m365-a3-faculty-edu",
                    5,
                    Term::OneMonth,
                    BillingFrequency::Monthly,
                ),
                line(
                    "office-ltsc-standard-2021-edu",
                    3,
                    Term::Perpetual,
                    BillingFrequency::OneTime,
                ),
            ],
        };
        assert!(check_cart(
            &c,
            &PartnerProfile::default(),
            &Catalog::sample(),
            &cart,
            day(2025, 3, 3)
        )
        .is_allowed());
    }

    #[test]
    fn every_problem_of_every_line_at_once() {
        let c = customer("c", &[], day(2025, 3, 3));
        let cart = Cart {
            lines: vec![
                line("m365-e3", 10, Term::OneYear, BillingFrequency::Annual),
                line(
                    "m365-a3-faculty-edu",
                    0,
                    Term::ThreeYears,
                    BillingFrequency::Annual,
                ),
                line("no-such-offer", 1, Term::OneYear, BillingFrequency::Annual),
                line(
                    "m365-business-basic",
                    301,
                    Term::OneMonth,
                    BillingFrequency::Annual,
                ),
                line("m365-e3", 3, Term::OneYear, BillingFrequency::Annual),
            ],
        };
        let r = check_cart(
            &c,
            &PartnerProfile::default(),
            &Catalog::sample(),
            &cart,
            day(2025, 3, 3),
        );
        let per_line: Vec<(usize, Reason)> = r
            .reasons()
            .iter()
            .map(|x| match x {
                Reason::CartLine { line, reason, .. } => (*line, (**reason).clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(matches!(
            per_line[0],
            (
                1,
                Reason::SegmentNotAllowedForQualifications {
                    segment: Segment::Education,
                    ..
                }
            )
        ));
        assert_eq!(
            per_line[1],
            (1, Reason::SeatsBelowMinimum { seats: 0, min: 1 })
        );
        assert!(matches!(
            per_line[2],
            (
                1,
                Reason::TermNotOffered {
                    term: Term::ThreeYears,
                    ..
                }
            )
        ));
        assert_eq!(
            per_line[3],
            (
                2,
                Reason::OfferNotFound {
                    offer: "no-such-offer".into()
                }
            )
        );
        assert_eq!(
            per_line[4],
            (
                3,
                Reason::SeatsAboveLimit {
                    seats: 301,
                    max: 300
                }
            )
        );
        assert_eq!(
            per_line[5],
            (
                3,
                Reason::BillingNotAvailableForTerm {
                    term: Term::OneMonth,
                    billing: BillingFrequency::Annual
                }
            )
        );
        assert_eq!(per_line[6], (4, Reason::DuplicateLine { first_line: 0 }));
        assert_eq!(per_line.len(), 7);
    }
}
