//! Properties of storage and of export/import over generated desks and arbitrary input:
//! export → import gives the same desk; a desk saved loads back equal; the import parser and the
//! stored-value decoder never panic, whatever the bytes. Bounded case counts: runs in seconds.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;

use segment_desk::domain::Desk;
use segment_desk::store::desk::{self, Revisions};
use segment_desk::store::exchange::{export, parse, preview};
use segment_desk::store::sample::sample_desk;
use segment_desk::store::{decode_stored, encode_stored, MemoryStore};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_desk(seed in any::<u64>(), customers in 0usize..25, subs in 0usize..4) {
        let desk = sample_desk(seed, customers, subs);
        let file = export(&desk, today());
        let p = preview(file.as_bytes(), &Desk::default()).expect("an export reads");
        prop_assert!(p.can_import(), "{:?}", p.rejected);
        prop_assert_eq!(&p.desk, &desk);
        // Importing over itself changes nothing.
        let again = preview(file.as_bytes(), &desk).unwrap();
        prop_assert!(again.added.is_empty() && again.changed.is_empty() && again.removed.is_empty());
    }

    #[test]
    fn a_desk_stored_loads_back_equal(seed in any::<u64>(), customers in 0usize..25, subs in 0usize..4) {
        let desk = sample_desk(seed, customers, subs);
        let kv = MemoryStore::new();
        desk::replace(&kv, &desk, None, &Default::default(), &mut Revisions::new()).unwrap();
        let loaded = desk::load(&kv);
        prop_assert!(loaded.problems.is_empty());
        prop_assert_eq!(loaded.desk, desk);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_import_parser_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        let _ = parse(&bytes);
    }

    #[test]
    fn the_import_parser_never_panics_on_a_damaged_export(cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = export(&sample_desk(5, 3, 2), today()).into_bytes();
        for (at, b) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = parse(&bytes);
    }

    #[test]
    fn the_stored_value_decoder_never_panics(s in "\\PC{0,200}", packed in proptest::collection::vec(0x1000u32..0x9000, 0..200), len in 0usize..500) {
        let _ = decode_stored(&s);
        let forged: String = format!("Z{len}:") + &packed.iter().filter_map(|&c| char::from_u32(c)).collect::<String>();
        let _ = decode_stored(&forged);
    }

    #[test]
    fn stored_values_round_trip(s in "\\PC{0,400}") {
        prop_assert_eq!(decode_stored(&encode_stored(&s)).unwrap(), s);
    }
}
