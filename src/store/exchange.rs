//! Export and import of the whole desk as one readable JSON file (docs/DATA-FORMAT.md,
//! docs/desk.schema.json). Pure: no storage, no browser, so every check is tested natively.
//!
//! An import is read and checked completely before anything is saved: a file that is too big,
//! too deeply nested, not JSON, not a Segment Desk file or of an unknown version is refused as a
//! whole ([`ImportError`]); a file whose records have wrong types or break the rules is shown
//! record by record ([`Preview::rejected`]) and cannot be imported either. Only a clean file
//! yields a [`Preview`] that can be applied.

use std::collections::HashMap;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::domain::integrity::{check_desk, RecordProblem, RecordRef};
use crate::domain::{AuditEntry, Catalog, Customer, Desk, PartnerProfile, Subscription};

/// The `format` field of every export.
pub const FORMAT: &str = "segment-desk";
/// The export format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Larger files are refused unread (an export of 10,000 customers and 30,000 subscriptions
/// with their log is about 30 MB).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
/// Deeper nesting is refused unread (a desk nests 7 levels deep).
pub const MAX_DEPTH: usize = 32;

/// The file: a small envelope around the desk in the domain's own JSON.
#[derive(Serialize)]
struct ExportFile<'a> {
    format: &'static str,
    version: u32,
    exported_on: NaiveDate,
    desk: &'a Desk,
    /// The catalog in its JSON form ([`Catalog::to_json`]), when the desk does not sell from
    /// the built-in sample.
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog: Option<Box<RawValue>>,
}

/// The desk as an export file, dated with the app clock's `today`.
pub fn export(desk: &Desk, today: NaiveDate) -> String {
    export_with_catalog(desk, None, today)
}

/// The desk and its stored catalog (`None`: the built-in sample) as an export file.
pub fn export_with_catalog(desk: &Desk, catalog: Option<&Catalog>, today: NaiveDate) -> String {
    let file = ExportFile {
        format: FORMAT,
        version: FORMAT_VERSION,
        exported_on: today,
        desk,
        catalog: catalog.map(|c| RawValue::from_string(c.to_json()).expect("a catalog is JSON")),
    };
    super::indent::indent(&serde_json::to_string(&file).expect("the desk serializes"))
}

/// The file name offered for an export.
pub fn export_file_name(today: NaiveDate) -> String {
    format!("segment-desk-{today}.json")
}

/// Why a file was refused as a whole. Nothing was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
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
    /// Valid JSON, but not a Segment Desk export (no `"format": "segment-desk"`).
    NotADeskFile,
    /// A Segment Desk export of a version this build does not know.
    UnknownVersion {
        found: String,
    },
    /// The file's `desk` is not an object with the four lists (the JSON path of what is wrong).
    WrongShape {
        path: String,
    },
}

/// Why a record of the file cannot be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RejectReason {
    /// The record's fields have wrong types or are missing (serde's message).
    WrongTypes(String),
    /// The record breaks a rule of the desk.
    Rule(RecordProblem),
}

/// One record that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub record: RecordRef,
    pub reason: RejectReason,
}

/// What an import would do (a dry run). Importing replaces the desk with the file's.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// The desk the file holds (records with wrong types left out).
    pub desk: Desk,
    /// The file's own catalog; `None`: the desk sells from the built-in sample.
    pub catalog: Option<Catalog>,
    /// In the file, not in the current desk.
    pub added: Vec<RecordRef>,
    /// In both, different.
    pub changed: Vec<RecordRef>,
    /// In the current desk, not in the file: gone after the import.
    pub removed: Vec<RecordRef>,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
}

impl Preview {
    /// Only a file without rejected records is imported.
    pub fn can_import(&self) -> bool {
        self.rejected.is_empty()
    }
}

/// Reads a file into the desk it holds, with the records that cannot be imported.
pub fn parse(bytes: &[u8]) -> Result<(Desk, Vec<Rejected>), ImportError> {
    parse_file(bytes).map(|(desk, _, rejected)| (desk, rejected))
}

/// A file's desk, its own catalog if it carries one, and the records that cannot be imported.
type ParsedFile = (Desk, Option<Catalog>, Vec<Rejected>);

/// [`parse`], with the file's own catalog if it carries one.
fn parse_file(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if super::indent::nests_deeper_than(text.as_bytes(), MAX_DEPTH) {
        return Err(ImportError::TooDeep { max: MAX_DEPTH });
    }
    // A clean file is read in one pass, each record straight into its type. Any other is read
    // in parts, each record's text on its own, so that a record that does not read is told
    // apart from the rest. Either way no tree of JSON values is built, and each record type has
    // one deserializer in the module.
    match read_in_one_pass(text) {
        Some(read) => read,
        None => read_in_parts(text),
    }
}

