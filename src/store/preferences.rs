//! Per-browser preferences that are not part of the desk: the interface language, the acting
//! role and the app clock's offset. Unknown or broken values fall back to the default.

use super::KeyValueStore;

/// Key of the chosen interface language (`en`, `sv`, `pl`).
pub const LOCALE_KEY: &str = "segment-desk/locale";
/// Key of the acting role.
pub const ROLE_KEY: &str = "segment-desk/role";
/// Key of the app clock's offset from the system date, in days.
pub const CLOCK_OFFSET_KEY: &str = "segment-desk/clock-offset-days";

/// The app clock's offset in days; 0 when unset or unreadable.
pub fn clock_offset_days(store: &dyn KeyValueStore) -> i64 {
    store
        .get(CLOCK_OFFSET_KEY)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    #[test]
    fn clock_offset_defaults_to_zero_and_ignores_garbage() {
        let store = MemoryStore::new();
        assert_eq!(clock_offset_days(&store), 0);
        store.set(CLOCK_OFFSET_KEY, "not a number").unwrap();
        assert_eq!(clock_offset_days(&store), 0);
        store.set(CLOCK_OFFSET_KEY, "-12").unwrap();
        assert_eq!(clock_offset_days(&store), -12);
    }
}
