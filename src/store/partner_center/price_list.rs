//! Microsoft's price lists (the new-commerce license-based list and the software list) read
//! into rows for `domain::price_list`: the CSV, or the compressed file Partner Center
//! downloads ("The file is a compressed, comma-delimited text file",
//! <https://learn.microsoft.com/partner-center/pricing/pricing-and-offers>). Columns are found
//! by header name, in any order; a byte-order mark and CRLF line ends are accepted.

use std::io::Read;

use super::unreadable_csv_row;
use crate::domain::price_list::{PriceColumn, PriceListRow, RefusedRow, RowProblem};
use crate::domain::unreadable::Unreadable;

/// The largest file accepted, compressed or not. A market's license-based list of tens of
/// thousands of rows is a few MB of CSV.
pub const MAX_PRICE_LIST_BYTES: usize = 64 * 1024 * 1024;

/// Rows read between two progress reports.
pub const ROWS_PER_STEP: usize = 2_000;

/// Why a file is not read as a price list at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PriceListError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// The header has not the columns a price list has (another CSV, or not CSV at all).
    NotAPriceList {
        missing: Vec<PriceColumn>,
    },
    /// A header and no rows.
    NoRows,
    /// A compressed file that cannot be opened or inflated.
    BadArchive,
    /// A compressed file with no `.csv` file in it.
    NoCsvInArchive,
}

/// A price list being read, a step of rows at a time so the page can show its progress.
pub struct PriceListReader<'b> {
    csv: csv::Reader<&'b [u8]>,
    columns: [Option<usize>; PriceColumn::ALL.len()],
    total: usize,
    record: csv::ByteRecord,
    pub rows: Vec<PriceListRow>,
    pub unreadable: Vec<RefusedRow>,
    done: bool,
}

