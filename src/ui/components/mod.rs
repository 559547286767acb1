//! Small components shared by the pages.

pub mod action_error;
pub mod audit_entry_row;
pub mod confirm_replace;
pub mod customer_fields;
pub mod desk_loaded;
pub mod header;
pub mod language_switcher;
pub mod microsoft_clock;
pub mod microsoft_nonprofit;
pub mod microsoft_review_queue;
pub mod named_select;
pub mod page_intro;
pub mod partner_center_import;
pub mod partner_gcc_codes;
pub mod partner_profile;
pub mod price_list_import;
pub mod role_switcher;
pub mod sample_data;
pub mod simulated_banner;
pub mod storage_banner;
pub mod subscription_table;
pub mod team_desk_banner;
pub mod team_desk_panel;
pub mod update_banner;
pub mod what_if;
