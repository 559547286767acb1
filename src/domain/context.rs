//! Who acts on the desk, and on which day: the context every desk operation is given.

use chrono::NaiveDate;

use super::roles::Role;

/// Who acts, on which day (the app clock's today): the first argument of every desk operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationContext {
    pub role: Role,
    pub today: NaiveDate,
}

impl OperationContext {
    pub fn new(role: Role, today: NaiveDate) -> Self {
        OperationContext { role, today }
    }
}
