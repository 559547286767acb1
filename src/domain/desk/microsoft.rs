//! The simulated Microsoft side: the Education review and the nonprofit programme, with the
//! removals the app clock brings.

use chrono::NaiveDate;

use super::{refuse_if_any, role_check, Desk};
use crate::domain::audit::{Actor, Change, Entity};
use crate::domain::context::OperationContext;
use crate::domain::education;
use crate::domain::matrix::Segment;
use crate::domain::nonprofit::{self, NonprofitRemoval, RemovedSubscription};
use crate::domain::qualification::{VettingReason, VettingStatus};
use crate::domain::reason::Reason;
use crate::domain::roles::Operation;
use crate::domain::subscription::winds_down;

impl Desk {
    /// Microsoft (simulated) approves the Education request in review.
    pub fn approve_education(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        let i = self.customer_for_microsoft(ctx, customer_id)?;
        let before = education::approve(&mut self.customers[i], ctx.today)?;
        self.log_vetting_decision(ctx, customer_id, before, VettingStatus::Approved, None);
        Ok(())
    }

    /// Microsoft (simulated) denies Education with a documented reason (also an approved one,
    /// e.g. "No longer an Education Customer").
    pub fn deny_education(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        reason: VettingReason,
    ) -> Result<(), Vec<Reason>> {
        let i = self.customer_for_microsoft(ctx, customer_id)?;
        let before = education::deny(&mut self.customers[i], reason, ctx.today)?;
        self.log_vetting_decision(
            ctx,
            customer_id,
            before,
            VettingStatus::Denied,
            Some(reason),
        );
        // As after a nonprofit removal (docs/RULES.md): the Education subscriptions stop
        // renewing, locked by the denial's reason, and the commercial equivalent is proposed.
        let wound_down: Vec<RemovedSubscription> = self
            .subscriptions
            .iter_mut()
            .filter(|s| s.customer_id == customer_id && winds_down(s, Segment::Education))
            .map(RemovedSubscription::wind_down)
            .collect();
        self.log_wind_down(ctx.today, Actor::Role(ctx.role), &wound_down);
        Ok(())
    }

    /// The audit entries of subscriptions wound down (auto-renew off, equivalent proposed).
    fn log_wind_down(
        &mut self,
        today: NaiveDate,
        actor: Actor,
        wound_down: &[RemovedSubscription],
    ) {
        for s in wound_down {
            let entity = Entity::Subscription {
                id: s.subscription.clone(),
            };
            if s.auto_renew_was_on {
                self.log(
                    today,
                    actor,
                    entity.clone(),
                    Change::AutoRenewChanged {
                        before: true,
                        after: false,
                    },
                );
            }
            self.log(
                today,
                actor,
                entity,
                Change::CommercialEquivalentProposed {
                    equivalent: s.commercial_equivalent.clone(),
                },
            );
        }
    }

