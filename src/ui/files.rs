//! The file a user chose in one of the Data page's file inputs (desk import, price list,
//! Partner Center customers), read as bytes.

use wasm_bindgen::JsCast;

/// The browser could not read the chosen file: it was moved, changed or deleted after it was
/// chosen, or access to it was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct FileNotRead;

/// The first file chosen in the `<input type="file">` that `ev` (its `change`) came from.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    ev.target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)
}

/// The file's bytes, not its text: a JS string would be decoded from UTF-8 and encoded back,
/// two passes over a big file; each importer reads the UTF-8 (or the zip) itself.
pub async fn read_chosen_file(file: &web_sys::File) -> Result<Vec<u8>, FileNotRead> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileNotRead)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
