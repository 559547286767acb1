//! The store against the real `localStorage` of headless Chromium: packed values survive it
//! exactly, a full quota refuses a save and leaves every key as it was, and the desk saved there
//! loads back equal. (Flows through the UI are in tests/e2e/data.spec.js.)
#![cfg(target_arch = "wasm32")]

use segment_desk::store::desk::{self, Revisions};
use segment_desk::store::sample::sample_desk;
use segment_desk::store::{decode_stored, encode_stored, BrowserStore, KeyValueStore, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() -> BrowserStore {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    BrowserStore::open().expect("localStorage is there")
}

fn snapshot(kv: &BrowserStore) -> Vec<(String, Option<String>)> {
    let mut keys = kv.keys();
    keys.sort();
    keys.into_iter().map(|k| (k.clone(), kv.get(&k))).collect()
}

#[wasm_bindgen_test]
fn packed_values_survive_local_storage_exactly() {
    let kv = clear();
    let json = serde_json::to_string(&sample_desk(1, 20, 2)).unwrap();
    let packed = encode_stored(&json);
    kv.set("segment-desk/c/00", &packed).unwrap();
    let back = kv.get("segment-desk/c/00").unwrap();
    assert_eq!(back, packed);
    assert_eq!(decode_stored(&back).unwrap(), json);
}

#[wasm_bindgen_test]
fn a_desk_saved_in_local_storage_loads_back_equal() {
    let kv = clear();
    let generated = sample_desk(9, 50, 3);
    desk::replace(&kv, &generated, None, &mut Revisions::new()).unwrap();
    let loaded = desk::load(&kv);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.desk, generated);
}

#[wasm_bindgen_test]
fn a_full_quota_refuses_the_save_and_changes_no_key() {
    let kv = clear();
    let mut revs = Revisions::new();
    let first = sample_desk(4, 10, 1);
    desk::replace(&kv, &first, None, &mut revs).unwrap();
    // Fill the quota with a foreign key, to the last characters.
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while !chunk.is_empty() {
        if kv.set(&format!("filler-{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let before = snapshot(&kv);
    let bigger = sample_desk(5, 200, 3);
    assert_eq!(
        desk::replace(&kv, &bigger, None, &mut revs),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(snapshot(&kv), before);
    assert_eq!(desk::load(&kv).desk, first);
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}
