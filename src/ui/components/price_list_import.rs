//! Data page → "Import price list": Microsoft's price list read in steps with a progress bar,
//! a dry run (offers added, changed, removed; rows not sold, with reasons), then "Replace the
//! catalog". The rules are `domain::price_list`'s; the file reading is
//! `store::partner_center::price_list`'s.

use leptos::prelude::*;

use crate::domain::price_list::{read_price_list, PriceListImport, PriceListRow, RowProblem};
use crate::domain::PriceBasis;
use crate::i18n::*;
use crate::store::partner_center::price_list::{
    csv_text, PriceListError, PriceListReader, MAX_PRICE_LIST_BYTES, ROWS_PER_STEP,
};
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::components::storage_banner::size_text;
use crate::ui::files::{chosen_file, read_chosen_file, Choice, FileChoices, FileNotRead};
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::perf;
use crate::ui::reasons::unreadable_text;
use crate::ui::state::{use_desk, ActionError};

/// How many refused rows and trials the dry run lists.
const SHOWN: usize = 50;

/// The rows read, kept for choosing another currency of a European list.
type Rows = (
    Vec<PriceListRow>,
    Vec<crate::domain::price_list::RefusedRow>,
);

/// The import section: file input, progress, the dry run and the result.
#[component]
pub fn PriceListImport() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let progress = RwSignal::new(None::<f64>);
    let refused = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ActionError>);
    let preview = RwSignal::new(None::<PriceListImport>);
    let rows = StoredValue::new(None::<Rows>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let dry_run = move |currency: Option<String>| {
        let today = clock.today();
        let result = rows.with_value(|r| {
            r.as_ref().map(|(rows, unreadable)| {
                desk.with_catalog(|current| {
                    read_price_list(
                        rows,
                        unreadable.clone(),
                        today,
                        currency.as_deref(),
                        current,
                    )
                })
            })
        });
        preview.set(result);
    };

    let choices = FileChoices::new();
    let on_file = move |ev: leptos::ev::Event| {
        let choice = choices.choose();
        for s in [refused, status] {
            s.set(None);
        }
        error.set(None);
        preview.set(None);
        rows.set_value(None);
        progress.set(None);
        let Some(file) = chosen_file(&ev) else {
            return;
        };
        progress.set(Some(0.0));
        // The benchmark's figure (`make bench`): the file chosen → its dry run on screen.
        perf::start("sd:price-list-read");
        wasm_bindgen_futures::spawn_local(async move {
            match read_file(file, progress, choice).await {
                Ok(Some(read)) => {
                    rows.set_value(Some(read));
                    dry_run(None);
                }
                // The later choice's read has the progress bar and the screen.
                Ok(None) => return,
                Err(e) => refused.set(Some(error_text(i18n, &e))),
            }
            progress.set(None);
            perf::after_paint(|| perf::end("sd:price-list-read"));
        });
    };

    let clear = move || {
        preview.set(None);
        rows.set_value(None);
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
        }
    };
    let confirm = move |_| {
        let Some(catalog) = preview.with_untracked(|p| p.as_ref().map(|p| p.catalog.clone()))
        else {
            return;
        };
        let offers = catalog.offers.len();
        match perf::measure("sd:catalog-replace", || desk.replace_catalog(catalog)) {
            Ok(()) => {
                status.set(Some(
                    t_string!(
                        i18n,
                        data.price_list.done,
                        count = numbers::count(i18n, offers)
                    )
                    .to_string(),
                ));
                clear();
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <section class="data-section" aria-labelledby="price-list-heading" data-testid="price-list-import">
            <h2 id="price-list-heading">{tr!(i18n, data.price_list.heading)}</h2>
            <p>{move || t_string!(i18n, data.price_list.intro, date = numbers::date(i18n.get_locale(), clock.today())).to_string()}</p>
            <label for="price-list-file">{tr!(i18n, data.price_list.file_label)}</label>
            <input
                id="price-list-file"
                type="file"
                accept=".csv,.zip,text/csv,application/zip"
                node_ref=file_input
                on:change=on_file
                aria-describedby="price-list-error"
            />
            {move || progress.get().map(|p| view! { <ReadingProgress value=p /> })}
            <p id="price-list-error" class="error" role="alert">{move || refused.get()}</p>
            <ActionErrorAlert id="price-list-replace-error" error=error />
            <p role="status">{move || status.get()}</p>
            {move || {
                preview
                    .with(|p| p.is_some())
                    .then(|| view! { <PriceListPreview preview=preview on_currency=Callback::new(dry_run) on_confirm=confirm on_cancel=move |_| clear() /> })
            }}
        </section>
    }
}

/// The progress bar while the file is read.
#[component]
fn ReadingProgress(value: f64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="progress" role="status">
            <label for="price-list-progress">{tr!(i18n, data.price_list.reading)}</label>
            " "
            // In thousandths: an integer is all the bar needs.
            <progress id="price-list-progress" max="1000" value=((value * 1000.0).round() as u32).to_string()></progress>
        </p>
    }
}

