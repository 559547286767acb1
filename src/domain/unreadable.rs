//! Why a record of an imported file (a price list, a Partner Center file) could not be read.
//! Data, as every reason is: the UI words it in the user's language.

use serde::{Deserialize, Serialize};

/// What made a record unreadable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unreadable {
    /// A CSV row with another number of fields than the header has.
    FieldCount { fields: u64, header: u64 },
    /// A CSV field that is not UTF-8 text.
    NotText,
    /// A CSV row the reader could not take.
    Malformed,
    /// A JSON record not in the shape of the resource it stands for. `parser` is the JSON
    /// parser's own words (English, with the line and column), for whoever fixes the script.
    Shape { parser: String },
}