/// A file of this build's format whose every record reads, in one pass; `None` for any other.
fn read_in_one_pass(text: &str) -> Option<Result<ParsedFile, ImportError>> {
    let file = serde_json::from_str::<TypedFile>(text).ok()?;
    file.is_current().then(|| {
        let catalog = file.catalog.map(read_catalog).transpose()?;
        let rejected = check(&file.desk);
        Ok((file.desk, catalog, rejected))
    })
}

/// Any file, read in parts: its envelope, then each record from its own text.
fn read_in_parts(text: &str) -> Result<ParsedFile, ImportError> {
    let parts = FileParts::read(text)?;
    if parts.format.and_then(read::<String>).as_deref() != Some(FORMAT) {
        return Err(ImportError::NotADeskFile);
    }
    match parts.version {
        Some(v) if read::<u64>(v) == Some(u64::from(FORMAT_VERSION)) => {}
        other => {
            return Err(ImportError::UnknownVersion {
                found: other.map_or_else(|| "none".into(), |v| v.get().to_owned()),
            })
        }
    }
    let catalog = parts.catalog.map(read_catalog).transpose()?;
    let wrong_shape = |path: &str| ImportError::WrongShape { path: path.into() };
    let desk_parts = parts.desk.ok_or_else(|| wrong_shape("desk"))?;
    let mut rejected = Vec::new();
    let partner = match desk_parts.partner {
        Some(v) => match serde_json::from_str::<PartnerProfile>(v.get()) {
            Ok(p) => p,
            Err(e) => {
                rejected.push(Rejected {
                    record: RecordRef::Partner,
                    reason: RejectReason::WrongTypes(e.to_string()),
                });
                PartnerProfile::default()
            }
        },
        None => return Err(wrong_shape("desk.partner")),
    };
    let customers = desk_parts
        .customers
        .ok_or_else(|| wrong_shape("desk.customers"))?;
    let subscriptions = desk_parts
        .subscriptions
        .ok_or_else(|| wrong_shape("desk.subscriptions"))?;
    let audit = desk_parts.audit.ok_or_else(|| wrong_shape("desk.audit"))?;
    let id_of = |v: &RawValue, i: usize| {
        field(v, "id")
            .and_then(read::<String>)
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    let customers = records::<Customer>(customers, &mut rejected, |v, i| RecordRef::Customer {
        id: id_of(v, i),
    });
    let subscriptions = records::<Subscription>(subscriptions, &mut rejected, |v, i| {
        RecordRef::Subscription { id: id_of(v, i) }
    });
    let audit = records::<AuditEntry>(audit, &mut rejected, |v, i| RecordRef::AuditEntry {
        seq: field(v, "seq")
            .and_then(read::<u64>)
            .unwrap_or(i as u64 + 1),
    });
    let desk = Desk {
        partner,
        customers,
        subscriptions,
        audit,
        audit_unread: 0,
    };
    rejected.extend(check(&desk));
    Ok((desk, catalog, rejected))
}

/// A file's catalog, read (a catalog that does not read refuses the file).
fn read_catalog(v: &RawValue) -> Result<Catalog, ImportError> {
    Catalog::load(v.get()).map_err(|_| ImportError::WrongShape {
        path: "catalog".into(),
    })
}

/// The records of `desk` that break its rules.
fn check(desk: &Desk) -> Vec<Rejected> {
    let problems = check_desk(desk).into_iter();
    problems
        .map(|(record, p)| Rejected {
            record,
            reason: RejectReason::Rule(p),
        })
        .collect()
}

/// A file of this build's format with every record of the right type, read in one pass.
#[derive(Deserialize)]
struct TypedFile<'a> {
    #[serde(borrow)]
    format: &'a RawValue,
    #[serde(borrow)]
    version: &'a RawValue,
    #[serde(borrow, default)]
    catalog: Option<&'a RawValue>,
    desk: Desk,
}

impl TypedFile<'_> {
    /// Whether the file says it is of this build's format and version. A file that does not is
    /// read in parts, which gives the error.
    fn is_current(&self) -> bool {
        read::<String>(self.format).as_deref() == Some(FORMAT)
            && read::<u64>(self.version) == Some(u64::from(FORMAT_VERSION))
    }
}

