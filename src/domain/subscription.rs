//! Subscriptions and the checks on their lifecycle: seats, term and billing, auto-renew,
//! cancellation, and what a term end does (renewal, expiry; docs/RULES.md §7).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cart::CartLine;
use super::catalog::{BillingFrequency, Offer, Term};
use super::matrix::Segment;
use super::reason::{Decision, Reason};

/// Whether a subscription runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscriptionStatus {
    Active,
    Cancelled {
        on: NaiveDate,
    },
    /// The term ended on `on` with auto-renew off (docs/RULES.md §7).
    Expired {
        on: NaiveDate,
    },
    /// The term ended on `on` with auto-renew on, but the offer was no longer eligible for the
    /// customer that day, for `reasons` (docs/RULES.md §7).
    Ended {
        on: NaiveDate,
        #[serde(with = "super::end_reasons")]
        reasons: Vec<Reason>,
    },
}

/// A subscription of a customer. `segment`, `seat_based` and `commercial_equivalent` are
/// copied from the offer when bought, so rules on existing subscriptions need no catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: String,
    pub customer_id: String,
    pub offer_id: String,
    pub segment: Segment,
    pub seat_based: bool,
    pub seats: u32,
    pub term: Term,
    pub billing: BillingFrequency,
    pub start: NaiveDate,
    /// End of the current term (renewal date); `None` for perpetual licences.
    pub end: Option<NaiveDate>,
    pub auto_renew: bool,
    pub status: SubscriptionStatus,
    pub commercial_equivalent: Option<String>,
    /// Set when the customer lost this segment and the commercial equivalent is proposed (§8).
    pub proposed_equivalent: Option<String>,
    /// The offer's name when the subscription was bought, so a subscription whose offer left
    /// the catalog (a new price list) is still named. Absent on subscriptions stored before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_name: Option<String>,
}

impl Subscription {
    /// A new active subscription for a checked cart line. Auto-renew starts on for terms that
    /// renew.
    pub fn new(
        id: String,
        customer_id: String,
        offer: &Offer,
        line: &CartLine,
        start: NaiveDate,
    ) -> Self {
        Subscription {
            id,
            customer_id,
            offer_id: offer.id.clone(),
            segment: offer.segment,
            seat_based: offer.seat_based,
            seats: line.seats,
            term: line.term,
            billing: line.billing,
            start,
            end: line.term.end_date(start),
            auto_renew: line.term.renews(),
            status: SubscriptionStatus::Active,
            commercial_equivalent: offer.commercial_equivalent.clone(),
            proposed_equivalent: None,
            offer_name: Some(offer.name.clone()),
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == SubscriptionStatus::Active
    }

    fn check_active(&self) -> Vec<Reason> {
        if self.is_active() {
            Vec::new()
        } else {
            vec![Reason::SubscriptionNotActive {
                subscription: self.id.clone(),
            }]
        }
    }
}

/// Seats must be at least 1 and at most the offer's limit.
pub fn check_seats(offer: &Offer, seats: u32) -> Vec<Reason> {
    if seats < 1 {
        vec![Reason::SeatsBelowMinimum { seats, min: 1 }]
    } else if seats > offer.max_seats {
        vec![Reason::SeatsAboveLimit {
            seats,
            max: offer.max_seats,
        }]
    } else {
        Vec::new()
    }
}

/// The term and billing must be offered by the offer, and the billing must fit the term.
pub fn check_term_billing(offer: &Offer, term: Term, billing: BillingFrequency) -> Vec<Reason> {
    let mut out = Vec::new();
    if !offer.terms.contains(&term) {
        out.push(Reason::TermNotOffered {
            term,
            offered: offer.terms.clone(),
        });
    }
    if !offer.billing.contains(&billing) {
        out.push(Reason::BillingNotOffered {
            billing,
            offered: offer.billing.clone(),
        });
    }
    if out.is_empty() && !term.allows_billing(billing) {
        out.push(Reason::BillingNotAvailableForTerm { term, billing });
    }
    out
}

/// Checks a seat change. A seat increase also needs the offer to be eligible now
/// (`eligibility`): docs/RULES.md [derived] no seat increases into a segment the customer no
/// longer qualifies for; §8 no new nonprofit commerce after removal. Decreases always work.
pub fn check_seat_change(
    sub: &Subscription,
    offer: &Offer,
    seats: u32,
    eligibility: &Decision,
) -> Vec<Reason> {
    let mut out = sub.check_active();
    out.extend(check_seats(offer, seats));
    if seats > sub.seats {
        out.extend(eligibility.reasons().iter().cloned());
    }
    out
}

/// Checks switching auto-renew. Switching it on needs a renewing term and an offer eligible
/// now, so after a nonprofit removal auto-renew stays off (docs/RULES.md). Switching off
/// always works on an active subscription.
pub fn check_auto_renew(sub: &Subscription, on: bool, eligibility: &Decision) -> Vec<Reason> {
    let mut out = sub.check_active();
    if on {
        if !sub.term.renews() {
            out.push(Reason::AutoRenewNotApplicable { term: sub.term });
        }
        out.extend(eligibility.reasons().iter().cloned());
    }
    out
}

/// Whether losing the qualification of `lost` winds `sub` down: an active seat-based
/// subscription of that segment (docs/RULES.md: nonprofit removal; Education denied or lost).
/// The real operations and the what-if preview both ask this, so they cannot drift.
pub fn winds_down(sub: &Subscription, lost: Segment) -> bool {
    sub.is_active() && sub.segment == lost && sub.seat_based
}

/// Winds `sub` down: auto-renew off (then locked by [`check_auto_renew`], the offer being no
/// longer eligible) and the commercial equivalent proposed. Returns whether auto-renew was on.
pub fn wind_down(sub: &mut Subscription) -> bool {
    let was_on = std::mem::replace(&mut sub.auto_renew, false);
    sub.proposed_equivalent = sub.commercial_equivalent.clone();
    was_on
}

/// Checks a cancellation.
pub fn check_cancel(sub: &Subscription) -> Vec<Reason> {
    sub.check_active()
}

/// What one term end did to a subscription (docs/RULES.md §7: renewal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TermEnd {
    /// Renewed for another term: the term that ended on `ended` now runs to `until`.
    Renewed { ended: NaiveDate, until: NaiveDate },
    /// Auto-renew was off: the subscription expired on `on`.
    Expired { on: NaiveDate },
    /// Auto-renew was on, but the offer was no longer eligible on `on`.
    Ended { on: NaiveDate, reasons: Vec<Reason> },
}

