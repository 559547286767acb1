//! Customers and their qualifications from Partner Center: the API resources as a partner's
//! scripts fetch them, and the `Customers.csv` export (docs/DATA-FORMAT.md, "Import from
//! Partner Center"). And the other way: the qualification requests made on the desk, as the
//! bodies Partner Center's API takes.
//!
//! Read as Microsoft documents the shapes:
//! - the customer resource, https://learn.microsoft.com/en-in/partner-center/developer/customer-resources
//!   (`companyProfile`, `billingProfile` with `defaultAddress`), alone, in a list, or in the
//!   list response `{"items": [...]}`;
//! - a customer's qualifications, https://learn.microsoft.com/en-us/partner-center/developer/get-customer-qualification-asynchronous:
//!   a bare array or `{"qualifications": [...]}`, the date spelled `vettingCreateDate` or
//!   `vettingCreatedDate`;
//! - the partner's GCC validation codes, https://learn.microsoft.com/en-us/partner-center/developer/get-a-partner-s-validation-codes;
//! - `Customers.csv`, https://learn.microsoft.com/en-us/partner-center/customers/see-your-customer-list:
//!   columns found by name, case and spaces aside (no header line of a real file is published).
//!
//! A hostile file (too big, too deep, not text, neither JSON nor a `Customers.csv`) is refused
//! whole; a record that does not read is listed as unreadable and the rest is read. What is
//! read goes to the domain's merge (`Desk::plan_partner_center_import`) with its strings as
//! written: the rules about them are the domain's. Never panics, whatever the bytes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::unreadable_csv_row;
use crate::domain::unreadable::Unreadable;
use crate::domain::{
    AccountInfo, EducationSegment, PartnerCenterCustomer, PartnerCenterFile,
    PartnerCenterQualification, PartnerCenterRecord, PartnerCenterValidationCode, PendingRequest,
    Qualification,
};
use crate::store::indent::{indent, nests_deeper_than};

/// Larger files are refused unread (a partner with 10,000 customers and their qualifications
/// writes about 15 MB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Deeper nesting is refused unread (Partner Center's resources nest 5 levels in the file).
pub const MAX_DEPTH: usize = 16;
/// More customers, rows or codes than this are refused.
pub const MAX_RECORDS: usize = 100_000;

/// Why a file was refused as a whole. Nothing was merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartnerCenterFileError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    Empty,
    NotText,
    TooDeep {
        max: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// JSON, but with none of the lists a Partner Center file has.
    NotPartnerCenter,
    /// Not JSON, and no `Customers.csv` either: this column is missing.
    ColumnMissing {
        column: &'static str,
    },
    TooManyRecords {
        max: usize,
    },
}

// --- the API's resources, as serde reads them ------------------------------------------------

/// `Address` (utility resources), every field optional.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Address {
    address_line1: Option<String>,
    address_line2: Option<String>,
    city: Option<String>,
    state: Option<String>,
    postal_code: Option<String>,
    country: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    phone_number: Option<String>,
}

/// `CustomerCompanyProfile`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CompanyProfile {
    tenant_id: Option<String>,
    domain: Option<String>,
    company_name: Option<String>,
    organization_registration_number: Option<String>,
    address: Option<Address>,
    email: Option<String>,
}

/// `CustomerBillingProfile`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct BillingProfile {
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    company_name: Option<String>,
    default_address: Option<Address>,
}

/// `Customer`, with the qualifications a script may have put into it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiCustomer {
    id: Option<String>,
    #[serde(default)]
    company_profile: CompanyProfile,
    billing_profile: Option<BillingProfile>,
    qualifications: Option<Qualifications>,
}

/// A customer's qualifications in either of Microsoft's shapes.
#[derive(Deserialize)]
#[serde(untagged)]
enum Qualifications {
    Bare(Vec<ApiQualification>),
    Wrapped {
        qualifications: Vec<ApiQualification>,
    },
}

impl Qualifications {
    fn into_list(self) -> Vec<ApiQualification> {
        match self {
            Qualifications::Bare(list)
            | Qualifications::Wrapped {
                qualifications: list,
            } => list,
        }
    }
}

