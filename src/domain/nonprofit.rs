//! Microsoft's nonprofit programme, simulated: registration, periodic review with a 90-day
//! notice, which Microsoft may lift within the 90 days, removal (docs/RULES.md §6).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::customer::Customer;
use super::dates::nonprofit_removal_date;
use super::matrix::Segment;
use super::qualification::{Qualification, QualificationRecord};
use super::reason::Reason;
use super::subscription::{wind_down, winds_down, Subscription};

/// Where a customer's nonprofit periodic review stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NonprofitReview {
    /// Found no longer eligible on `notice_date`; the qualification goes on `removal_date`.
    NoticeGiven {
        notice_date: NaiveDate,
        removal_date: NaiveDate,
    },
    /// The qualification was removed on `removed_on`.
    Removed { removed_on: NaiveDate },
}

/// What a removal did to one customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonprofitRemoval {
    pub customer: String,
    pub removed_on: NaiveDate,
    /// Seat-based nonprofit subscriptions: auto-renew switched off, equivalent proposed.
    pub subscriptions: Vec<RemovedSubscription>,
}

/// One subscription touched by a nonprofit removal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedSubscription {
    pub subscription: String,
    /// Whether auto-renew was on before (it is off after).
    pub auto_renew_was_on: bool,
    pub commercial_equivalent: Option<String>,
}

impl RemovedSubscription {
    /// Winds `sub` down ([`wind_down`]) and says what it did.
    pub fn wind_down(sub: &mut Subscription) -> Self {
        let was_on = wind_down(sub);
        RemovedSubscription {
            subscription: sub.id.clone(),
            auto_renew_was_on: was_on,
            commercial_equivalent: sub.commercial_equivalent.clone(),
        }
    }
}

/// Why registering `customer` with the nonprofit programme would fail.
pub fn check_register(customer: &Customer) -> Vec<Reason> {
    let held = customer.held();
    if held.nonprofit {
        return vec![Reason::NonprofitAlreadyRegistered];
    }
    let resulting = held.with(Qualification::Nonprofit);
    if resulting.is_matrix_row() {
        Vec::new()
    } else {
        // docs/RULES.md: Nonprofit + GCC and Nonprofit + SOE are not matrix rows.
        vec![Reason::QualificationSetNotAllowed {
            current: held,
            requested: Qualification::Nonprofit,
            resulting,
        }]
    }
}

/// Registers the customer (the check must have passed): Nonprofit approved, review cleared.
pub fn register(customer: &mut Customer, today: NaiveDate) {
    customer.qualifications.push(QualificationRecord::granted(
        Qualification::Nonprofit,
        today,
    ));
    customer.nonprofit_review = None;
}

/// Why sending a periodic-review notice would fail.
pub fn check_notice(customer: &Customer) -> Vec<Reason> {
    if !customer.held().nonprofit {
        return vec![Reason::NonprofitNotHeld];
    }
    match customer.nonprofit_review {
        Some(NonprofitReview::NoticeGiven {
            notice_date,
            removal_date,
        }) => {
            vec![Reason::NonprofitNoticeAlreadySent {
                notice_date,
                removal_date,
            }]
        }
        _ => Vec::new(),
    }
}

/// Starts the 90-day notice (docs/RULES.md). Returns the removal date.
pub fn give_notice(customer: &mut Customer, today: NaiveDate) -> NaiveDate {
    let removal_date = nonprofit_removal_date(today);
    customer.nonprofit_review = Some(NonprofitReview::NoticeGiven {
        notice_date: today,
        removal_date,
    });
    removal_date
}

/// Why lifting the notice (Microsoft finds the customer eligible again) would fail on `today`:
/// the customer holds no Nonprofit, no notice is running, or its removal date has come
/// (docs/RULES.md §6).
pub fn check_lift(customer: &Customer, today: NaiveDate) -> Vec<Reason> {
    if !customer.held().nonprofit {
        return vec![Reason::NonprofitNotHeld];
    }
    match customer.nonprofit_review {
        Some(NonprofitReview::NoticeGiven { removal_date, .. }) if removal_date > today => {
            Vec::new()
        }
        Some(NonprofitReview::NoticeGiven { removal_date, .. }) => {
            vec![Reason::NonprofitStatusRemoved {
                removed_on: removal_date,
            }]
        }
        _ => vec![Reason::NonprofitNoNoticeRunning],
    }
}

/// Lifts the running notice (the check must have passed): the review is cleared and nothing is
/// removed. Returns the lifted notice's notice and removal dates.
pub fn lift_notice(customer: &mut Customer) -> Option<(NaiveDate, NaiveDate)> {
    match customer.nonprofit_review {
        Some(NonprofitReview::NoticeGiven {
            notice_date,
            removal_date,
        }) => {
            customer.nonprofit_review = None;
            Some((notice_date, removal_date))
        }
        _ => None,
    }
}

