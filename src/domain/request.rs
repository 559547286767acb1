//! Qualification requests by the partner: Education, GCC, SOE (docs/RULES.md).
//! [`checklist`] is the single statement of the rules; applying a request calls it first.

use serde::{Deserialize, Serialize};

use super::account::{
    validate_account, validate_education_details, AccountContext, EducationDetails,
};
use super::context::OperationContext;
use super::customer::{Customer, MAX_VERIFICATION_REQUESTS};
use super::partner::{PartnerProfile, PartnerType};
use super::qualification::{
    CriteriaConfirmation, Qualification, QualificationRecord, VettingStatus,
};
use super::reason::{Decision, Reason};
use super::roles::{permits, Operation, Role};

/// A request, shaped like the API's `CustomerQualificationRequest` (docs/RULES.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationRequest {
    pub qualification: Qualification,
    /// Education only.
    pub education: Option<EducationDetails>,
    /// GCC only: one of the partner's validation codes.
    pub validation_code: Option<String>,
    /// SOE only: the user confirms that the customer meets Microsoft's state-owned entity
    /// criteria (docs/RULES.md §2).
    #[serde(default)]
    pub soe_criteria_confirmed: bool,
}

impl QualificationRequest {
    pub fn education(details: EducationDetails) -> Self {
        QualificationRequest {
            qualification: Qualification::Education,
            education: Some(details),
            validation_code: None,
            soe_criteria_confirmed: false,
        }
    }
    pub fn gcc(validation_code: &str) -> Self {
        QualificationRequest {
            qualification: Qualification::GovernmentCommunityCloud,
            education: None,
            validation_code: Some(validation_code.to_string()),
            soe_criteria_confirmed: false,
        }
    }
    /// A state-owned entity request; `criteria_confirmed`: the user confirms that the customer
    /// meets Microsoft's criteria.
    pub fn soe(criteria_confirmed: bool) -> Self {
        QualificationRequest {
            qualification: Qualification::StateOwnedEntity,
            education: None,
            validation_code: None,
            soe_criteria_confirmed: criteria_confirmed,
        }
    }
}

/// Microsoft's criteria a state-owned entity must meet (docs/RULES.md §2, S2, S5).
pub const SOE_CRITERIA_URL: &str =
    "https://www.microsoft.com/legal/compliance/anticorruption/criteria";

/// ISO code of the United States: GCC is for US government entities (docs/RULES.md, S23).
pub const GCC_COUNTRY: &str = "US";