/// A desk file's parts as their JSON text in the file, before any is read into its type. A
/// part that is missing or `null` is `None`, and so is a list that is not one.
#[derive(Deserialize)]
struct FileParts<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    catalog: Option<&'a RawValue>,
    #[serde(borrow)]
    desk: Option<DeskParts<'a>>,
}

/// The `desk` object of a file: its partner's text and its three lists of records' texts.
#[derive(Deserialize)]
struct DeskParts<'a> {
    #[serde(borrow)]
    partner: Option<&'a RawValue>,
    #[serde(borrow)]
    customers: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    subscriptions: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    audit: Option<Vec<&'a RawValue>>,
}

impl<'a> FileParts<'a> {
    /// Splits `text` into its parts in one pass over it, as a file this app wrote always can
    /// be. Any other file is split member by member ([`FileParts::read_leniently`]), so that
    /// the parts of the wrong kind (a list that is not one, a repeated member) are told apart.
    fn read(text: &'a str) -> Result<Self, ImportError> {
        serde_json::from_str(text).or_else(|_| Self::read_leniently(text))
    }

    fn read_leniently(text: &'a str) -> Result<Self, ImportError> {
        let root: &RawValue = serde_json::from_str(text).map_err(|e| ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
        let Some(mut root) = object(root) else {
            return Err(ImportError::NotADeskFile);
        };
        // As serde reads an `Option`: `null` is none.
        let member = |object: &mut HashMap<String, &'a RawValue>, name| {
            object.remove(name).filter(|v| v.get() != "null")
        };
        let desk = member(&mut root, "desk").and_then(object).map(|mut desk| {
            let mut list = |name| member(&mut desk, name).and_then(read::<Vec<&RawValue>>);
            DeskParts {
                customers: list("customers"),
                subscriptions: list("subscriptions"),
                audit: list("audit"),
                partner: member(&mut desk, "partner"),
            }
        });
        Ok(FileParts {
            format: member(&mut root, "format"),
            version: member(&mut root, "version"),
            catalog: member(&mut root, "catalog"),
            desk,
        })
    }
}

/// The records of one list; each one that does not read is named by `at` (only then looked at
/// for its id) and rejected.
fn records<T: serde::de::DeserializeOwned>(
    items: Vec<&RawValue>,
    rejected: &mut Vec<Rejected>,
    at: impl Fn(&RawValue, usize) -> RecordRef,
) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len());
    for (i, v) in items.into_iter().enumerate() {
        match serde_json::from_str::<T>(v.get()) {
            Ok(t) => out.push(t),
            Err(e) => rejected.push(Rejected {
                record: at(v, i),
                reason: RejectReason::WrongTypes(e.to_string()),
            }),
        }
    }
    out
}

/// A JSON value's text read as `T`, if it is one.
fn read<'a, T: serde::Deserialize<'a>>(v: &'a RawValue) -> Option<T> {
    serde_json::from_str(v.get()).ok()
}

/// A JSON object's members, each as its text; `None` if `v` is not an object.
fn object(v: &RawValue) -> Option<HashMap<String, &RawValue>> {
    read(v)
}

/// One member of a JSON object, if `v` is an object that has it.
fn field<'a>(v: &'a RawValue, name: &str) -> Option<&'a RawValue> {
    object(v)?.remove(name)
}

/// The dry run of importing `bytes` over `current`.
pub fn preview(bytes: &[u8], current: &Desk) -> Result<Preview, ImportError> {
    let (desk, catalog, rejected) = parse_file(bytes)?;
    let mut p = Preview {
        desk: Desk::default(),
        catalog,
        added: vec![],
        changed: vec![],
        removed: vec![],
        unchanged: 0,
        rejected,
    };
    if desk.partner != current.partner {
        p.changed.push(RecordRef::Partner);
    } else {
        p.unchanged += 1;
    }
    compare(
        &current.customers,
        &desk.customers,
        |c| c.id.as_str(),
        |id| RecordRef::Customer { id: id.into() },
        &mut p,
    );
    compare(
        &current.subscriptions,
        &desk.subscriptions,
        |s| s.id.as_str(),
        |id| RecordRef::Subscription { id: id.into() },
        &mut p,
    );
    compare(
        &current.audit,
        &desk.audit,
        |a| a.seq,
        |seq| RecordRef::AuditEntry { seq },
        &mut p,
    );
    p.desk = desk;
    Ok(p)
}

