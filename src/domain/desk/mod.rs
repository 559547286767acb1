//! The desk: the partner, its customers, their subscriptions and the audit log, with every
//! operation as a method. Each takes an [`OperationContext`] first (the acting [`Role`] and
//! `today`, the app clock), checks the rules, applies the change, appends audit entries, and
//! returns `Err(reasons)` — changing nothing — when refused.
//!
//! This file holds the types, the queries and the helpers the operations share; the
//! operations are in one file per family: `customers` (create, correct), `requests`
//! (qualification requests, resubmission), `microsoft` (the simulated review and nonprofit
//! programme), `subscriptions` (orders, seats, auto-renew, cancel), `partner` (settings),
//! `partner_center` (the merge of Partner Center's customer records, the pending requests),
//! `clock` (what the app clock brings when it moves: removals and term ends).

mod catalog;
mod clock;
mod customers;
mod microsoft;
mod partner;
mod partner_center;
mod requests;
mod subscriptions;

pub use clock::{ClockEffects, SubscriptionTermEnd};
pub use partner_center::{
    PartnerCenterCustomer, PartnerCenterFile, PartnerCenterPlan, PartnerCenterProblem,
    PartnerCenterQualification, PartnerCenterRecord, PartnerCenterRefusal,
    PartnerCenterValidationCode, PendingRequest,
};

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::{
    validate_account, validate_domain_prefix, validate_education_details, AccountContext,
    AccountInfo, EducationDetails, FieldProblem,
};
use super::audit::{Actor, AuditEntry, Change, Entity};
use super::cart::{check_cart, Cart};
use super::catalog::{Catalog, Offer};
use super::context::OperationContext;
use super::customer::Customer;
use super::eligibility::{eligibility, CustomerEligibility};
use super::impact::{impact, Impact, QualificationChange};
use super::partner::PartnerProfile;
use super::qualification::Qualification;
use super::reason::{Decision, Reason};
use super::request::{checklist, QualificationRequest};
use super::roles::{permits, Operation, Role};
use super::subscription::{check_auto_renew, renews_at_term_end, Subscription};

/// The "Add customer" form. `education: Some(..)` is "Special qualifications:
/// Education": the customer is created and Education is requested in one submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCustomer {
    /// Caller-supplied id, unique in the desk.
    pub id: String,
    pub account: AccountInfo,
    pub domain_prefix: String,
    pub education: Option<EducationDetails>,
}

/// Everything the app keeps (persisted as JSON by the store).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub partner: PartnerProfile,
    pub customers: Vec<Customer>,
    pub subscriptions: Vec<Subscription>,
    /// The audit log from entry `audit_unread + 1` on: the whole log when `audit_unread` is 0.
    pub audit: Vec<AuditEntry>,
    /// How many of the log's first entries are not in `audit`: a stored log is read only when
    /// something shows or needs it whole, and an operation appends after them all the same.
    #[serde(skip)]
    pub audit_unread: u64,
}

fn role_check(role: Role, operation: Operation) -> Result<(), Vec<Reason>> {
    if permits(role, operation) {
        Ok(())
    } else {
        Err(vec![Reason::RoleNotPermitted { role, operation }])
    }
}

fn refuse_if_any(reasons: Vec<Reason>) -> Result<(), Vec<Reason>> {
    Decision::from_reasons(reasons).into_result()
}

