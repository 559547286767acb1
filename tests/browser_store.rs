//! The store against the real `localStorage` of headless Chromium: packed values survive it
//! exactly, a full quota refuses a save and leaves every key as it was, and the desk saved there
//! loads back equal; the app reading it at start draws the customers list once while the rest
//! of the desk arrives; and the team desk's requests and bookkeeping work in the browser.
//! (Flows through the UI are in tests/e2e/data.spec.js and tests/e2e/team-desk.spec.js.)
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
    desk::replace(
        &kv,
        &generated,
        None,
        &Default::default(),
        &mut Revisions::default(),
    )
    .unwrap();
    let loaded = desk::load(&kv);
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.desk, generated);
}

#[wasm_bindgen_test]
fn a_full_quota_refuses_the_save_and_changes_no_key() {
    let kv = clear();
    let mut revs = Revisions::default();
    let first = sample_desk(4, 10, 1);
    desk::replace(&kv, &first, None, &Default::default(), &mut revs).unwrap();
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
        desk::replace(&kv, &bigger, None, &first, &mut revs),
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

#[wasm_bindgen_test]
fn a_backup_replaces_the_desk_in_a_nearly_full_local_storage() {
    let kv = clear();
    let mut revs = Revisions::default();
    let stored = sample_desk(6, 300, 3);
    desk::replace(&kv, &stored, None, &Default::default(), &mut revs).unwrap();
    // Leave free about a tenth of what the desk takes: no room for a copy of it.
    let room = desk::usage(&kv).desk / 10;
    let mut chunk = "x".repeat(1 << 20);
    let mut n = 0;
    while chunk.len() > room {
        if kv.set(&format!("filler-{n}"), &chunk).is_ok() {
            n += 1;
        } else {
            chunk.truncate(chunk.len() / 2);
        }
    }
    let mut backup = stored.clone();
    backup.customers[0].account.city = "Lund".into();
    desk::replace(&kv, &backup, None, &stored, &mut revs).unwrap();
    assert_eq!(desk::load(&kv).desk, backup);
    clear();
}

/// Mounts the app into a container of its own and lets it render.
async fn mount_app() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl leptos::prelude::Mountable>,
) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), segment_desk::App);
    for _ in 0..5 {
        leptos::task::tick().await;
    }
    (container, handle)
}

/// Waits a real `ms` milliseconds: for work the app spreads over later tasks.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// How many measures named `name` the page has recorded (src/ui/perf.rs).
fn measures(name: &str) -> u32 {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance.get_entries_by_name(name).length()
}

/// Waits until the page has recorded the measure `name`, at most about five seconds.
async fn measured(name: &str) {
    for _ in 0..500 {
        if measures(name) > 0 {
            return;
        }
        sleep(10).await;
    }
}

#[wasm_bindgen_test]
async fn the_customers_list_builds_its_rows_once_while_the_rest_of_the_desk_arrives() {
    let kv = clear();
    desk::replace(
        &kv,
        &sample_desk(7, 300, 3),
        None,
        &Default::default(),
        &mut Revisions::default(),
    )
    .unwrap();
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/customers"))
        .unwrap();
    let performance = window.performance().unwrap();
    performance.clear_measures();

    let (container, handle) = mount_app().await;
    // Start-up reads the customers first, draws the list, and reads the subscriptions (with the
    // newest audit chunk) in later tasks; the rest of the log only when a page shows it.
    measured("sd:desk-load-records").await;
    assert_eq!(
        measures("sd:desk-load-records"),
        1,
        "the subscriptions were read"
    );
    sleep(50).await; // what the last step woke has run
    assert_eq!(
        measures("sd:desk-load-rest"),
        0,
        "the log is left until it is shown"
    );
    assert_eq!(
        container
            .query_selector_all("[data-testid='customer-row']")
            .unwrap()
            .length(),
        25
    );
    assert_eq!(
        measures("sd:customer-rows"),
        1,
        "the 300 rows were built once, not again when the subscriptions arrived"
    );

    // The Audit log page asks for the rest of the log, and shows the newest entry once read.
    use wasm_bindgen::JsCast;
    let link: web_sys::HtmlElement = container
        .query_selector("a[href$='/audit-log']")
        .unwrap()
        .expect("the Audit log link")
        .unchecked_into();
    link.click();
    measured("sd:desk-load-log").await;
    assert_eq!(measures("sd:desk-load-rest"), 1, "the whole desk is read");
    sleep(50).await;
    let logged = desk::load(&kv).desk.audit.len();
    let rows = container
        .query_selector_all("[data-testid='audit-row']")
        .unwrap();
    // More than the newest chunk holds (read with the subscriptions): the whole log is there.
    assert!(
        logged % 256 < 200 && logged > 256,
        "the sample's log: {logged} entries"
    );
    assert_eq!(rows.length(), 200, "the newest 200 of {logged} entries");
    let first: web_sys::Element = rows.get(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("data-seq"), Some(logged.to_string()));
    assert!(
        container.query_selector(".audit-more").unwrap().is_some(),
        "more to show"
    );

    drop(handle);
    container.remove();
    clear();
}

/// The team desk's one `fetch` (ui::team_desk::http), against the test runner's own server: a
/// status and body read whole, an error status given as it is, and a server that does not
/// answer as `Unreachable` (the changes then wait; nothing is lost).
#[wasm_bindgen_test]
async fn the_team_desks_requests_read_the_answer_or_say_the_server_is_unreachable() {
    use segment_desk::ui::team_desk::http::{request, Unreachable};
    let page = request("GET", "/", None).await.expect("the runner's page");
    assert!(page.ok(), "{}", page.status);
    assert!(page.body.contains("<"), "the page's HTML: {}", page.body);
    let missing = request("POST", "/segment-desk-no-such-file", Some("{}"))
        .await
        .expect("an answer");
    assert!(!missing.ok());
    assert!(missing.status >= 400, "{}", missing.status);
    // Port 9 (discard) is closed here: no server answers.
    assert_eq!(
        request("GET", "http://127.0.0.1:9/desk", None).await,
        Err(Unreachable)
    );
}

/// The replica's bookkeeping survives `localStorage` (packed as the desk's buckets are).
#[wasm_bindgen_test]
fn the_team_desks_replica_is_kept_in_local_storage() {
    use segment_desk::store::team::{self, Replica};
    let kv = clear();
    let mut replica = Replica::upload("/couchdb/desk", &sample_desk(3, 30, 2), false, || {
        segment_desk::ui::ids::new_id()
    });
    replica.user = "ada".into();
    team::save(&kv, &replica).unwrap();
    assert_eq!(team::load(&kv), Some(replica));
    team::forget(&kv);
    assert_eq!(team::load(&kv), None);
}
