//! Microsoft's price lists read into the catalog (docs/RULES.md §9a), from fixtures written
//! from the documented headers and examples (tests/fixtures/price-lists/README.md): a byte-order
//! mark, CRLF line ends, quoted commas, overlapping date ranges, a trial, a European list with
//! several currencies and its columns in another order, broken rows, and the compressed file.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use segment_desk::domain::price_list::{read_price_list, PriceListImport, RowProblem};
use segment_desk::domain::unreadable::Unreadable;
use segment_desk::domain::{
    Amount, BillingFrequency, Catalog, GccEnvironment, PriceBasis, ProductType, Segment, Term,
};
use segment_desk::store::partner_center::price_list::{read, PriceListError};
use segment_desk::store::KeyValueStore;

const NCE: &[u8] = include_bytes!("fixtures/price-lists/nce-license-based.csv");
const NCE_ZIP: &[u8] = include_bytes!("fixtures/price-lists/nce-license-based.zip");
const API_SAMPLE: &[u8] = include_bytes!("fixtures/price-lists/api-sample.csv");
const SOFTWARE: &[u8] = include_bytes!("fixtures/price-lists/software.csv");
const EUROPEAN: &[u8] = include_bytes!("fixtures/price-lists/european.csv");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn import(file: &[u8], today: NaiveDate, currency: Option<&str>) -> PriceListImport {
    let (rows, unreadable) = read(file).expect("a price list");
    read_price_list(&rows, unreadable, today, currency, &Catalog::sample())
}

fn problem_of(p: &PriceListImport, offer: &str) -> Vec<RowProblem> {
    p.refused
        .iter()
        .filter(|r| r.offer == offer)
        .map(|r| r.problem.clone())
        .collect()
}

#[test]
fn a_new_commerce_list_becomes_offers_with_their_prices_and_every_row_left_out_says_why() {
    let p = import(NCE, day(2021, 11, 2), None);
    let c = &p.catalog;
    assert_eq!(
        c.prices,
        PriceBasis::PriceList {
            market: "US".into(),
            as_of: day(2021, 11, 2)
        }
    );
    assert_eq!(c.currency, "USD");

    // One offer per SKU, a price per term and billing plan; the description's commas stayed
    // inside their quotes (the prices would be wrong otherwise).
    let basic = c.get("CFQ7TTC0LH18:0001").expect("Business Basic");
    assert_eq!(basic.name, "Microsoft 365 Business Basic");
    assert_eq!(
        (basic.product_type, basic.segment),
        (ProductType::LicenseBased, Segment::Commercial)
    );
    assert_eq!(basic.terms, vec![Term::OneMonth, Term::OneYear]);
    assert_eq!(
        basic.billing,
        vec![BillingFrequency::Monthly, BillingFrequency::Annual]
    );
    let prices: Vec<(Term, BillingFrequency, Amount, Option<Amount>)> = basic
        .list_prices
        .iter()
        .map(|l| (l.term, l.billing, l.unit, l.erp))
        .collect();
    assert_eq!(
        prices,
        vec![
            (
                Term::OneMonth,
                BillingFrequency::Monthly,
                Amount(72_000),
                Some(Amount(90_000))
            ),
            (
                Term::OneYear,
                BillingFrequency::Monthly,
                Amount(60_000),
                Some(Amount(75_000))
            ),
            (
                Term::OneYear,
                BillingFrequency::Annual,
                Amount(720_000),
                Some(Amount(900_000))
            ),
        ]
    );
    assert!(basic.sample_price.is_none());

    // The trial (billing plan None) is kept apart, not sold.
    assert_eq!(p.trials.len(), 1);
    assert_eq!(p.trials[0].offer, "CFQ7TTC0LH18:0001");

    // Microsoft's overlap example: on a day in both ranges the later start wins.
    let sales = c.get("CFQ7TTC0HD7P:0001").unwrap();
    assert_eq!(sales.list_prices[0].unit, Amount(7_680_000));
    assert_eq!(p.superseded, 1);

    // Education and nonprofit SKUs name the product's commercial SKU as their equivalent.
    let faculty = c.get("CFQ7TTC0LCHC:0005").unwrap();
    assert_eq!(faculty.segment, Segment::Education);
    assert_eq!(
        faculty.commercial_equivalent.as_deref(),
        Some("CFQ7TTC0LCHC:0002")
    );
    let staff = c.get("CFQ7TTC0LCHC:0009").unwrap();
    assert_eq!(staff.segment, Segment::Nonprofit);
    assert_eq!(
        staff.commercial_equivalent.as_deref(),
        Some("CFQ7TTC0LCHC:0002")
    );

    // Government rows are GCC, in the environment the title names.
    let g3 = c.get("CFQ7TTC0LGZT:0003").unwrap();
    assert_eq!(g3.environment(), Some(GccEnvironment::Moderate));
    let e3_high = c.get("CFQ7TTC0LGZW:0007").unwrap();
    assert_eq!(e3_high.environment(), Some(GccEnvironment::High));

    // Not sold, each with its reason.
    assert_eq!(
        problem_of(&p, "CFQ7TTC0GRNT:0001"),
        vec![RowProblem::NoCommercialEquivalent]
    );
    assert_eq!(
        problem_of(&p, "DZH318Z0BPS6:0001"),
        vec![RowProblem::SpecialSegmentNotForProductType {
            segment: Segment::Education,
            product_type: ProductType::Azure
        }]
    );
    assert_eq!(
        problem_of(&p, "CFQ7TTC0HHS9:0001"),
        vec![RowProblem::UnknownTerm {
            value: "P5Y".into()
        }]
    );
    assert!(matches!(
        problem_of(&p, "CFQ7TTC0RM8K:0001").as_slice(),
        [RowProblem::BadPrice { value, .. }] if value == "forty"
    ));
    let unreadable: Vec<u64> = p
        .refused
        .iter()
        .filter(|r| {
            r.problem
                == RowProblem::Unreadable(Unreadable::FieldCount {
                    fields: 4,
                    header: 20,
                })
        })
        .map(|r| r.line)
        .collect();
    assert_eq!(
        unreadable,
        vec![17],
        "the row with too few fields, by its line"
    );
    assert_eq!(p.not_in_effect, 1, "Exchange Online ended on 30 Sep 2021");
    assert!(c.get("CFQ7TTC0LH16:0001").is_none());
    assert_eq!(c.offers.len(), 7);
}

