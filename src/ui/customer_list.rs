//! The Customers list's search, filters, sort and CSV export as small pure functions. These are
//! views of the desk, not rules: which qualifications a customer holds and in which state comes
//! from the domain's records; here they are only matched, ordered and written out.

use std::borrow::Borrow;

use chrono::NaiveDate;

use crate::domain::{
    Customer, NonprofitReview, Qualification, VettingStatus, MAX_VERIFICATION_REQUESTS,
};

/// One row of the list: what the table and the CSV show of a customer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CustomerRow {
    pub id: String,
    pub company_name: String,
    pub primary_domain: String,
    pub country: String,
    pub email: String,
    pub contact_email: String,
    pub created: NaiveDate,
    /// Each qualification record with its vetting status, in the customer's order.
    pub qualifications: Vec<(Qualification, Option<VettingStatus>)>,
    pub requests_used: u8,
    /// False when imported from Partner Center without its count: `requests_used` is then at
    /// least that many (docs/RULES.md §11).
    pub requests_known: bool,
    pub notice: Notice,
    /// Lower-cased text the search looks in: name, domain, both e-mail addresses.
    haystack: String,
    /// The lower-cased company name the sort compares (computed once, not per comparison).
    sort_name: String,
}

/// Where the customer's nonprofit periodic review stands on the app clock's today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    None,
    /// Notice given; the qualification goes on this date.
    Running {
        removal_date: NaiveDate,
    },
    Removed {
        removed_on: NaiveDate,
    },
}

impl CustomerRow {
    /// The row of a customer as of `today` (the app clock).
    pub fn of(customer: &Customer, today: NaiveDate) -> Self {
        let notice = match (
            customer.nonprofit_removed_on(today),
            customer.nonprofit_review,
        ) {
            (Some(removed_on), _) => Notice::Removed { removed_on },
            (None, Some(NonprofitReview::NoticeGiven { removal_date, .. })) => {
                Notice::Running { removal_date }
            }
            _ => Notice::None,
        };
        let primary_domain = customer.primary_domain();
        let a = &customer.account;
        let haystack = format!(
            "{}\n{}\n{}\n{}",
            a.company_name, primary_domain, a.email, a.contact_email
        )
        .to_lowercase();
        CustomerRow {
            id: customer.id.clone(),
            company_name: a.company_name.clone(),
            primary_domain,
            country: a.country.clone(),
            email: a.email.clone(),
            contact_email: a.contact_email.clone(),
            created: customer.created,
            qualifications: customer
                .qualifications
                .iter()
                .map(|r| (r.kind, r.vetting_status))
                .collect(),
            requests_used: customer.verification_requests,
            requests_known: customer.verification_requests_known,
            notice,
            haystack,
            sort_name: a.company_name.to_lowercase(),
        }
    }
}

/// "Qualification" filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualificationFilter {
    All,
    /// Customers with no qualification record at all.
    None,
    /// Customers with a record of this kind, whatever its status.
    Has(Qualification),
}

/// "Verification status" filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    /// Some qualification record has this vetting status.
    Is(VettingStatus),
    /// No record has a vetting status.
    NoVetting,
}

/// "Nonprofit notice" filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeFilter {
    All,
    Running,
    Removed,
    None,
}

/// "Sort by".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    NameAsc,
    NameDesc,
    Newest,
    Oldest,
    RequestsUsed,
}

/// Search text and filters, as chosen on the page.
#[derive(Clone, Debug, PartialEq)]
pub struct ListQuery {
    pub search: String,
    pub qualification: QualificationFilter,
    pub status: StatusFilter,
    pub notice: NoticeFilter,
    pub sort: SortBy,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            search: String::new(),
            qualification: QualificationFilter::All,
            status: StatusFilter::All,
            notice: NoticeFilter::All,
            sort: SortBy::NameAsc,
        }
    }
}

/// Whether the row contains every word of the search (case-insensitive) in its name, primary
/// domain or e-mail addresses.
pub fn matches_search(row: &CustomerRow, search: &str) -> bool {
    matches_words(row, &search.to_lowercase())
}

/// [`matches_search`] with the search already lower-cased (once per keystroke, not per row).
fn matches_words(row: &CustomerRow, lowercase_search: &str) -> bool {
    lowercase_search
        .split_whitespace()
        .all(|word| row.haystack.contains(word))
}