/// The CSV text of `bytes`: the bytes themselves, or the first `.csv` file of a zip archive
/// (Partner Center's download), uncompressed.
pub fn csv_text(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, PriceListError> {
    if bytes.len() > MAX_PRICE_LIST_BYTES {
        return Err(PriceListError::TooLarge {
            bytes: bytes.len(),
            max: MAX_PRICE_LIST_BYTES,
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(bytes.into());
    }
    let bad = |_| PriceListError::BadArchive;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let index = (0..archive.len())
        .find(|&i| {
            archive
                .name_for_index(i)
                .is_some_and(|n| n.is_ok_and(|n| n.to_ascii_lowercase().ends_with(".csv")))
        })
        .ok_or(PriceListError::NoCsvInArchive)?;
    let entry = archive.by_index(index).map_err(bad)?;
    // Read at most one byte past the limit: a small archive that inflates without end (a
    // "zip bomb") stops there.
    let mut out = Vec::new();
    entry
        .take(MAX_PRICE_LIST_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| PriceListError::BadArchive)?;
    if out.len() > MAX_PRICE_LIST_BYTES {
        return Err(PriceListError::TooLarge {
            bytes: out.len(),
            max: MAX_PRICE_LIST_BYTES,
        });
    }
    Ok(out.into())
}

impl<'b> PriceListReader<'b> {
    /// Reads the header of the CSV `text` ([`csv_text`]) and finds the columns.
    pub fn new(text: &'b [u8]) -> Result<Self, PriceListError> {
        let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        // The header line is read on its own: Microsoft's API sample closes `"ERP Price` with a
        // curly quote, which would leave the quoted field open to the end of the file.
        let end = text
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |i| i + 1);
        let header_line =
            String::from_utf8_lossy(&text[..end]).replace(['\u{201c}', '\u{201d}'], "\"");
        let mut header_csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(header_line.as_bytes());
        let text = &text[end..];
        let csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text);
        let mut header = csv::ByteRecord::new();
        let missing_all = || PriceListError::NotAPriceList {
            missing: PriceColumn::ALL
                .into_iter()
                .filter(|c| c.required())
                .collect(),
        };
        if !header_csv.read_byte_record(&mut header).unwrap_or(false) {
            return Err(missing_all());
        }
        let names: Vec<String> = header.iter().map(normalized).collect();
        let mut columns = [None; PriceColumn::ALL.len()];
        for (slot, column) in columns.iter_mut().zip(PriceColumn::ALL) {
            let name = normalized(column.header().as_bytes());
            *slot = names.iter().position(|n| *n == name);
        }
        let missing: Vec<PriceColumn> = PriceColumn::ALL
            .into_iter()
            .zip(columns)
            .filter(|(c, at)| c.required() && at.is_none())
            .map(|(c, _)| c)
            .collect();
        if !missing.is_empty() {
            return Err(PriceListError::NotAPriceList { missing });
        }
        Ok(PriceListReader {
            csv,
            columns,
            total: text.len(),
            record: csv::ByteRecord::new(),
            rows: Vec::new(),
            unreadable: Vec::new(),
            done: false,
        })
    }

    /// Reads up to `n` more rows; `false` once the file is read.
    pub fn read_rows(&mut self, n: usize) -> bool {
        for _ in 0..n {
            if self.done {
                break;
            }
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => self.done = true,
                Ok(true) => self.take_record(),
                Err(e) => {
                    // The record's index (0-based, after the header): the error's own line is
                    // where the reader stopped, not where the record began.
                    let line = e.position().map_or(0, |p| p.record() + 2);
                    self.refuse_unreadable(line, unreadable_csv_row(&e));
                    // An error that is not about one record (the reader is stuck) ends it.
                    if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        self.done = true;
                    }
                }
            }
        }
        !self.done
    }

    /// Lists the row at `line` as unreadable: it has no offer or title to show.
    fn refuse_unreadable(&mut self, line: u64, why: Unreadable) {
        self.unreadable.push(RefusedRow {
            line,
            offer: String::new(),
            title: String::new(),
            problem: RowProblem::Unreadable(why),
        });
    }

    fn take_record(&mut self) {
        let line = self.record.position().map_or(0, |p| p.line() + 1);
        if self
            .record
            .iter()
            .all(|f| f.iter().all(u8::is_ascii_whitespace))
        {
            return; // a blank line
        }
        let mut row = PriceListRow {
            line,
            ..PriceListRow::default()
        };
        for (value, at) in row.values.iter_mut().zip(self.columns) {
            let field = at.and_then(|i| self.record.get(i)).unwrap_or_default();
            match std::str::from_utf8(field) {
                Ok(text) => *value = text.to_owned(),
                Err(_) => {
                    self.refuse_unreadable(line, Unreadable::NotText);
                    return;
                }
            }
        }
        self.rows.push(row);
    }

    /// How far the file is read, 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.done || self.total == 0 {
            1.0
        } else {
            self.csv.position().byte() as f64 / self.total as f64
        }
    }

    /// The rows read and the rows that could not be, or [`PriceListError::NoRows`].
    pub fn finish(self) -> Result<(Vec<PriceListRow>, Vec<RefusedRow>), PriceListError> {
        if self.rows.is_empty() && self.unreadable.is_empty() {
            return Err(PriceListError::NoRows);
        }
        Ok((self.rows, self.unreadable))
    }
}

/// Reads a whole price list file at once (tests and the benchmark; the page reads in steps).
pub fn read(bytes: &[u8]) -> Result<(Vec<PriceListRow>, Vec<RefusedRow>), PriceListError> {
    let text = csv_text(bytes)?;
    let mut reader = PriceListReader::new(&text)?;
    while reader.read_rows(ROWS_PER_STEP) {}
    reader.finish()
}

/// A header compared without case, spaces or quotes: the API sample writes `"ERP Price“` with
/// a stray curly quote, and Customers.csv-style headers vary in case.
fn normalized(header: &[u8]) -> String {
    String::from_utf8_lossy(header)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