/// Everything that would make this request fail, so that no verification request is wasted.
/// `Allowed` means the request will be accepted.
pub fn checklist(
    customer: &Customer,
    partner: &PartnerProfile,
    role: Role,
    request: &QualificationRequest,
) -> Decision {
    let kind = request.qualification;
    let mut out = Vec::new();
    if !permits(role, Operation::RequestQualification) {
        out.push(Reason::RoleNotPermitted {
            role,
            operation: Operation::RequestQualification,
        });
    }
    // docs/RULES.md: None and Nonprofit are never posted by a partner.
    if !kind.requestable_by_partner() {
        out.push(Reason::NotRequestableByPartner {
            qualification: kind,
        });
        return Decision::Refused(out);
    }
    // docs/RULES.md: at most 3 per customer, the first included.
    if customer.verification_requests >= MAX_VERIFICATION_REQUESTS {
        out.push(Reason::VerificationRequestsExhausted {
            used: customer.verification_requests,
            max: MAX_VERIFICATION_REQUESTS,
        });
    }
    // docs/RULES.md: a held qualification is not requested again; Education is resubmitted
    // only after Denied.
    if let Some(rec) = customer.record(kind) {
        let resubmission =
            kind == Qualification::Education && rec.vetting_status == Some(VettingStatus::Denied);
        if !resubmission {
            out.push(Reason::QualificationAlreadyHeld {
                qualification: kind,
                status: rec.vetting_status,
            });
        }
    }
    // docs/RULES.md: the result must be a matrix row. This also says that GCC goes only
    // to a customer with no qualification or SOE alone (S7, S9, §12 item 13).
    let current = customer.held();
    let resulting = current.with(kind);
    if !resulting.is_matrix_row() {
        out.push(Reason::QualificationSetNotAllowed {
            current,
            requested: kind,
            resulting,
        });
    }
    match kind {
        Qualification::Education => {
            // docs/RULES.md: the account and the Education fields must be valid; such a
            // refusal consumes no request (§6.7).
            let context = AccountContext {
                education: true,
                partner_type: partner.partner_type,
            };
            let details = request.education.clone().unwrap_or_default();
            validate_account(&customer.account, context)
                .into_iter()
                .chain(validate_education_details(&details))
                .filter(|p| p.is_error())
                .for_each(|p| out.push(Reason::Field(p)));
        }
        Qualification::GovernmentCommunityCloud => {
            // docs/RULES.md §4: an indirect reseller goes through its indirect provider for
            // special offers; the request is refused and consumes no create of the code.
            if partner.partner_type == PartnerType::IndirectReseller {
                out.push(Reason::IndirectResellerMustUseProvider);
            }
            // docs/RULES.md §2: GCC is for US government entities; all other government
            // entities get no qualification and are sold Commercial offers.
            if customer.account.country.trim() != GCC_COUNTRY {
                out.push(Reason::OtherGovernmentBuysCommercial {
                    country: customer.account.country.clone(),
                });
            }
            if !partner.has_gcc_reseller_qualification() {
                out.push(Reason::PartnerLacksGccResellerQualification);
            }
            // docs/RULES.md: a code of the partner's with creates left.
            match request
                .validation_code
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
            {
                None => out.push(Reason::GccValidationCodeRequired),
                Some(code) => match partner.gcc_code(code) {
                    None => out.push(Reason::GccValidationCodeUnknown {
                        code: code.to_string(),
                    }),
                    Some(c) if c.remaining_creates == 0 => {
                        out.push(Reason::GccValidationCodeExhausted {
                            code: code.to_string(),
                            max_creates: c.max_creates,
                        })
                    }
                    Some(_) => {}
                },
            }
        }
        // docs/RULES.md §2: state-owned entities must meet Microsoft's eligibility criteria
        // (S2, S5); the user confirms it, else nothing is granted or counted.
        Qualification::StateOwnedEntity if !request.soe_criteria_confirmed => {
            out.push(Reason::SoeCriteriaNotConfirmed);
        }
        _ => {}
    }
    Decision::from_reasons(out)
}

/// What applying a request changed (for the audit log).
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub before: Option<QualificationRecord>,
    pub after: QualificationRecord,
    /// GCC: the code used and its remaining creates before.
    pub code_used: Option<(String, u32)>,
}