/// Whether the row passes the qualification, status and notice filters.
pub fn matches_filters(row: &CustomerRow, query: &ListQuery) -> bool {
    let qualification = match query.qualification {
        QualificationFilter::All => true,
        QualificationFilter::None => row.qualifications.is_empty(),
        QualificationFilter::Has(kind) => row.qualifications.iter().any(|(k, _)| *k == kind),
    };
    let status = match query.status {
        StatusFilter::All => true,
        StatusFilter::Is(s) => row.qualifications.iter().any(|(_, v)| *v == Some(s)),
        StatusFilter::NoVetting => row.qualifications.iter().all(|(_, v)| v.is_none()),
    };
    let notice = matches!(
        (query.notice, row.notice),
        (NoticeFilter::All, _)
            | (NoticeFilter::Running, Notice::Running { .. })
            | (NoticeFilter::Removed, Notice::Removed { .. })
            | (NoticeFilter::None, Notice::None)
    );
    qualification && status && notice
}

/// Sorts rows in place; ties fall back to company name, then id, so the order is stable.
/// Rows are `CustomerRow`s or shared ones (`Arc<CustomerRow>`, cheap to copy into a list).
pub fn sort_rows<R: Borrow<CustomerRow>>(rows: &mut [R], sort: SortBy) {
    let by_name = |a: &CustomerRow, b: &CustomerRow| {
        a.sort_name.cmp(&b.sort_name).then_with(|| a.id.cmp(&b.id))
    };
    let compare = |a: &CustomerRow, b: &CustomerRow| match sort {
        SortBy::NameAsc => by_name(a, b),
        SortBy::NameDesc => by_name(b, a),
        SortBy::Newest => b.created.cmp(&a.created).then_with(|| by_name(a, b)),
        SortBy::Oldest => a.created.cmp(&b.created).then_with(|| by_name(a, b)),
        SortBy::RequestsUsed => b
            .requests_used
            .cmp(&a.requests_used)
            .then_with(|| by_name(a, b)),
    };
    crate::sorting::sort_by(rows, |a, b| compare(a.borrow(), b.borrow()));
}

/// The rows the page shows: searched, filtered and sorted.
pub fn select_rows<R: Borrow<CustomerRow> + Clone>(rows: &[R], query: &ListQuery) -> Vec<R> {
    let mut out = filter_rows(rows, query);
    sort_rows(&mut out, query.sort);
    out
}

/// The rows that pass the search and filters, in the order given. On rows already sorted by
/// `query.sort` this is [`select_rows`] without the sort: the page sorts once per sort order,
/// and a keystroke only filters.
pub fn filter_rows<R: Borrow<CustomerRow> + Clone>(rows: &[R], query: &ListQuery) -> Vec<R> {
    let search = query.search.to_lowercase();
    rows.iter()
        .filter(|r| matches_words((*r).borrow(), &search) && matches_filters((*r).borrow(), query))
        .cloned()
        .collect()
}

/// The words the CSV needs in the current language.
pub struct CsvWords<'a> {
    /// Column headers, in the order of [`csv_cells`].
    pub headers: [&'a str; 8],
    /// A qualification with its status, e.g. "Education (In review)".
    pub qualification: &'a dyn Fn(Qualification, Option<VettingStatus>) -> String,
    /// The text for no qualification ("None").
    pub no_qualification: &'a str,
    /// The notice column's text.
    pub notice: &'a dyn Fn(Notice) -> String,
}

