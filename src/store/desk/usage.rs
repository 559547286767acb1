//! How much of `localStorage` the desk, the quarantine and everything else take, in the units
//! the browser's quota counts, so the data page can say how full it is.

use super::keys::KeyKind;
use crate::store::{utf16_len, KeyValueStore};

/// Chromium's `localStorage` quota: 10 MiB per origin, counted in UTF-16 (2 bytes a unit).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

/// Space used in `localStorage`, in UTF-16 code units (what the quota counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// The desk's keys and values.
    pub desk: usize,
    /// Quarantined data.
    pub quarantine: usize,
    /// Everything on this origin, ours or not.
    pub total: usize,
}

/// Measures what is stored.
pub fn usage(kv: &dyn KeyValueStore) -> Usage {
    let mut u = Usage::default();
    for key in kv.keys() {
        let n = utf16_len(&key) + kv.get(&key).map_or(0, |v| utf16_len(&v));
        u.total += n;
        match KeyKind::of(&key) {
            KeyKind::Quarantined => u.quarantine += n,
            kind if kind.is_desk() => u.desk += n,
            _ => {}
        }
    }
    u
}
