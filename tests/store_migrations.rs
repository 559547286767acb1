//! Every schema version the app ever wrote has a frozen fixture (tests/fixtures/schema-N.json, a
//! map of localStorage keys to values exactly as that version wrote them) and a tested path to
//! the current schema. The desk they hold is frozen too, in the export format
//! (tests/fixtures/desk-export-1.json), so a later change to the sample generator cannot move
//! the goalposts.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use segment_desk::domain::Desk;
use segment_desk::store::desk::{self, LoadProblem, SCHEMA_KEY, SCHEMA_VERSION};
use segment_desk::store::exchange;
use segment_desk::store::{KeyValueStore, MemoryStore};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn store_from(name: &str) -> MemoryStore {
    let map: BTreeMap<String, String> =
        serde_json::from_str(&fixture(name)).expect("a key → value map");
    let kv = MemoryStore::new();
    for (k, v) in map {
        kv.set(&k, &v).unwrap();
    }
    kv
}

fn expected_desk() -> Desk {
    let (desk, rejected) =
        exchange::parse(fixture("desk-export-1.json").as_bytes()).expect("the frozen export reads");
    assert!(rejected.is_empty(), "{rejected:?}");
    desk
}

#[test]
fn schema_1_is_migrated_to_the_current_schema() {
    let kv = store_from("schema-1.json");
    let loaded = desk::load(&kv);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.writable);
    assert_eq!(loaded.desk, expected_desk());
    assert_eq!(kv.get(SCHEMA_KEY), Some(SCHEMA_VERSION.to_string()));
    let left: Vec<String> = kv
        .keys()
        .into_iter()
        .filter(|k| k.starts_with("segment-desk/customer/") || k.starts_with("segment-desk/audit/"))
        .collect();
    assert!(left.is_empty(), "schema-1 keys left behind: {left:?}");
    // And it loads the same a second time, from the new layout.
    assert_eq!(desk::load(&kv).desk, expected_desk());
}

#[test]
fn schema_1_with_a_broken_record_migrates_the_rest_and_keeps_the_broken_one() {
    let kv = store_from("schema-1.json");
    kv.set("segment-desk/customer/broken", "{\"id\": 7")
        .unwrap();
    let loaded = desk::load(&kv);
    assert_eq!(loaded.desk, expected_desk());
    assert!(
        matches!(&loaded.problems[..], [LoadProblem::Unreadable { key, .. }] if key == "segment-desk/customer/broken")
    );
    assert_eq!(
        kv.get("segment-desk/quarantine/segment-desk/customer/broken")
            .as_deref(),
        Some("{\"id\": 7")
    );
}

#[test]
fn schema_2_is_migrated_to_the_current_schema() {
    let kv = store_from("schema-2.json");
    let loaded = desk::load(&kv);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.writable);
    assert_eq!(loaded.desk, expected_desk());
    assert_eq!(kv.get(SCHEMA_KEY), Some(SCHEMA_VERSION.to_string()));
    // Every record now sits in the bucket its id hashes to.
    for key in kv.keys() {
        let bucket_of: fn(&str) -> String = if key.starts_with(desk::CUSTOMER_BUCKET_PREFIX) {
            desk::customer_bucket
        } else if key.starts_with(desk::SUBSCRIPTION_BUCKET_PREFIX) {
            desk::subscription_bucket
        } else {
            continue;
        };
        let json = segment_desk::store::codec::decode(&kv.get(&key).unwrap()).unwrap();
        let bucket: BTreeMap<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert!(bucket.keys().all(|id| bucket_of(id) == key), "{key}");
    }
    assert_eq!(desk::load(&kv).desk, expected_desk());
}

#[test]
fn schema_3_loads_as_is() {
    let kv = store_from("schema-3.json");
    let before = kv.keys();
    let loaded = desk::load(&kv);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.desk, expected_desk());
    assert_eq!(kv.keys(), before);
}

#[test]
fn every_schema_version_up_to_the_current_one_has_a_fixture() {
    for version in 1..=SCHEMA_VERSION {
        let kv = store_from(&format!("schema-{version}.json"));
        assert_eq!(kv.get(SCHEMA_KEY), Some(version.to_string()));
    }
}

/// Writes the fixtures of the CURRENT schema. Run once when a schema is introduced
/// (`cargo test --test store_migrations -- --ignored write_fixtures`), then never again: the
/// files are frozen.
#[test]
#[ignore]
fn write_fixtures() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let desk = expected_desk();
    let kv = MemoryStore::new();
    desk::replace(
        &kv,
        &desk,
        None,
        &Default::default(),
        &mut Default::default(),
    )
    .unwrap();
    let map: BTreeMap<String, String> = kv
        .keys()
        .into_iter()
        .map(|k| (k.clone(), kv.get(&k).unwrap()))
        .collect();
    std::fs::write(
        format!("{dir}/schema-{SCHEMA_VERSION}.json"),
        serde_json::to_string_pretty(&map).unwrap(),
    )
    .unwrap();
}
