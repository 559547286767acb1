//! Customers and qualifications from Partner Center (docs/DATA-FORMAT.md, "Import from Partner
//! Center"; docs/RULES.md §11): the fixtures under tests/fixtures/partner-center/, written from
//! the examples Microsoft documents, read and merged into a desk; the reader never panics,
//! whatever the bytes; the pending requests written as Partner Center's request bodies.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;

use segment_desk::domain::unreadable::Unreadable;
use segment_desk::domain::{
    Desk, EducationSegment, OperationContext, PartnerCenterProblem, PartnerCenterRecord,
    Qualification, RequestsUsed, Role, VettingReason, VettingStatus,
};
use segment_desk::store::partner_center::customers::{
    qualification_requests_file, read_partner_center_file, PartnerCenterFileError, RequestsFile,
    MAX_DEPTH,
};
use segment_desk::test_support::{gcc_desk, new_customer, new_education_customer};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/partner-center/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn admin() -> OperationContext {
    OperationContext::new(Role::GlobalAdmin, today())
}

#[test]
fn the_api_file_reads_customers_both_qualification_shapes_and_codes() {
    let file = read_partner_center_file(&fixture("customers.json")).unwrap();
    assert!(file.unreadable.is_empty(), "{:?}", file.unreadable);
    assert_eq!(file.customers.len(), 2);
    let contoso = &file.customers[0];
    assert_eq!(contoso.microsoft_id, "eebd1b55-5360-4438-a11d-5c06918c3014");
    assert_eq!(contoso.domain, "contosouniversity.onmicrosoft.com");
    let account = contoso.account.as_ref().unwrap();
    assert_eq!(
        (account.country.as_str(), account.state.as_str()),
        ("US", "WA")
    );
    assert_eq!(account.contact_email, "anna.berg@contoso.edu");
    assert_eq!(account.email, "office@contoso.edu");
    // Embedded bare array, spelled vettingCreatedDate.
    let q = &contoso.qualifications.as_ref().unwrap()[0];
    assert_eq!(
        q.vetting_create_date.as_deref(),
        Some("2020-12-03T10:37:38.885Z")
    );
    // The {"qualifications": [...]} shape, keyed by tenant ID in other casing, spelled
    // vettingCreateDate.
    let fabrikam = file.customers[1].qualifications.as_ref().unwrap();
    assert_eq!(fabrikam.len(), 2);
    assert_eq!(
        fabrikam[0].vetting_create_date.as_deref(),
        Some("2021-05-06T19:59:56.6832021+00:00")
    );
    assert_eq!(file.validation_codes.len(), 2);
    assert_eq!(file.validation_codes[1].validation_id, "987654");
    assert_eq!(file.validation_codes[0].remaining_creates, Some(4));
}

#[test]
fn merging_the_api_file_adds_the_customers_with_their_qualifications() {
    let file = read_partner_center_file(&fixture("customers.json")).unwrap();
    let mut desk = Desk::default();
    let plan = desk.import_from_partner_center(admin(), &file).unwrap();
    assert!(plan.refused.is_empty(), "{:?}", plan.refused);
    assert_eq!((plan.added.len(), plan.codes_added.len()), (2, 2));
    let contoso = desk
        .customer("eebd1b55-5360-4438-a11d-5c06918c3014")
        .unwrap();
    let edu = contoso.record(Qualification::Education).unwrap();
    assert_eq!(edu.vetting_status, Some(VettingStatus::Denied));
    assert_eq!(
        edu.vetting_reason,
        Some(VettingReason::NotAnEducationCustomer)
    );
    assert_eq!(contoso.requests_used(), RequestsUsed::AtLeast(1));
    let fabrikam = desk
        .customer("9d0b0cc6-2f4c-4b1e-8f3a-1e2d3c4b5a69")
        .unwrap();
    assert!(fabrikam.effective(today()).gcc && fabrikam.effective(today()).soe);
    // Approved GCC and SOE show no Education request: none counted, and not known.
    assert_eq!(fabrikam.requests_used(), RequestsUsed::AtLeast(0));
    assert_eq!(desk.partner.gcc_validation_codes.len(), 2);
}

