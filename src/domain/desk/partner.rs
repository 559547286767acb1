//! The partner's settings: partner type, country, reseller qualifications, GCC validation
//! codes (Global admin only).

use super::{refuse_if_any, role_check, Desk};
use crate::domain::audit::Change;
use crate::domain::context::OperationContext;
use crate::domain::partner::{
    check_new_gcc_code, is_country_code, GccValidationCode, PartnerType, ResellerQualification,
};
use crate::domain::reason::Reason;
use crate::domain::roles::Operation;

impl Desk {
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

    /// Adds one of the partner's GCC validation codes (docs/RULES.md).
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
    use crate::domain::roles::Role;
    use crate::test_support::{account_in, ctx, day, desk_with_customer, new_customer};

    #[test]
    fn only_global_admin_corrects_accounts_and_edits_partner_settings() {
        let mut desk = desk_with_customer(new_customer("c1", "contoso"), day(2025, 3, 3));
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
}