/// A spreadsheet must not read a cell as a formula: cells starting with `=`, `+`, `-`, `@`,
/// tab or carriage return get a leading apostrophe.
pub fn neutralize_formula(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The cells of one CSV row: company, primary domain, country, e-mail, qualifications,
/// requests used ("n of 3"), nonprofit notice, created.
pub fn csv_cells(row: &CustomerRow, words: &CsvWords) -> [String; 8] {
    let qualifications = if row.qualifications.is_empty() {
        words.no_qualification.to_string()
    } else {
        row.qualifications
            .iter()
            .map(|(k, s)| (words.qualification)(*k, *s))
            .collect::<Vec<_>>()
            .join("; ")
    };
    [
        row.company_name.clone(),
        row.primary_domain.clone(),
        row.country.clone(),
        row.email.clone(),
        qualifications,
        format!("{}/{}", row.requests_used, MAX_VERIFICATION_REQUESTS),
        (words.notice)(row.notice),
        row.created.to_string(),
    ]
    .map(|c| neutralize_formula(&c))
}

/// The whole CSV text (header row first, RFC 4180 quoting, CRLF line ends).
pub fn csv_text<R: Borrow<CustomerRow>>(
    rows: &[R],
    words: &CsvWords,
) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(words.headers)?;
    for row in rows {
        writer.write_record(csv_cells(row.borrow(), words))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The export's file name, dated by the app clock: `customers-2026-11-21.csv`.
pub fn csv_file_name(today: NaiveDate) -> String {
    format!("customers-{today}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountInfo, QualificationRecord};

    fn november(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn customer(id: &str, name: &str, prefix: &str, email: &str, created: u32) -> Customer {
        let account = AccountInfo {
            company_name: name.into(),
            country: "US".into(),
            email: email.into(),
            contact_email: format!("contact@{prefix}.example"),
            ..AccountInfo::default()
        };
        Customer::new(id.into(), account, prefix, november(created))
    }

    fn rows() -> Vec<CustomerRow> {
        let mut edu = customer("c1", "Contoso School", "contososchool", "it@contoso.edu", 3);
        let mut rec = QualificationRecord::granted(Qualification::Education, november(3));
        rec.vetting_status = Some(VettingStatus::InReview);
        edu.qualifications.push(rec);
        edu.verification_requests = 1;
        let plain = customer("c2", "Fabrikam", "fabrikam", "admin@fabrikam.com", 5);
        let mut npo = customer("c3", "alpine Relief", "alpinerelief", "=cmd@alpine.org", 1);
        npo.qualifications.push(QualificationRecord::granted(
            Qualification::Nonprofit,
            november(1),
        ));
        npo.nonprofit_review = Some(NonprofitReview::NoticeGiven {
            notice_date: november(2),
            removal_date: november(30),
        });
        [edu, plain, npo]
            .iter()
            .map(|c| CustomerRow::of(c, november(10)))
            .collect()
    }

    fn ids(rows: &[CustomerRow]) -> Vec<&str> {
        rows.iter().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn search_looks_in_name_domain_and_email_case_insensitively() {
        let rows = rows();
        let q = |s: &str| ListQuery {
            search: s.into(),
            ..ListQuery::default()
        };
        assert_eq!(ids(&select_rows(&rows, &q("CONTOSO"))), ["c1"]);
        assert_eq!(ids(&select_rows(&rows, &q("fabrikam.onmicrosoft"))), ["c2"]);
        assert_eq!(ids(&select_rows(&rows, &q("contoso.edu"))), ["c1"]);
        assert_eq!(ids(&select_rows(&rows, &q("contact@alpinerelief"))), ["c3"]);
        assert_eq!(ids(&select_rows(&rows, &q("school contoso"))), ["c1"]);
        assert!(select_rows(&rows, &q("nowhere")).is_empty());
        assert_eq!(select_rows(&rows, &q("  ")).len(), 3);
    }

    #[test]
    fn filters_by_qualification_status_and_notice() {
        let rows = rows();
        let q = |f: fn(&mut ListQuery)| {
            let mut q = ListQuery::default();
            f(&mut q);
            ids(&select_rows(&rows, &q)).join(",")
        };
        assert_eq!(
            q(|q| q.qualification = QualificationFilter::Has(Qualification::Education)),
            "c1"
        );
        assert_eq!(q(|q| q.qualification = QualificationFilter::None), "c2");
        assert_eq!(
            q(|q| q.status = StatusFilter::Is(VettingStatus::InReview)),
            "c1"
        );
        assert_eq!(
            q(|q| q.status = StatusFilter::Is(VettingStatus::Approved)),
            "c3"
        );
        assert_eq!(
            q(|q| q.status = StatusFilter::Is(VettingStatus::Denied)),
            ""
        );
        assert_eq!(q(|q| q.status = StatusFilter::NoVetting), "c2");
        assert_eq!(q(|q| q.notice = NoticeFilter::Running), "c3");
        assert_eq!(q(|q| q.notice = NoticeFilter::None), "c1,c2");
        assert_eq!(q(|q| q.notice = NoticeFilter::Removed), "");
    }

    #[test]
    fn notice_becomes_removed_at_the_removal_date() {
        let mut c = customer("c3", "Alpine", "alpine", "a@alpine.org", 1);
        c.nonprofit_review = Some(NonprofitReview::NoticeGiven {
            notice_date: november(2),
            removal_date: november(30),
        });
        assert_eq!(
            CustomerRow::of(&c, november(29)).notice,
            Notice::Running {
                removal_date: november(30)
            }
        );
        assert_eq!(
            CustomerRow::of(&c, november(30)).notice,
            Notice::Removed {
                removed_on: november(30)
            }
        );
    }

    #[test]
    fn sorts_by_name_date_and_requests() {
        let rows = rows();
        let sorted = |sort| {
            let q = ListQuery {
                sort,
                ..ListQuery::default()
            };
            ids(&select_rows(&rows, &q)).join(",")
        };
        assert_eq!(sorted(SortBy::NameAsc), "c3,c1,c2");
        assert_eq!(sorted(SortBy::NameDesc), "c2,c1,c3");
        assert_eq!(sorted(SortBy::Newest), "c2,c1,c3");
        assert_eq!(sorted(SortBy::Oldest), "c3,c1,c2");
        assert_eq!(sorted(SortBy::RequestsUsed), "c1,c3,c2");
    }

    #[test]
    fn filtering_sorted_rows_gives_what_select_rows_gives() {
        let rows = rows();
        for sort in [
            SortBy::NameAsc,
            SortBy::NameDesc,
            SortBy::Newest,
            SortBy::Oldest,
            SortBy::RequestsUsed,
        ] {
            let mut sorted = rows.clone();
            sort_rows(&mut sorted, sort);
            for search in ["", "o", "contoso", "nowhere"] {
                let q = ListQuery {
                    search: search.into(),
                    sort,
                    ..ListQuery::default()
                };
                assert_eq!(
                    filter_rows(&sorted, &q),
                    select_rows(&rows, &q),
                    "{sort:?} {search:?}"
                );
            }
        }
    }

    fn words_test(f: impl FnOnce(&CsvWords)) {
        let qualification = |k: Qualification, s: Option<VettingStatus>| format!("{k:?} ({s:?})");
        let notice = |n: Notice| match n {
            Notice::None => String::new(),
            Notice::Running { removal_date } => format!("until {removal_date}"),
            Notice::Removed { removed_on } => format!("removed {removed_on}"),
        };
        let words = CsvWords {
            headers: [
                "Company",
                "Domain",
                "Country",
                "Email",
                "Qualifications",
                "Requests",
                "Notice",
                "Created",
            ],
            qualification: &qualification,
            no_qualification: "None",
            notice: &notice,
        };
        f(&words)
    }

    #[test]
    fn csv_has_a_qualification_column_and_neutralizes_formulas() {
        let rows = rows();
        words_test(|words| {
            let cells = csv_cells(&rows[0], words);
            assert_eq!(cells[0], "Contoso School");
            assert_eq!(cells[1], "contososchool.onmicrosoft.com");
            assert_eq!(cells[4], "Education (Some(InReview))");
            assert_eq!(cells[5], "1/3");
            assert_eq!(csv_cells(&rows[1], words)[4], "None");
            let npo = csv_cells(&rows[2], words);
            assert_eq!(npo[3], "'=cmd@alpine.org");
            assert_eq!(npo[6], "until 2026-11-30");

            let text = csv_text(&rows[..2], words).unwrap();
            let lines: Vec<&str> = text.split("\r\n").collect();
            assert_eq!(
                lines[0],
                "Company,Domain,Country,Email,Qualifications,Requests,Notice,Created"
            );
            assert_eq!(
                lines[1],
                "Contoso School,contososchool.onmicrosoft.com,US,it@contoso.edu,Education (Some(InReview)),1/3,,2026-11-03"
            );
            assert_eq!(lines.len(), 4, "header, two rows, trailing empty");
        });
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let mut c = customer("c9", "Contoso, \"Ltd\"", "contoso", "a@contoso.com", 1);
        c.account.country = "SE".into();
        let row = CustomerRow::of(&c, november(1));
        words_test(|words| {
            let text = csv_text(&[row], words).unwrap();
            assert!(
                text.contains("\"Contoso, \"\"Ltd\"\"\",contoso.onmicrosoft.com,SE"),
                "{text}"
            );
        });
    }

    #[test]
    fn file_name_carries_the_app_clock_date() {
        assert_eq!(csv_file_name(november(21)), "customers-2026-11-21.csv");
    }
}
