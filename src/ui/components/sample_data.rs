//! "Load sample data" on the Data page: replaces the desk with a generated one of 100, 1,000 or
//! 10,000 customers (three subscriptions each, 300 offers), for trying the app out and for the
//! benchmark. The generator is deterministic (`store::sample`): a size always gives the same
//! desk. It runs a chunk of customers per task so the progress bar moves and the page stays
//! responsive; the save at the end is one all-or-nothing replace.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::{Catalog, Desk};
use crate::i18n::*;
use crate::store::sample::{sample_catalog, SampleGenerator};
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::confirm_replace::ConfirmReplace;
use crate::ui::components::storage_banner::store_error_text;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::state::use_desk;

/// The sizes offered, in customers.
const SIZES: [usize; 3] = [100, 1_000, 10_000];
/// Subscriptions per customer (10,000 customers: the 30,000 subscriptions of the budgets).
const SUBSCRIPTIONS_PER_CUSTOMER: usize = 3;
/// Offers in the sample catalog.
const OFFERS: usize = 300;
/// The seed: the same size gives the same desk everywhere.
const SEED: u64 = 2026;
/// Customers generated per task (a few milliseconds each), between progress updates.
const CHUNK: usize = 250;

/// Where loading is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Progress {
    Idle,
    Confirming,
    Generating { done: usize, total: usize },
    Saving { total: usize },
}

/// A generation under way: the desk being built and what builds it.
struct Job {
    generator: SampleGenerator,
    catalog: Catalog,
    desk: Desk,
    total: usize,
}

/// Choose a size, confirm (an export is offered first), watch the progress.
#[component]
pub fn SampleData() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let size = RwSignal::new(SIZES[0]);
    let progress = RwSignal::new(Progress::Idle);
    let status = RwSignal::new(None::<Result<String, String>>);

    let start = move || {
        status.set(None);
        let total = size.get_untracked();
        let catalog = sample_catalog(OFFERS);
        let job = Job {
            generator: SampleGenerator::new(SEED, &catalog, SUBSCRIPTIONS_PER_CUSTOMER)
                .standing_on(clock.today()),
            catalog,
            desk: Desk::default(),
            total,
        };
        progress.set(Progress::Generating { done: 0, total });
        // The save runs in a later task, outside the reactive owner; it needs the app's context.
        let owner = Owner::current();
        let finish = move |job: Job| {
            let (customers, subscriptions) =
                (job.desk.customers.len(), job.desk.subscriptions.len());
            let save = || {
                crate::ui::perf::measure("sd:sample-save", || {
                    desk.load_sample(job.desk, job.catalog)
                })
            };
            let saved = match &owner {
                Some(owner) => owner.with(save),
                None => save(),
            };
            progress.set(Progress::Idle);
            status.set(Some(match saved {
                Ok(()) => Ok(t_string!(
                    i18n,
                    data.sample.done,
                    customers = Counted::UsageCustomers.text(i18n.get_locale(), customers, &[]),
                    subscriptions =
                        Counted::UsageSubscriptions.text(i18n.get_locale(), subscriptions, &[])
                )
                .to_string()),
                Err(e) => {
                    Err(
                        t_string!(i18n, data.sample.failed, error = store_error_text(i18n, &e))
                            .to_string(),
                    )
                }
            }));
        };
        generate(Rc::new(RefCell::new(Some(job))), progress, finish);
    };

    let busy = move || {
        matches!(
            progress.get(),
            Progress::Generating { .. } | Progress::Saving { .. }
        )
    };
    view! {
        <section class="data-section" aria-labelledby="data-sample-heading">
            <h2 id="data-sample-heading">{tr!(i18n, data.sample.heading)}</h2>
            <p>{tr!(i18n, data.sample.intro)}</p>
            <fieldset class="data-sample-sizes" disabled=busy>
                <legend>{tr!(i18n, data.sample.size_legend)}</legend>
                {SIZES.iter().map(|&n| view! {
                    <label class="data-sample-size">
                        <input
                            type="radio"
                            name="data-sample-size"
                            value=n.to_string()
                            prop:checked=move || size.get() == n
                            on:change=move |_| size.set(n)
                        />
                        {move || size_label(i18n, n)}
                    </label>
                }).collect_view()}
            </fieldset>
            <Show
                when=move || progress.get() == Progress::Confirming
                fallback=move || view! {
                    <button type="button" disabled=busy on:click=move |_| progress.set(Progress::Confirming)>
                        {tr!(i18n, data.sample.button)}
                    </button>
                }
            >
                <ConfirmReplace
                    text_id="data-sample-confirm-text"
                    text=Signal::derive(move || t_string!(i18n, data.sample.confirm_text))
                    confirm_label=Signal::derive(move || t_string!(i18n, data.sample.confirm))
                    on_confirm=Callback::new(move |()| start())
                    on_cancel=Callback::new(move |()| progress.set(Progress::Idle))
                />
            </Show>
            <ProgressView progress=progress />
            <p role="status" data-testid="sample-status" class:error=move || matches!(status.get(), Some(Err(_)))>
                {move || status.get().map(|s| s.unwrap_or_else(|e| e))}
            </p>
        </section>
    }
}

/// The progress bar and its words while generating and saving.
#[component]
fn ProgressView(progress: RwSignal<Progress>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        match progress.get() {
        Progress::Generating { done, total } => Some(view! {
            <div class="data-sample-progress">
                <progress max=total.to_string() value=done.to_string() aria-labelledby="data-sample-progress-text"></progress>
                <p id="data-sample-progress-text" role="status">
                    {t_string!(
                        i18n,
                        data.sample.generating,
                        done = numbers::count(i18n, done),
                        total = numbers::count(i18n, total)
                    ).to_string()}
                </p>
            </div>
        }.into_any()),
        Progress::Saving { total } => Some(view! {
            <div class="data-sample-progress">
                <progress max=total.to_string() aria-labelledby="data-sample-progress-text"></progress>
                <p id="data-sample-progress-text" role="status">{tr!(i18n, data.sample.saving)}</p>
            </div>
        }.into_any()),
        Progress::Idle | Progress::Confirming => None,
    }
    }
}

/// "1,000 customers": the number written as the language writes numbers, never typed into a
/// text (a typed "1 000" would wrap mid-number).
fn size_label(i18n: leptos_i18n::I18nContext<Locale>, customers: usize) -> String {
    Counted::UsageCustomers.text(i18n.get_locale(), customers, &[])
}

/// Generates one chunk, shows the progress, and goes on in the next task; once all customers
/// are there, shows "Saving…" (painted before the save blocks) and hands the desk to `finish`.
fn generate(
    job: Rc<RefCell<Option<Job>>>,
    progress: RwSignal<Progress>,
    finish: impl FnOnce(Job) + 'static,
) {
    let mut slot = job.borrow_mut();
    let Some(current) = slot.as_mut() else { return };
    let count = CHUNK.min(current.total - current.generator.generated());
    current.generator.add_customers(&mut current.desk, count);
    let (done, total) = (current.generator.generated(), current.total);
    if done < total {
        drop(slot);
        progress.set(Progress::Generating { done, total });
        crate::ui::tasks::next_task(move || generate(job, progress, finish));
        return;
    }
    let finished = slot.take().expect("the job is there");
    drop(slot);
    progress.set(Progress::Saving { total });
    // Two frames: the "Saving…" text is painted before the save holds the page.
    request_animation_frame(move || {
        request_animation_frame(move || finish(finished));
    });
}