#[test]
fn the_compressed_file_partner_center_downloads_reads_as_its_csv() {
    assert_eq!(read(NCE_ZIP), read(NCE));
    let not_zip = [b"PK\x03\x04".as_slice(), &[0; 40]].concat();
    assert!(matches!(read(&not_zip), Err(PriceListError::BadArchive)));
    // An archive of something else: said so, not "cannot be opened".
    let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other
        .start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut other, b"not a price list").unwrap();
    let other = other.finish().unwrap().into_inner();
    assert!(matches!(read(&other), Err(PriceListError::NoCsvInArchive)));
}

#[test]
fn microsofts_api_sample_reads_without_segment_or_end_of_sale_columns() {
    // 18 columns, a stray curly quote after `ERP Price`, dates as `2/1/2019 12:00:00 AM`.
    let p = import(API_SAMPLE, day(2020, 6, 1), None);
    let offer = p
        .catalog
        .get("CFQ7TTC0HDK0:0001")
        .expect("in effect in 2020");
    assert_eq!(
        offer.segment,
        Segment::Commercial,
        "no Segment column: Commercial"
    );
    assert_eq!(offer.list_prices[0].unit, Amount(1_152_000));
    assert_eq!(offer.list_prices[0].erp, Some(Amount(1_440_000)));
    let later = import(API_SAMPLE, day(2021, 3, 1), None);
    assert_eq!((later.catalog.offers.len(), later.not_in_effect), (0, 1));
    assert!(!later.can_replace());
}

