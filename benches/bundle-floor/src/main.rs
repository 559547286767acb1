//! A two-page Leptos app that uses each part of the stack Segment Desk is built on, and nothing of
//! Segment Desk itself: what any app on this stack ships before its first page of its own.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
use i18n::*;

/// One real call into each crate the app depends on, so that the linker keeps their code.
#[cfg(feature = "crates")]
fn use_the_crates(input: &str) -> String {
    #[derive(serde::Serialize, serde::Deserialize, Default)]
    struct Record {
        id: String,
        name: String,
        created: Option<chrono::NaiveDate>,
        tags: Vec<String>,
    }
    let records: Vec<Record> = serde_json::from_str(input).unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(input).unwrap_or_default();
    let mut csv = csv::Writer::from_writer(Vec::new());
    for record in &records {
        let _ = csv.write_record([&record.id, &record.name]);
    }
    let bytes = csv.into_inner().unwrap_or_default();
    let mut deflater = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(5));
    let _ = std::io::Write::write_all(&mut deflater, &bytes);
    let packed = deflater.finish().unwrap_or_default();
    let mut unpacked = Vec::new();
    let _ = std::io::Read::read_to_end(
        &mut flate2::bufread::DeflateDecoder::new(&packed[..]),
        &mut unpacked,
    );
    let email = input.parse::<email_address::EmailAddress>().is_ok();
    let id = uuid::Uuid::from_u128(unpacked.len() as u128);
    let date = chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d").is_ok();
    let json = serde_json::to_string(&records).unwrap_or_default();
    format!("{json} {value} {email} {id} {date}")
}

#[cfg(not(feature = "crates"))]
fn use_the_crates(input: &str) -> String {
    input.to_owned()
}

#[component]
fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let count = RwSignal::new(0);
    let text = RwSignal::new(String::new());
    view! {
        <h1>{t!(i18n, floor.home)}</h1>
        <button on:click=move |_| count.update(|n| *n += 1)>{t!(i18n, floor.count, n = count)}</button>
        <input prop:value=text on:input=move |ev| text.set(event_target_value(&ev)) />
        <p>{move || use_the_crates(&text.get())}</p>
        <ul>
            <For each=move || 0..count.get() key=|n| *n let:n>
                <li>{n}</li>
            </For>
        </ul>
    }
}

#[component]
fn About() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>{t!(i18n, floor.about)}</p>
        <button on:click=move |_| i18n.set_locale(Locale::sv)>"sv"</button>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Router>
                <nav>
                    <A href="/">"/"</A>
                    <A href="/about">"/about"</A>
                </nav>
                <main>
                    <Routes fallback=|| "-">
                        <Route path=path!("/") view=Home />
                        <Route path=path!("/about") view=About />
                    </Routes>
                </main>
            </Router>
        </I18nContextProvider>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
