//! The desk: the partner, its customers, their subscriptions and the audit log, with every
//! operation as a method. Each takes an [`OperationContext`] first (the acting [`Role`] and
//! `today`, the app clock), checks the rules, applies the change, appends audit entries, and
//! returns `Err(reasons)` — changing nothing — when refused.

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
use super::education;
use super::eligibility::{eligibility, CustomerEligibility};
use super::impact::{impact, Impact, QualificationChange};
use super::nonprofit::{self, NonprofitRemoval};
use super::partner::{
    check_new_gcc_code, is_country_code, GccValidationCode, PartnerProfile, PartnerType,
    ResellerQualification,
};
use super::qualification::{Qualification, VettingReason, VettingStatus};
use super::reason::{Decision, Reason};
use super::request::{apply_request, checklist, QualificationRequest};
use super::roles::{permits, Operation, Role};
use super::subscription::{
    check_auto_renew, check_cancel, check_seat_change, Subscription, SubscriptionStatus,
};

/// The "Add customer" form (PRODUCT.md). `education: Some(..)` is "Special qualifications:
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
    pub audit: Vec<AuditEntry>,
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

    // --- queries ------------------------------------------------------------------------

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

    fn log(&mut self, date: NaiveDate, actor: Actor, entity: Entity, change: Change) {
        let seq = self.audit.len() as u64 + 1;
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

    // --- customers and qualification requests ------------------------------------------

    /// Adds a customer; with `education` it also submits the Education request (counts 1 of
    /// 3). Field errors refuse the whole submission and count nothing (DOMAIN.md §6.7).
    pub fn create_customer(
        &mut self,
        ctx: OperationContext,
        new: NewCustomer,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::CreateCustomer)?;
        let mut reasons = Vec::new();
        if new.id.trim().is_empty() || self.customer(&new.id).is_some() {
            reasons.push(Reason::DuplicateId { id: new.id.clone() });
        }
        reasons.extend(
            self.validate_new_customer(&new)
                .into_iter()
                .filter(FieldProblem::is_error)
                .map(Reason::Field),
        );
        refuse_if_any(reasons)?;
        let mut customer =
            Customer::new(new.id.clone(), new.account, &new.domain_prefix, ctx.today);
        let mut partner = self.partner.clone();
        let applied = match &new.education {
            Some(details) => {
                let req = QualificationRequest::education(details.clone());
                Some(apply_request(ctx, &mut customer, &mut partner, &req)?)
            }
            None => None,
        };
        let change = Change::CustomerCreated {
            company_name: customer.account.company_name.clone(),
            domain_prefix: customer.domain_prefix.clone(),
        };
        let id = customer.id.clone();
        self.customers.push(customer);
        self.log_customer(ctx, &id, change);
        if let Some(a) = applied {
            self.log_customer(
                ctx,
                &id,
                Change::QualificationRequested {
                    qualification: Qualification::Education,
                    before: None,
                    after: a.after,
                    requests_before: 0,
                    requests_after: 1,
                },
            );
        }
        Ok(())
    }

    /// Corrects a customer's account information (Global admin only, DOMAIN.md §6.5). The
    /// primary domain is not part of it: it cannot be changed (§6.2).
    pub fn correct_account(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        account: AccountInfo,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::CorrectAccount)?;
        let i = self.customer_index(customer_id)?;
        let education = self.customers[i].record(Qualification::Education).is_some();
        let context = AccountContext {
            education,
            partner_type: self.partner.partner_type,
        };
        refuse_if_any(
            validate_account(&account, context)
                .into_iter()
                .filter(FieldProblem::is_error)
                .map(Reason::Field)
                .collect(),
        )?;
        let before = std::mem::replace(&mut self.customers[i].account, account.clone());
        if before != account {
            self.log_customer(
                ctx,
                customer_id,
                Change::AccountCorrected {
                    before: Box::new(before),
                    after: Box::new(account),
                },
            );
        }
        Ok(())
    }

    /// Submits a qualification request (Education, GCC or SOE) after [`Desk::checklist`].
    pub fn request_qualification(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        request: &QualificationRequest,
    ) -> Result<(), Vec<Reason>> {
        let i = self.customer_index(customer_id)?;
        let requests_before = self.customers[i].verification_requests;
        let applied = apply_request(ctx, &mut self.customers[i], &mut self.partner, request)?;
        let requests_after = self.customers[i].verification_requests;
        if let Some((code, remaining_before)) = applied.code_used {
            self.log_partner(
                ctx,
                Change::GccValidationCodeUsed {
                    code,
                    remaining_before,
                    remaining_after: remaining_before - 1,
                },
            );
        }
        self.log_customer(
            ctx,
            customer_id,
            Change::QualificationRequested {
                qualification: request.qualification,
                before: applied.before,
                after: applied.after,
                requests_before,
                requests_after,
            },
        );
        Ok(())
    }

    /// Requests Education (first submission, or resubmission after Denied).
    pub fn request_education(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        details: EducationDetails,
    ) -> Result<(), Vec<Reason>> {
        self.request_qualification(ctx, customer_id, &QualificationRequest::education(details))
    }

    /// Requests GCC with one of the partner's validation codes.
    pub fn request_gcc(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        validation_code: &str,
    ) -> Result<(), Vec<Reason>> {
        self.request_qualification(
            ctx,
            customer_id,
            &QualificationRequest::gcc(validation_code),
        )
    }

    /// Requests State-owned entity.
    pub fn request_soe(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        self.request_qualification(ctx, customer_id, &QualificationRequest::soe())
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

    /// DOMAIN.md §6.5, §6.7: correct the data (Global admin) and re-request Education after a
    /// denial, while requests remain. All or nothing.
    pub fn resubmit_education(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        correction: Option<AccountInfo>,
        details: EducationDetails,
    ) -> Result<(), Vec<Reason>> {
        self.resubmit_checklist(ctx.role, customer_id, correction.as_ref(), &details)
            .into_result()?;
        if let Some(account) = correction {
            self.correct_account(ctx, customer_id, account)?;
        }
        self.request_education(ctx, customer_id, details)
    }

    // --- the simulated Microsoft side ------------------------------------------------------

    /// Microsoft (simulated) approves the Education request in review.
    pub fn approve_education(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::SimulateMicrosoft)?;
        let i = self.customer_index(customer_id)?;
        let before = education::approve(&mut self.customers[i], ctx.today)?;
        self.log_customer(
            ctx,
            customer_id,
            Change::VettingDecided {
                before,
                after: VettingStatus::Approved,
                reason: None,
            },
        );
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
        role_check(ctx.role, Operation::SimulateMicrosoft)?;
        let i = self.customer_index(customer_id)?;
        let before = education::deny(&mut self.customers[i], reason, ctx.today)?;
        self.log_customer(
            ctx,
            customer_id,
            Change::VettingDecided {
                before,
                after: VettingStatus::Denied,
                reason: Some(reason),
            },
        );
        Ok(())
    }

    /// The customer registers with Microsoft's nonprofit programme (simulated): Nonprofit
    /// approved. Not a partner request: counts no verification request.
    pub fn register_nonprofit(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::SimulateMicrosoft)?;
        let i = self.customer_index(customer_id)?;
        refuse_if_any(nonprofit::check_register(&self.customers[i]))?;
        nonprofit::register(&mut self.customers[i], ctx.today);
        self.log_customer(ctx, customer_id, Change::NonprofitRegistered);
        Ok(())
    }

    /// Periodic review finds the customer no longer eligible: 90-day notice (DOMAIN.md §8).
    pub fn send_nonprofit_notice(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
    ) -> Result<NaiveDate, Vec<Reason>> {
        role_check(ctx.role, Operation::SimulateMicrosoft)?;
        let i = self.customer_index(customer_id)?;
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

    /// Applies every nonprofit removal whose date has come by `today` (DOMAIN.md §8):
    /// qualification removed, auto-renew off on seat-based nonprofit subscriptions, commercial
    /// equivalent proposed. Idempotent; call it whenever the app clock moves.
    pub fn apply_due_nonprofit_removals(&mut self, today: NaiveDate) -> Vec<NonprofitRemoval> {
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
        for r in &removals {
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
            for s in &r.subscriptions {
                let entity = Entity::Subscription {
                    id: s.subscription.clone(),
                };
                if s.auto_renew_was_on {
                    self.log(
                        today,
                        Actor::Clock,
                        entity.clone(),
                        Change::AutoRenewChanged {
                            before: true,
                            after: false,
                        },
                    );
                }
                self.log(
                    today,
                    Actor::Clock,
                    entity,
                    Change::CommercialEquivalentProposed {
                        equivalent: s.commercial_equivalent.clone(),
                    },
                );
            }
        }
        removals
    }

    // --- orders and subscriptions ---------------------------------------------------------

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
        let before = sub.status;
        sub.status = SubscriptionStatus::Cancelled { on: ctx.today };
        sub.auto_renew = false;
        let after = sub.status;
        self.log_as(
            ctx,
            Entity::Subscription {
                id: sub_id.to_string(),
            },
            Change::SubscriptionCancelled { before, after },
        );
        Ok(())
    }

    // --- partner settings -------------------------------------------------------------------

    pub fn set_partner_type(
        &mut self,
        ctx: OperationContext,
        partner_type: PartnerType,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::EditPartnerSettings)?;
        let before = std::mem::replace(&mut self.partner.partner_type, partner_type);
        if before != partner_type {
            self.log_partner(
                ctx,
                Change::PartnerTypeChanged {
                    before,
                    after: partner_type,
                },
            );
        }
        Ok(())
    }

    /// Sets the partner's country (ISO alpha-2 code).
    pub fn set_partner_country(
        &mut self,
        ctx: OperationContext,
        country: &str,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::EditPartnerSettings)?;
        let country = country.trim().to_string();
        if !is_country_code(&country) {
            return Err(vec![Reason::InvalidCountryCode { country }]);
        }
        let before = std::mem::replace(&mut self.partner.country, country.clone());
        if before != country {
            self.log_partner(
                ctx,
                Change::PartnerCountryChanged {
                    before,
                    after: country,
                },
            );
        }
        Ok(())
    }

    /// Replaces the partner's reseller qualifications (duplicates dropped).
    pub fn set_reseller_qualifications(
        &mut self,
        ctx: OperationContext,
        mut qualifications: Vec<ResellerQualification>,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::EditPartnerSettings)?;
        let mut seen = Vec::new();
        qualifications.retain(|q| {
            if seen.contains(q) {
                false
            } else {
                seen.push(*q);
                true
            }
        });
        let before = std::mem::replace(
            &mut self.partner.reseller_qualifications,
            qualifications.clone(),
        );
        if before != qualifications {
            self.log_partner(
                ctx,
                Change::ResellerQualificationsChanged {
                    before,
                    after: qualifications,
                },
            );
        }
        Ok(())
    }

    /// Adds one of the partner's GCC validation codes (DOMAIN.md §2.5).
    pub fn add_gcc_validation_code(
        &mut self,
        ctx: OperationContext,
        mut code: GccValidationCode,
    ) -> Result<(), Vec<Reason>> {
        role_check(ctx.role, Operation::EditPartnerSettings)?;
        refuse_if_any(check_new_gcc_code(&self.partner, &code))?;
        code.validation_id = code.validation_id.trim().to_string();
        self.partner.gcc_validation_codes.push(code.clone());
        self.log_partner(ctx, Change::GccValidationCodeAdded { code });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Field, Problem};
    use crate::domain::impact::SubscriptionEffect;
    use crate::domain::matrix::Segment;
    use crate::domain::nonprofit::NonprofitReview;
    use crate::test_support::{
        account, account_in, ctx, day, education_details, gcc_desk, line, new_customer,
        new_education_customer, order, sample_offer,
    };

    #[test]
    fn offer_decisions_agree_with_asking_offer_by_offer() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 7)),
            new_education_customer("c1", "ContosoEdu"),
        )
        .unwrap();
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
    fn create_with_education_goes_in_review_and_is_audited() {
        let mut desk = gcc_desk(1);
        let audit_before = desk.audit.len();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 7)),
            new_education_customer("c1", "ContosoEdu"),
        )
        .unwrap();
        let c = desk.customer("c1").unwrap();
        assert_eq!(c.domain_prefix, "contosoedu");
        assert_eq!(c.verification_requests, 1);
        let rec = c.record(Qualification::Education).unwrap();
        assert_eq!(rec.vetting_status, Some(VettingStatus::InReview));
        assert_eq!(rec.expected_by(), Some(day(2025, 3, 12)));
        let log = &desk.audit[audit_before..];
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].actor, Actor::Role(Role::SalesAgent));
        assert!(matches!(log[0].change, Change::CustomerCreated { .. }));
        assert!(matches!(
            log[1].change,
            Change::QualificationRequested {
                requests_before: 0,
                requests_after: 1,
                ..
            }
        ));
        assert_eq!(log[1].seq, log[0].seq + 1);
    }

    #[test]
    fn create_refuses_field_errors_and_taken_prefix_saving_nothing() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::AdminAgent, day(2025, 3, 7)),
            new_customer("c1", "contoso"),
        )
        .unwrap();
        let mut bad = new_education_customer("c2", "CONTOSO");
        bad.account.email = "x@gmail.com".into();
        let err = desk
            .create_customer(ctx(Role::AdminAgent, day(2025, 3, 7)), bad)
            .unwrap_err();
        let problems: Vec<(Field, Problem)> = err
            .iter()
            .map(|r| match r {
                Reason::Field(p) => (p.field, p.problem.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            problems,
            vec![
                (
                    Field::Email,
                    Problem::FreeMailProvider {
                        domain: "gmail.com".into()
                    }
                ),
                (
                    Field::PrimaryDomain,
                    Problem::DomainPrefixTaken {
                        prefix: "contoso".into()
                    }
                ),
            ]
        );
        assert_eq!(desk.customers.len(), 1);
        assert_eq!(
            desk.create_customer(
                ctx(Role::AdminAgent, day(2025, 3, 7)),
                new_customer("c1", "other")
            )
            .unwrap_err(),
            vec![Reason::DuplicateId { id: "c1".into() }]
        );
    }

    #[test]
    fn a_commercial_customer_may_use_a_free_mail_address() {
        let mut desk = gcc_desk(1);
        let mut c = new_customer("c1", "kiosk");
        c.account.email = "kiosk@gmail.com".into();
        let problems = desk.validate_new_customer(&c);
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
        desk.create_customer(ctx(Role::SalesAgent, day(2025, 3, 7)), c)
            .unwrap();
        // Requesting Education later is refused on that address, consuming nothing.
        let err = desk
            .request_education(
                ctx(Role::SalesAgent, day(2025, 3, 8)),
                "c1",
                education_details(),
            )
            .unwrap_err();
        assert!(matches!(&err[..], [Reason::Field(p)] if p.field == Field::Email));
        assert_eq!(desk.customer("c1").unwrap().verification_requests, 0);
    }

    #[test]
    fn education_state_machine_through_the_desk() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_education_customer("c1", "contoso"),
        )
        .unwrap();
        // In review → Denied.
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 5)),
            "c1",
            VettingReason::NotAnAcademicDomain,
        )
        .unwrap();
        // Denied → only Global admin corrects the data; agents may resubmit unchanged.
        let mut corrected = account();
        corrected.company_name = "Contoso Public School District".into();
        assert_eq!(
            desk.resubmit_education(
                ctx(Role::SalesAgent, day(2025, 3, 6)),
                "c1",
                Some(corrected.clone()),
                education_details()
            )
            .unwrap_err(),
            vec![Reason::RoleNotPermitted {
                role: Role::SalesAgent,
                operation: Operation::CorrectAccount
            }]
        );
        desk.resubmit_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 6)),
            "c1",
            Some(corrected.clone()),
            education_details(),
        )
        .unwrap();
        let c = desk.customer("c1").unwrap();
        assert_eq!(c.account, corrected);
        assert_eq!(c.domain_prefix, "contoso"); // unchangeable
        assert_eq!(c.verification_requests, 2);
        assert_eq!(
            c.record(Qualification::Education).unwrap().created,
            day(2025, 3, 6)
        );
        // Denied again → resubmission 3 → Denied → the fourth is refused.
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 7)),
            "c1",
            VettingReason::NotAnEducationCustomerAfterReview,
        )
        .unwrap();
        desk.resubmit_education(
            ctx(Role::AdminAgent, day(2025, 3, 8)),
            "c1",
            None,
            education_details(),
        )
        .unwrap();
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 10)),
            "c1",
            VettingReason::NotAnEducationCustomer,
        )
        .unwrap();
        let audit_len = desk.audit.len();
        assert_eq!(
            desk.resubmit_education(
                ctx(Role::GlobalAdmin, day(2025, 3, 11)),
                "c1",
                None,
                education_details()
            )
            .unwrap_err(),
            vec![Reason::VerificationRequestsExhausted { used: 3, max: 3 }]
        );
        assert_eq!(desk.audit.len(), audit_len);
        assert_eq!(
            desk.customer("c1")
                .unwrap()
                .record(Qualification::Education)
                .unwrap()
                .vetting_status,
            Some(VettingStatus::Denied)
        );
    }

    #[test]
    fn approve_then_buy_education() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_education_customer("c1", "contoso"),
        )
        .unwrap();
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
    fn gcc_consumes_a_code_and_then_the_code_is_exhausted() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("g1", "agency"),
        )
        .unwrap();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("g2", "agency2"),
        )
        .unwrap();
        desk.request_gcc(ctx(Role::AdminAgent, day(2025, 3, 4)), "g1", "123456")
            .unwrap();
        assert_eq!(desk.partner.gcc_validation_codes[0].remaining_creates, 0);
        assert!(desk.audit.iter().any(|e| e.change
            == Change::GccValidationCodeUsed {
                code: "123456".into(),
                remaining_before: 1,
                remaining_after: 0
            }));
        assert_eq!(
            desk.request_gcc(ctx(Role::AdminAgent, day(2025, 3, 4)), "g2", "123456")
                .unwrap_err(),
            vec![Reason::GccValidationCodeExhausted {
                code: "123456".into(),
                max_creates: 5
            }]
        );
        // SOE on top of GCC is a matrix row.
        desk.request_soe(ctx(Role::AdminAgent, day(2025, 3, 5)), "g1")
            .unwrap();
        // A GCC customer buys GCC only.
        let cat = Catalog::sample();
        assert!(desk
            .eligibility("g1", cat.get("m365-g3-gcc").unwrap(), day(2025, 3, 5))
            .is_allowed());
        assert!(!desk
            .eligibility("g1", cat.get("m365-e3").unwrap(), day(2025, 3, 5))
            .is_allowed());
    }

    #[test]
    fn nonprofit_lifecycle_switches_auto_renew_off_for_good() {
        let mut desk = gcc_desk(1);
        let cat = Catalog::sample();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 1, 2)),
            new_customer("n1", "charity"),
        )
        .unwrap();
        desk.register_nonprofit(ctx(Role::GlobalAdmin, day(2025, 1, 2)), "n1")
            .unwrap();
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
    fn auto_renew_check_answers_like_set_auto_renew_without_changing_anything() {
        let mut desk = gcc_desk(1);
        let cat = Catalog::sample();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 1, 2)),
            new_customer("n1", "charity"),
        )
        .unwrap();
        desk.register_nonprofit(ctx(Role::GlobalAdmin, day(2025, 1, 2)), "n1")
            .unwrap();
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
    fn place_order_needs_one_fresh_id_per_line() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("c1", "contoso"),
        )
        .unwrap();
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
        let mut desk = gcc_desk(1);
        let cat = Catalog::sample();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("c1", "contoso"),
        )
        .unwrap();
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
    fn only_global_admin_corrects_accounts_and_edits_partner_settings() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("c1", "contoso"),
        )
        .unwrap();
        for role in [Role::AdminAgent, Role::SalesAgent] {
            assert_eq!(
                desk.correct_account(ctx(role, day(2025, 3, 4)), "c1", account_in("SE"))
                    .unwrap_err(),
                vec![Reason::RoleNotPermitted {
                    role,
                    operation: Operation::CorrectAccount
                }]
            );
            assert_eq!(
                desk.set_partner_type(ctx(role, day(2025, 3, 4)), PartnerType::IndirectReseller)
                    .unwrap_err(),
                vec![Reason::RoleNotPermitted {
                    role,
                    operation: Operation::EditPartnerSettings
                }]
            );
        }
        desk.correct_account(
            ctx(Role::GlobalAdmin, day(2025, 3, 4)),
            "c1",
            account_in("SE"),
        )
        .unwrap();
        assert_eq!(desk.customer("c1").unwrap().account.country, "SE");
        let mut bad = account_in("SE");
        bad.company_name = "Inc".into();
        assert!(desk
            .correct_account(ctx(Role::GlobalAdmin, day(2025, 3, 4)), "c1", bad)
            .is_err());
        assert_eq!(
            desk.set_partner_country(ctx(Role::GlobalAdmin, day(2025, 3, 4)), "Poland")
                .unwrap_err(),
            vec![Reason::InvalidCountryCode {
                country: "Poland".into()
            }]
        );
        desk.set_partner_country(ctx(Role::GlobalAdmin, day(2025, 3, 4)), "PL")
            .unwrap();
        assert!(matches!(
            desk.audit.last().unwrap().change,
            Change::PartnerCountryChanged { .. }
        ));
    }

    #[test]
    fn indirect_reseller_is_sent_to_its_provider_for_special_orders() {
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_education_customer("c1", "contoso"),
        )
        .unwrap();
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

    #[test]
    fn impact_of_nonprofit_removal_and_education_denial() {
        let mut desk = gcc_desk(1);
        let cat = Catalog::sample();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 1, 2)),
            new_education_customer("n1", "charity"),
        )
        .unwrap();
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
        assert_eq!(
            edu.subscriptions[0].effect,
            SubscriptionEffect::SeatIncreasesAndRenewalBlocked
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
        let mut desk = gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_education_customer("c1", "contoso"),
        )
        .unwrap();
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
