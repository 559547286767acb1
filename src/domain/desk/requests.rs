//! Qualification requests by the partner (Education, GCC, SOE) and the resubmission of
//! Education after a denial.

use super::Desk;
use crate::domain::account::{AccountInfo, EducationDetails};
use crate::domain::audit::Change;
use crate::domain::context::OperationContext;
use crate::domain::reason::Reason;
use crate::domain::request::{apply_request, QualificationRequest};

impl Desk {
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

    /// Requests State-owned entity; `criteria_confirmed`: the user confirms that the customer
    /// meets Microsoft's criteria (docs/RULES.md §2).
    pub fn request_soe(
        &mut self,
        ctx: OperationContext,
        customer_id: &str,
        criteria_confirmed: bool,
    ) -> Result<(), Vec<Reason>> {
        self.request_qualification(
            ctx,
            customer_id,
            &QualificationRequest::soe(criteria_confirmed),
        )
    }

    /// docs/RULES.md: correct the data (Global admin) and re-request Education after a
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::customer::Customer;
    use crate::domain::qualification::{Qualification, VettingReason, VettingStatus};
    use crate::domain::roles::{Operation, Role};
    use crate::test_support::{
        account, ctx, day, desk_with_customer, education_details, new_customer,
        new_education_customer,
    };

    #[test]
    fn education_state_machine_through_the_desk() {
        let mut desk = desk_with_customer(new_education_customer("c1", "contoso"), day(2025, 3, 3));
        // In review → Denied.
        desk.deny_education(
            ctx(Role::GlobalAdmin, day(2025, 3, 5)),
            "c1",
            VettingReason::NotAnAcademicDomain,
        )
        .unwrap();
        // Denied → only Global admin corrects the data; agents may resubmit unchanged. The
        // correction changes the name and the e-mail domain, which a primary domain could be
        // derived from; the primary domain must stay (S1, S4).
        let mut corrected = account();
        corrected.company_name = "Contoso Public School District".into();
        corrected.email = "office@contosopublic.edu".into();
        let before = desk.customer("c1").unwrap().clone();
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
        // Only the account, the Education record and the counter changed: the customer's id,
        // creation date and primary domain are as before.
        assert_eq!(
            Customer {
                account: before.account.clone(),
                qualifications: before.qualifications.clone(),
                verification_requests: before.verification_requests,
                ..c.clone()
            },
            before
        );
        assert_eq!(c.primary_domain(), "contoso.onmicrosoft.com");
        let corrections: Vec<_> = desk
            .audit
            .iter()
            .filter_map(|e| match &e.change {
                Change::AccountCorrected { before, after } => Some((before, after)),
                _ => None,
            })
            .collect();
        assert_eq!(corrections.len(), 1);
        assert_eq!(*corrections[0].1.as_ref(), corrected);
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
    fn gcc_consumes_a_code_and_then_the_code_is_exhausted() {
        let mut desk = desk_with_customer(new_customer("g1", "agency"), day(2025, 3, 3));
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
        desk.request_soe(ctx(Role::AdminAgent, day(2025, 3, 5)), "g1", true)
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
}
