//! What the app clock brings when it moves: nonprofit removals and term ends (renewal, expiry),
//! applied in date order, so a jump of years does what the days in between would have done
//! (docs/RULES.md §6, §7).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Desk;
use crate::domain::audit::{Actor, Change, Entity};
use crate::domain::catalog::Catalog;
use crate::domain::nonprofit::{NonprofitRemoval, NonprofitReview};
use crate::domain::reason::{Decision, Reason};
use crate::domain::subscription::{end_term, term_end_due, TermEnd};

/// What the app clock brought when it moved to a day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClockEffects {
    pub removals: Vec<NonprofitRemoval>,
    /// One per subscription whose term ended, in the order of the desk's subscriptions.
    pub term_ends: Vec<SubscriptionTermEnd>,
}

/// The term ends one subscription went through in one move of the clock, oldest first: any
/// renewals, then possibly its expiry or end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionTermEnd {
    pub subscription: String,
    pub term_ends: Vec<TermEnd>,
}

impl Desk {
    /// Applies what has come due by `today`, in date order: each nonprofit removal (before a
    /// term end on the same day, so that term end sees the qualification gone) and each term
    /// end, which renews a subscription with auto-renew on whose offer is still eligible for
    /// the customer that day, ends one that is not, and expires one with auto-renew off
    /// (docs/RULES.md §7). Audited with the clock as actor on `today`: a subscription renewed
    /// several times in one move gets one entry. Idempotent; call it whenever the clock moves.
    pub fn apply_clock(&mut self, catalog: &Catalog, today: NaiveDate) -> ClockEffects {
        let mut effects = ClockEffects::default();
        while let Some(date) = self.next_due(today) {
            effects.removals.extend(self.remove_due_nonprofit(date));
            for (i, term_end) in self.end_due_terms(catalog, date) {
                let id = &self.subscriptions[i].id;
                match effects.term_ends.iter_mut().find(|t| &t.subscription == id) {
                    Some(seen) => seen.term_ends.push(term_end),
                    None => effects.term_ends.push(SubscriptionTermEnd {
                        subscription: id.clone(),
                        term_ends: vec![term_end],
                    }),
                }
            }
        }
        self.log_nonprofit_removals(today, &effects.removals);
        for t in &effects.term_ends {
            self.log_term_ends(today, t);
        }
        effects
    }

    /// The earliest day by `today` on which a removal or a term end is due.
    fn next_due(&self, today: NaiveDate) -> Option<NaiveDate> {
        let removal = self
            .customers
            .iter()
            .filter_map(|c| match c.nonprofit_review {
                Some(NonprofitReview::NoticeGiven { removal_date, .. })
                    if removal_date <= today =>
                {
                    Some(removal_date)
                }
                _ => None,
            })
            .min();
        let term_end = self
            .subscriptions
            .iter()
            .filter_map(|s| term_end_due(s, today))
            .min();
        removal.into_iter().chain(term_end).min()
    }

    /// Ends every term due by `date`, each judged on its own end day; returns the index of
    /// each subscription with what its term end did.
    fn end_due_terms(&mut self, catalog: &Catalog, date: NaiveDate) -> Vec<(usize, TermEnd)> {
        let mut out = Vec::new();
        for i in 0..self.subscriptions.len() {
            while let Some(ended) = term_end_due(&self.subscriptions[i], date) {
                let sub = &self.subscriptions[i];
                let eligibility = match catalog.get(&sub.offer_id) {
                    Some(offer) => self.eligibility(&sub.customer_id, offer, ended),
                    None => Decision::Refused(vec![Reason::OfferNotFound {
                        offer: sub.offer_id.clone(),
                    }]),
                };
                out.push((i, end_term(&mut self.subscriptions[i], &eligibility)));
            }
        }
        out
    }

