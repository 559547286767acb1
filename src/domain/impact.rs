//! What-if preview: what a qualification change would do to the offers a customer may buy and
//! to its subscriptions. Uses [`eligibility`] on the customer as it is and as it would be, so
//! no rule is restated here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::Catalog;
use super::customer::Customer;
use super::education::check_deny;
use super::eligibility::eligibility;
use super::matrix::Segment;
use super::nonprofit::NonprofitReview;
use super::partner::PartnerProfile;
use super::qualification::{Qualification, QualificationRecord, QualificationSet};
use super::subscription::{winds_down, Subscription};

/// A hypothetical change of a customer's qualifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QualificationChange {
    /// The qualification is held and approved (e.g. Education approved, GCC granted).
    Grant(Qualification),
    /// The qualification is lost (Education denied, nonprofit removed after review).
    Revoke(Qualification),
}

impl QualificationChange {
    /// The changes the what-if preview offers (customer account page), in menu order.
    pub fn all() -> &'static [QualificationChange] {
        use Qualification as Q;
        &[
            Self::Grant(Q::Education),
            Self::Revoke(Q::Education),
            Self::Revoke(Q::Nonprofit),
            Self::Grant(Q::StateOwnedEntity),
            Self::Grant(Q::GovernmentCommunityCloud),
        ]
    }

    /// The segment whose subscriptions this change winds down ([`winds_down`]) when it happens
    /// to `customer`: a nonprofit removal of a customer holding Nonprofit, an Education denial
    /// that Microsoft's review may make (in review or approved). `None` otherwise.
    pub fn winds_down_segment(self, customer: &Customer) -> Option<Segment> {
        match self {
            Self::Revoke(Qualification::Nonprofit) if customer.held().nonprofit => {
                Some(Segment::Nonprofit)
            }
            Self::Revoke(Qualification::Education) if check_deny(customer).is_empty() => {
                Some(Segment::Education)
            }
            _ => None,
        }
    }
}

/// How a change touches one existing subscription.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscriptionEffect {
    /// Nonprofit removal, Education denied or lost: auto-renew switched off and locked,
    /// commercial equivalent proposed (docs/RULES.md), whether or not the offer was still
    /// eligible before.
    AutoRenewSwitchedOff {
        commercial_equivalent: Option<String>,
    },
    /// The subscription keeps running, but no seat increase or auto-renew any more
    /// (docs/RULES.md [derived]).
    SeatIncreasesAndRenewalBlocked,
    /// Seat increases and auto-renew become possible again.
    SeatIncreasesAndRenewalUnblocked,
}

/// One subscription affected by the change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionImpact {
    pub subscription: String,
    pub offer: String,
    pub effect: SubscriptionEffect,
}

/// The preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    /// Qualifications held before and after (any vetting status).
    pub before: QualificationSet,
    pub after: QualificationSet,
    /// Whether `after` is one of the 8 allowed sets (docs/RULES.md); when false the change
    /// cannot happen and the rest shows what it would mean anyway.
    pub allowed: bool,
    /// Offers that become eligible / stop being eligible, in catalog order.
    pub offers_gained: Vec<String>,
    pub offers_lost: Vec<String>,
    /// Active subscriptions the change winds down, or whose offer changes eligibility.
    pub subscriptions: Vec<SubscriptionImpact>,
}

/// The customer as it would be after `change` on `today`.
pub fn apply_change(
    customer: &Customer,
    change: QualificationChange,
    today: NaiveDate,
) -> Customer {
    let mut c = customer.clone();
    match change {
        QualificationChange::Grant(kind) => {
            c.qualifications.retain(|r| r.kind != kind);
            if kind != Qualification::None {
                c.qualifications
                    .push(QualificationRecord::granted(kind, today));
            }
            if kind == Qualification::Nonprofit {
                c.nonprofit_review = None;
            }
        }
        QualificationChange::Revoke(kind) => {
            c.qualifications.retain(|r| r.kind != kind);
            if kind == Qualification::Nonprofit {
                c.nonprofit_review = Some(NonprofitReview::Removed { removed_on: today });
            }
        }
    }
    c
}

