//! The domain benchmarks in WebAssembly, in headless Chromium, where the budgets apply
//! (docs/PERFORMANCE.md): every offer for one customer ≤ 1 ms; 3,000,000 customer × offer
//! decisions ≤ 100 ms. Same workload as `benches/domain.rs` (`benches/common`). Also the whole
//! desk's read and save on that workload, in parts (`wasm.store.*`), which the browser figures
//! of `make bench` do not show. Not part of `make test`; run it in release, as the app ships,
//! with more than the runner's default 20 s for all the tests of a page:
//!
//! ```text
//! WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release \
//!     --target wasm32-unknown-unknown --test bench_wasm
//! ```
//!
//! Each measurement prints one line to the runner's output, e.g.
//! `BENCH {"id":"wasm.every_offer_one_customer","median_ms":0.123,"runs":15}`: the median
//! time of one operation over `runs` timed runs. `performance.now()` is coarse in a browser
//! (tens of microseconds or more), so a run of a short operation repeats it enough times to
//! last about 20 ms and is divided back. Nothing asserts a time; the counts each operation
//! returns are checked, so work optimized away fails the test.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::sync::OnceLock;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of the page (milliseconds, sub-millisecond precision).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The workload, generated once for every test of this file (and its counts checked).
fn fixture() -> &'static common::Fixture {
    static FIXTURE: OnceLock<common::Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let f = common::fixture();
        common::check_counts(&f);
        f
    })
}

/// A short operation is repeated this long per timed run.
const RUN_MS: f64 = 20.0;

/// Times `op` over `runs` runs after one warm-up run and prints its `BENCH` line. Each run
/// repeats `op` as many times as needed to last about [`RUN_MS`]; `op`'s count is checked
/// against `expected` every time.
fn measure(id: &str, runs: usize, expected: usize, op: impl Fn() -> usize) {
    let check = |count: usize| assert_eq!(count, expected, "{id}: the work was not all done");
    // Warm-up, and how many repetitions make a run of RUN_MS.
    let start = performance_now();
    check(black_box(op()));
    let once = (performance_now() - start).max(0.001);
    let repeat = ((RUN_MS / once).ceil() as usize).clamp(1, 1_000_000);
    let per_op: Vec<f64> = (0..runs)
        .map(|_| {
            let start = performance_now();
            let mut total = 0;
            for _ in 0..repeat {
                total += black_box(op());
            }
            let elapsed = performance_now() - start;
            check(total / repeat);
            assert_eq!(total % repeat, 0);
            elapsed / repeat as f64
        })
        .collect();
    print_median(id, per_op);
}

/// One part of a whole, for [`measure_in_turns`]: its figure's id, and one timed run of it
/// (milliseconds).
struct Part<'a> {
    id: &'static str,
    run: Box<dyn Fn() -> f64 + 'a>,
}

/// A [`Part`] that times `op` on what `setup` made for it (untimed), for an operation that uses
/// its input up; `count` of what `op` returns must equal `expected`, and what it returns is
/// dropped after the clock stops.
fn part<'a, S, R>(
    id: &'static str,
    expected: usize,
    setup: impl Fn() -> S + 'a,
    op: impl Fn(S) -> R + 'a,
    count: impl Fn(&R) -> usize + 'a,
) -> Part<'a> {
    let run = move || {
        let input = setup();
        let start = performance_now();
        let output = black_box(op(input));
        let elapsed = performance_now() - start;
        assert_eq!(count(&output), expected, "{id}: the work was not all done");
        elapsed
    };
    Part {
        id,
        run: Box::new(run),
    }
}