/// Reads the file's bytes, opens the archive, and reads the rows a step at a time, yielding
/// to the browser between steps so the progress bar moves and the page answers. `None` once a
/// later file is chosen in the same input: it stops at its next step.
async fn read_file(
    file: web_sys::File,
    progress: RwSignal<Option<f64>>,
    choice: Choice,
) -> Result<Option<Rows>, ReadError> {
    let size = file.size() as usize;
    if size > MAX_PRICE_LIST_BYTES {
        return Err(ReadError::File(PriceListError::TooLarge {
            bytes: size,
            max: MAX_PRICE_LIST_BYTES,
        }));
    }
    let read = read_chosen_file(&file).await;
    if !choice.is_latest() {
        return Ok(None);
    }
    let bytes = read?;
    let text = csv_text(&bytes).map_err(ReadError::File)?;
    let mut reader = PriceListReader::new(&text).map_err(ReadError::File)?;
    while reader.read_rows(ROWS_PER_STEP) {
        progress.set(Some(reader.progress()));
        crate::ui::tasks::yield_to_browser().await;
        if !choice.is_latest() {
            return Ok(None);
        }
    }
    reader.finish().map(Some).map_err(ReadError::File)
}

/// Why the file gave no rows.
enum ReadError {
    NotRead(FileNotRead),
    File(PriceListError),
}

impl From<FileNotRead> for ReadError {
    fn from(e: FileNotRead) -> Self {
        ReadError::NotRead(e)
    }
}

fn error_text(i18n: leptos_i18n::I18nContext<Locale>, e: &ReadError) -> String {
    match e {
        ReadError::NotRead(FileNotRead) => t_string!(i18n, data.file_not_read).to_string(),
        ReadError::File(PriceListError::TooLarge { bytes, max }) => t_string!(
            i18n,
            data.price_list.too_large,
            size = size_text(i18n, *bytes),
            max = size_text(i18n, *max)
        )
        .to_string(),
        ReadError::File(PriceListError::NotAPriceList { missing }) => {
            let columns: Vec<&str> = missing.iter().map(|c| c.header()).collect();
            t_string!(
                i18n,
                data.price_list.not_price_list,
                columns = columns.join(", ")
            )
            .to_string()
        }
        ReadError::File(PriceListError::NoRows) => {
            t_string!(i18n, data.price_list.no_rows).to_string()
        }
        ReadError::File(PriceListError::BadArchive) => {
            t_string!(i18n, data.price_list.bad_archive).to_string()
        }
        ReadError::File(PriceListError::NoCsvInArchive) => {
            t_string!(i18n, data.price_list.no_csv_in_archive).to_string()
        }
    }
}

