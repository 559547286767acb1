//! Builders shared by the tests: the crate's unit tests, `tests/*.rs` and the benches.
//! Plain values only (no test framework), so it builds wherever the crate builds.

use chrono::NaiveDate;

use crate::domain::{OperationContext, Role};

/// A fixed calendar day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// `role` acting on `today`.
pub fn ctx(role: Role, today: NaiveDate) -> OperationContext {
    OperationContext::new(role, today)
}