/// `CustomerQualification` (V2).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiQualification {
    qualification: String,
    vetting_status: Option<String>,
    vetting_reason: Option<String>,
    #[serde(alias = "vettingCreatedDate")]
    vetting_create_date: Option<String>,
}

/// `validationId` is a string in the sample, the Swagger and the SDK, an int in the resource
/// table: both are read.
#[derive(Deserialize)]
#[serde(untagged)]
enum TextOrNumber {
    Text(String),
    Number(u64),
}

/// `ValidationCode`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiValidationCode {
    validation_id: TextOrNumber,
    organization_name: Option<String>,
    max_creates: Option<u32>,
    remaining_creates: Option<u32>,
}

// --- reading ---------------------------------------------------------------------------------

/// Reads a Partner Center file: the JSON of the API's resources, or `Customers.csv`.
pub fn read_partner_center_file(bytes: &[u8]) -> Result<PartnerCenterFile, PartnerCenterFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(PartnerCenterFileError::TooLarge {
            bytes: bytes.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PartnerCenterFileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(PartnerCenterFileError::Empty);
    }
    let file = if trimmed.starts_with(['{', '[']) {
        read_json(text)?
    } else {
        read_customers_csv(text)?
    };
    if file.customers.len() + file.validation_codes.len() + file.unreadable.len() > MAX_RECORDS {
        return Err(PartnerCenterFileError::TooManyRecords { max: MAX_RECORDS });
    }
    Ok(file)
}

/// A JSON value's text read as `T`, if it is one.
fn read<T: serde::de::DeserializeOwned>(v: &RawValue) -> Option<T> {
    serde_json::from_str(v.get()).ok()
}

/// A list, or the list response `{"items": [...]}` around it; `None` if neither.
fn list(v: &RawValue) -> Option<Vec<Box<RawValue>>> {
    read::<Vec<Box<RawValue>>>(v).or_else(|| {
        read::<BTreeMap<String, Box<RawValue>>>(v)?
            .remove("items")
            .and_then(|items| read(&items))
    })
}