#[test]
fn the_software_list_gives_perpetual_software_and_software_subscriptions() {
    let p = import(SOFTWARE, day(2026, 12, 3), None);
    let c = &p.catalog;
    let cal = c.get("DG7GMGF0D5SL:0007").unwrap();
    assert_eq!(cal.product_type, ProductType::PerpetualSoftware);
    assert_eq!(
        (cal.terms.as_slice(), cal.billing.as_slice()),
        (
            [Term::Perpetual].as_slice(),
            [BillingFrequency::OneTime].as_slice()
        )
    );
    // docs/RULES.md: Education and nonprofit pricing exist for perpetual software...
    assert_eq!(
        c.get("DG7GMGF0D5SL:0008").unwrap().segment,
        Segment::Education
    );
    let charity = c.get("DG7GMGF0D7FV:0002").unwrap();
    assert_eq!(
        (charity.segment, charity.commercial_equivalent.as_deref()),
        (Segment::Nonprofit, Some("DG7GMGF0D7FV:0001"))
    );
    // ...not for software subscriptions.
    let sql = c.get("DG7GMGF0FKZV:0002").unwrap();
    assert_eq!(sql.product_type, ProductType::SoftwareSubscription);
    assert_eq!(
        problem_of(&p, "DG7GMGF0FKZV:0003"),
        vec![RowProblem::SpecialSegmentNotForProductType {
            segment: Segment::Education,
            product_type: ProductType::SoftwareSubscription
        }]
    );
}

#[test]
fn a_european_list_offers_its_currencies_and_the_catalog_holds_the_one_chosen() {
    let p = import(EUROPEAN, day(2026, 12, 3), None);
    assert_eq!(p.currencies, vec!["EUR", "GBP", "SEK", "USD"]);
    assert_eq!(p.catalog.currency, "EUR", "the currency most rows have");
    assert_eq!(p.catalog.offers.len(), 2);
    assert_eq!((p.other_currency, p.superseded), (6, 1));
    assert_eq!(
        p.catalog.get("CFQ7TTC0LH18:0001").unwrap().list_prices[0].unit,
        Amount(56_000)
    );
    let sek = import(EUROPEAN, day(2026, 12, 3), Some("SEK"));
    assert_eq!(sek.catalog.currency, "SEK");
    assert_eq!(
        sek.catalog.get("CFQ7TTC0LCHC:0002").unwrap().list_prices[0].unit,
        Amount(2_300_000)
    );
    if let PriceBasis::PriceList { market, .. } = &sek.catalog.prices {
        assert_eq!(market, "FR");
    }
}