/// Whether `sub` renews at the end of its current term, as things stand: active, auto-renew on,
/// another term to run, and its offer eligible for the customer (`eligibility`, today's; the
/// term end judges it again on its own day, [`end_term`]). Otherwise the current term is its
/// last: it expires or ends then.
pub fn renews_at_term_end(sub: &Subscription, eligibility: &Decision) -> bool {
    sub.is_active()
        && sub.auto_renew
        && eligibility.is_allowed()
        && sub
            .end
            .is_some_and(|end| sub.term.end_after(sub.start, end).is_some())
}

/// The end of the current term, if that end has come by `today` on an active subscription.
pub fn term_end_due(sub: &Subscription, today: NaiveDate) -> Option<NaiveDate> {
    sub.end.filter(|end| sub.is_active() && *end <= today)
}

/// Ends the current term of `sub` (whose end must be due: [`term_end_due`]), given the offer's
/// eligibility for the customer on that day. Auto-renew on and eligible: another term, counted
/// from the subscription's start so a term ending on the 31st comes back to the 31st; on but
/// no longer eligible: ended with the reasons; off: expired (docs/RULES.md §7).
pub fn end_term(sub: &mut Subscription, eligibility: &Decision) -> TermEnd {
    let ended = sub.end.expect("a due term end");
    let next = if sub.auto_renew {
        sub.term.end_after(sub.start, ended)
    } else {
        None
    };
    match (next, eligibility) {
        (Some(until), Decision::Allowed) => {
            sub.end = Some(until);
            TermEnd::Renewed { ended, until }
        }
        (Some(_), Decision::Refused(reasons)) => {
            sub.auto_renew = false;
            sub.status = SubscriptionStatus::Ended {
                on: ended,
                reasons: reasons.clone(),
            };
            TermEnd::Ended {
                on: ended,
                reasons: reasons.clone(),
            }
        }
        (None, _) => {
            sub.auto_renew = false;
            sub.status = SubscriptionStatus::Expired { on: ended };
            TermEnd::Expired { on: ended }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{cart_line, day, sample_offer};

    fn premium() -> Offer {
        sample_offer("m365-business-premium")
    }

    fn line(seats: u32, term: Term, billing: BillingFrequency) -> CartLine {
        cart_line("m365-business-premium", seats, term, billing)
    }

    #[test]
    fn new_subscription_takes_the_line_and_term_end() {
        let s = Subscription::new(
            "s".into(),
            "c".into(),
            &premium(),
            &line(10, Term::OneYear, BillingFrequency::Monthly),
            day(2025, 3, 1),
        );
        assert_eq!(s.end, Some(day(2026, 3, 1)));
        assert!(s.auto_renew && s.is_active() && s.seat_based);
        assert_eq!(s.segment, Segment::Commercial);
        let office = sample_offer("office-ltsc-standard-2021");
        let perp = Subscription::new(
            "p".into(),
            "c".into(),
            &office,
            &cart_line(&office.id, 5, Term::Perpetual, BillingFrequency::OneTime),
            day(2025, 3, 1),
        );
        assert!(!perp.auto_renew);
        assert_eq!(perp.end, None);
    }

    #[test]
    fn seats_limits() {
        let o = premium();
        assert_eq!(
            check_seats(&o, 0),
            vec![Reason::SeatsBelowMinimum { seats: 0, min: 1 }]
        );
        assert!(check_seats(&o, 1).is_empty());
        assert!(check_seats(&o, 300).is_empty());
        assert_eq!(
            check_seats(&o, 301),
            vec![Reason::SeatsAboveLimit {
                seats: 301,
                max: 300
            }]
        );
    }

    #[test]
    fn term_and_billing_must_be_offered_and_fit() {
        let o = premium();
        assert!(check_term_billing(&o, Term::OneYear, BillingFrequency::Annual).is_empty());
        assert_eq!(
            check_term_billing(&o, Term::ThreeYears, BillingFrequency::Triennial),
            vec![
                Reason::TermNotOffered {
                    term: Term::ThreeYears,
                    offered: vec![Term::OneMonth, Term::OneYear]
                },
                Reason::BillingNotOffered {
                    billing: BillingFrequency::Triennial,
                    offered: vec![BillingFrequency::Monthly, BillingFrequency::Annual]
                },
            ]
        );
        assert_eq!(
            check_term_billing(&o, Term::OneMonth, BillingFrequency::Annual),
            vec![Reason::BillingNotAvailableForTerm {
                term: Term::OneMonth,
                billing: BillingFrequency::Annual
            }]
        );
    }

    #[test]
    fn seat_increase_needs_eligibility_but_decrease_does_not() {
        let o = premium();
        let s = Subscription::new(
            "s".into(),
            "c".into(),
            &o,
            &line(10, Term::OneYear, BillingFrequency::Monthly),
            day(2025, 3, 1),
        );
        let refused = Decision::Refused(vec![Reason::IndirectResellerMustUseProvider]);
        assert!(check_seat_change(&s, &o, 5, &refused).is_empty());
        assert_eq!(
            check_seat_change(&s, &o, 11, &refused),
            vec![Reason::IndirectResellerMustUseProvider]
        );
        assert!(check_seat_change(&s, &o, 11, &Decision::Allowed).is_empty());
        assert_eq!(
            check_seat_change(&s, &o, 0, &Decision::Allowed),
            vec![Reason::SeatsBelowMinimum { seats: 0, min: 1 }]
        );
    }

    #[test]
    fn auto_renew_on_needs_renewing_term_and_eligibility_off_always_works() {
        let o = premium();
        let mut s = Subscription::new(
            "s".into(),
            "c".into(),
            &o,
            &line(10, Term::OneYear, BillingFrequency::Monthly),
            day(2025, 3, 1),
        );
        let refused = Decision::Refused(vec![Reason::NonprofitStatusRemoved {
            removed_on: day(2025, 3, 1),
        }]);
        assert!(check_auto_renew(&s, false, &refused).is_empty());
        assert_eq!(
            check_auto_renew(&s, true, &refused),
            refused.reasons().to_vec()
        );
        s.term = Term::Perpetual;
        assert_eq!(
            check_auto_renew(&s, true, &Decision::Allowed),
            vec![Reason::AutoRenewNotApplicable {
                term: Term::Perpetual
            }]
        );
        s.status = SubscriptionStatus::Cancelled {
            on: day(2025, 3, 2),
        };
        assert_eq!(
            check_cancel(&s),
            vec![Reason::SubscriptionNotActive {
                subscription: "s".into()
            }]
        );
    }
}