#[test]
fn a_reimport_of_the_same_file_updates_nothing_and_duplicates_nothing() {
    let bytes = fixture("customers.json");
    let mut desk = Desk::default();
    let file = read_partner_center_file(&bytes).unwrap();
    desk.import_from_partner_center(admin(), &file).unwrap();
    let once = desk.clone();
    let plan = desk.plan_partner_center_import(&file, today());
    assert_eq!(
        (plan.added.len(), plan.updated.len(), plan.unchanged),
        (0, 0, 2)
    );
    assert!(!plan.changes_anything());
    desk.import_from_partner_center(admin(), &file).unwrap();
    assert_eq!(desk, once, "nothing changed, nothing audited");
}

#[test]
fn the_bare_array_maps_mixed_casing_and_lists_an_unreadable_customer() {
    let file = read_partner_center_file(&fixture("customers-bare.json")).unwrap();
    assert_eq!(file.customers.len(), 1);
    assert_eq!(file.unreadable.len(), 1);
    assert_eq!(
        file.unreadable[0].0,
        PartnerCenterRecord::CustomerAt { position: 2 }
    );
    let mut desk = Desk::default();
    let plan = desk.import_from_partner_center(admin(), &file).unwrap();
    assert_eq!(plan.added.len(), 1);
    assert!(matches!(
        plan.refused[0].problems[..],
        [PartnerCenterProblem::Unreadable(Unreadable::Shape { .. })]
    ));
    let c = &desk.customers[0];
    assert_eq!(c.primary_domain(), "northwindschool.onmicrosoft.com");
    assert_eq!(c.account.country, "SE");
    let edu = c.record(Qualification::Education).unwrap();
    assert_eq!(edu.vetting_reason, Some(VettingReason::NotAnAcademicDomain));
}

#[test]
fn customers_csv_with_bom_crlf_quoted_comma_other_order_and_a_broken_row() {
    let bytes = fixture("Customers.csv");
    assert!(bytes.starts_with(b"\xef\xbb\xbf") && bytes.windows(2).any(|w| w == b"\r\n"));
    let file = read_partner_center_file(&bytes).unwrap();
    assert_eq!(file.customers.len(), 2);
    assert_eq!(file.customers[1].company_name, "Tailspin Toys, Inc.");
    assert_eq!(file.customers[1].domain, "tailspin.onmicrosoft.com");
    assert_eq!(file.customers[1].csv_line, Some(3));
    assert_eq!(
        file.unreadable,
        vec![(
            PartnerCenterRecord::CsvLine { line: 4 },
            Unreadable::FieldCount {
                fields: 6,
                header: 5
            }
        )]
    );
    // On a desk that has Contoso University (same primary domain): its Microsoft ID is
    // recorded; Tailspin, not on the desk, has no address and is refused.
    let mut desk = gcc_desk(1);
    desk.create_customer(
        OperationContext::new(Role::SalesAgent, today()),
        new_education_customer("c1", "contosouniversity"),
    )
    .unwrap();
    let plan = desk.import_from_partner_center(admin(), &file).unwrap();
    assert_eq!(plan.updated.len(), 1);
    assert_eq!(
        desk.customer("c1").unwrap().microsoft_id.as_deref(),
        Some("eebd1b55-5360-4438-a11d-5c06918c3014")
    );
    let refused: Vec<_> = plan
        .refused
        .iter()
        .map(|r| (r.record.clone(), r.problems.clone()))
        .collect();
    assert_eq!(refused.len(), 2);
    assert_eq!(
        refused[1],
        (
            PartnerCenterRecord::CsvLine { line: 3 },
            vec![PartnerCenterProblem::NoAddress]
        )
    );
    // Then the API file: the CSV's customer is updated, not added again.
    let api = read_partner_center_file(&fixture("customers.json")).unwrap();
    let plan = desk.plan_partner_center_import(&api, today());
    assert_eq!(plan.updated[0].id, "c1");
    assert_eq!(plan.added.len(), 1);
}

#[test]
fn the_list_response_has_no_address() {
    let file = read_partner_center_file(&fixture("customer-list.json")).unwrap();
    assert_eq!(file.customers.len(), 1);
    assert_eq!(file.customers[0].account, None);
    let plan = Desk::default().plan_partner_center_import(&file, today());
    assert_eq!(
        plan.refused[0].problems,
        vec![PartnerCenterProblem::NoAddress]
    );
}