/// Runs `parts` in turns, one run of each per round for `rounds` rounds, and prints each one's
/// `BENCH` line. The parts of one whole are compared with each other and with the whole, so
/// they share the rounds: a slower stretch of the machine falls on all of them alike, where
/// measured one after another their medians can add up to more than the whole.
async fn measure_in_turns(rounds: usize, parts: &[Part<'_>]) {
    let mut times = vec![Vec::with_capacity(rounds); parts.len()];
    for _ in 0..rounds {
        for (part, times) in parts.iter().zip(&mut times) {
            times.push((part.run)());
        }
        yield_to_browser().await;
    }
    for (part, times) in parts.iter().zip(times) {
        print_median(part.id, times);
    }
}

/// Prints the `BENCH` line of figure `id`: the median of `per_op` (milliseconds).
fn print_median(id: &str, mut per_op: Vec<f64>) {
    per_op.sort_by(f64::total_cmp);
    let runs = per_op.len();
    let median = if runs % 2 == 1 {
        per_op[runs / 2]
    } else {
        (per_op[runs / 2 - 1] + per_op[runs / 2]) / 2.0
    };
    print_line(&format!(
        r#"BENCH {{"id":"{id}","median_ms":{median:.6},"runs":{runs}}}"#
    ));
}

/// Lets the page answer the test runner's polls between long measurements: a poll waits while
/// the page is busy, and the waiting counts against `WASM_BINDGEN_TEST_TIMEOUT`.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("the tests run in a page");
        let _ = window.set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Appends `line` to the test runner's output (the page's `#output`, which the headless
/// runner copies to its stdout, for passing tests too); `console.log` where there is none.
fn print_line(line: &str) {
    let output = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("output"));
    match output {
        Some(node) => {
            let mut text = node.text_content().unwrap_or_default();
            text.push_str(line);
            text.push('\n');
            node.set_text_content(Some(&text));
        }
        None => console_log!("{line}"),
    }
}

#[wasm_bindgen_test]
fn every_offer_one_customer() {
    let f = fixture();
    let expected = common::every_offer_one_customer(f);
    measure("wasm.every_offer_one_customer", 15, expected, || {
        common::every_offer_one_customer(black_box(f))
    });
}

#[wasm_bindgen_test]
fn every_customer_every_offer() {
    let f = fixture();
    let expected = common::every_customer_every_offer(f);
    measure("wasm.every_customer_every_offer", 5, expected, || {
        common::every_customer_every_offer(black_box(f))
    });
}

#[wasm_bindgen_test]
fn cart_check_20_lines() {
    let f = fixture();
    let expected = common::cart_check_20_lines(f);
    measure("wasm.cart_check_20_lines", 15, expected, || {
        common::cart_check_20_lines(black_box(f))
    });
}

#[wasm_bindgen_test]
fn validate_form() {
    let f = fixture();
    measure("wasm.validate_form", 15, 1, || {
        common::validate_form(black_box(f))
    });
}

