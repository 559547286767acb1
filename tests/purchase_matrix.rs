//! The purchase-rules matrix of docs/RULES.md (seed S2), row by row, against every segment.
#![cfg(not(target_arch = "wasm32"))]

use segment_desk::domain::*;
use segment_desk::test_support::{
    ctx, day, education_details, gcc_desk, new_customer, validation_code,
};

/// One row of the seed's table: the customer's qualifications and, per segment in the order
/// Commercial, Education, Nonprofit, GCC, whether it "can be sold". Transcribed by hand from
/// docs/RULES.md, not computed.
struct Row {
    name: &'static str,
    qualifications: &'static [Qualification],
    can_be_sold: [bool; 4],
}

use Qualification::{
    Education as E, GovernmentCommunityCloud as G, Nonprofit as N, StateOwnedEntity as S,
};

const ROWS: [Row; 8] = [
    Row {
        name: "Commercial (None)",
        qualifications: &[],
        can_be_sold: [true, false, false, false],
    },
    Row {
        name: "Nonprofit",
        qualifications: &[N],
        can_be_sold: [true, false, true, false],
    },
    Row {
        name: "Education",
        qualifications: &[E],
        can_be_sold: [true, true, false, false],
    },
    Row {
        name: "Nonprofit + Education",
        qualifications: &[N, E],
        can_be_sold: [true, true, true, false],
    },
    Row {
        name: "Government Community Cloud",
        qualifications: &[G],
        can_be_sold: [false, false, false, true],
    },
    Row {
        name: "State-owned entity",
        qualifications: &[S],
        can_be_sold: [true, false, false, false],
    },
    Row {
        name: "Education + State-owned entity",
        qualifications: &[E, S],
        can_be_sold: [true, true, false, false],
    },
    Row {
        name: "State-owned entity + Government Community Cloud",
        qualifications: &[S, G],
        can_be_sold: [false, false, false, true],
    },
];

const SEGMENTS: [Segment; 4] = [
    Segment::Commercial,
    Segment::Education,
    Segment::Nonprofit,
    Segment::GovernmentCommunityCloud,
];

#[test]
fn matrix_function_matches_every_row_and_segment() {
    for row in &ROWS {
        let allowed = purchasable_segments(QualificationSet::of(row.qualifications));
        for (i, segment) in SEGMENTS.into_iter().enumerate() {
            assert_eq!(
                allowed.contains(segment),
                row.can_be_sold[i],
                "{} / {segment:?}",
                row.name
            );
        }
    }
}

#[test]
fn allowed_qualification_sets_are_exactly_the_rows() {
    let rows: Vec<QualificationSet> = ROWS
        .iter()
        .map(|r| QualificationSet::of(r.qualifications))
        .collect();
    let mut sorted_rows = rows.clone();
    sorted_rows.sort_by_key(|s| format!("{s:?}"));
    let mut allowed = ALLOWED_SETS.to_vec();
    allowed.sort_by_key(|s| format!("{s:?}"));
    assert_eq!(sorted_rows, allowed);
    for bits in 0u8..16 {
        let set = QualificationSet {
            education: bits & 1 != 0,
            nonprofit: bits & 2 != 0,
            gcc: bits & 4 != 0,
            soe: bits & 8 != 0,
        };
        assert_eq!(set.is_matrix_row(), rows.contains(&set), "{set:?}");
    }
}

/// A desk whose partner may sell every segment, with one customer per row, each brought to
/// its qualifications through the desk's own operations (requests, simulated review,
/// nonprofit programme).
fn desk_with_a_customer_per_row() -> Desk {
    let gov = Role::GlobalAdmin;
    let mut desk = gcc_desk(5);
    // Every GCC environment: GCC Moderate, and GCC High and DoD (docs/RULES.md §4).
    desk.set_reseller_qualifications(
        ctx(gov, day(2025, 3, 1)),
        vec![
            ResellerQualification::GccModerate,
            ResellerQualification::GccHighAndDoD,
        ],
    )
    .unwrap();
    for (i, row) in ROWS.iter().enumerate() {
        let id = format!("row{i}");
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 2)),
            new_customer(&id, &id),
        )
        .unwrap();
        for &q in row.qualifications {
            match q {
                E => {
                    let details = EducationDetails {
                        segment: Some(EducationSegment::HigherEducation),
                        website: "contoso.edu".into(),
                    };
                    desk.request_education(ctx(Role::SalesAgent, day(2025, 3, 3)), &id, details)
                        .unwrap();
                    desk.approve_education(ctx(gov, day(2025, 3, 4)), &id)
                        .unwrap();
                }
                N => desk
                    .register_nonprofit(ctx(gov, day(2025, 3, 3)), &id)
                    .unwrap(),
                G => desk
                    .request_gcc(ctx(Role::AdminAgent, day(2025, 3, 3)), &id, "123456")
                    .unwrap(),
                S => desk
                    .request_soe(ctx(Role::AdminAgent, day(2025, 3, 3)), &id, true)
                    .unwrap(),
                Qualification::None => unreachable!(),
            }
        }
        assert_eq!(
            desk.customer(&id).unwrap().held(),
            QualificationSet::of(row.qualifications),
            "{}",
            row.name
        );
    }
    desk
}

