//! One component per page.

mod audit_log;
mod customers;
mod data;
mod microsoft;
mod not_found;
mod partner_settings;

pub use audit_log::AuditLogPage;
pub use customers::CustomersPage;
pub use data::DataPage;
pub use microsoft::MicrosoftPage;
pub use not_found::NotFoundPage;
pub use partner_settings::PartnerSettingsPage;