/// The whole desk's read and save, in parts, on the fixture's desk (10,000 customers, 30,000
/// subscriptions, their audit log) stored as the app stores it: what the browser figures
/// "navigation → whole desk read" and "import after a reset" are made of. A [`MemoryStore`]
/// stands in for `localStorage`, so no part here counts the browser's own `getItem`/`setItem`.
#[wasm_bindgen_test]
async fn whole_desk_read_and_save_in_parts() {
    use segment_desk::domain::{AuditEntry, Subscription};
    use segment_desk::store::desk::{
        load_first, replace, Loaded, RestRead, Revisions, Stored, AUDIT_CHUNK_PREFIX,
        SUBSCRIPTION_BUCKET_PREFIX,
    };
    use segment_desk::store::{decode_stored, encode_stored, KeyValueStore, MemoryStore};
    use std::collections::BTreeMap;

    let desk = &fixture().desk;
    let empty = segment_desk::domain::Desk::new(segment_desk::domain::PartnerProfile::default());
    let save_after_reset = || {
        let kv = MemoryStore::new();
        replace(&kv, desk, None, &empty, &mut Revisions::default()).expect("the desk fits");
        kv
    };
    let kv = save_after_reset();
    let keys = kv.keys();

    // Every stored value as JSON, then the parts of the read, and of the save, each in turns.
    let json: Vec<(String, String)> = keys
        .iter()
        .filter_map(|k| Some((k.clone(), decode_stored(&kv.get(k)?).ok()?)))
        .collect();
    let rest = |prefix: &str| -> Vec<&str> {
        json.iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, j)| j.as_str())
            .collect()
    };
    let (subscription_buckets, audit_chunks) =
        (rest(SUBSCRIPTION_BUCKET_PREFIX), rest(AUDIT_CHUNK_PREFIX));
    let (subscriptions, entries) = (desk.subscriptions.len(), desk.audit.len());
    let stored = |prefix: &str| -> Vec<String> {
        keys.iter()
            .filter(|k| k.starts_with(prefix))
            .filter_map(|k| kv.get(k))
            .collect()
    };
    let stored_subscriptions = stored(SUBSCRIPTION_BUCKET_PREFIX);
    let stored_audit = stored(AUDIT_CHUNK_PREFIX);
    /// The shape the store's read takes every bucket in (`load_bucket`'s fast path).
    type Parsed<T> = Vec<BTreeMap<String, Stored<T>>>;
    fn parse<T: serde::de::DeserializeOwned>(buckets: &[&str]) -> Parsed<T> {
        buckets
            .iter()
            .filter_map(|j| serde_json::from_str(j).ok())
            .collect()
    }
    fn records<T>(parsed: &Parsed<T>) -> usize {
        parsed.iter().map(BTreeMap::len).sum()
    }
    fn inflate(values: &[String]) -> Vec<String> {
        values
            .iter()
            .filter_map(|v| decode_stored(v).ok())
            .collect()
    }
    // The read after the first paint, `steps` steps in (not timed).
    let read_steps = |steps: usize| {
        let mut loaded = load_first(&kv);
        let mut read = loaded.rest.take().expect("the rest is left to read");
        for _ in 0..steps {
            read.step(&kv);
        }
        (loaded, read)
    };
    // Its first part: the subscription buckets, then the step that puts them in their stored
    // creation order; then the records are handed to the desk, with the newest audit chunk.
    let record_steps = stored_subscriptions.len() + 1;
    let read_records = |(mut loaded, mut read): (Loaded, RestRead)| {
        while !read.records_ready() {
            read.step(&kv);
        }
        assert!(read.take_records(&kv, &mut loaded.desk, &mut loaded.revisions));
        (loaded, read)
    };
    let records_read = |(loaded, read): &(Loaded, RestRead)| {
        assert!(loaded.desk.audit_unread > 0, "before the log");
        read.progress().0 + loaded.desk.subscriptions.len()
    };
    // Each part returns what it made; freeing that is left out of its time.
    let parts = [
        part(
            "wasm.store.read_first",
            desk.customers.len(),
            || (),
            |()| load_first(&kv),
            |loaded| loaded.desk.customers.len(),
        ),
        part(
            "wasm.store.rest_records",
            // The newest chunk, read with the hand-over, counts as a step too.
            record_steps + 1 + subscriptions,
            || read_steps(0),
            read_records,
            records_read,
        ),
        part(
            "wasm.store.inflate_subscriptions",
            stored_subscriptions.len(),
            || (),
            |()| inflate(&stored_subscriptions),
            Vec::len,
        ),
        part(
            "wasm.store.parse_subscriptions",
            subscriptions,
            || (),
            |()| parse::<Subscription>(&subscription_buckets),
            records,
        ),
        part(
            "wasm.store.rest_order_step",
            record_steps,
            || read_steps(record_steps - 1),
            |(loaded, mut read)| {
                read.step(&kv);
                assert!(
                    read.records_ready(),
                    "every subscription has its creation stored"
                );
                (loaded, read)
            },
            |(_, read)| read.progress().0,
        ),
        part(
            "wasm.store.rest_audit",
            subscriptions + entries,
            || read_records(read_steps(0)),
            |(mut loaded, read)| {
                read.finish(&kv, &mut loaded.desk, &mut loaded.revisions);
                loaded
            },
            |loaded| loaded.desk.subscriptions.len() + loaded.desk.audit.len(),
        ),
        part(
            "wasm.store.inflate_audit",
            stored_audit.len(),
            || (),
            |()| inflate(&stored_audit),
            Vec::len,
        ),
        part(
            "wasm.store.parse_audit",
            entries,
            || (),
            |()| parse::<AuditEntry>(&audit_chunks),
            records,
        ),
    ];
    yield_to_browser().await;
    measure_in_turns(5, &parts).await;
    // The save, and its deflating on its own.
    let parts = [
        part(
            "wasm.store.save_after_reset",
            keys.len(),
            || (),
            |()| save_after_reset(),
            |kv| kv.keys().len(),
        ),
        part(
            "wasm.store.deflate_all",
            json.len(),
            || (),
            |()| -> Vec<String> { json.iter().map(|(_, j)| encode_stored(j)).collect() },
            Vec::len,
        ),
    ];
    yield_to_browser().await;
    measure_in_turns(3, &parts).await;
}
