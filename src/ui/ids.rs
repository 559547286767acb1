//! New record ids: random UUID v4 strings from the browser's `crypto.getRandomValues`.
//!
//! `uuid`'s own `v4` feature needs `getrandom` configured for wasm; here the random bytes come
//! from `web_sys::Crypto` directly and `uuid::Builder::from_random_bytes` sets the version and
//! variant bits.

/// A fresh UUID v4 as a lowercase hyphenated string, e.g. `"0b6c…-4…"`.
///
/// Outside a browser (native tests) or if `crypto` is unavailable it falls back to bytes mixed
/// from the current time and a counter, so it never panics.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    if !fill_from_crypto(&mut bytes) {
        fill_fallback(&mut bytes);
    }
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[cfg(target_arch = "wasm32")]
fn fill_from_crypto(bytes: &mut [u8; 16]) -> bool {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.get_random_values_with_u8_array(bytes).is_ok())
        .unwrap_or(false)
}

#[cfg(not(target_arch = "wasm32"))]
fn fill_from_crypto(_bytes: &mut [u8; 16]) -> bool {
    false
}

/// Not cryptographic: only so native code paths (tests) get distinct ids.
fn fill_fallback(bytes: &mut [u8; 16]) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0x9e37_79b9_7f4a_7c15);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let count = COUNTER.fetch_add(0x9e37_79b9_7f4a_7c15, Ordering::Relaxed);
    bytes[..8].copy_from_slice(&nanos.to_le_bytes());
    bytes[8..].copy_from_slice(&count.wrapping_mul(nanos | 1).to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::new_id;

    #[test]
    fn ids_are_uuid_v4_and_distinct() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).expect("a valid uuid");
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(a.len(), 36);
    }
}