/// Checks the request with [`checklist`] for the context's role and, if allowed, applies it on
/// the context's day: Education goes to `InReview` (new or resubmitted), GCC and SOE are
/// granted, GCC consumes one create of its code, and one verification request is counted.
pub fn apply_request(
    ctx: OperationContext,
    customer: &mut Customer,
    partner: &mut PartnerProfile,
    request: &QualificationRequest,
) -> Result<Applied, Vec<Reason>> {
    checklist(customer, partner, ctx.role, request).into_result()?;
    let kind = request.qualification;
    let mut record = QualificationRecord::granted(kind, ctx.today);
    let mut code_used = None;
    match kind {
        Qualification::Education => {
            let details = request.education.clone().unwrap_or_default();
            record.vetting_status = Some(VettingStatus::InReview);
            record.education_segment = details.segment;
            let website = details.website.trim();
            record.website = (!website.is_empty()).then(|| website.to_string());
        }
        Qualification::GovernmentCommunityCloud => {
            let code = request
                .validation_code
                .as_deref()
                .unwrap_or_default()
                .trim();
            if let Some(c) = partner
                .gcc_validation_codes
                .iter_mut()
                .find(|c| c.validation_id == code)
            {
                code_used = Some((c.validation_id.clone(), c.remaining_creates));
                c.remaining_creates -= 1; // docs/RULES.md [derived]
            }
            record.validation_code = Some(code.to_string());
        }
        Qualification::StateOwnedEntity => {
            record.criteria_confirmed = Some(CriteriaConfirmation {
                by: ctx.role,
                on: ctx.today,
            });
        }
        _ => {}
    }
    let before = customer.record(kind).cloned();
    match customer.record_mut(kind) {
        Some(existing) => *existing = record.clone(),
        None => customer.qualifications.push(record.clone()),
    }
    customer.verification_requests += 1;
    Ok(Applied {
        before,
        after: record,
        code_used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Field, FieldProblem, Problem, Severity};
    use crate::domain::qualification::{EducationSegment, QualificationSet, VettingReason};
    use crate::test_support::{self, account_in, ctx, day, education_details, gcc_partner};

    /// Customer "c" in `country`, created on 2025-03-03 holding `kinds`.
    fn customer(country: &str, kinds: &[Qualification]) -> Customer {
        Customer {
            account: account_in(country),
            ..test_support::customer("c", kinds, day(2025, 3, 3))
        }
    }

    fn edu() -> QualificationRequest {
        QualificationRequest::education(education_details())
    }

    #[test]
    fn none_and_nonprofit_are_never_requestable() {
        let c = customer("US", &[]);
        for q in [Qualification::None, Qualification::Nonprofit] {
            let req = QualificationRequest {
                qualification: q,
                education: None,
                validation_code: None,
                soe_criteria_confirmed: true,
            };
            assert_eq!(
                checklist(&c, &gcc_partner(5), Role::GlobalAdmin, &req).reasons(),
                &[Reason::NotRequestableByPartner { qualification: q }]
            );
        }
    }

    #[test]
    fn education_request_goes_in_review_and_counts_one() {
        let mut c = customer("SE", &[]);
        let mut p = PartnerProfile::default();
        let applied = apply_request(
            ctx(Role::SalesAgent, day(2025, 3, 7)),
            &mut c,
            &mut p,
            &edu(),
        )
        .unwrap();
        assert_eq!(applied.before, None);
        let rec = c.record(Qualification::Education).unwrap();
        assert_eq!(rec.vetting_status, Some(VettingStatus::InReview));
        assert_eq!(rec.created, day(2025, 3, 7));
        assert_eq!(rec.expected_by(), Some(day(2025, 3, 12)));
        assert_eq!(rec.education_segment, Some(EducationSegment::K12));
        assert_eq!(rec.website.as_deref(), Some("contoso.edu"));
        assert_eq!(c.verification_requests, 1);
        // In review: not again.
        assert_eq!(
            apply_request(
                ctx(Role::SalesAgent, day(2025, 3, 8)),
                &mut c,
                &mut p,
                &edu()
            )
            .unwrap_err(),
            vec![Reason::QualificationAlreadyHeld {
                qualification: Qualification::Education,
                status: Some(VettingStatus::InReview)
            }]
        );
        assert_eq!(c.verification_requests, 1);
    }

    #[test]
    fn field_errors_refuse_without_consuming_a_request() {
        let mut c = customer("US", &[]);
        c.account.email = "school@gmail.com".into();
        let req = QualificationRequest::education(EducationDetails::default());
        let err = apply_request(
            ctx(Role::AdminAgent, day(2025, 3, 3)),
            &mut c,
            &mut PartnerProfile::default(),
            &req,
        )
        .unwrap_err();
        assert_eq!(
            err,
            vec![
                Reason::Field(FieldProblem {
                    field: Field::Email,
                    problem: Problem::FreeMailProvider {
                        domain: "gmail.com".into()
                    },
                    severity: Severity::Error
                }),
                Reason::Field(FieldProblem {
                    field: Field::EducationSegment,
                    problem: Problem::Required,
                    severity: Severity::Error
                }),
            ]
        );
        assert_eq!(c.verification_requests, 0);
        assert!(c.qualifications.is_empty());
    }

    #[test]
    fn resubmission_only_after_denied_and_within_three_requests() {
        let mut c = customer("US", &[]);
        let mut p = PartnerProfile::default();
        for n in 1..=3u8 {
            apply_request(
                ctx(Role::GlobalAdmin, day(2025, 3, 3 + n as u32)),
                &mut c,
                &mut p,
                &edu(),
            )
            .unwrap();
            assert_eq!(c.verification_requests, n);
            let rec = c.record_mut(Qualification::Education).unwrap();
            rec.vetting_status = Some(VettingStatus::Denied);
            rec.vetting_reason = Some(VettingReason::NotAnEducationCustomer);
        }
        // The fourth is refused and consumes nothing.
        assert_eq!(
            apply_request(
                ctx(Role::GlobalAdmin, day(2025, 3, 10)),
                &mut c,
                &mut p,
                &edu()
            )
            .unwrap_err(),
            vec![Reason::VerificationRequestsExhausted { used: 3, max: 3 }]
        );
        assert_eq!(c.verification_requests, 3);
        assert_eq!(
            c.record(Qualification::Education).unwrap().vetting_status,
            Some(VettingStatus::Denied)
        );
    }

    #[test]
    fn gcc_needs_code_partner_qualification_us_and_no_other_qualification() {
        let c = customer("US", &[]);
        assert!(checklist(
            &c,
            &gcc_partner(1),
            Role::SalesAgent,
            &QualificationRequest::gcc("123456")
        )
        .is_allowed());
        // From SOE alone: allowed (SOE + GCC row).
        let soe = customer("US", &[Qualification::StateOwnedEntity]);
        assert!(checklist(
            &soe,
            &gcc_partner(1),
            Role::SalesAgent,
            &QualificationRequest::gcc("123456")
        )
        .is_allowed());
        // From Education: not a matrix row.
        let e = customer("US", &[Qualification::Education]);
        assert_eq!(
            checklist(
                &e,
                &gcc_partner(1),
                Role::SalesAgent,
                &QualificationRequest::gcc("123456")
            )
            .reasons(),
            &[Reason::QualificationSetNotAllowed {
                current: QualificationSet::of(&[Qualification::Education]),
                requested: Qualification::GovernmentCommunityCloud,
                resulting: QualificationSet::of(&[
                    Qualification::Education,
                    Qualification::GovernmentCommunityCloud
                ]),
            }]
        );
        // Outside the US, without partner qualification, exhausted or unknown or missing code.
        let se = customer("SE", &[]);
        assert_eq!(
            checklist(
                &se,
                &PartnerProfile::default(),
                Role::SalesAgent,
                &QualificationRequest::gcc("999")
            )
            .reasons(),
            &[
                Reason::OtherGovernmentBuysCommercial {
                    country: "SE".into()
                },
                Reason::PartnerLacksGccResellerQualification,
                Reason::GccValidationCodeUnknown { code: "999".into() },
            ]
        );
        assert_eq!(
            checklist(
                &c,
                &gcc_partner(0),
                Role::SalesAgent,
                &QualificationRequest::gcc("123456")
            )
            .reasons(),
            &[Reason::GccValidationCodeExhausted {
                code: "123456".into(),
                max_creates: 5
            }]
        );
        assert_eq!(
            checklist(
                &c,
                &gcc_partner(1),
                Role::SalesAgent,
                &QualificationRequest::gcc(" ")
            )
            .reasons(),
            &[Reason::GccValidationCodeRequired]
        );
    }

    #[test]
    fn other_government_entities_outside_the_us_are_told_to_sell_commercial_offers() {
        // A Polish government customer asking a GCC-ready partner (qualification, code with
        // creates left) for GCC: refused with the advice to sell Commercial offers, nothing
        // consumed, and Commercial offers are indeed open to it.
        let mut c = customer("PL", &[]);
        let mut p = gcc_partner(2);
        assert_eq!(
            apply_request(
                ctx(Role::SalesAgent, day(2025, 3, 3)),
                &mut c,
                &mut p,
                &QualificationRequest::gcc("123456"),
            )
            .unwrap_err(),
            vec![Reason::OtherGovernmentBuysCommercial {
                country: "PL".into()
            }]
        );
        assert_eq!(p.gcc_validation_codes[0].remaining_creates, 2);
        assert_eq!(c.verification_requests, 0);
        assert!(c.qualifications.is_empty());
        let commercial = crate::test_support::sample_offer("m365-e3");
        assert!(
            crate::domain::eligibility::eligibility(&c, &p, &commercial, day(2025, 3, 3))
                .is_allowed()
        );
    }

    #[test]
    fn gcc_success_decrements_the_code() {
        let mut c = customer("US", &[]);
        let mut p = gcc_partner(2);
        let applied = apply_request(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            &mut c,
            &mut p,
            &QualificationRequest::gcc("123456"),
        )
        .unwrap();
        assert_eq!(applied.code_used, Some(("123456".into(), 2)));
        assert_eq!(p.gcc_validation_codes[0].remaining_creates, 1);
        let rec = c.record(Qualification::GovernmentCommunityCloud).unwrap();
        assert_eq!(rec.vetting_status, Some(VettingStatus::Approved));
        assert_eq!(rec.validation_code.as_deref(), Some("123456"));
        assert_eq!(c.verification_requests, 1);
    }

    #[test]
    fn soe_combinations_follow_the_matrix() {
        let p = PartnerProfile::default();
        for (kinds, ok) in [
            (vec![], true),
            (vec![Qualification::Education], true),
            (vec![Qualification::GovernmentCommunityCloud], true),
            (vec![Qualification::Nonprofit], false),
            (
                vec![Qualification::Nonprofit, Qualification::Education],
                false,
            ),
            (vec![Qualification::StateOwnedEntity], false),
        ] {
            let c = customer("US", &kinds);
            assert_eq!(
                checklist(&c, &p, Role::SalesAgent, &QualificationRequest::soe(true)).is_allowed(),
                ok,
                "{kinds:?}"
            );
        }
    }

    #[test]
    fn soe_needs_the_criteria_confirmed_and_records_who_confirmed_and_when() {
        let mut c = customer("PL", &[]);
        let mut p = PartnerProfile::default();
        let today = day(2025, 3, 4);
        assert_eq!(
            apply_request(
                ctx(Role::SalesAgent, today),
                &mut c,
                &mut p,
                &QualificationRequest::soe(false)
            )
            .unwrap_err(),
            vec![Reason::SoeCriteriaNotConfirmed]
        );
        assert!(c.qualifications.is_empty());
        assert_eq!(c.verification_requests, 0);
        let applied = apply_request(
            ctx(Role::AdminAgent, today),
            &mut c,
            &mut p,
            &QualificationRequest::soe(true),
        )
        .unwrap();
        let confirmed = Some(CriteriaConfirmation {
            by: Role::AdminAgent,
            on: today,
        });
        assert_eq!(applied.after.criteria_confirmed, confirmed);
        assert_eq!(
            c.record(Qualification::StateOwnedEntity)
                .unwrap()
                .criteria_confirmed,
            confirmed
        );
        assert_eq!(c.verification_requests, 1);
    }

    #[test]
    fn education_on_gcc_customer_is_refused() {
        let c = customer(
            "US",
            &[
                Qualification::GovernmentCommunityCloud,
                Qualification::StateOwnedEntity,
            ],
        );
        assert!(matches!(
            checklist(&c, &PartnerProfile::default(), Role::SalesAgent, &edu()).reasons(),
            [Reason::QualificationSetNotAllowed { .. }]
        ));
    }

    #[test]
    fn indirect_reseller_gcc_request_is_refused_and_consumes_nothing() {
        let mut c = customer("US", &[]);
        let mut p = gcc_partner(2);
        p.partner_type = PartnerType::IndirectReseller;
        assert_eq!(
            apply_request(
                ctx(Role::GlobalAdmin, day(2025, 3, 3)),
                &mut c,
                &mut p,
                &QualificationRequest::gcc("123456"),
            )
            .unwrap_err(),
            vec![Reason::IndirectResellerMustUseProvider]
        );
        assert_eq!(p.gcc_validation_codes[0].remaining_creates, 2);
        assert_eq!(c.verification_requests, 0);
        assert!(c.qualifications.is_empty());
    }
}
