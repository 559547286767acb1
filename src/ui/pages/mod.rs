//! One component per page.

mod add_customer;
mod audit_log;
mod customer_account;
mod customer_subscriptions;
mod customers;
mod data;
mod microsoft;
mod new_subscription;
mod not_found;
mod partner_settings;
mod subscriptions;

pub use add_customer::AddCustomerPage;
pub use audit_log::AuditLogPage;
pub use customer_account::CustomerAccountPage;
pub use customer_subscriptions::CustomerSubscriptionsPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use microsoft::MicrosoftPage;
pub use new_subscription::NewSubscriptionPage;
pub use not_found::NotFoundPage;
pub use partner_settings::PartnerSettingsPage;
pub use subscriptions::SubscriptionsPage;