/// What `change` would do to `customer` (whose subscriptions are `subscriptions`).
pub fn impact<'a>(
    customer: &Customer,
    partner: &PartnerProfile,
    catalog: &Catalog,
    subscriptions: impl IntoIterator<Item = &'a Subscription>,
    change: QualificationChange,
    today: NaiveDate,
) -> Impact {
    let after = apply_change(customer, change, today);
    let flip = |offer_id: &str| {
        let offer = catalog.get(offer_id)?;
        let was = eligibility(customer, partner, offer, today).is_allowed();
        let will = eligibility(&after, partner, offer, today).is_allowed();
        (was != will).then_some(will)
    };
    let mut offers_gained = Vec::new();
    let mut offers_lost = Vec::new();
    for offer in &catalog.offers {
        match flip(&offer.id) {
            Some(true) => offers_gained.push(offer.id.clone()),
            Some(false) => offers_lost.push(offer.id.clone()),
            None => {}
        }
    }
    let lost = change.winds_down_segment(customer);
    let subscriptions = subscriptions
        .into_iter()
        .filter(|s| s.customer_id == customer.id && s.is_active())
        .filter_map(|s| {
            let effect = if lost.is_some_and(|segment| winds_down(s, segment)) {
                SubscriptionEffect::AutoRenewSwitchedOff {
                    commercial_equivalent: s.commercial_equivalent.clone(),
                }
            } else {
                match flip(&s.offer_id)? {
                    true => SubscriptionEffect::SeatIncreasesAndRenewalUnblocked,
                    false => SubscriptionEffect::SeatIncreasesAndRenewalBlocked,
                }
            };
            Some(SubscriptionImpact {
                subscription: s.id.clone(),
                offer: s.offer_id.clone(),
                effect,
            })
        })
        .collect();
    Impact {
        before: customer.held(),
        after: after.held(),
        allowed: after.held().is_matrix_row(),
        offers_gained,
        offers_lost,
        subscriptions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{BillingFrequency, Term};
    use crate::domain::qualification::VettingStatus;
    use crate::test_support::{cart_line, day, education_customer};

    fn denied_education_customer() -> Customer {
        education_customer(VettingStatus::Denied, day(2025, 3, 1))
    }

    #[test]
    fn granting_education_unblocks_education_offers_and_subscriptions() {
        let catalog = Catalog::sample();
        let c = denied_education_customer();
        let offer = catalog.get("minecraft-education-edu").unwrap();
        let line = cart_line(&offer.id, 10, Term::OneYear, BillingFrequency::Annual);
        let subs = [Subscription::new(
            "s".into(),
            "c".into(),
            offer,
            &line,
            day(2025, 3, 1),
        )];
        let i = impact(
            &c,
            &PartnerProfile::default(),
            &catalog,
            &subs,
            QualificationChange::Grant(Qualification::Education),
            day(2025, 3, 2),
        );
        assert!(i.allowed);
        assert_eq!(
            i.before, i.after,
            "Education was held (denied) before, approved after"
        );
        assert!(i.offers_lost.is_empty());
        let edu_offers: Vec<String> = catalog
            .offers
            .iter()
            .filter(|o| o.segment == Segment::Education)
            .map(|o| o.id.clone())
            .collect();
        assert_eq!(i.offers_gained, edu_offers);
        assert_eq!(
            i.subscriptions,
            vec![SubscriptionImpact {
                subscription: "s".into(),
                offer: offer.id.clone(),
                effect: SubscriptionEffect::SeatIncreasesAndRenewalUnblocked
            }]
        );
    }

    #[test]
    fn a_change_with_no_effect_reports_nothing() {
        let catalog = Catalog::sample();
        let c = denied_education_customer();
        let none: [Subscription; 0] = [];
        // SOE adds no segment (docs/RULES.md rule 3).
        let i = impact(
            &c,
            &PartnerProfile::default(),
            &catalog,
            &none,
            QualificationChange::Grant(Qualification::StateOwnedEntity),
            day(2025, 3, 2),
        );
        assert!(i.allowed);
        assert!(
            i.offers_gained.is_empty() && i.offers_lost.is_empty() && i.subscriptions.is_empty()
        );
        assert_eq!(
            i.after,
            QualificationSet::of(&[Qualification::Education, Qualification::StateOwnedEntity])
        );
    }

    #[test]
    fn apply_change_does_not_touch_the_original() {
        let c = denied_education_customer();
        let after = apply_change(
            &c,
            QualificationChange::Revoke(Qualification::Education),
            day(2025, 3, 2),
        );
        assert!(after.qualifications.is_empty());
        assert_eq!(c.qualifications.len(), 1);
        let np = apply_change(
            &c,
            QualificationChange::Revoke(Qualification::Nonprofit),
            day(2025, 3, 2),
        );
        assert_eq!(
            np.nonprofit_review,
            Some(NonprofitReview::Removed {
                removed_on: day(2025, 3, 2)
            })
        );
    }
}