#[test]
fn hostile_files_are_refused_whole() {
    assert_eq!(
        read_partner_center_file(&fixture("hostile-deep.json")),
        Err(PartnerCenterFileError::TooDeep { max: MAX_DEPTH })
    );
    assert_eq!(
        read_partner_center_file(b"\xff\xfe\x00"),
        Err(PartnerCenterFileError::NotText)
    );
    assert_eq!(
        read_partner_center_file(b"\xef\xbb\xbf  \r\n"),
        Err(PartnerCenterFileError::Empty)
    );
    assert_eq!(
        read_partner_center_file(b"{\"customers\": [}"),
        Err(PartnerCenterFileError::NotJson {
            line: 1,
            column: 16
        })
    );
    assert_eq!(
        read_partner_center_file(b"{\"format\": \"segment-desk\"}"),
        Err(PartnerCenterFileError::NotPartnerCenter)
    );
    assert_eq!(
        read_partner_center_file(b"[1, 2]"),
        Ok(segment_desk::domain::PartnerCenterFile {
            unreadable: vec![
                (
                    PartnerCenterRecord::CustomerAt { position: 1 },
                    Unreadable::Shape {
                        parser: "invalid type: integer `1`, expected struct ApiCustomer at line 1 column 1"
                            .into()
                    }
                ),
                (
                    PartnerCenterRecord::CustomerAt { position: 2 },
                    Unreadable::Shape {
                        parser: "invalid type: integer `2`, expected struct ApiCustomer at line 1 column 1"
                            .into()
                    }
                ),
            ],
            ..Default::default()
        })
    );
    assert_eq!(
        read_partner_center_file(b"name,domain\nx,y\n"),
        Err(PartnerCenterFileError::ColumnMissing {
            column: "Microsoft ID"
        })
    );
    assert!(matches!(
        read_partner_center_file(&vec![b' '; 33 * 1024 * 1024]),
        Err(PartnerCenterFileError::TooLarge { .. })
    ));
}

#[test]
fn pending_requests_are_written_as_partner_center_request_bodies() {
    let mut desk = gcc_desk(1);
    let ctx = OperationContext::new(Role::SalesAgent, today());
    desk.create_customer(ctx, new_education_customer("e1", "school"))
        .unwrap();
    desk.create_customer(ctx, new_customer("g1", "agency"))
        .unwrap();
    desk.request_gcc(ctx, "g1", "123456").unwrap();
    desk.customers[1].microsoft_id = Some("t-g1".into());
    desk.create_customer(ctx, new_customer("s1", "stateco"))
        .unwrap();
    desk.request_soe(ctx, "s1", true).unwrap();
    let text = qualification_requests_file(&desk.pending_partner_center_requests(), today());
    let file: RequestsFile = serde_json::from_str(&text).unwrap();
    assert_eq!(file.requests.len(), 3);
    assert_eq!(file.requests[0].customer_tenant_id, None);
    assert_eq!(
        file.requests[0].body.education_segment,
        Some(EducationSegment::K12)
    );
    assert_eq!(file.requests[1].customer_tenant_id.as_deref(), Some("t-g1"));
    // The bodies exactly as Microsoft's samples write them: null values left out.
    let bodies: Vec<String> = file
        .requests
        .iter()
        .map(|r| serde_json::to_string(&r.body).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"qualification":"Education","educationSegment":"K12","website":"contoso.edu"}"#,
            r#"{"qualification":"GovernmentCommunityCloud","validationCode":"123456"}"#,
            r#"{"qualification":"StateOwnedEntity"}"#,
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_reader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(file) = read_partner_center_file(&bytes) {
            let _ = Desk::default().plan_partner_center_import(&file, today());
        }
    }

    #[test]
    fn the_reader_never_panics_on_mangled_fixtures(
        which in 0usize..3,
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let mut bytes = fixture(["customers.json", "Customers.csv", "customers-bare.json"][which]);
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Ok(file) = read_partner_center_file(&bytes) {
            let _ = Desk::default().plan_partner_center_import(&file, today());
        }
    }
}