fn read_json(text: &str) -> Result<PartnerCenterFile, PartnerCenterFileError> {
    if nests_deeper_than(text.as_bytes(), MAX_DEPTH) {
        return Err(PartnerCenterFileError::TooDeep { max: MAX_DEPTH });
    }
    let root: Box<RawValue> =
        serde_json::from_str(text).map_err(|e| PartnerCenterFileError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    let mut file = PartnerCenterFile::default();
    let (customers, qualifications, validations) =
        match read::<BTreeMap<String, Box<RawValue>>>(&root) {
            // One object: the file's lists by name, a list response, or one customer resource.
            Some(mut members) => {
                if members.contains_key("companyProfile") {
                    (Some(vec![root]), None, None)
                } else if let Some(items) = members.get("items") {
                    (
                        Some(read(items).ok_or(PartnerCenterFileError::NotPartnerCenter)?),
                        None,
                        None,
                    )
                } else {
                    let customers = match members.remove("customers") {
                        Some(v) => Some(list(&v).ok_or(PartnerCenterFileError::NotPartnerCenter)?),
                        None => None,
                    };
                    let qualifications = match members.remove("qualifications") {
                        Some(v) => Some(
                            read::<BTreeMap<String, Box<RawValue>>>(&v)
                                .ok_or(PartnerCenterFileError::NotPartnerCenter)?,
                        ),
                        None => None,
                    };
                    let validations = match members.remove("validations") {
                        Some(v) => Some(list(&v).ok_or(PartnerCenterFileError::NotPartnerCenter)?),
                        None => None,
                    };
                    (customers, qualifications, validations)
                }
            }
            // A bare list: customers.
            None => (
                Some(read(&root).ok_or(PartnerCenterFileError::NotPartnerCenter)?),
                None,
                None,
            ),
        };
    if customers.is_none() && qualifications.is_none() && validations.is_none() {
        return Err(PartnerCenterFileError::NotPartnerCenter);
    }
    let too_many = |n: usize| n > MAX_RECORDS;
    if customers.as_ref().is_some_and(|c| too_many(c.len()))
        || qualifications.as_ref().is_some_and(|q| too_many(q.len()))
        || validations.as_ref().is_some_and(|v| too_many(v.len()))
    {
        return Err(PartnerCenterFileError::TooManyRecords { max: MAX_RECORDS });
    }
    for (i, v) in customers.into_iter().flatten().enumerate() {
        match serde_json::from_str::<ApiCustomer>(v.get()) {
            Ok(c) => file.customers.push(customer_of(c)),
            Err(e) => file.unreadable.push((
                PartnerCenterRecord::CustomerAt { position: i + 1 },
                Unreadable::Shape {
                    parser: e.to_string(),
                },
            )),
        }
    }
    for (tenant_id, v) in qualifications.into_iter().flatten() {
        let list = match serde_json::from_str::<Qualifications>(v.get()) {
            Ok(q) => q.into_list(),
            Err(e) => {
                file.unreadable.push((
                    PartnerCenterRecord::Qualifications {
                        tenant_id: tenant_id.clone(),
                    },
                    Unreadable::Shape {
                        parser: e.to_string(),
                    },
                ));
                continue;
            }
        };
        let owner = file
            .customers
            .iter_mut()
            .find(|c| c.microsoft_id.trim().eq_ignore_ascii_case(tenant_id.trim()));
        match owner {
            Some(c) => c
                .qualifications
                .get_or_insert_with(Vec::new)
                .extend(list.into_iter().map(qualification_of)),
            None => file.qualifications_without_customer.push(tenant_id),
        }
    }
    for (i, v) in validations.into_iter().flatten().enumerate() {
        match serde_json::from_str::<ApiValidationCode>(v.get()) {
            Ok(c) => file.validation_codes.push(PartnerCenterValidationCode {
                validation_id: match c.validation_id {
                    TextOrNumber::Text(t) => t,
                    TextOrNumber::Number(n) => n.to_string(),
                },
                organization_name: c.organization_name.unwrap_or_default(),
                max_creates: c.max_creates,
                remaining_creates: c.remaining_creates,
            }),
            Err(e) => file.unreadable.push((
                PartnerCenterRecord::ValidationCodeAt { position: i + 1 },
                Unreadable::Shape {
                    parser: e.to_string(),
                },
            )),
        }
    }
    Ok(file)
}

fn qualification_of(q: ApiQualification) -> PartnerCenterQualification {
    PartnerCenterQualification {
        qualification: q.qualification,
        vetting_status: q.vetting_status,
        vetting_reason: q.vetting_reason,
        vetting_create_date: q.vetting_create_date,
    }
}

/// The first of `values` that is given and not blank, trimmed.
fn first(values: &[&Option<String>]) -> String {
    values
        .iter()
        .filter_map(|v| v.as_deref().map(str::trim))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// A customer resource in the desk's terms. The account is there only when the file has an
/// address (the list response has none).
fn customer_of(c: ApiCustomer) -> PartnerCenterCustomer {
    let company = &c.company_profile;
    let billing = c.billing_profile.unwrap_or_default();
    let company_name = first(&[&company.company_name, &billing.company_name]);
    let address = billing
        .default_address
        .as_ref()
        .or(company.address.as_ref());
    let account = address.map(|a| AccountInfo {
        company_name: company_name.clone(),
        country: first(&[&a.country]).to_ascii_uppercase(),
        address_line1: first(&[&a.address_line1]),
        address_line2: first(&[&a.address_line2]),
        city: first(&[&a.city]),
        state: first(&[&a.state]),
        postal_code: first(&[&a.postal_code]),
        email: first(&[&company.email, &billing.email]),
        first_name: first(&[&billing.first_name, &a.first_name]),
        last_name: first(&[&billing.last_name, &a.last_name]),
        contact_email: first(&[&billing.email, &company.email]),
        phone: first(&[&a.phone_number]),
        registration_id: first(&[&company.organization_registration_number]),
    });
    PartnerCenterCustomer {
        csv_line: None,
        microsoft_id: first(&[&company.tenant_id, &c.id]),
        company_name,
        domain: first(&[&company.domain]),
        account,
        qualifications: c
            .qualifications
            .map(|q| q.into_list().into_iter().map(qualification_of).collect()),
    }
}

/// A header as compared: lower case, without spaces (Customers.csv's exact header strings are
/// not published).
fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `Customers.csv`: Microsoft ID, Company name, Primary domain name (Relationship and Tags are
/// not the desk's). BOM, CRLF, quoted commas and any column order are fine; a row that does not
/// read is listed by its line.
fn read_customers_csv(text: &str) -> Result<PartnerCenterFile, PartnerCenterFileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| PartnerCenterFileError::ColumnMissing {
            column: "Microsoft ID",
        })?
        .clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| header_key(h) == *n))
    };
    let id_at = column(&["microsoftid"]).ok_or(PartnerCenterFileError::ColumnMissing {
        column: "Microsoft ID",
    })?;
    let domain_at = column(&["primarydomainname", "primarydomain"]).ok_or(
        PartnerCenterFileError::ColumnMissing {
            column: "Primary domain name",
        },
    )?;
    let name_at = column(&["companyname"]);
    // The line a record starts on (1 for the header), counted from its byte offset; with CRLF
    // the reader's offset can point at the `\n` before the record.
    let line_at = |position: Option<&csv::Position>| {
        let bytes = text.as_bytes();
        let mut byte = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
        while bytes.get(byte).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            byte += 1;
        }
        1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count() as u64
    };
    let mut file = PartnerCenterFile::default();
    for row in reader.records() {
        if file.customers.len() + file.unreadable.len() >= MAX_RECORDS {
            return Err(PartnerCenterFileError::TooManyRecords { max: MAX_RECORDS });
        }
        match row {
            Ok(row) => {
                if row.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                let cell = |at: usize| row.get(at).unwrap_or_default().trim().to_string();
                file.customers.push(PartnerCenterCustomer {
                    csv_line: Some(line_at(row.position())),
                    microsoft_id: cell(id_at),
                    company_name: name_at.map(cell).unwrap_or_default(),
                    domain: cell(domain_at),
                    account: None,
                    qualifications: None,
                });
            }
            Err(e) => {
                let line = line_at(e.position());
                file.unreadable.push((
                    PartnerCenterRecord::CsvLine { line },
                    unreadable_csv_row(&e),
                ));
            }
        }
    }
    Ok(file)
}

