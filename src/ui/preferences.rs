//! Preferences of this browser (language, acting role), kept in storage through `crate::store`.

use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::i18n::*;
use crate::store::preferences::LOCALE_KEY;
use crate::store::{KeyValueStore, MemoryStore};

/// The store the UI reads and writes; handed down through context.
#[derive(Clone)]
pub struct Storage {
    /// Context values must be `Send`; the browser is single-threaded, so the wrapper never fires.
    pub store: SendWrapper<Rc<dyn KeyValueStore>>,
    /// False when the browser offers no `localStorage`: the app then runs in memory.
    pub persistent: bool,
}

/// Opens `localStorage` (or memory where it is unavailable) and provides it as context.
pub fn provide_preferences() {
    #[cfg(target_arch = "wasm32")]
    let storage = match crate::store::BrowserStore::open() {
        Some(store) => Storage {
            store: SendWrapper::new(Rc::new(store)),
            persistent: true,
        },
        None => Storage {
            store: SendWrapper::new(Rc::new(MemoryStore::new())),
            persistent: false,
        },
    };
    #[cfg(not(target_arch = "wasm32"))]
    let storage = Storage {
        store: SendWrapper::new(Rc::new(MemoryStore::new())),
        persistent: false,
    };
    provide_context(storage);
}

/// The storage provided by [`provide_preferences`].
pub fn use_storage() -> Storage {
    expect_context::<Storage>()
}

/// Restores the saved language on start and saves every change of it.
#[component]
pub fn PersistLocale() -> impl IntoView {
    let i18n = use_i18n();
    let storage = use_storage();
    let saved = storage.store.get(LOCALE_KEY).and_then(|saved| {
        Locale::get_all()
            .iter()
            .copied()
            .find(|l| l.as_str() == saved)
    });
    // One effect for both: the provider sets its initial locale in an effect of its own, so a
    // restore done while rendering would be overwritten; this effect runs after it.
    Effect::new(move |restored: Option<()>| {
        let locale = i18n.get_locale();
        match (restored, saved) {
            (None, Some(saved)) if saved != locale => i18n.set_locale(saved),
            // A failed write only loses the preference; the header still shows the choice.
            _ => {
                let _ = storage.store.set(LOCALE_KEY, locale.as_str());
            }
        }
    });
}