impl Desk {
    /// An empty desk for this partner.
    pub fn new(partner: PartnerProfile) -> Self {
        Desk {
            partner,
            ..Desk::default()
        }
    }

    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.iter().find(|c| c.id == id)
    }

    pub fn subscription(&self, id: &str) -> Option<&Subscription> {
        self.subscriptions.iter().find(|s| s.id == id)
    }

    /// The subscriptions of a customer, in creation order.
    pub fn subscriptions_of<'a>(
        &'a self,
        customer_id: &'a str,
    ) -> impl Iterator<Item = &'a Subscription> + 'a {
        self.subscriptions
            .iter()
            .filter(move |s| s.customer_id == customer_id)
    }

    // --- shared by the operations ----------------------------------------------------------

    fn customer_index(&self, id: &str) -> Result<usize, Vec<Reason>> {
        self.customers
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| {
                vec![Reason::CustomerNotFound {
                    customer: id.to_string(),
                }]
            })
    }

    fn subscription_index(&self, id: &str) -> Result<usize, Vec<Reason>> {
        self.subscriptions
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| {
                vec![Reason::SubscriptionNotFound {
                    subscription: id.to_string(),
                }]
            })
    }

    /// The subscription, its offer and the offer's eligibility for its customer today.
    fn subscription_context<'c>(
        &self,
        catalog: &'c Catalog,
        sub_id: &str,
        today: NaiveDate,
    ) -> Result<(usize, &'c Offer, Decision), Vec<Reason>> {
        let s = self.subscription_index(sub_id)?;
        let sub = &self.subscriptions[s];
        let offer = catalog.get(&sub.offer_id).ok_or_else(|| {
            vec![Reason::OfferNotFound {
                offer: sub.offer_id.clone(),
            }]
        })?;
        let decision = self.eligibility(&sub.customer_id, offer, today);
        Ok((s, offer, decision))
    }

    fn log(&mut self, date: NaiveDate, actor: Actor, entity: Entity, change: Change) {
        let seq = self.audit_unread + self.audit.len() as u64 + 1;
        self.audit.push(AuditEntry {
            seq,
            date,
            actor,
            entity,
            change,
        });
    }

    /// Logs a change made by the acting role on the context's day.
    fn log_as(&mut self, ctx: OperationContext, entity: Entity, change: Change) {
        self.log(ctx.today, Actor::Role(ctx.role), entity, change);
    }

    fn log_customer(&mut self, ctx: OperationContext, id: &str, change: Change) {
        self.log_as(ctx, Entity::Customer { id: id.to_string() }, change);
    }

    fn log_partner(&mut self, ctx: OperationContext, change: Change) {
        self.log_as(ctx, Entity::Partner, change);
    }

    // --- queries: they change nothing ------------------------------------------------------

    /// Every problem of the "Add customer" form, warnings included (for display as the user
    /// types): account fields, primary domain (unique in the desk), Education fields.
    pub fn validate_new_customer(&self, new: &NewCustomer) -> Vec<FieldProblem> {
        let context = AccountContext {
            education: new.education.is_some(),
            partner_type: self.partner.partner_type,
        };
        let mut out = validate_account(&new.account, context);
        out.extend(validate_domain_prefix(
            &new.domain_prefix,
            self.customers.iter().map(|c| c.domain_prefix.as_str()),
        ));
        if let Some(details) = &new.education {
            out.extend(validate_education_details(details));
        }
        out
    }

    /// May this customer buy this offer today? See [`eligibility`].
    pub fn eligibility(&self, customer_id: &str, offer: &Offer, today: NaiveDate) -> Decision {
        match self.customer(customer_id) {
            Some(c) => eligibility(c, &self.partner, offer, today),
            None => Decision::Refused(vec![Reason::CustomerNotFound {
                customer: customer_id.to_string(),
            }]),
        }
    }

    /// The decision for each of `offers` (by offer id) for one customer: the customer is looked
    /// up once and what every offer shares is worked out once ([`CustomerEligibility`]), so a
    /// catalog page asks one question instead of one per offer card.
    pub fn offer_decisions<'o>(
        &self,
        customer_id: &str,
        offers: impl IntoIterator<Item = &'o Offer>,
        today: NaiveDate,
    ) -> HashMap<String, Decision> {
        let customer = self
            .customer(customer_id)
            .map(|c| CustomerEligibility::new(c, &self.partner, today));
        offers
            .into_iter()
            .map(|offer| {
                let decision = match &customer {
                    Some(c) => c.decide(offer),
                    None => Decision::Refused(vec![Reason::CustomerNotFound {
                        customer: customer_id.to_string(),
                    }]),
                };
                (offer.id.clone(), decision)
            })
            .collect()
    }

    /// What would make this qualification request fail (same reasons as the request).
    pub fn checklist(
        &self,
        role: Role,
        customer_id: &str,
        request: &QualificationRequest,
    ) -> Decision {
        match self.customer(customer_id) {
            Some(c) => checklist(c, &self.partner, role, request),
            None => Decision::Refused(vec![Reason::CustomerNotFound {
                customer: customer_id.to_string(),
            }]),
        }
    }

    /// The checklist of a resubmission with an optional account correction: the request is
    /// checked against the corrected account, and a correction needs Global admin.
    pub fn resubmit_checklist(
        &self,
        role: Role,
        customer_id: &str,
        correction: Option<&AccountInfo>,
        details: &EducationDetails,
    ) -> Decision {
        let Some(c) = self.customer(customer_id) else {
            return Decision::Refused(vec![Reason::CustomerNotFound {
                customer: customer_id.to_string(),
            }]);
        };
        let mut reasons = Vec::new();
        if c.record(Qualification::Education).is_none() {
            reasons.push(Reason::EducationNotRequested);
        }
        if correction.is_some() && !permits(role, Operation::CorrectAccount) {
            reasons.push(Reason::RoleNotPermitted {
                role,
                operation: Operation::CorrectAccount,
            });
        }
        let mut corrected = c.clone();
        if let Some(account) = correction {
            corrected.account = account.clone();
        }
        let request = QualificationRequest::education(details.clone());
        reasons.extend(
            checklist(&corrected, &self.partner, role, &request)
                .reasons()
                .iter()
                .cloned(),
        );
        Decision::from_reasons(reasons)
    }

    /// Checks a cart for a customer. See [`check_cart`].
    pub fn check_cart(
        &self,
        catalog: &Catalog,
        customer_id: &str,
        cart: &Cart,
        today: NaiveDate,
    ) -> Decision {
        match self.customer(customer_id) {
            Some(c) => check_cart(c, &self.partner, catalog, cart, today),
            None => Decision::Refused(vec![Reason::CustomerNotFound {
                customer: customer_id.to_string(),
            }]),
        }
    }

    /// Would switching auto-renew to `on` be allowed today? The same check as
    /// [`Desk::set_auto_renew`] without changing anything (so the UI can show the switch
    /// locked, with the reasons, e.g. after a nonprofit removal).
    pub fn auto_renew_check(
        &self,
        catalog: &Catalog,
        sub_id: &str,
        on: bool,
        today: NaiveDate,
    ) -> Decision {
        match self.subscription_context(catalog, sub_id, today) {
            Ok((s, _, decision)) => {
                Decision::from_reasons(check_auto_renew(&self.subscriptions[s], on, &decision))
            }
            Err(reasons) => Decision::Refused(reasons),
        }
    }

    /// Whether the subscription renews at its term end, as things stand `today`
    /// ([`renews_at_term_end`]); a subscription or offer not found does not.
    pub fn renews_at_term_end(&self, catalog: &Catalog, sub_id: &str, today: NaiveDate) -> bool {
        self.subscription_context(catalog, sub_id, today)
            .is_ok_and(|(s, _, eligibility)| {
                renews_at_term_end(&self.subscriptions[s], &eligibility)
            })
    }

    /// What-if preview of a qualification change. See [`impact`].
    pub fn impact(
        &self,
        catalog: &Catalog,
        customer_id: &str,
        change: QualificationChange,
        today: NaiveDate,
    ) -> Result<Impact, Vec<Reason>> {
        let c = &self.customers[self.customer_index(customer_id)?];
        Ok(impact(
            c,
            &self.partner,
            catalog,
            self.subscriptions_of(customer_id),
            change,
            today,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::SubscriptionEffect;
    use crate::domain::matrix::Segment;
    use crate::domain::qualification::VettingReason;
    use crate::test_support::{
        ctx, day, desk_with_customer, line, new_education_customer, nonprofit_desk, order,
    };

    #[test]
    fn offer_decisions_agree_with_asking_offer_by_offer() {
        let desk = desk_with_customer(new_education_customer("c1", "ContosoEdu"), day(2025, 3, 7));
        let catalog = Catalog::sample();
        for id in ["c1", "nobody"] {
            let decisions = desk.offer_decisions(id, &catalog.offers, day(2025, 3, 8));
            assert_eq!(decisions.len(), catalog.offers.len());
            for offer in &catalog.offers {
                assert_eq!(
                    decisions[&offer.id],
                    desk.eligibility(id, offer, day(2025, 3, 8)),
                    "{id} {}",
                    offer.id
                );
            }
        }
        // Both outcomes occur, so the comparison above covers refusals and allowances alike.
        let c1 = desk.offer_decisions("c1", &catalog.offers, day(2025, 3, 8));
        assert!(c1.values().any(Decision::is_allowed));
        assert!(c1.values().any(|d| !d.is_allowed()));
    }

    #[test]
    fn auto_renew_check_answers_like_set_auto_renew_without_changing_anything() {
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
        assert!(desk
            .auto_renew_check(&cat, "s1", true, day(2025, 1, 3))
            .is_allowed());
        desk.send_nonprofit_notice(ctx(Role::GlobalAdmin, day(2025, 1, 10)), "n1")
            .unwrap();
        desk.apply_due_nonprofit_removals(day(2025, 4, 10));
        let before = desk.clone();
        let removed = Reason::NonprofitStatusRemoved {
            removed_on: day(2025, 4, 10),
        };
        assert_eq!(
            desk.auto_renew_check(&cat, "s1", true, day(2025, 4, 12))
                .reasons(),
            std::slice::from_ref(&removed)
        );
        assert_eq!(
            desk.set_auto_renew(ctx(Role::GlobalAdmin, day(2025, 4, 12)), &cat, "s1", true)
                .unwrap_err(),
            vec![removed]
        );
        assert!(desk
            .auto_renew_check(&cat, "s1", false, day(2025, 4, 12))
            .is_allowed());
        assert_eq!(desk, before, "the check changes nothing");
        assert_eq!(
            desk.auto_renew_check(&cat, "nope", true, day(2025, 4, 12))
                .reasons(),
            &[Reason::SubscriptionNotFound {
                subscription: "nope".into()
            }]
        );
    }

    #[test]
    fn impact_of_nonprofit_removal_and_education_denial() {
        let mut desk = desk_with_customer(new_education_customer("n1", "charity"), day(2025, 1, 2));
        let cat = Catalog::sample();
        desk.approve_education(ctx(Role::SalesAgent, day(2025, 1, 3)), "n1")
            .unwrap();
        desk.register_nonprofit(ctx(Role::SalesAgent, day(2025, 1, 3)), "n1")
            .unwrap();
        order(
            &mut desk,
            "n1",
            vec![
                line("m365-business-premium-npo", 5),
                line("m365-a3-faculty-edu", 5),
                line("m365-e3", 5),
            ],
            &["s1", "s2", "s3"],
            day(2025, 1, 4),
        )
        .unwrap();

        let np = desk
            .impact(
                &cat,
                "n1",
                QualificationChange::Revoke(Qualification::Nonprofit),
                day(2025, 1, 5),
            )
            .unwrap();
        assert!(np.allowed);
        assert!(np.offers_gained.is_empty());
        assert!(np
            .offers_lost
            .contains(&"m365-business-premium-npo".to_string()));
        assert!(np
            .offers_lost
            .iter()
            .all(|o| cat.get(o).unwrap().segment == Segment::Nonprofit));
        assert_eq!(np.subscriptions.len(), 1);
        assert_eq!(
            np.subscriptions[0].effect,
            SubscriptionEffect::AutoRenewSwitchedOff {
                commercial_equivalent: Some("m365-business-premium".into())
            }
        );

        let edu = desk
            .impact(
                &cat,
                "n1",
                QualificationChange::Revoke(Qualification::Education),
                day(2025, 1, 5),
            )
            .unwrap();
        assert_eq!(edu.subscriptions.len(), 1);
        assert_eq!(edu.subscriptions[0].subscription, "s2");
        // Like the nonprofit removal: auto-renew off and locked, equivalent proposed.
        assert_eq!(
            edu.subscriptions[0].effect,
            SubscriptionEffect::AutoRenewSwitchedOff {
                commercial_equivalent: Some("m365-e3".into())
            }
        );

        // GCC would be refused (Nonprofit + Education + GCC is no row) and would cost every
        // non-GCC offer.
        let gcc = desk
            .impact(
                &cat,
                "n1",
                QualificationChange::Grant(Qualification::GovernmentCommunityCloud),
                day(2025, 1, 5),
            )
            .unwrap();
        assert!(!gcc.allowed);
        assert_eq!(gcc.subscriptions.len(), 3);
        assert!(gcc
            .offers_gained
            .iter()
            .all(|o| cat.get(o).unwrap().segment == Segment::GovernmentCommunityCloud));
        // The preview changed nothing.
        assert!(desk.customer("n1").unwrap().held().nonprofit);
    }

    #[test]
    fn the_desk_round_trips_through_json() {
        let mut desk = desk_with_customer(new_education_customer("c1", "contoso"), day(2025, 3, 3));
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 4)),
            "c1",
            VettingReason::NotAnEligibleLibrary,
        )
        .unwrap();
        order(
            &mut desk,
            "c1",
            vec![line("m365-e3", 2)],
            &["s1"],
            day(2025, 3, 4),
        )
        .unwrap();
        let json = serde_json::to_string(&desk).unwrap();
        assert!(json.contains("\"NotAnEligibleLibrary\""));
        let back: Desk = serde_json::from_str(&json).unwrap();
        assert_eq!(back, desk);
    }
}
