//! The Leptos user interface: it shows what `crate::domain` decides and never re-implements a
//! rule. One file per page under `pages/`, small reusable pieces under `components/`.

mod app;
pub mod audit_text;
pub mod clock;
mod components;
pub mod countries;
pub mod customer_list;
pub mod download;
pub mod files;
pub mod ids;
pub mod names;
pub mod numbers;
pub mod pages;
pub mod perf;
pub mod plural;
pub mod preferences;
pub mod reasons;
pub mod service_worker;
pub mod state;
pub mod tasks;
pub mod team_desk;
pub mod text;

pub use app::{href, router_base, App};
