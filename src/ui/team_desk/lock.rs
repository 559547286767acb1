//! One tab of a browser syncs the team desk: the one holding the Web Lock `segment-desk/team`.
//! Two tabs syncing would each send the same local changes (each reads them from the shared
//! `localStorage`) and keep bookkeeping of their own. The other tabs see the desk through the
//! `storage` event as always, and their changes reach the syncing tab the same way. When it
//! closes, the browser hands the lock to the next tab waiting.
//! <https://developer.mozilla.org/en-US/docs/Web/API/Web_Locks_API>

/// The lock's name: one per origin, like the desk.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const LOCK: &str = "segment-desk/team";

/// Runs `lead` once this tab holds the lock, which it then keeps for as long as it is open. A
/// browser without Web Locks runs it at once (every tab then syncs).
#[cfg(target_arch = "wasm32")]
pub fn when_leading(lead: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    let locks = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        lead();
        return;
    };
    // Granted: lead, and hold the lock with a promise that never settles.
    let granted = Closure::once_into_js(move |_lock: JsValue| {
        lead();
        js_sys::Promise::new(&mut |_, _| {})
    });
    if request.call2(&locks, &LOCK.into(), &granted).is_err() {
        web_sys::console::warn_1(&"Segment Desk: no Web Lock for the team desk".into());
    }
}

/// Natively there is one "tab": it leads at once.
#[cfg(not(target_arch = "wasm32"))]
pub fn when_leading(lead: impl FnOnce() + 'static) {
    lead();
}
