//! Orders and the subscriptions they create: seats, auto-renew, cancellation.

use super::{refuse_if_any, role_check, Desk};
use crate::domain::audit::{Change, Entity};
use crate::domain::cart::{check_cart, Cart};
use crate::domain::catalog::Catalog;
use crate::domain::context::OperationContext;
use crate::domain::reason::Reason;
use crate::domain::roles::Operation;
use crate::domain::subscription::{
    check_auto_renew, check_cancel, check_seat_change, Subscription, SubscriptionStatus,
};

impl Desk {
    /// Places a checked cart: one subscription per line, with the caller's ids (one per line,
    /// unused). Any problem refuses the whole order.
    pub fn place_order(
        &mut self,
        ctx: OperationContext,
        catalog: &Catalog,
        customer_id: &str,
        cart: &Cart,
        ids: &[String],
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::PlaceOrder)?;
        let i = self.customer_index(customer_id)?;
        let mut reasons = check_cart(&self.customers[i], &self.partner, catalog, cart, ctx.today)
            .reasons()
            .to_vec();
        if ids.len() != cart.lines.len() {
            reasons.push(Reason::SubscriptionIdsMismatch {
                lines: cart.lines.len(),
                ids: ids.len(),
            });
        }
        for (k, id) in ids.iter().enumerate() {
            if id.trim().is_empty() || self.subscription(id).is_some() || ids[..k].contains(id) {
                reasons.push(Reason::DuplicateId { id: id.clone() });
            }
        }
        refuse_if_any(reasons)?;
        for (line, id) in cart.lines.iter().zip(ids) {
            let offer = catalog.get(&line.offer_id).expect("checked by check_cart");
            self.subscriptions.push(Subscription::new(
                id.clone(),
                customer_id.to_string(),
                offer,
                line,
                ctx.today,
            ));
            self.log_as(
                ctx,
                Entity::Subscription { id: id.clone() },
                Change::SubscriptionCreated {
                    customer: customer_id.to_string(),
                    offer: line.offer_id.clone(),
                    seats: line.seats,
                    term: line.term,
                    billing: line.billing,
                },
            );
        }
        Ok(())
    }

    /// Changes the seats of a subscription (increases need the offer to be eligible now).
    pub fn change_seats(
        &mut self,
        ctx: OperationContext,
        catalog: &Catalog,
        sub_id: &str,
        seats: u32,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::ManageSubscription)?;
        let (s, offer, decision) = self.subscription_context(catalog, sub_id, ctx.today)?;
        refuse_if_any(check_seat_change(
            &self.subscriptions[s],
            offer,
            seats,
            &decision,
        ))?;
        let before = std::mem::replace(&mut self.subscriptions[s].seats, seats);
        if before != seats {
            self.log_as(
                ctx,
                Entity::Subscription {
                    id: sub_id.to_string(),
                },
                Change::SeatsChanged {
                    before,
                    after: seats,
                },
            );
        }
        Ok(())
    }

    /// Switches auto-renew (on needs a renewing term and the offer eligible now, so it stays
    /// off after a nonprofit removal).
    pub fn set_auto_renew(
        &mut self,
        ctx: OperationContext,
        catalog: &Catalog,
        sub_id: &str,
        on: bool,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::ManageSubscription)?;
        let (s, _, decision) = self.subscription_context(catalog, sub_id, ctx.today)?;
        refuse_if_any(check_auto_renew(&self.subscriptions[s], on, &decision))?;
        let before = std::mem::replace(&mut self.subscriptions[s].auto_renew, on);
        if before != on {
            self.log_as(
                ctx,
                Entity::Subscription {
                    id: sub_id.to_string(),
                },
                Change::AutoRenewChanged { before, after: on },
            );
        }
        Ok(())
    }

    /// Cancels an active subscription (auto-renew goes off with it).
    pub fn cancel_subscription(
        &mut self,
        ctx: OperationContext,
        sub_id: &str,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::ManageSubscription)?;
        let s = self.subscription_index(sub_id)?;
        refuse_if_any(check_cancel(&self.subscriptions[s]))?;
        let sub = &mut self.subscriptions[s];
        let before = sub.status.clone();
        sub.status = SubscriptionStatus::Cancelled { on: ctx.today };
        sub.auto_renew = false;
        let after = sub.status.clone();
        self.log_as(
            ctx,
            Entity::Subscription {
                id: sub_id.to_string(),
            },
            Change::SubscriptionCancelled { before, after },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::partner::PartnerType;
    use crate::domain::roles::Role;
    use crate::test_support::{
        ctx, day, desk_with_customer, line, new_customer, new_education_customer, order,
    };

    #[test]
    fn place_order_needs_one_fresh_id_per_line() {
        let mut desk = desk_with_customer(new_customer("c1", "contoso"), day(2025, 3, 3));
        assert_eq!(
            order(
                &mut desk,
                "c1",
                vec![line("m365-e3", 1), line("m365-e5", 1)],
                &["s1"],
                day(2025, 3, 3)
            )
            .unwrap_err(),
            vec![Reason::SubscriptionIdsMismatch { lines: 2, ids: 1 }]
        );
        assert_eq!(
            order(
                &mut desk,
                "c1",
                vec![line("m365-e3", 1), line("m365-e5", 1)],
                &["s1", "s1"],
                day(2025, 3, 3)
            )
            .unwrap_err(),
            vec![Reason::DuplicateId { id: "s1".into() }]
        );
        assert!(desk.subscriptions.is_empty());
        order(
            &mut desk,
            "c1",
            vec![line("m365-e3", 1)],
            &["s1"],
            day(2025, 3, 3),
        )
        .unwrap();
        assert_eq!(
            order(
                &mut desk,
                "c1",
                vec![line("m365-e3", 1)],
                &["s1"],
                day(2025, 3, 3)
            )
            .unwrap_err(),
            vec![Reason::DuplicateId { id: "s1".into() }]
        );
    }

    #[test]
    fn subscription_changes_are_audited_and_cancel_is_final() {
        let mut desk = desk_with_customer(new_customer("c1", "contoso"), day(2025, 3, 3));
        let cat = Catalog::sample();
        order(
            &mut desk,
            "c1",
            vec![line("m365-e3", 10)],
            &["s1"],
            day(2025, 3, 3),
        )
        .unwrap();
        desk.change_seats(ctx(Role::AdminAgent, day(2025, 3, 4)), &cat, "s1", 12)
            .unwrap();
        desk.set_auto_renew(ctx(Role::AdminAgent, day(2025, 3, 4)), &cat, "s1", false)
            .unwrap();
        desk.cancel_subscription(ctx(Role::SalesAgent, day(2025, 3, 5)), "s1")
            .unwrap();
        let changes: Vec<&Change> = desk.audit.iter().rev().take(3).map(|e| &e.change).collect();
        assert_eq!(
            changes,
            vec![
                &Change::SubscriptionCancelled {
                    before: SubscriptionStatus::Active,
                    after: SubscriptionStatus::Cancelled {
                        on: day(2025, 3, 5)
                    }
                },
                &Change::AutoRenewChanged {
                    before: true,
                    after: false
                },
                &Change::SeatsChanged {
                    before: 10,
                    after: 12
                },
            ]
        );
        let gone = vec![Reason::SubscriptionNotActive {
            subscription: "s1".into(),
        }];
        assert_eq!(
            desk.cancel_subscription(ctx(Role::SalesAgent, day(2025, 3, 6)), "s1")
                .unwrap_err(),
            gone
        );
        assert_eq!(
            desk.change_seats(ctx(Role::SalesAgent, day(2025, 3, 6)), &cat, "s1", 5)
                .unwrap_err(),
            gone
        );
        assert_eq!(
            desk.cancel_subscription(ctx(Role::SalesAgent, day(2025, 3, 6)), "nope")
                .unwrap_err(),
            vec![Reason::SubscriptionNotFound {
                subscription: "nope".into()
            }]
        );
    }

    #[test]
    fn indirect_reseller_is_sent_to_its_provider_for_special_orders() {
        let mut desk = desk_with_customer(new_education_customer("c1", "contoso"), day(2025, 3, 3));
        desk.approve_education(ctx(Role::SalesAgent, day(2025, 3, 4)), "c1")
            .unwrap();
        desk.set_partner_type(
            ctx(Role::GlobalAdmin, day(2025, 3, 4)),
            PartnerType::IndirectReseller,
        )
        .unwrap();
        let err = order(
            &mut desk,
            "c1",
            vec![line("m365-a3-faculty-edu", 1)],
            &["s1"],
            day(2025, 3, 5),
        )
        .unwrap_err();
        assert_eq!(
            err,
            vec![Reason::CartLine {
                line: 0,
                offer: "m365-a3-faculty-edu".into(),
                reason: Box::new(Reason::IndirectResellerMustUseProvider)
            }]
        );
        order(
            &mut desk,
            "c1",
            vec![line("m365-e3", 1)],
            &["s1"],
            day(2025, 3, 5),
        )
        .unwrap();
    }
}
