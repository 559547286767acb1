//! Long work in slices: the next slice runs in a new task, so the browser handles input and
//! paints in between. A zero `setTimeout` would do, but the browser holds a timeout set from
//! within a timeout at least 4 ms after a few rounds; read in 8 ms slices, the desk then spent a
//! third of its read waiting. A message posted to our own `MessageChannel` is a new task with no
//! such floor (docs/PERFORMANCE.md).

#[cfg(target_arch = "wasm32")]
mod channel {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    /// The callbacks posted and not run yet, oldest first.
    type Waiting = Rc<RefCell<VecDeque<Box<dyn FnOnce()>>>>;

    /// One channel for the app: each message runs the oldest waiting callback.
    pub(super) struct Channel {
        channel: web_sys::MessageChannel,
        waiting: Waiting,
    }

    impl Channel {
        pub(super) fn open() -> Option<Self> {
            let channel = web_sys::MessageChannel::new().ok()?;
            let waiting = Waiting::default();
            let queue = Rc::clone(&waiting);
            let on_message = Closure::<dyn FnMut()>::new(move || {
                let next = queue.borrow_mut().pop_front();
                if let Some(f) = next {
                    f();
                }
            });
            channel
                .port1()
                .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget(); // lives as long as the page, as the channel does
            Some(Channel { channel, waiting })
        }

        pub(super) fn post(&self, f: Box<dyn FnOnce()>) {
            self.waiting.borrow_mut().push_back(f);
            let _ = self.channel.port2().post_message(&JsValue::UNDEFINED);
        }
    }

    thread_local! {
        pub(super) static CHANNEL: Option<Channel> = Channel::open();
    }
}

/// Runs `f` in a new task, after what the browser has waiting (input, a frame to paint).
/// Natively (tests), at once.
pub fn next_task(f: impl FnOnce() + 'static) {
    #[cfg(target_arch = "wasm32")]
    channel::CHANNEL.with(|channel| match channel {
        Some(channel) => channel.post(Box::new(f)),
        None => leptos::prelude::set_timeout(f, std::time::Duration::ZERO),
    });
    #[cfg(not(target_arch = "wasm32"))]
    f();
}

/// Resolves in a new task ([`next_task`]): for async work that lets the page answer between
/// its steps.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        next_task(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
