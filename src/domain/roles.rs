//! Who may do what (docs/RULES.md §8 and Decisions).

use serde::{Deserialize, Serialize};

/// The partner user acting on the desk (chosen in the header's role switcher).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    GlobalAdmin,
    AdminAgent,
    SalesAgent,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 3] = [Role::GlobalAdmin, Role::AdminAgent, Role::SalesAgent];
}

/// An operation that changes the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    /// Add customer (docs/RULES.md: S24, S1).
    CreateCustomer,
    /// Request Education, GCC or SOE, or resubmit Education (S1, S2, S23).
    RequestQualification,
    /// Correct a customer's account information (S1: Global admin only).
    CorrectAccount,
    /// Place an order (create subscriptions) (S29).
    PlaceOrder,
    /// Change seats, switch auto-renew, cancel (S29).
    ManageSubscription,
    /// Partner type, country, reseller qualifications, GCC validation codes (legal profile).
    EditPartnerSettings,
    /// Act as Microsoft in the simulated area: Education review, nonprofit programme.
    SimulateMicrosoft,
    /// Import a desk file or reset the desk.
    ManageData,
}

impl Operation {
    /// Every operation, in display order.
    pub const ALL: [Operation; 8] = [
        Operation::CreateCustomer,
        Operation::RequestQualification,
        Operation::CorrectAccount,
        Operation::PlaceOrder,
        Operation::ManageSubscription,
        Operation::EditPartnerSettings,
        Operation::SimulateMicrosoft,
        Operation::ManageData,
    ];
}

/// Whether `role` may perform `operation`.
pub fn permits(role: Role, operation: Operation) -> bool {
    use Operation::*;
    match operation {
        // docs/RULES.md, Decisions: all three create customers, request qualifications and sell.
        CreateCustomer | RequestQualification | PlaceOrder | ManageSubscription => true,
        // The simulated Microsoft side is not a partner permission; whoever acts is recorded.
        SimulateMicrosoft => true,
        // docs/RULES.md: only Global admin corrects customer data. Partner legal profile
        // and whole-desk data are account-level settings, kept to Global admin too.
        CorrectAccount | EditPartnerSettings | ManageData => role == Role::GlobalAdmin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_global_admin_corrects_account_information() {
        assert!(permits(Role::GlobalAdmin, Operation::CorrectAccount));
        assert!(!permits(Role::AdminAgent, Operation::CorrectAccount));
        assert!(!permits(Role::SalesAgent, Operation::CorrectAccount));
    }

    #[test]
    fn every_role_creates_requests_and_sells() {
        for role in Role::ALL {
            for op in [
                Operation::CreateCustomer,
                Operation::RequestQualification,
                Operation::PlaceOrder,
                Operation::ManageSubscription,
                Operation::SimulateMicrosoft,
            ] {
                assert!(permits(role, op), "{role:?} {op:?}");
            }
        }
    }

    #[test]
    fn agents_cannot_edit_partner_settings_or_data() {
        for role in [Role::AdminAgent, Role::SalesAgent] {
            assert!(!permits(role, Operation::EditPartnerSettings));
            assert!(!permits(role, Operation::ManageData));
        }
        assert!(permits(Role::GlobalAdmin, Operation::EditPartnerSettings));
    }
}