/// If the customer's notice has run out by `today`, removes the qualification and, on each
/// active seat-based nonprofit subscription of `subscriptions` (all the customer's), switches
/// auto-renew off and proposes the commercial equivalent (docs/RULES.md). Idempotent: a
/// customer already removed is left alone.
pub fn remove_if_due<'a>(
    customer: &mut Customer,
    subscriptions: impl IntoIterator<Item = &'a mut Subscription>,
    today: NaiveDate,
) -> Option<NonprofitRemoval> {
    let Some(NonprofitReview::NoticeGiven { removal_date, .. }) = customer.nonprofit_review else {
        return None;
    };
    if removal_date > today {
        return None;
    }
    customer
        .qualifications
        .retain(|r| r.kind != Qualification::Nonprofit);
    customer.nonprofit_review = Some(NonprofitReview::Removed {
        removed_on: removal_date,
    });
    let touched = subscriptions
        .into_iter()
        .filter(|s| s.customer_id == customer.id && winds_down(s, Segment::Nonprofit))
        .map(RemovedSubscription::wind_down)
        .collect();
    Some(NonprofitRemoval {
        customer: customer.id.clone(),
        removed_on: removal_date,
        subscriptions: touched,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::test_support::{cart_line, customer, day};

    fn sub(id: &str, offer: &str, customer: &str) -> Subscription {
        let catalog = Catalog::sample();
        let offer = catalog.get(offer).unwrap();
        let term = offer.terms[0];
        let billing = offer
            .billing
            .iter()
            .copied()
            .find(|b| term.allows_billing(*b))
            .unwrap();
        let line = cart_line(&offer.id, 1, term, billing);
        Subscription::new(id.into(), customer.into(), offer, &line, day(2025, 1, 1))
    }

    #[test]
    fn register_refuses_sets_outside_the_matrix() {
        let mut c = customer("c", &[], day(2025, 1, 1));
        assert!(check_register(&c).is_empty());
        c.qualifications.push(QualificationRecord::granted(
            Qualification::StateOwnedEntity,
            day(2025, 1, 1),
        ));
        assert!(matches!(
            check_register(&c)[..],
            [Reason::QualificationSetNotAllowed { .. }]
        ));
        c.qualifications.clear();
        register(&mut c, day(2025, 1, 1));
        assert_eq!(check_register(&c), vec![Reason::NonprofitAlreadyRegistered]);
    }

    #[test]
    fn notice_then_removal_after_ninety_days() {
        let mut c = customer("c", &[], day(2025, 1, 1));
        assert_eq!(check_notice(&c), vec![Reason::NonprofitNotHeld]);
        register(&mut c, day(2025, 1, 1));
        assert_eq!(give_notice(&mut c, day(2025, 1, 10)), day(2025, 4, 10));
        assert_eq!(
            check_notice(&c),
            vec![Reason::NonprofitNoticeAlreadySent {
                notice_date: day(2025, 1, 10),
                removal_date: day(2025, 4, 10)
            }]
        );
        let mut subs = [
            sub("s1", "m365-business-premium-npo", "c"),
            sub("s2", "office-ltsc-standard-2021-npo", "c"),
            sub("s3", "m365-business-premium", "c"),
            sub("s4", "m365-e3-npo", "other"),
        ];
        assert!(subs[0].auto_renew);
        assert_eq!(
            remove_if_due(&mut c, subs.iter_mut(), day(2025, 4, 9)),
            None
        );
        assert!(c.held().nonprofit);
        let removal = remove_if_due(&mut c, subs.iter_mut(), day(2025, 4, 10)).unwrap();
        assert_eq!(removal.removed_on, day(2025, 4, 10));
        assert_eq!(
            removal.subscriptions,
            vec![RemovedSubscription {
                subscription: "s1".into(),
                auto_renew_was_on: true,
                commercial_equivalent: Some("m365-business-premium".into())
            }]
        );
        assert!(!c.held().nonprofit);
        assert!(!subs[0].auto_renew);
        assert_eq!(
            subs[0].proposed_equivalent.as_deref(),
            Some("m365-business-premium")
        );
        assert!(subs[2].auto_renew && subs[3].auto_renew);
        // Idempotent.
        assert_eq!(
            remove_if_due(&mut c, subs.iter_mut(), day(2025, 5, 1)),
            None
        );
        assert_eq!(
            c.nonprofit_review,
            Some(NonprofitReview::Removed {
                removed_on: day(2025, 4, 10)
            })
        );
    }

    #[test]
    fn a_notice_can_be_lifted_within_the_ninety_days_and_nothing_is_removed() {
        let mut c = customer("c", &[Qualification::Nonprofit], day(2025, 1, 1));
        assert_eq!(
            check_lift(&c, day(2025, 1, 2)),
            vec![Reason::NonprofitNoNoticeRunning]
        );
        give_notice(&mut c, day(2025, 1, 10));
        assert!(check_lift(&c, day(2025, 4, 9)).is_empty(), "the last day");
        assert_eq!(
            check_lift(&c, day(2025, 4, 10)),
            vec![Reason::NonprofitStatusRemoved {
                removed_on: day(2025, 4, 10)
            }],
            "too late on the removal date"
        );
        assert_eq!(
            lift_notice(&mut c),
            Some((day(2025, 1, 10), day(2025, 4, 10)))
        );
        assert_eq!(c.nonprofit_review, None);
        let mut subs = [sub("s1", "m365-business-premium-npo", "c")];
        assert_eq!(
            remove_if_due(&mut c, subs.iter_mut(), day(2025, 9, 1)),
            None,
            "nothing comes due any more"
        );
        assert!(c.held().nonprofit && c.effective(day(2025, 9, 1)).nonprofit);
        assert!(subs[0].auto_renew);
        // A new notice can be given later; a customer without Nonprofit has nothing to lift.
        assert!(check_notice(&c).is_empty());
        let other = customer("o", &[], day(2025, 1, 1));
        assert_eq!(
            check_lift(&other, day(2025, 1, 2)),
            vec![Reason::NonprofitNotHeld]
        );
    }
}
