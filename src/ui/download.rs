//! Saving generated text (CSV, JSON) as a file: a `Blob`, an object URL and a temporary
//! `<a download>` clicked once. No network request is made (the CSP allows none).

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;

use crate::store::exchange::export_file_name;
use crate::ui::clock::use_app_clock;
use crate::ui::state::use_desk;

/// Offers the whole desk as an export file (Data page; "Export first" before a reset).
pub fn export_desk() {
    let today = use_app_clock().today();
    crate::ui::perf::measure("sd:export", || {
        let text = use_desk().export(today);
        download_text(&export_file_name(today), "application/json", &text);
    });
}

/// Offers `text` to the user as a download named `file_name` with the MIME type `mime`
/// (e.g. `"text/csv;charset=utf-8"`). Returns `false` when the browser refused (nothing to
/// download), so the caller can say so.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> bool {
    try_download(file_name, mime, text).is_some()
}

fn try_download(file_name: &str, mime: &str, text: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    // The text's UTF-8 bytes as they are: a JS string would be decoded to UTF-16 and encoded
    // back by the Blob, two passes over an export of tens of megabytes.
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(text.as_bytes()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body()?;
    body.append_child(&anchor).ok()?;
    anchor.click();
    let _ = body.remove_child(&anchor);
    // Revoked a little later: the download reads the URL after this call returns.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Some(())
}