#[test]
fn a_file_that_is_not_a_price_list_is_refused_with_the_columns_it_lacks() {
    let customers = b"Microsoft ID,Company name,Primary domain name,Relationship\r\n1,Contoso,contoso.onmicrosoft.com,Cloud Reseller\r\n";
    match read(customers) {
        Err(PriceListError::NotAPriceList { missing }) => {
            let headers: Vec<&str> = missing.iter().map(|c| c.header()).collect();
            assert_eq!(
                headers,
                [
                    "ProductId",
                    "SkuId",
                    "SkuTitle",
                    "TermDuration",
                    "BillingPlan",
                    "Currency",
                    "UnitPrice",
                    "EffectiveStartDate",
                    "EffectiveEndDate"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    let header_only = b"ProductId,SkuId,SkuTitle,TermDuration,BillingPlan,Currency,UnitPrice,EffectiveStartDate,EffectiveEndDate\n";
    assert_eq!(read(header_only), Err(PriceListError::NoRows));
    assert!(read(b"").is_err());
}

#[test]
fn the_dry_run_says_what_replacing_the_catalog_adds_changes_and_removes() {
    let p = import(NCE, day(2021, 11, 2), None);
    let sample = Catalog::sample();
    assert_eq!(p.changes.added.len(), p.catalog.offers.len());
    assert_eq!(p.changes.removed.len(), sample.offers.len());
    // The same list again over its own catalog: nothing changes. A later day, a new price.
    let (rows, _) = read(NCE).unwrap();
    let again = read_price_list(&rows, vec![], day(2021, 11, 2), None, &p.catalog);
    assert_eq!(
        (
            again.changes.added.len(),
            again.changes.changed.len(),
            again.changes.removed.len()
        ),
        (0, 0, 0)
    );
    let before_overlap = read_price_list(&rows, vec![], day(2021, 10, 15), None, &p.catalog);
    assert_eq!(before_overlap.changes.changed, vec!["CFQ7TTC0HD7P:0001"]);
}

#[test]
fn a_price_list_catalog_is_stored_and_read_back_with_its_market_and_currency() {
    let p = import(EUROPEAN, day(2026, 12, 3), Some("SEK"));
    let json = p.catalog.to_json();
    assert!(
        json.starts_with('{'),
        "a price list's catalog names its basis"
    );
    assert_eq!(Catalog::load(&json), Ok(p.catalog.clone()));
    assert!(
        Catalog::sample().to_json().starts_with('['),
        "as stored before"
    );

    let kv = segment_desk::store::MemoryStore::new();
    segment_desk::store::desk::save_catalog(&kv, &p.catalog).unwrap();
    let loaded = segment_desk::store::desk::load(&kv);
    assert_eq!(loaded.catalog, Some(p.catalog));
    assert!(kv.keys().iter().any(|k| k == "segment-desk/catalog"));
}

/// A market's list: `skus` SKUs, each with a monthly and an annual price on two terms and a
/// second, older row per price (30,000 rows for 3,000 SKUs). Illustrative values.
fn big_list(skus: usize) -> String {
    let mut out = String::from("ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,Tags,ERP Price,Segment\r\n");
    let segments = [
        "Commercial",
        "Education",
        "Charity",
        "Government",
        "Commercial",
    ];
    for i in 0..skus {
        let product = format!("CFQ7TTC{:05}", i / 5);
        let segment = segments[i % 5];
        for (term, plan, price) in [
            ("P1M", "Monthly", 7.2),
            ("P1Y", "Monthly", 6.0),
            ("P1Y", "Annual", 72.0),
            ("P3Y", "Annual", 208.8),
            ("P3Y", "Triennial", 626.4),
        ] {
            for start in ["2024-03-01T00:00:00Z", "2025-03-01T00:00:00Z"] {
                out.push_str(&format!(
                    "Product {p},{product},{sku:04},Product {p} SKU {i} ({segment}),Microsoft Corporation,\"Seats, storage and more\",,{term},{plan},US,USD,{price:.2},,,{start},9999-11-30T23:59:59Z,License,{erp:.2},{segment}\r\n",
                    p = i / 5,
                    sku = i % 5 + 1,
                    erp = price * 1.25
                ));
            }
        }
    }
    out
}

#[test]
fn thirty_thousand_rows_are_stored_in_under_a_tenth_of_the_quota() {
    let csv = big_list(3_000);
    let (rows, unreadable) = read(csv.as_bytes()).unwrap();
    assert_eq!(rows.len(), 30_000);
    let p = read_price_list(
        &rows,
        unreadable,
        day(2026, 12, 3),
        None,
        &Catalog::sample(),
    );
    assert!(
        p.refused.is_empty(),
        "{:?}",
        &p.refused[..3.min(p.refused.len())]
    );
    assert_eq!(p.catalog.offers.len(), 3_000);
    let kv = segment_desk::store::MemoryStore::new();
    segment_desk::store::desk::save_catalog(&kv, &p.catalog).unwrap();
    let stored = segment_desk::store::utf16_len(&kv.get("segment-desk/catalog").unwrap());
    let quota = segment_desk::store::desk::QUOTA_UNITS;
    println!(
        "30,000 rows, 3,000 offers: stored catalog {stored} UTF-16 units, {:.1}% of the quota",
        stored as f64 * 100.0 / quota as f64
    );
    assert!(stored * 10 <= quota, "{stored} of {quota}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any bytes: a price list, or a refusal, never a panic.
    #[test]
    fn the_reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = read(&bytes);
    }

    /// A real header followed by anything: every row is read or refused with a reason.
    #[test]
    fn rows_after_a_real_header_are_read_or_refused(tail in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = API_SAMPLE[..API_SAMPLE.iter().position(|&b| b == b'\n').unwrap() + 1].to_vec();
        bytes.extend(tail);
        if let Ok((rows, unreadable)) = read(&bytes) {
            let p = read_price_list(&rows, unreadable, day(2020, 6, 1), None, &Catalog::sample());
            prop_assert!(p.catalog.offers.len() <= rows.len());
        }
    }
}