    /// The index of the customer Microsoft (simulated) acts on, if the acting role may play
    /// Microsoft's part.
    fn customer_for_microsoft(
        &self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<usize, Vec<Reason>> {
        role_check(ctx.role, Operation::SimulateMicrosoft)?;
        self.customer_index(customer_id)
    }

    /// The audit entry of Microsoft's decision on an Education request.
    fn log_vetting_decision(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        before: VettingStatus,
        after: VettingStatus,
        reason: Option<VettingReason>,
    ) {
        let change = Change::VettingDecided {
            before,
            after,
            reason,
        };
        self.log_customer(ctx, customer_id, change);
    }

    /// The customer registers with Microsoft's nonprofit programme (simulated): Nonprofit
    /// approved. Not a partner request: counts no verification request.
    pub fn register_nonprofit(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        let i = self.customer_for_microsoft(ctx, customer_id)?;
        refuse_if_any(nonprofit::check_register(&self.customers[i]))?;
        nonprofit::register(&mut self.customers[i], ctx.today);
        self.log_customer(ctx, customer_id, Change::NonprofitRegistered);
        Ok(())
    }

    /// Periodic review finds the customer no longer eligible: 90-day notice (docs/RULES.md).
    pub fn send_nonprofit_notice(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<NaiveDate, Vec<Reason>> {
        let i = self.customer_for_microsoft(ctx, customer_id)?;
        refuse_if_any(nonprofit::check_notice(&self.customers[i]))?;
        let removal_date = nonprofit::give_notice(&mut self.customers[i], ctx.today);
        self.log_customer(
            ctx,
            customer_id,
            Change::NonprofitNoticeSent {
                notice_date: ctx.today,
                removal_date,
            },
        );
        Ok(removal_date)
    }

    /// Microsoft (simulated) finds the customer eligible again within the 90 days: the notice
    /// ends, nothing is removed (docs/RULES.md §6).
    pub fn lift_nonprofit_notice(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        let i = self.customer_for_microsoft(ctx, customer_id)?;
        refuse_if_any(nonprofit::check_lift(&self.customers[i], ctx.today))?;
        let (notice_date, removal_date) =
            nonprofit::lift_notice(&mut self.customers[i]).expect("checked: a notice runs");
        self.log_customer(
            ctx,
            customer_id,
            Change::NonprofitNoticeLifted {
                notice_date,
                removal_date,
            },
        );
        Ok(())
    }

    /// Applies every nonprofit removal whose date has come by `today` (docs/RULES.md):
    /// qualification removed, auto-renew off on seat-based nonprofit subscriptions, commercial
    /// equivalent proposed. Idempotent. The app calls [`Desk::apply_clock`], which also ends
    /// the terms that come due, in date order.
    pub fn apply_due_nonprofit_removals(&mut self, today: NaiveDate) -> Vec<NonprofitRemoval> {
        let removals = self.remove_due_nonprofit(today);
        self.log_nonprofit_removals(today, &removals);
        removals
    }

    /// The removals of [`Desk::apply_due_nonprofit_removals`], not yet audited.
    pub(super) fn remove_due_nonprofit(&mut self, today: NaiveDate) -> Vec<NonprofitRemoval> {
        let mut removals = Vec::new();
        for customer in &mut self.customers {
            let id = customer.id.clone();
            let subs = self
                .subscriptions
                .iter_mut()
                .filter(|s| s.customer_id == id);
            if let Some(r) = nonprofit::remove_if_due(customer, subs, today) {
                removals.push(r);
            }
        }
        removals
    }

    /// The audit entries of nonprofit removals, the app clock acting on `today`.
    pub(super) fn log_nonprofit_removals(
        &mut self,
        today: NaiveDate,
        removals: &[NonprofitRemoval],
    ) {
        for r in removals {
            self.log(
                today,
                Actor::Clock,
                Entity::Customer {
                    id: r.customer.clone(),
                },
                Change::NonprofitRemoved {
                    removed_on: r.removed_on,
                },
            );
            self.log_wind_down(today, Actor::Clock, &r.subscriptions);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::nonprofit::NonprofitReview;
    use crate::domain::qualification::Qualification;
    use crate::domain::roles::Role;
    use crate::test_support::{
        ctx, day, desk_with_customer, education_desk, education_details, line,
        new_education_customer, nonprofit_desk, order, sample_offer,
    };

    #[test]
    fn education_denial_switches_auto_renew_off_locks_it_and_proposes_the_equivalent() {
        let mut desk = education_desk(day(2025, 3, 3));
        let cat = Catalog::sample();
        order(
            &mut desk,
            "c1",
            vec![line("m365-a3-faculty-edu", 30), line("m365-e3", 5)],
            &["s1", "s2"],
            day(2025, 3, 5),
        )
        .unwrap();
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 6, 2)),
            "c1",
            VettingReason::NoLongerAnEducationCustomer,
        )
        .unwrap();
        let s1 = desk.subscription("s1").unwrap();
        assert!(!s1.auto_renew, "auto-renew switched off");
        assert_eq!(s1.proposed_equivalent.as_deref(), Some("m365-e3"));
        assert!(s1.is_active(), "keeps running to its term end");
        let s2 = desk.subscription("s2").unwrap();
        assert!(
            s2.auto_renew && s2.proposed_equivalent.is_none(),
            "commercial untouched"
        );
        // Locked with the denial's reason.
        let denied = desk
            .auto_renew_check(&cat, "s1", true, day(2025, 6, 3))
            .reasons()
            .to_vec();
        assert!(
            matches!(denied.as_slice(), [Reason::EducationDenied { .. }]),
            "{denied:?}"
        );
        assert_eq!(
            desk.set_auto_renew(ctx(Role::GlobalAdmin, day(2025, 6, 3)), &cat, "s1", true)
                .unwrap_err(),
            denied
        );
        // Audited as the nonprofit removal's wind-down is.
        let s1_entries: Vec<&Change> = desk
            .audit
            .iter()
            .filter(|e| e.entity == Entity::Subscription { id: "s1".into() })
            .map(|e| &e.change)
            .collect();
        assert!(s1_entries.contains(&&Change::AutoRenewChanged {
            before: true,
            after: false
        }));
        assert!(s1_entries.contains(&&Change::CommercialEquivalentProposed {
            equivalent: Some("m365-e3".into())
        }));
    }

    #[test]
    fn approve_then_buy_education() {
        let mut desk = desk_with_customer(new_education_customer("c1", "contoso"), day(2025, 3, 3));
        let a3 = sample_offer("m365-a3-faculty-edu");
        assert_eq!(
            desk.eligibility("c1", &a3, day(2025, 3, 4)).reasons(),
            &[Reason::EducationInReview {
                since: day(2025, 3, 3),
                expected_by: day(2025, 3, 6)
            }]
        );
        desk.approve_education(ctx(Role::SalesAgent, day(2025, 3, 5)), "c1")
            .unwrap();
        assert!(desk.eligibility("c1", &a3, day(2025, 3, 5)).is_allowed());
        order(
            &mut desk,
            "c1",
            vec![line("m365-a3-faculty-edu", 30)],
            &["s1"],
            day(2025, 3, 5),
        )
        .unwrap();
        assert_eq!(desk.subscription("s1").unwrap().seats, 30);
        // Resubmission is only after Denied.
        assert_eq!(
            desk.request_education(
                ctx(Role::SalesAgent, day(2025, 3, 6)),
                "c1",
                education_details()
            )
            .unwrap_err(),
            vec![Reason::QualificationAlreadyHeld {
                qualification: Qualification::Education,
                status: Some(VettingStatus::Approved)
            }]
        );
    }

    #[test]
    fn nonprofit_lifecycle_switches_auto_renew_off_for_good() {
        let mut desk = nonprofit_desk(day(2025, 1, 2));
        let cat = Catalog::sample();
        assert_eq!(desk.customer("n1").unwrap().verification_requests, 0);
        order(
            &mut desk,
            "n1",
            vec![line("m365-business-premium-npo", 10), line("m365-e3", 5)],
            &["s1", "s2"],
            day(2025, 1, 3),
        )
        .unwrap();
        let removal = desk
            .send_nonprofit_notice(ctx(Role::GlobalAdmin, day(2025, 1, 10)), "n1")
            .unwrap();
        assert_eq!(removal, day(2025, 4, 10));
        assert!(desk
            .apply_due_nonprofit_removals(day(2025, 4, 9))
            .is_empty());
        // During the notice nonprofit purchases still work.
        order(
            &mut desk,
            "n1",
            vec![line("intune-plan-1-npo", 3)],
            &["s3"],
            day(2025, 2, 1),
        )
        .unwrap();
        let removals = desk.apply_due_nonprofit_removals(day(2025, 4, 10));
        assert_eq!(removals.len(), 1);
        assert_eq!(removals[0].subscriptions.len(), 2);
        assert!(
            desk.apply_due_nonprofit_removals(day(2025, 4, 11))
                .is_empty(),
            "idempotent"
        );
        let s1 = desk.subscription("s1").unwrap();
        assert!(!s1.auto_renew);
        assert_eq!(
            s1.proposed_equivalent.as_deref(),
            Some("m365-business-premium")
        );
        assert!(
            desk.subscription("s2").unwrap().auto_renew,
            "commercial untouched"
        );
        assert_eq!(
            desk.customer("n1").unwrap().nonprofit_review,
            Some(NonprofitReview::Removed {
                removed_on: day(2025, 4, 10)
            })
        );
        // Stays off; no new nonprofit purchases or seat increases.
        let removed = Reason::NonprofitStatusRemoved {
            removed_on: day(2025, 4, 10),
        };
        assert_eq!(
            desk.set_auto_renew(ctx(Role::GlobalAdmin, day(2025, 4, 12)), &cat, "s1", true)
                .unwrap_err(),
            vec![removed.clone()]
        );
        assert_eq!(
            desk.change_seats(ctx(Role::GlobalAdmin, day(2025, 4, 12)), &cat, "s1", 11)
                .unwrap_err(),
            vec![removed.clone()]
        );
        desk.change_seats(ctx(Role::GlobalAdmin, day(2025, 4, 12)), &cat, "s1", 4)
            .unwrap();
        let err = order(
            &mut desk,
            "n1",
            vec![line("m365-business-premium-npo", 1)],
            &["s4"],
            day(2025, 4, 12),
        )
        .unwrap_err();
        assert_eq!(
            err,
            vec![Reason::CartLine {
                line: 0,
                offer: "m365-business-premium-npo".into(),
                reason: Box::new(removed)
            }]
        );
        assert!(desk.audit.iter().any(|e| e.actor == Actor::Clock
            && e.change
                == Change::AutoRenewChanged {
                    before: true,
                    after: false
                }));
    }

    #[test]
    fn a_lifted_notice_removes_nothing_and_is_audited_as_microsofts() {
        let mut desk = nonprofit_desk(day(2025, 1, 2));
        let cat = Catalog::sample();
        order(
            &mut desk,
            "n1",
            vec![line("m365-business-premium-npo", 10)],
            &["s1"],
            day(2025, 1, 3),
        )
        .unwrap();
        let microsoft = ctx(Role::SalesAgent, day(2025, 2, 1));
        assert_eq!(
            desk.lift_nonprofit_notice(microsoft, "n1").unwrap_err(),
            vec![Reason::NonprofitNoNoticeRunning]
        );
        desk.send_nonprofit_notice(ctx(Role::GlobalAdmin, day(2025, 1, 10)), "n1")
            .unwrap();
        desk.lift_nonprofit_notice(microsoft, "n1").unwrap();
        assert_eq!(
            desk.audit.last().map(|e| (&e.actor, &e.change)),
            Some((
                &Actor::Role(Role::SalesAgent),
                &Change::NonprofitNoticeLifted {
                    notice_date: day(2025, 1, 10),
                    removal_date: day(2025, 4, 10)
                }
            ))
        );
        // Past the 90 days nothing is removed: still a nonprofit, auto-renew on, offers sell.
        let moved = desk.apply_clock(&cat, day(2025, 6, 1));
        assert!(moved.removals.is_empty());
        let n1 = desk.customer("n1").unwrap();
        assert!(n1.held().nonprofit && n1.nonprofit_review.is_none());
        assert!(desk.subscription("s1").unwrap().auto_renew);
        assert!(desk
            .eligibility(
                "n1",
                &sample_offer("m365-business-premium-npo"),
                day(2025, 6, 1)
            )
            .is_allowed());
        // Once the removal date has come, it is too late.
        desk.send_nonprofit_notice(ctx(Role::GlobalAdmin, day(2025, 6, 1)), "n1")
            .unwrap();
        assert_eq!(
            desk.lift_nonprofit_notice(ctx(Role::SalesAgent, day(2025, 8, 30)), "n1")
                .unwrap_err(),
            vec![Reason::NonprofitStatusRemoved {
                removed_on: day(2025, 8, 30)
            }]
        );
    }
}
