//! The rules of Partner Center's special qualifications and special-segment purchases.
//! Pure Rust: no Leptos, no web-sys, no system clock. See docs/RULES.md.
//!
//! Entry point for the UI: [`Desk`] (state and operations, each given an [`OperationContext`])
//! with [`Catalog::sample`], and the pure queries [`eligibility`], [`check_cart`],
//! [`checklist`], [`impact`], [`validate_account`]. Every refusal is a [`Reason`] (or a
//! [`FieldProblem`]) carrying its values; the UI words them.

pub mod account;
pub mod audit;
pub mod cart;
pub mod catalog;
pub mod context;
pub mod customer;
pub mod dates;
pub mod desk;
pub mod education;
pub mod eligibility;
pub mod email;
pub mod end_reasons;
pub mod impact;
pub mod integrity;
pub mod matrix;
pub mod nonprofit;
pub mod partner;
pub mod price_list;
pub mod qualification;
pub mod reason;
pub mod request;
pub mod roles;
pub mod subscription;
pub mod unreadable;

pub use account::{
    state_required, states_of, validate_account, validate_domain_prefix,
    validate_education_details, AccountContext, AccountInfo, EducationDetails, Field, FieldProblem,
    Problem, Severity,
};
pub use audit::{Actor, AuditEntry, Change, Entity, ImportedPart};
pub use cart::{check_cart, Cart, CartLine};
pub use catalog::{
    Amount, BillingFrequency, Catalog, CatalogProblem, GccEnvironment, ListPrice, Offer,
    PriceBasis, PricePer, ProductType, SamplePrice, Term,
};
pub use context::OperationContext;
pub use customer::{Customer, RequestsUsed, MAX_VERIFICATION_REQUESTS};
pub use desk::{
    ClockEffects, Desk, NewCustomer, PartnerCenterCustomer, PartnerCenterFile, PartnerCenterPlan,
    PartnerCenterProblem, PartnerCenterQualification, PartnerCenterRecord, PartnerCenterRefusal,
    PartnerCenterValidationCode, PendingRequest, SubscriptionTermEnd,
};
pub use eligibility::{eligibility, CustomerEligibility};
pub use impact::{impact, Impact, QualificationChange, SubscriptionEffect, SubscriptionImpact};
pub use matrix::{purchasable_segments, Segment, SegmentSet};
pub use nonprofit::{NonprofitRemoval, NonprofitReview, RemovedSubscription};
pub use partner::{GccValidationCode, PartnerProfile, PartnerType, ResellerQualification};
pub use qualification::{
    CriteriaConfirmation, EducationSegment, Qualification, QualificationRecord, QualificationSet,
    VettingReason, VettingStatus, ALLOWED_SETS,
};
pub use reason::{Decision, Reason};
pub use request::{checklist, QualificationRequest, SOE_CRITERIA_URL};
pub use roles::{permits, Operation, Role};
pub use subscription::{Subscription, SubscriptionStatus, TermEnd};
