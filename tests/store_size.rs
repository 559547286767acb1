//! Scale: 10,000 customers and 30,000 subscriptions, with the audit entries that created them,
//! must fit in Chromium's `localStorage` quota (10 MiB per origin counted in UTF-16, i.e.
//! 5,242,880 code units) with room to spare. Measures the stored layout exactly as the app
//! writes it. `cargo test --release --test store_size -- --nocapture` prints the numbers.
#![cfg(not(target_arch = "wasm32"))]

use segment_desk::store::desk::{self, usage, Revisions, QUOTA_UNITS};
use segment_desk::store::exchange::export;
use segment_desk::store::sample::sample_desk;
use segment_desk::store::{KeyValueStore, MemoryStore};

#[test]
fn ten_thousand_customers_and_thirty_thousand_subscriptions_fit_the_quota() {
    let generated = sample_desk(2026, 10_000, 3);
    assert_eq!(generated.subscriptions.len(), 30_000);
    let kv = MemoryStore::new();
    desk::replace(
        &kv,
        &generated,
        None,
        &Default::default(),
        &mut Revisions::default(),
    )
    .expect("fits");
    let used = usage(&kv);
    let json_units: usize = serde_json::to_string(&generated).unwrap().len();
    let export_bytes = export(
        &generated,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    )
    .len();
    println!(
        "10,000 customers, 30,000 subscriptions, {} audit entries: {} keys, {} UTF-16 units stored \
         ({:.1}% of the {} quota); plain JSON would be {} units; export file {} bytes",
        generated.audit.len(),
        kv.keys().len(),
        used.desk,
        100.0 * used.desk as f64 / QUOTA_UNITS as f64,
        QUOTA_UNITS,
        json_units,
        export_bytes
    );
    assert!(
        used.desk < QUOTA_UNITS * 8 / 10,
        "stored desk takes {} of {QUOTA_UNITS} units",
        used.desk
    );
    // And it reads back whole.
    assert_eq!(desk::load(&kv).desk, generated);
}
