//! The rules of Partner Center's special qualifications and special-segment purchases.
//! Pure Rust: no Leptos, no web-sys, no system clock. See docs/RULES.md.
