//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts, navigation changes
//! the page, and the language choice changes the text and is read back from localStorage.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use segment_desk::i18n::*;
use segment_desk::store::preferences::LOCALE_KEY;
use segment_desk::ui::plural::{self, Counted, Plural};
use segment_desk::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts a fresh App into its own container and lets it render.
async fn mount_app() -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    let container: web_sys::HtmlElement =
        document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), App);
    settle().await;
    (container, handle)
}

/// Lets effects, the router's redirect and re-renders run.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

fn heading(container: &web_sys::HtmlElement) -> String {
    container
        .query_selector("h1")
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn nav_link(container: &web_sys::HtmlElement, href_end: &str) -> web_sys::HtmlElement {
    container
        .query_selector(&format!("nav a[href$='{href_end}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no nav link to {href_end}"))
        .unchecked_into()
}

fn choose(select: &web_sys::HtmlSelectElement, value: &str) {
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn app_mounts_navigates_and_keeps_the_language() {
    local_storage().remove_item(LOCALE_KEY).unwrap();
    let (container, handle) = mount_app().await;

    // Mounted in English, on the Customers page (the root redirects there).
    assert_eq!(heading(&container), "Customers");
    assert!(
        container.query_selector("header nav").unwrap().is_some(),
        "header navigation is rendered"
    );

    // Navigation changes the page and the URL.
    nav_link(&container, "/partner-settings").click();
    settle().await;
    assert_eq!(heading(&container), "Partner settings");
    assert_eq!(
        web_sys::window().unwrap().location().pathname().unwrap(),
        "/partner-settings"
    );

    nav_link(&container, "/audit-log").click();
    settle().await;
    assert_eq!(heading(&container), "Audit log");

    // The language switch changes the text and is saved.
    let language: web_sys::HtmlSelectElement = container
        .query_selector("header select:has(option[value='sv'])")
        .unwrap()
        .expect("a language select")
        .unchecked_into();
    choose(&language, "sv");
    settle().await;
    assert_eq!(heading(&container), "Granskningslogg");
    assert_eq!(
        nav_link(&container, "/customers").text_content().unwrap(),
        "Kunder"
    );
    assert_eq!(
        local_storage().get_item(LOCALE_KEY).unwrap().as_deref(),
        Some("sv")
    );

    // A new App reads the choice back from localStorage.
    drop(handle);
    container.remove();
    let (again, handle) = mount_app().await;
    assert_eq!(
        nav_link(&again, "/customers").text_content().unwrap(),
        "Kunder"
    );
    assert_eq!(heading(&again), "Granskningslogg");

    drop(handle);
    again.remove();
    local_storage().remove_item(LOCALE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn the_service_worker_is_registered_only_where_the_loader_names_one() {
    use segment_desk::ui::service_worker::{register, worker_script};

    // No loader tag, or one without `data-sw` (a debug build): no worker.
    assert_eq!(worker_script(), None);
    let tag = document().create_element("script").unwrap();
    tag.set_id("sd-boot");
    document().body().unwrap().append_child(&tag).unwrap();
    assert_eq!(worker_script(), None);
    tag.set_attribute("data-sw", "/segment-desk/sw.js").unwrap();
    assert_eq!(worker_script().as_deref(), Some("/segment-desk/sw.js"));
    tag.remove();

    // A worker script the server does not have: the browser's refusal comes back as an error
    // value (the app then runs online without a worker), not as a panic.
    let refused = register("no-such-worker.js")
        .await
        .expect_err("no worker at that address");
    assert!(refused.is_instance_of::<js_sys::Error>(), "{refused:?}");
}

/// The plural category each language gives the test counts (CLDR's cardinal rules, written out
/// here so the test does not ask `Intl` what it is testing `Intl` for).
fn expected_category(locale: Locale, n: usize) -> Plural {
    match (locale, n) {
        (_, 1) => Plural::One,
        (Locale::pl, n) if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => {
            Plural::Few
        }
        (Locale::pl, _) => Plural::Many,
        _ => Plural::Other,
    }
}

const COUNTS: [usize; 7] = [0, 1, 2, 5, 12, 22, 101];

#[wasm_bindgen_test]
fn every_counted_text_takes_the_plural_form_of_its_language() {
    for &locale in Locale::get_all() {
        for n in COUNTS {
            let category = expected_category(locale, n);
            assert_eq!(plural::category(locale, n), category, "{locale:?} {n}");
            for text in Counted::ALL {
                let form = text.forms(locale).get(category);
                assert_eq!(
                    text.text(locale, n, &[]),
                    form.replace("{count}", &n.to_string()),
                    "{locale:?} {text:?} {n}"
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn counted_texts_read_as_each_language_writes_them() {
    let seats = |locale, n| Counted::AuditSeats.text(locale, n, &[]);
    let got: Vec<String> = COUNTS.iter().map(|&n| seats(Locale::pl, n)).collect();
    assert_eq!(
        got,
        [
            "0 licencji",
            "1 licencja",
            "2 licencje",
            "5 licencji",
            "12 licencji",
            "22 licencje",
            "101 licencji"
        ]
    );
    assert_eq!(seats(Locale::sv, 1), "1 licens");
    assert_eq!(seats(Locale::sv, 2), "2 licenser");
    assert_eq!(seats(Locale::en, 1), "1 seat");
    assert_eq!(seats(Locale::en, 0), "0 seats");
    let customers = |n| Counted::UsageCustomers.text(Locale::pl, n, &[]);
    assert_eq!(customers(1), "1 klient");
    assert_eq!(customers(22), "22 klientów");
    let subscriptions = |n| Counted::UsageSubscriptions.text(Locale::pl, n, &[]);
    assert_eq!(subscriptions(3), "3 subskrypcje");
    assert_eq!(subscriptions(12), "12 subskrypcji");
    assert_eq!(
        Counted::GccCodeOption.text(
            Locale::en,
            1,
            &[("code", "C1"), ("org", "Contoso"), ("remaining", "1")]
        ),
        "C1 — Contoso (1 of 1 use left)"
    );
    // The count is still written as the language writes numbers (a no-break space in Swedish).
    assert_eq!(seats(Locale::sv, 12_345), "12\u{a0}345 licenser");
    assert_eq!(seats(Locale::en, 12_345), "12,345 seats");
}

#[wasm_bindgen_test]
fn prices_and_dates_are_written_as_each_language_writes_them() {
    use segment_desk::ui::numbers;
    let nbsp = |s: &str| s.replace(['\u{a0}', '\u{202f}'], " ");
    assert_eq!(numbers::usd(Locale::en, 2100), "$21.00");
    assert_eq!(nbsp(&numbers::usd(Locale::sv, 2100)), "21,00 US$");
    assert_eq!(nbsp(&numbers::usd(Locale::pl, 2100)), "21,00 USD");
    assert_eq!(nbsp(&numbers::usd(Locale::sv, 123_456)), "1 234,56 US$");
    // A price list's currency (docs/RULES.md §9a), through Intl; a code Intl would throw on
    // is written plainly.
    assert_eq!(numbers::money(Locale::en, 79.2, "USD"), "$79.20");
    assert_eq!(nbsp(&numbers::money(Locale::sv, 79.2, "EUR")), "79,20 €");
    assert_eq!(
        nbsp(&numbers::money(Locale::pl, 1234.5, "EUR")),
        "1234,50 €"
    );
    assert_eq!(numbers::money(Locale::en, 79.2, "X1Y"), "79.20 X1Y");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    assert_eq!(numbers::date(Locale::en, day), "2 Dec 2026");
    assert_eq!(numbers::date(Locale::sv, day), "2026-12-02");
    assert_eq!(numbers::date(Locale::pl, day), "02.12.2026");
    // The first and last day of a year stay on their day whatever the browser's time zone.
    let new_year = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    assert_eq!(numbers::date(Locale::pl, new_year), "01.01.2027");
    let last = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    assert_eq!(numbers::date(Locale::sv, last), "2026-12-31");
}

/// The importers' file read (`ui::files`): a chosen file's bytes exactly as they are (a BOM, and
/// a byte that is no UTF-8 at all), and `FileNotRead` when the browser fails to read it, as it
/// does when the file changed on disk after it was chosen.
#[wasm_bindgen_test]
async fn a_chosen_file_is_read_as_its_bytes_or_not_read_with_a_reason() {
    use segment_desk::ui::files::{read_chosen_file, FileNotRead};
    let bytes = [0xEF, 0xBB, 0xBF, b'{', 0xFF, b'}'];
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "desk.json").unwrap();
    assert_eq!(read_chosen_file(&file).await, Ok(bytes.to_vec()));
    let fails = js_sys::Function::new_no_args(
        "return Promise.reject(new DOMException('The file changed', 'NotReadableError'))",
    );
    js_sys::Reflect::set(&file, &"arrayBuffer".into(), &fails).unwrap();
    assert_eq!(read_chosen_file(&file).await, Err(FileNotRead));
}