/// Sorts `new` into added, changed and unchanged against `old`, and finds what `old` has and
/// `new` does not. Keys are borrowed and hashed with Fx (the ids are the file's own): a record's
/// name is made only for the lists, not for each of the 85,000 records of a big desk.
fn compare<'a, T: PartialEq, K: std::hash::Hash + Eq + Copy>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> K,
    at: impl Fn(K) -> RecordRef,
    p: &mut Preview,
) {
    let before: FxHashMap<K, &T> = old.iter().map(|t| (key(t), t)).collect();
    let mut seen = FxHashSet::with_capacity_and_hasher(new.len(), Default::default());
    for t in new {
        let k = key(t);
        seen.insert(k);
        match before.get(&k) {
            None => p.added.push(at(k)),
            Some(o) if *o != t => p.changed.push(at(k)),
            Some(_) => p.unchanged += 1,
        }
    }
    for k in old.iter().map(&key) {
        if !seen.contains(&k) {
            p.removed.push(at(k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sample::sample_desk;
    use serde_json::Value;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn export_then_import_gives_the_same_desk() {
        let desk = sample_desk(1, 30, 3);
        let file = export(&desk, today());
        let p = preview(file.as_bytes(), &Desk::default()).unwrap();
        assert!(p.can_import(), "{:?}", p.rejected);
        assert_eq!(p.desk, desk);
        assert_eq!(p.added.len(), 30 + 90 + desk.audit.len());
        let again = preview(file.as_bytes(), &desk).unwrap();
        assert!(again.added.is_empty() && again.changed.is_empty() && again.removed.is_empty());
    }

    #[test]
    fn a_stored_catalog_travels_with_the_export_and_a_broken_one_refuses_the_file() {
        let desk = sample_desk(1, 5, 1);
        let mut offers = Catalog::sample().offers;
        offers.truncate(3);
        let catalog = Catalog::from_offers(offers).unwrap();
        let file = export_with_catalog(&desk, Some(&catalog), today());
        let p = preview(file.as_bytes(), &Desk::default()).unwrap();
        assert_eq!(p.catalog.as_ref(), Some(&catalog));
        assert_eq!(
            preview(export(&desk, today()).as_bytes(), &desk)
                .unwrap()
                .catalog,
            None
        );

        let mut v: Value = serde_json::from_str(&file).unwrap();
        let dup = v["catalog"][0].clone();
        v["catalog"].as_array_mut().unwrap().push(dup);
        assert_eq!(
            parse(v.to_string().as_bytes()),
            Err(ImportError::WrongShape {
                path: "catalog".into()
            })
        );
    }

    #[test]
    fn hostile_files_are_refused_whole() {
        assert_eq!(parse(b""), Err(ImportError::Empty));
        assert_eq!(parse(&[0xff, 0xfe, 0x00]), Err(ImportError::NotText));
        assert!(matches!(
            parse(b"{\"format\":"),
            Err(ImportError::NotJson { .. })
        ));
        assert_eq!(parse(b"[1,2]"), Err(ImportError::NotADeskFile));
        assert_eq!(
            parse(b"{\"format\":\"other\"}"),
            Err(ImportError::NotADeskFile)
        );
        assert_eq!(
            parse(br#"{"format":"segment-desk","version":9}"#),
            Err(ImportError::UnknownVersion { found: "9".into() })
        );
        assert_eq!(
            parse(br#"{"format":"segment-desk","version":1,"desk":[]}"#),
            Err(ImportError::WrongShape {
                path: "desk".into()
            })
        );
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            parse(deep.as_bytes()),
            Err(ImportError::TooDeep { max: MAX_DEPTH })
        );
        let big = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert!(matches!(parse(&big), Err(ImportError::TooLarge { .. })));
    }

    #[test]
    fn a_file_reads_into_the_same_parts_in_one_pass_as_member_by_member() {
        /// What the parts hold, as text.
        fn shown(parts: FileParts) -> String {
            let text = |v: Option<&RawValue>| v.map(|v| v.get().to_owned());
            let desk = parts.desk.map(|d| {
                let lengths = [d.customers, d.subscriptions, d.audit].map(|l| l.map(|l| l.len()));
                (text(d.partner), lengths)
            });
            let [format, version, catalog] = [parts.format, parts.version, parts.catalog];
            format!("{:?}", (text(format), text(version), text(catalog), desk))
        }
        let export = export(&sample_desk(2, 3, 1), today());
        for file in [
            export.as_str(),
            r#"{"format":"segment-desk","version":null,"catalog":null,"desk":{"partner":null}}"#,
            r#"{"format":"x","desk":{"customers":[{"id":"a"},2],"audit":[],"x":1},"exported_on":3}"#,
            r#"{"version":1,"desk":null}"#,
        ] {
            let one_pass = serde_json::from_str(file).expect("a file of the usual shape");
            let by_member = FileParts::read_leniently(file).unwrap();
            assert_eq!(shown(one_pass), shown(by_member), "{file}");
        }
        // Only read member by member: the last of a repeated member counts, as in a `HashMap`.
        let repeated = r#"{"format":"segment-desk","format":"other","desk":{}}"#;
        assert!(serde_json::from_str::<FileParts>(repeated).is_err());
        assert_eq!(
            FileParts::read(repeated).unwrap().format.map(RawValue::get),
            Some(r#""other""#)
        );
        assert_eq!(parse(repeated.as_bytes()), Err(ImportError::NotADeskFile));
    }

    #[test]
    fn a_clean_file_reads_in_one_pass_as_in_parts_and_any_other_only_in_parts() {
        let mut desk = sample_desk(6, 40, 3);
        let catalog = crate::store::sample::sample_catalog(12);
        let file = export_with_catalog(&desk, Some(&catalog), today());
        let one_pass = read_in_one_pass(&file).expect("a clean file").unwrap();
        assert_eq!(one_pass, read_in_parts(&file).unwrap());
        assert_eq!((one_pass.0, one_pass.1), (desk.clone(), Some(catalog)));
        // A rule broken (two customers with one id) is found either way.
        desk.customers[1].id = desk.customers[0].id.clone();
        let file = export(&desk, today());
        let one_pass = read_in_one_pass(&file)
            .expect("every record reads")
            .unwrap();
        assert_eq!(one_pass, read_in_parts(&file).unwrap());
        assert!(!one_pass.2.is_empty());
        // A record of the wrong type, another version, another file: read in parts only.
        let wrong = file.replacen("\"seats\": ", "\"seats\": \"many\", \"was\": ", 1);
        let other_version = file.replacen("\"version\": 1", "\"version\": 2", 1);
        for other in [wrong, other_version, "[]".to_owned()] {
            assert!(
                read_in_one_pass(&other).is_none(),
                "{}",
                &other[..40.min(other.len())]
            );
        }
    }

    #[test]
    fn wrong_types_duplicates_and_rule_breaks_are_rejected_by_record() {
        let desk = sample_desk(2, 3, 1);
        let mut v: Value = serde_json::from_str(&export(&desk, today())).unwrap();
        let first = desk.customers[0].id.clone();
        let customers = v["desk"]["customers"].as_array_mut().unwrap();
        customers[1]["verification_requests"] = Value::String("many".into());
        let mut dup = customers[0].clone();
        dup["domain_prefix"] = "other".into();
        customers.push(dup);
        customers[2]["qualifications"] = serde_json::json!([
            {"kind":"GovernmentCommunityCloud","vetting_status":"Approved","vetting_reason":null,"created":"2025-01-01","decided":null,"education_segment":null,"website":null,"validation_code":"X"},
            {"kind":"Education","vetting_status":"Approved","vetting_reason":null,"created":"2025-01-01","decided":null,"education_segment":"K12","website":null,"validation_code":null}
        ]);
        let third = desk.customers[2].id.clone();
        let p = preview(v.to_string().as_bytes(), &Desk::default()).unwrap();
        assert!(!p.can_import());
        let second = desk.customers[1].id.clone();
        assert!(p
            .rejected
            .iter()
            .any(|r| r.record == RecordRef::Customer { id: second.clone() }
                && matches!(r.reason, RejectReason::WrongTypes(_))));
        assert!(p.rejected.contains(&Rejected {
            record: RecordRef::Customer { id: first },
            reason: RejectReason::Rule(RecordProblem::DuplicateId)
        }));
        assert!(p
            .rejected
            .iter()
            .any(|r| r.record == RecordRef::Customer { id: third.clone() }
                && matches!(
                    r.reason,
                    RejectReason::Rule(RecordProblem::QualificationSetNotAllowed { .. })
                )));
    }

    #[test]
    fn names_with_markup_survive_as_text() {
        let mut desk = sample_desk(3, 1, 0);
        desk.customers[0].account.company_name = "<img src=x onerror=alert(1)>".into();
        let p = preview(export(&desk, today()).as_bytes(), &Desk::default()).unwrap();
        assert_eq!(
            p.desk.customers[0].account.company_name,
            "<img src=x onerror=alert(1)>"
        );
    }
}
