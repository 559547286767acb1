//! Persistence. Everything the app keeps goes through a [`KeyValueStore`]: `localStorage` in the
//! browser ([`BrowserStore`]), a map in native tests ([`MemoryStore`]).

pub mod codec;
pub mod desk;
pub mod exchange;
pub mod indent;
mod key_value;
pub mod partner_center;
pub mod preferences;
pub mod sample;
pub mod team;

pub use codec::{decode as decode_stored, encode as encode_stored, utf16_len};
#[cfg(target_arch = "wasm32")]
pub use key_value::BrowserStore;
pub use key_value::{KeyValueStore, MemoryStore, StoreError};

/// Every key the app writes starts with this, so foreign keys on the same origin are left alone.
pub const KEY_PREFIX: &str = "segment-desk/";
