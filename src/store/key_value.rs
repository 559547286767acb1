use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Why a write was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's quota for this origin is full; nothing was written.
    QuotaExceeded,
    /// Storage exists but refused the write for another reason (the browser's message).
    Refused(String),
    /// Another tab changed these records since this tab read them; nothing was written.
    Conflict(Vec<crate::domain::Entity>),
}

/// A string-to-string store: the shape of `localStorage`.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str);
    /// All keys, in no particular order.
    fn keys(&self) -> Vec<String>;
}

/// In-memory store for native tests, and the fallback when the browser offers no storage.
#[derive(Clone, Default)]
pub struct MemoryStore(Rc<RefCell<BTreeMap<String, String>>>);

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
}

/// The browser's `localStorage`.
#[cfg(target_arch = "wasm32")]
#[derive(Clone)]
pub struct BrowserStore(web_sys::Storage);

#[cfg(target_arch = "wasm32")]
impl BrowserStore {
    /// `None` where storage is disabled or blocked (some private modes): probing it can throw,
    /// and `gloo_storage::LocalStorage::raw()` would panic there.
    pub fn open() -> Option<Self> {
        web_sys::window()?.local_storage().ok().flatten().map(Self)
    }
}

#[cfg(target_arch = "wasm32")]
impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        use wasm_bindgen::JsCast;
        self.0.set_item(key, value).map_err(|err| {
            // A full store throws a DOMException named QuotaExceededError.
            match err.dyn_ref::<web_sys::DomException>() {
                Some(e) if e.name() == "QuotaExceededError" => StoreError::QuotaExceeded,
                Some(e) => StoreError::Refused(e.message()),
                None => StoreError::Refused(format!("{err:?}")),
            }
        })
    }
    fn remove(&self, key: &str) {
        let _ = self.0.remove_item(key);
    }
    fn keys(&self) -> Vec<String> {
        let len = self.0.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| self.0.key(i).ok().flatten())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_removes() {
        let store = MemoryStore::new();
        assert_eq!(store.get("a"), None);
        store.set("a", "1").unwrap();
        store.set("b", "2").unwrap();
        assert_eq!(store.get("a").as_deref(), Some("1"));
        assert_eq!(store.keys(), vec!["a".to_owned(), "b".to_owned()]);
        store.remove("a");
        assert_eq!(store.get("a"), None);
        assert_eq!(store.keys(), vec!["b".to_owned()]);
    }

    #[test]
    fn clones_share_one_map() {
        let store = MemoryStore::new();
        store.clone().set("k", "v").unwrap();
        assert_eq!(store.get("k").as_deref(), Some("v"));
    }
}
