//! Performance marks the benchmark reads (`make bench`, tests/bench/app.bench.js): the app
//! marks the moments only it knows, such as a list painted or an edit persisted. They cost a
//! timestamp each, and show in the browser's own performance panel too.

/// Runs `f` and records it as the measure `name` (its start is the mark `name:start`).
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    start(name);
    let result = f();
    end(name);
    result
}

/// Marks the start of the measure `name` (the mark `name:start`), for one that spans tasks.
pub fn start(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("{name}:start"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Records the measure `name`, from its [`start`] until now.
pub fn end(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, &format!("{name}:start"));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

/// Milliseconds on the page's clock (`performance.now()`); natively, since the first call.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static EPOCH: OnceLock<Instant> = OnceLock::new();
        EPOCH.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

/// Marks `name` once the browser has painted what is in the DOM now.
pub fn mark_after_paint(name: &'static str) {
    after_paint(move || {
        #[cfg(target_arch = "wasm32")]
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = name;
    });
}

/// Runs `f` once the browser has painted what is in the DOM now: after the next animation frame
/// (style, layout and paint follow it), in the task after that. Natively, at once.
pub fn after_paint(f: impl FnOnce() + 'static) {
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO)
    });
    #[cfg(not(target_arch = "wasm32"))]
    f();
}
