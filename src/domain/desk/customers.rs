//! Adding customers and correcting their account information.

use super::{refuse_if_any, role_check, Desk, NewCustomer};
use crate::domain::account::{validate_account, AccountContext, AccountInfo, FieldProblem};
use crate::domain::audit::Change;
use crate::domain::context::OperationContext;
use crate::domain::customer::Customer;
use crate::domain::qualification::Qualification;
use crate::domain::reason::Reason;
use crate::domain::request::{apply_request, QualificationRequest};
use crate::domain::roles::Operation;

impl Desk {
    /// Adds a customer; with `education` it also submits the Education request (counts 1 of
    /// 3). Field errors refuse the whole submission and count nothing (docs/RULES.md).
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

    /// Corrects a customer's account information (Global admin only, docs/RULES.md). The
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Field, Problem};
    use crate::domain::audit::Actor;
    use crate::domain::qualification::VettingStatus;
    use crate::domain::roles::Role;
    use crate::test_support::{
        ctx, day, education_details, gcc_desk, new_customer, new_education_customer,
    };

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
}
