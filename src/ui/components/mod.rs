//! Small components shared by the pages.

pub mod header;
pub mod language_switcher;
pub mod page_intro;
pub mod role_switcher;
pub mod selling_labels;
pub mod simulated_banner;
pub mod subscription_table;
pub mod what_if;
