//! Microsoft Partner Center's own files and API shapes, read into the desk: the price lists
//! (the catalog) and the customer records (customers and their qualifications), and the
//! qualification requests written back in the shape Partner Center's API takes.

pub mod customers;
pub mod price_list;

use crate::domain::unreadable::Unreadable;

/// Why the csv crate could not read a row, as data (its own message is English and names the
/// byte offset; the refused row already names its line).
fn unreadable_csv_row(e: &csv::Error) -> Unreadable {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Unreadable::FieldCount {
            fields: *len,
            header: *expected_len,
        },
        csv::ErrorKind::Utf8 { .. } => Unreadable::NotText,
        _ => Unreadable::Malformed,
    }
}