#[test]
fn every_catalog_offer_follows_the_row_of_its_customer() {
    let desk = desk_with_a_customer_per_row();
    let catalog = Catalog::sample();
    for (i, row) in ROWS.iter().enumerate() {
        for segment in SEGMENTS {
            let expected = row.can_be_sold[SEGMENTS.iter().position(|s| *s == segment).unwrap()];
            let offers: Vec<&Offer> = catalog
                .offers
                .iter()
                .filter(|o| o.segment == segment)
                .collect();
            assert!(!offers.is_empty());
            for offer in offers {
                let decision = desk.eligibility(&format!("row{i}"), offer, day(2025, 3, 5));
                assert_eq!(
                    decision.is_allowed(),
                    expected,
                    "{} / {} ({segment:?}): {decision:?}",
                    row.name,
                    offer.id
                );
                if !expected {
                    assert!(
                        matches!(decision.reasons(), [Reason::SegmentNotAllowedForQualifications { segment: s, .. }] if *s == segment),
                        "{} / {}: {decision:?}",
                        row.name,
                        offer.id
                    );
                }
            }
        }
    }
}

#[test]
fn rows_reached_in_either_order() {
    // SOE + GCC from SOE first, Education + SOE from SOE first, Nonprofit + Education from
    // Nonprofit first: the matrix is about the set, not the order.
    let mut desk = Desk::new(PartnerProfile {
        reseller_qualifications: vec![ResellerQualification::GccHighAndDoD],
        ..PartnerProfile::default()
    });
    desk.add_gcc_validation_code(
        ctx(Role::GlobalAdmin, day(2025, 3, 1)),
        validation_code("7", 1, 1),
    )
    .unwrap();
    for id in ["a", "b", "c"] {
        desk.create_customer(ctx(Role::SalesAgent, day(2025, 3, 1)), new_customer(id, id))
            .unwrap();
    }
    desk.request_soe(ctx(Role::SalesAgent, day(2025, 3, 2)), "a", true)
        .unwrap();
    desk.request_gcc(ctx(Role::SalesAgent, day(2025, 3, 2)), "a", "7")
        .unwrap();
    desk.request_soe(ctx(Role::SalesAgent, day(2025, 3, 2)), "b", true)
        .unwrap();
    let details = education_details();
    desk.request_education(ctx(Role::SalesAgent, day(2025, 3, 2)), "b", details.clone())
        .unwrap();
    desk.register_nonprofit(ctx(Role::SalesAgent, day(2025, 3, 2)), "c")
        .unwrap();
    desk.request_education(ctx(Role::SalesAgent, day(2025, 3, 2)), "c", details)
        .unwrap();
    assert_eq!(
        desk.customer("a").unwrap().held(),
        QualificationSet::of(&[S, G])
    );
    assert_eq!(
        desk.customer("b").unwrap().held(),
        QualificationSet::of(&[S, E])
    );
    assert_eq!(
        desk.customer("c").unwrap().held(),
        QualificationSet::of(&[N, E])
    );
}

#[test]
fn combinations_outside_the_matrix_are_refused_with_the_reason() {
    let gov = Role::GlobalAdmin;
    let mut desk = desk_with_a_customer_per_row();
    // Education customer (row 2) asking for GCC; Nonprofit (row 1) asking for SOE; GCC (row 4)
    // registering as nonprofit; SOE + GCC (row 7) asking for Education.
    let e_gcc = desk
        .request_gcc(ctx(Role::SalesAgent, day(2025, 3, 6)), "row2", "123456")
        .unwrap_err();
    assert_eq!(
        e_gcc,
        vec![Reason::QualificationSetNotAllowed {
            current: QualificationSet::of(&[E]),
            requested: G,
            resulting: QualificationSet::of(&[E, G])
        }]
    );
    let n_soe = desk
        .request_soe(ctx(Role::SalesAgent, day(2025, 3, 6)), "row1", true)
        .unwrap_err();
    assert!(matches!(
        &n_soe[..],
        [Reason::QualificationSetNotAllowed { requested: S, .. }]
    ));
    let g_n = desk
        .register_nonprofit(ctx(gov, day(2025, 3, 6)), "row4")
        .unwrap_err();
    assert!(matches!(
        &g_n[..],
        [Reason::QualificationSetNotAllowed { requested: N, .. }]
    ));
    let details = education_details();
    let sg_e = desk
        .request_education(ctx(Role::SalesAgent, day(2025, 3, 6)), "row7", details)
        .unwrap_err();
    assert!(matches!(
        &sg_e[..],
        [Reason::QualificationSetNotAllowed { requested: E, .. }]
    ));
}