// --- the other way: requests for Partner Center ----------------------------------------------

/// `CustomerQualificationRequest`, the body of `POST /v1/customers/{customer_tenant_id}/qualifications`
/// (https://learn.microsoft.com/en-us/partner-center/developer/update-customer-qualification-asynchronous):
/// null values are left out, as the SDK does.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CustomerQualificationRequest {
    pub qualification: Qualification,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub education_segment: Option<EducationSegment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_code: Option<String>,
}

/// One request of the export file: whom it is for, and the body.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RequestForPartnerCenter {
    /// The `{customer_tenant_id}` of the POST; `null` where the desk does not know it yet.
    pub customer_tenant_id: Option<String>,
    pub company_name: String,
    /// The customer's id on the desk.
    pub desk_customer_id: String,
    pub body: CustomerQualificationRequest,
}

/// The export file: the pending requests, dated with the app clock's `today`.
#[derive(Serialize, Deserialize, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RequestsFile {
    pub exported_on: NaiveDate,
    pub requests: Vec<RequestForPartnerCenter>,
}

/// The pending requests as the file for the partner's scripts (docs/DATA-FORMAT.md).
pub fn qualification_requests_file(pending: &[PendingRequest], today: NaiveDate) -> String {
    let file = RequestsFile {
        exported_on: today,
        requests: pending
            .iter()
            .map(|p| RequestForPartnerCenter {
                customer_tenant_id: p.microsoft_id.clone(),
                company_name: p.company_name.clone(),
                desk_customer_id: p.customer_id.clone(),
                body: CustomerQualificationRequest {
                    qualification: p.qualification,
                    education_segment: p.education_segment,
                    website: p.website.clone(),
                    validation_code: p.validation_code.clone(),
                },
            })
            .collect(),
    };
    indent(&serde_json::to_string(&file).expect("the requests serialize"))
}

/// The file name offered for the requests.
pub fn qualification_requests_file_name(today: NaiveDate) -> String {
    format!("partner-center-qualification-requests-{today}.json")
}