    /// The audit entries of one subscription's term ends: one for its renewals, one for its
    /// expiry or end.
    fn log_term_ends(&mut self, today: NaiveDate, t: &SubscriptionTermEnd) {
        let entity = Entity::Subscription {
            id: t.subscription.clone(),
        };
        let renewals: Vec<(NaiveDate, NaiveDate)> = t
            .term_ends
            .iter()
            .filter_map(|e| match e {
                TermEnd::Renewed { ended, until } => Some((*ended, *until)),
                _ => None,
            })
            .collect();
        if let (Some(first), Some(last)) = (renewals.first(), renewals.last()) {
            let change = Change::SubscriptionRenewed {
                before: first.0,
                after: last.1,
                terms: renewals.len() as u32,
            };
            self.log(today, Actor::Clock, entity.clone(), change);
        }
        let last = t.term_ends.last().cloned();
        let change = match last {
            Some(TermEnd::Expired { on }) => Change::SubscriptionExpired { on },
            Some(TermEnd::Ended { on, reasons }) => Change::SubscriptionEnded { on, reasons },
            _ => return,
        };
        self.log(today, Actor::Clock, entity, change);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{BillingFrequency, Term};
    use crate::domain::partner::PartnerType;
    use crate::domain::roles::Role;
    use crate::domain::subscription::SubscriptionStatus;
    use crate::test_support::{
        cart_line, ctx, day, desk_with_customer, line, new_customer, nonprofit_desk, order,
    };

    fn commercial_desk(lines: Vec<crate::domain::cart::CartLine>, on: NaiveDate) -> Desk {
        let mut desk = desk_with_customer(new_customer("c1", "contoso"), on);
        let ids: Vec<String> = (1..=lines.len()).map(|k| format!("s{k}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        order(&mut desk, "c1", lines, &ids, on).unwrap();
        desk
    }

    fn clock_entries(desk: &Desk, sub: &str) -> Vec<Change> {
        desk.audit
            .iter()
            .filter(|e| {
                e.actor == Actor::Clock && e.entity == Entity::Subscription { id: sub.into() }
            })
            .map(|e| e.change.clone())
            .collect()
    }

    #[test]
    fn monthly_annual_and_three_year_terms_renew_at_their_term_end() {
        let cat = Catalog::sample();
        let mut desk = commercial_desk(
            vec![
                cart_line(
                    "m365-business-premium",
                    5,
                    Term::OneMonth,
                    BillingFrequency::Monthly,
                ),
                cart_line(
                    "m365-business-premium",
                    5,
                    Term::OneYear,
                    BillingFrequency::Annual,
                ),
                cart_line("m365-e3", 5, Term::ThreeYears, BillingFrequency::Annual),
            ],
            day(2025, 1, 31),
        );
        let end = |d: &Desk, s: &str| d.subscription(s).unwrap().end;
        // The day before the month's term end nothing happens.
        assert_eq!(
            desk.apply_clock(&cat, day(2025, 2, 27)),
            ClockEffects::default()
        );
        let moved = desk.apply_clock(&cat, day(2025, 2, 28));
        assert_eq!(
            moved.term_ends,
            vec![SubscriptionTermEnd {
                subscription: "s1".into(),
                term_ends: vec![TermEnd::Renewed {
                    ended: day(2025, 2, 28),
                    until: day(2025, 3, 31)
                }]
            }]
        );
        assert_eq!(end(&desk, "s1"), Some(day(2025, 3, 31)), "back to the 31st");
        assert_eq!(end(&desk, "s2"), Some(day(2026, 1, 31)));
        desk.apply_clock(&cat, day(2026, 1, 31));
        assert_eq!(end(&desk, "s2"), Some(day(2027, 1, 31)));
        assert_eq!(end(&desk, "s3"), Some(day(2028, 1, 31)));
        desk.apply_clock(&cat, day(2028, 1, 31));
        assert_eq!(end(&desk, "s3"), Some(day(2031, 1, 31)));
        for s in ["s1", "s2", "s3"] {
            let sub = desk.subscription(s).unwrap();
            assert!(sub.is_active() && sub.auto_renew, "{s}");
            assert_eq!(sub.start, day(2025, 1, 31), "the start stays");
        }
        assert_eq!(
            clock_entries(&desk, "s3"),
            vec![Change::SubscriptionRenewed {
                before: day(2028, 1, 31),
                after: day(2031, 1, 31),
                terms: 1
            }]
        );
        // Idempotent.
        let again = desk.clone();
        assert_eq!(
            desk.apply_clock(&cat, day(2028, 1, 31)),
            ClockEffects::default()
        );
        assert_eq!(desk, again);
    }

    #[test]
    fn a_far_jump_renews_every_term_that_ended_with_one_audit_entry() {
        let cat = Catalog::sample();
        let mut desk = commercial_desk(
            vec![cart_line(
                "m365-business-premium",
                5,
                Term::OneMonth,
                BillingFrequency::Monthly,
            )],
            day(2025, 1, 15),
        );
        let moved = desk.apply_clock(&cat, day(2025, 12, 20));
        assert_eq!(moved.term_ends[0].term_ends.len(), 11);
        assert_eq!(desk.subscription("s1").unwrap().end, Some(day(2026, 1, 15)));
        assert_eq!(
            clock_entries(&desk, "s1"),
            vec![Change::SubscriptionRenewed {
                before: day(2025, 2, 15),
                after: day(2026, 1, 15),
                terms: 11
            }]
        );
    }

    #[test]
    fn auto_renew_off_expires_at_the_term_end() {
        let cat = Catalog::sample();
        let mut desk = commercial_desk(vec![line("m365-business-premium", 5)], day(2025, 3, 1));
        desk.set_auto_renew(ctx(Role::SalesAgent, day(2025, 3, 2)), &cat, "s1", false)
            .unwrap();
        desk.apply_clock(&cat, day(2026, 2, 28));
        assert!(desk.subscription("s1").unwrap().is_active());
        desk.apply_clock(&cat, day(2027, 6, 1));
        let s1 = desk.subscription("s1").unwrap();
        assert_eq!(
            s1.status,
            SubscriptionStatus::Expired {
                on: day(2026, 3, 1)
            }
        );
        assert_eq!(s1.end, Some(day(2026, 3, 1)));
        assert_eq!(
            clock_entries(&desk, "s1"),
            vec![Change::SubscriptionExpired {
                on: day(2026, 3, 1)
            }]
        );
        // Nothing works on it any more.
        assert_eq!(
            desk.set_auto_renew(ctx(Role::SalesAgent, day(2027, 6, 1)), &cat, "s1", true)
                .unwrap_err(),
            vec![Reason::SubscriptionNotActive {
                subscription: "s1".into()
            }]
        );
    }

    #[test]
    fn a_perpetual_licence_has_no_term_end() {
        let cat = Catalog::sample();
        let mut desk = commercial_desk(
            vec![cart_line(
                "office-ltsc-standard-2021",
                2,
                Term::Perpetual,
                BillingFrequency::OneTime,
            )],
            day(2025, 3, 1),
        );
        assert_eq!(
            desk.apply_clock(&cat, day(2035, 3, 1)),
            ClockEffects::default()
        );
        assert!(desk.subscription("s1").unwrap().is_active());
    }

    /// Nonprofit customer n1 with a one-year nonprofit subscription s1 and a commercial s2,
    /// bought on 2025-01-03.
    fn nonprofit_customer_with_two_subscriptions() -> Desk {
        let mut desk = nonprofit_desk(day(2025, 1, 2));
        order(
            &mut desk,
            "n1",
            vec![line("m365-business-premium-npo", 10), line("m365-e3", 2)],
            &["s1", "s2"],
            day(2025, 1, 3),
        )
        .unwrap();
        desk
    }

    #[test]
    fn renews_at_term_end_says_beforehand_what_the_term_end_then_does() {
        // "Renews on" or "Ends on" in the subscription table: the same answer as the term end.
        let cat = Catalog::sample();
        let mut desk = nonprofit_customer_with_two_subscriptions();
        desk.set_auto_renew(ctx(Role::SalesAgent, day(2025, 1, 4)), &cat, "s2", false)
            .unwrap();
        let today = day(2025, 6, 1);
        assert!(desk.renews_at_term_end(&cat, "s1", today));
        assert!(
            !desk.renews_at_term_end(&cat, "s2", today),
            "auto-renew off"
        );
        // Indirect reseller: s1 keeps auto-renew on, but its offer is no longer eligible.
        desk.set_partner_type(ctx(Role::GlobalAdmin, today), PartnerType::IndirectReseller)
            .unwrap();
        assert!(desk.subscription("s1").unwrap().auto_renew);
        assert!(!desk.renews_at_term_end(&cat, "s1", today));
        desk.apply_clock(&cat, day(2026, 1, 5));
        assert!(
            !desk.subscription("s1").unwrap().is_active(),
            "it ended, as announced"
        );
        assert!(!desk.renews_at_term_end(&cat, "no-such-subscription", today));
    }

    #[test]
    fn eligibility_lost_ends_a_renewing_subscription_with_the_reason() {
        // The partner becomes an indirect reseller: its nonprofit subscription keeps auto-renew
        // on (nothing winds it down), but at the term end the offer is no longer eligible.
        let cat = Catalog::sample();
        let mut desk = nonprofit_customer_with_two_subscriptions();
        desk.set_partner_type(
            ctx(Role::GlobalAdmin, day(2025, 6, 1)),
            PartnerType::IndirectReseller,
        )
        .unwrap();
        desk.apply_clock(&cat, day(2026, 1, 2));
        assert!(desk.subscription("s1").unwrap().is_active(), "not yet");
        desk.apply_clock(&cat, day(2026, 1, 5));
        let s1 = desk.subscription("s1").unwrap();
        let why = vec![Reason::IndirectResellerMustUseProvider];
        assert_eq!(
            s1.status,
            SubscriptionStatus::Ended {
                on: day(2026, 1, 3),
                reasons: why.clone()
            }
        );
        assert!(!s1.auto_renew);
        assert_eq!(
            clock_entries(&desk, "s1"),
            vec![Change::SubscriptionEnded {
                on: day(2026, 1, 3),
                reasons: why
            }]
        );
        // The commercial subscription renews.
        let s2 = desk.subscription("s2").unwrap();
        assert!(s2.is_active());
        assert_eq!(s2.end, Some(day(2027, 1, 3)));
    }

    #[test]
    fn a_far_jump_applies_a_removal_between_term_ends_in_date_order() {
        // Monthly nonprofit subscription; notice on 10 January, removal on 10 April. Jumping to
        // the end of the year at once: it renews on 3 February, March and April (the customer
        // is eligible until the 10th), the removal then switches auto-renew off, and on 3 May
        // it expires, as if the clock had gone day by day.
        let cat = Catalog::sample();
        let mut desk = nonprofit_desk(day(2025, 1, 2));
        order(
            &mut desk,
            "n1",
            vec![cart_line(
                "m365-business-premium-npo",
                10,
                Term::OneMonth,
                BillingFrequency::Monthly,
            )],
            &["s1"],
            day(2025, 1, 3),
        )
        .unwrap();
        desk.send_nonprofit_notice(ctx(Role::GlobalAdmin, day(2025, 1, 10)), "n1")
            .unwrap();
        let moved = desk.apply_clock(&cat, day(2025, 12, 31));
        assert_eq!(moved.removals.len(), 1);
        let ends = &moved.term_ends[0].term_ends;
        assert_eq!(ends.len(), 4);
        assert_eq!(
            ends[3],
            TermEnd::Expired {
                on: day(2025, 5, 3)
            }
        );
        let s1 = desk.subscription("s1").unwrap();
        assert_eq!(
            s1.status,
            SubscriptionStatus::Expired {
                on: day(2025, 5, 3)
            }
        );
        assert_eq!(
            clock_entries(&desk, "s1"),
            vec![
                Change::AutoRenewChanged {
                    before: true,
                    after: false
                },
                Change::CommercialEquivalentProposed {
                    equivalent: Some("m365-business-premium".into())
                },
                Change::SubscriptionRenewed {
                    before: day(2025, 2, 3),
                    after: day(2025, 5, 3),
                    terms: 3
                },
                Change::SubscriptionExpired {
                    on: day(2025, 5, 3)
                },
            ]
        );
    }
}
