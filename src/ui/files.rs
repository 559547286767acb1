//! The file a user chose in one of the Data page's file inputs (desk import, price list,
//! Partner Center customers), read as bytes.

use leptos::prelude::*;
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

/// The choices made in one file input, counted, so that only the latest one's read reaches
/// the screen. A big file takes a while to read: if the user chooses another meanwhile, the
/// first read must not replace the second's dry run when it finishes later.
#[derive(Clone, Copy)]
pub struct FileChoices(StoredValue<u64>);

impl FileChoices {
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// A new choice in the input (a file, or none): every earlier one is superseded.
    pub fn choose(self) -> Choice {
        let number = self.0.get_value() + 1;
        self.0.set_value(number);
        Choice {
            choices: self,
            number,
        }
    }
}

impl Default for FileChoices {
    fn default() -> Self {
        Self::new()
    }
}

/// One choice in a [`FileChoices`].
#[derive(Clone, Copy)]
pub struct Choice {
    choices: FileChoices,
    number: u64,
}

impl Choice {
    /// No later choice was made in the same input, and the input is still on the page (a read
    /// that finishes after the user left the page has nothing to show).
    pub fn is_latest(self) -> bool {
        self.choices.0.try_get_value() == Some(self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_choice_is_latest() {
        let choices = FileChoices::new();
        let first = choices.choose();
        assert!(first.is_latest());
        let second = choices.choose();
        assert!(!first.is_latest(), "superseded by the second");
        assert!(second.is_latest());
        // Another input's choices are counted apart.
        let other = FileChoices::new().choose();
        assert!(second.is_latest() && other.is_latest());
    }

    #[test]
    fn no_choice_is_latest_once_its_input_is_gone() {
        let owner = Owner::new();
        let choice = owner.with(|| FileChoices::new().choose());
        assert!(choice.is_latest());
        drop(owner);
        assert!(!choice.is_latest());
    }
}