/// The dry run: the new catalog's size, what it changes, what was left out and why.
#[component]
fn PriceListPreview(
    preview: RwSignal<Option<PriceListImport>>,
    on_currency: Callback<Option<String>>,
    on_confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let with = move |f: &dyn Fn(&PriceListImport) -> String| {
        preview.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let summary = move || {
        with(&|p| {
            let market = match &p.catalog.prices {
                PriceBasis::PriceList { market, .. } => market.clone(),
                PriceBasis::Sample => String::new(),
            };
            t_string!(
                i18n,
                data.price_list.summary,
                count = numbers::count(i18n, p.catalog.offers.len()),
                market = market,
                currency = p.catalog.currency.clone()
            )
            .to_string()
        })
    };
    let changes = move || {
        with(&|p| {
            t_string!(
                i18n,
                data.price_list.changes,
                added = numbers::count(i18n, p.changes.added.len()),
                changed = numbers::count(i18n, p.changes.changed.len()),
                removed = numbers::count(i18n, p.changes.removed.len())
            )
            .to_string()
        })
    };
    let skipped = move || {
        with(&|p| {
            let today = match p.catalog.prices {
                PriceBasis::PriceList { as_of, .. } => numbers::date(i18n.get_locale(), as_of),
                PriceBasis::Sample => String::new(),
            };
            t_string!(
                i18n,
                data.price_list.skipped,
                date = today,
                not_in_effect = numbers::count(i18n, p.not_in_effect),
                superseded = numbers::count(i18n, p.superseded),
                other_currency = numbers::count(i18n, p.other_currency)
            )
            .to_string()
        })
    };
    let can_replace =
        move || preview.with(|p| p.as_ref().is_some_and(PriceListImport::can_replace));
    view! {
        <div class="import-preview" data-testid="price-list-preview">
            <h3>{tr!(i18n, data.price_list.preview_heading)}</h3>
            <CurrencyChoice preview=preview on_currency=on_currency />
            <p data-testid="price-list-summary">{summary}</p>
            <p data-testid="price-list-changes">{changes}</p>
            <p>{skipped}</p>
            <TrialList preview=preview />
            <RefusedRows preview=preview />
            <Show
                when=can_replace
                fallback=move || view! { <p class="error">{tr!(i18n, data.price_list.nothing)}</p> }
            >
                <p class="muted">{tr!(i18n, data.price_list.subscriptions_kept)}</p>
            </Show>
            <div class="data-actions">
                <button type="button" class="primary" disabled=move || !can_replace() on:click=on_confirm>
                    {tr!(i18n, data.price_list.replace)}
                </button>
                <button type="button" on:click=on_cancel>{tr!(i18n, data.price_list.cancel)}</button>
            </div>
        </div>
    }
}

/// A European list has prices in several currencies: the catalog holds one, chosen here.
#[component]
fn CurrencyChoice(
    preview: RwSignal<Option<PriceListImport>>,
    on_currency: Callback<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let currencies =
        move || preview.with(|p| p.as_ref().map(|p| p.currencies.clone()).unwrap_or_default());
    let chosen = move || {
        preview.with(|p| {
            p.as_ref()
                .map(|p| p.catalog.currency.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || { currencies().len() > 1 }>
            <div class="field">
                <label for="price-list-currency">{tr!(i18n, data.price_list.currency_label)}</label>
                <select
                    id="price-list-currency"
                    on:change=move |ev| on_currency.run(Some(event_target_value(&ev)))
                >
                    {move || {
                        currencies()
                            .into_iter()
                            .map(|c| view! { <option value=c.clone() selected=c == chosen()>{c.clone()}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
        </Show>
    }
}

/// The trials of the list, kept apart: not sold here.
#[component]
fn TrialList(preview: RwSignal<Option<PriceListImport>>) -> impl IntoView {
    let i18n = use_i18n();
    let trials = move || preview.with(|p| p.as_ref().map(|p| p.trials.clone()).unwrap_or_default());
    view! {
        <Show when=move || !trials().is_empty()>
            <details data-testid="price-list-trials">
                <summary>
                    {move || t_string!(i18n, data.price_list.trials, count = numbers::count(i18n, trials().len())).to_string()}
                </summary>
                <ul>
                    {move || {
                        trials()
                            .into_iter()
                            .take(SHOWN)
                            .map(|t| {
                                let segment = t.segment;
                                let term = t.term;
                                view! {
                                    <li>
                                        <span class="tag">{tr!(i18n, data.price_list.trial_tag)}</span>
                                        " " {t.name} " (" {t.offer} ", "
                                        {move || segment.name(i18n.get_locale())} ", "
                                        {move || term.name(i18n.get_locale())} ")"
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </details>
        </Show>
    }
}

/// The rows not sold, each with its reason.
#[component]
fn RefusedRows(preview: RwSignal<Option<PriceListImport>>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || preview.with(|p| p.as_ref().map_or(0, |p| p.refused.len()));
    let rows = move || {
        preview.with(|p| {
            p.as_ref()
                .map(|p| p.refused.iter().take(SHOWN).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <h4>{move || t_string!(i18n, data.price_list.refused, count = numbers::count(i18n, count())).to_string()}</h4>
        <Show when=move || { count() > 0 }>
            <table class="refused-rows" data-testid="price-list-refused">
                <thead>
                    <tr>
                        <th scope="col">{tr!(i18n, data.price_list.col_line)}</th>
                        <th scope="col">{tr!(i18n, data.price_list.col_offer)}</th>
                        <th scope="col">{tr!(i18n, data.price_list.col_title)}</th>
                        <th scope="col">{tr!(i18n, data.price_list.col_reason)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|r| {
                                let problem = r.problem.clone();
                                view! {
                                    <tr>
                                        <td>{r.line}</td>
                                        <td>{r.offer}</td>
                                        <td>{r.title}</td>
                                        <td>{move || problem_text(i18n, &problem)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <Show when=move || { count() > SHOWN }>
                <p>{move || t_string!(i18n, data.import.more, count = numbers::count(i18n, count() - SHOWN)).to_string()}</p>
            </Show>
        </Show>
    }
}

/// Why a row is not sold, in words.
pub fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: &RowProblem) -> String {
    let l = i18n.get_locale();
    match problem {
        RowProblem::Unreadable(why) => t_string!(
            i18n,
            data.price_list.problem.unreadable,
            why = unreadable_text(i18n, why)
        )
        .to_string(),
        RowProblem::Missing { column } => t_string!(
            i18n,
            data.price_list.problem.missing,
            column = column.header()
        )
        .to_string(),
        RowProblem::BadDate { column, value } => t_string!(
            i18n,
            data.price_list.problem.bad_date,
            column = column.header(),
            value = value.clone()
        )
        .to_string(),
        RowProblem::BadPrice { column, value } => t_string!(
            i18n,
            data.price_list.problem.bad_price,
            column = column.header(),
            value = value.clone()
        )
        .to_string(),
        RowProblem::BadCurrency { value } => t_string!(
            i18n,
            data.price_list.problem.bad_currency,
            value = value.clone()
        )
        .to_string(),
        RowProblem::UnknownTerm { value } => t_string!(
            i18n,
            data.price_list.problem.unknown_term,
            value = value.clone()
        )
        .to_string(),
        RowProblem::UnknownBillingPlan { value } => t_string!(
            i18n,
            data.price_list.problem.unknown_billing,
            value = value.clone()
        )
        .to_string(),
        RowProblem::UnknownSegment { value } => t_string!(
            i18n,
            data.price_list.problem.unknown_segment,
            value = value.clone()
        )
        .to_string(),
        RowProblem::BillingNotForTerm { term, billing } => t_string!(
            i18n,
            data.price_list.problem.billing_not_for_term,
            term = term.name(l),
            billing = billing.name(l)
        )
        .to_string(),
        RowProblem::SpecialSegmentNotForProductType {
            segment,
            product_type,
        } => t_string!(
            i18n,
            data.price_list.problem.special_segment,
            segment = segment.name(l),
            product_type = product_type.name(l)
        )
        .to_string(),
        RowProblem::NoCommercialEquivalent => {
            t_string!(i18n, data.price_list.problem.no_equivalent).to_string()
        }
        RowProblem::SkuRowsDisagree => {
            t_string!(i18n, data.price_list.problem.disagree).to_string()
        }
    }
}
