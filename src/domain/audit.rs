//! The audit log: who (role), when (app clock), which entity, what changed, before → after.
//! Kept without a time limit: no entry is ever dropped from it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::account::AccountInfo;
use super::catalog::{BillingFrequency, Term};
use super::partner::{GccValidationCode, PartnerType, ResellerQualification};
use super::qualification::{Qualification, QualificationRecord, VettingReason, VettingStatus};
use super::reason::Reason;
use super::roles::Role;
use super::subscription::SubscriptionStatus;

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A partner user with this role (also when acting in the simulated Microsoft area).
    Role(Role),
    /// The app clock: a change that happens because a date came (nonprofit removal, term end).
    Clock,
}

/// What a change is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entity {
    Customer { id: String },
    Subscription { id: String },
    Partner,
}

impl Entity {
    /// The id of the customer this names, if it names one.
    pub fn customer_id(&self) -> Option<&str> {
        match self {
            Entity::Customer { id } => Some(id),
            _ => None,
        }
    }

    /// The id of the subscription this names, if it names one.
    pub fn subscription_id(&self) -> Option<&str> {
        match self {
            Entity::Subscription { id } => Some(id),
            _ => None,
        }
    }
}

/// What changed, with the values before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Change {
    CustomerCreated {
        company_name: String,
        domain_prefix: String,
    },
    AccountCorrected {
        before: Box<AccountInfo>,
        after: Box<AccountInfo>,
    },
    /// A partner request was submitted (Education in review, GCC or SOE granted).
    QualificationRequested {
        qualification: Qualification,
        before: Option<QualificationRecord>,
        after: QualificationRecord,
        requests_before: u8,
        requests_after: u8,
    },
    /// The (simulated) Education review decided.
    VettingDecided {
        before: VettingStatus,
        after: VettingStatus,
        reason: Option<VettingReason>,
    },
    NonprofitRegistered,
    NonprofitNoticeSent {
        notice_date: NaiveDate,
        removal_date: NaiveDate,
    },
    NonprofitRemoved {
        removed_on: NaiveDate,
    },
    /// Microsoft (simulated) found the customer eligible again within the notice: the notice
    /// sent on `notice_date` ended, and nothing was removed on `removal_date`.
    NonprofitNoticeLifted {
        notice_date: NaiveDate,
        removal_date: NaiveDate,
    },
    SubscriptionCreated {
        customer: String,
        offer: String,
        seats: u32,
        term: Term,
        billing: BillingFrequency,
    },
    SeatsChanged {
        before: u32,
        after: u32,
    },
    AutoRenewChanged {
        before: bool,
        after: bool,
    },
    CommercialEquivalentProposed {
        equivalent: Option<String>,
    },
    SubscriptionCancelled {
        before: SubscriptionStatus,
        after: SubscriptionStatus,
    },
    /// The app clock passed `terms` term ends of a subscription with auto-renew on and an
    /// eligible offer: the term that ended on `before` was renewed, now to `after`.
    SubscriptionRenewed {
        before: NaiveDate,
        after: NaiveDate,
        terms: u32,
    },
    /// The term ended on `on` with auto-renew off.
    SubscriptionExpired {
        on: NaiveDate,
    },
    /// The term ended on `on` with auto-renew on, but the offer was no longer eligible.
    SubscriptionEnded {
        on: NaiveDate,
        #[serde(with = "super::end_reasons")]
        reasons: Vec<Reason>,
    },
    PartnerTypeChanged {
        before: PartnerType,
        after: PartnerType,
    },
    PartnerCountryChanged {
        before: String,
        after: String,
    },
    ResellerQualificationsChanged {
        before: Vec<ResellerQualification>,
        after: Vec<ResellerQualification>,
    },
    GccValidationCodeAdded {
        code: GccValidationCode,
    },
    GccValidationCodeUsed {
        code: String,
        remaining_before: u32,
        remaining_after: u32,
    },
    /// The catalog was replaced by Microsoft's price list for `market`, the rows in effect on
    /// `as_of`: `offers` offers in `currency` (docs/RULES.md §9a).
    CatalogReplaced {
        market: String,
        as_of: NaiveDate,
        currency: String,
        offers: u32,
    },
    /// A customer came in an import from Partner Center (docs/RULES.md §11).
    CustomerImported {
        microsoft_id: String,
        company_name: String,
        domain_prefix: String,
    },
    /// An import from Partner Center updated these parts of a customer.
    CustomerUpdatedFromPartnerCenter {
        microsoft_id: String,
        parts: Vec<ImportedPart>,
    },
    /// An import from Partner Center gave a code's counts (Partner Center's win).
    GccValidationCodeUpdated {
        before: GccValidationCode,
        after: GccValidationCode,
    },
    /// A file from Partner Center was merged: how many records of each kind.
    PartnerCenterImported {
        added: u32,
        updated: u32,
        codes_added: u32,
        codes_updated: u32,
        refused: u32,
    },
}

/// What part of a customer an import updated (the audit log).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportedPart {
    MicrosoftId,
    Account,
    Qualifications,
    VerificationRequests,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1-based position in the log.
    pub seq: u64,
    pub date: NaiveDate,
    pub actor: Actor,
    pub entity: Entity,
    pub change: Change,
}
