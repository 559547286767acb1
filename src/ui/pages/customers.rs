use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Qualification, VettingStatus, MAX_VERIFICATION_REQUESTS};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::named_select::NamedSelect;
use crate::ui::countries::country_name;
use crate::ui::customer_list::{
    csv_file_name, csv_text, filter_rows, sort_rows, CsvWords, CustomerRow, ListQuery, Notice,
};
use crate::ui::download::download_text;
use crate::ui::href;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::state::use_desk;
use crate::ui::text::text;

type I18n = leptos_i18n::I18nContext<Locale>;

/// Rows drawn at once; "Show more" adds as many again. A search keystroke redraws up to this
/// many rows, so it sets what a keystroke costs: 25 rows keep it within a frame at 10,000
/// customers (docs/PERFORMANCE.md), where 50 took about 20 ms, half of it the browser's layout.
const PAGE_SIZE: usize = 25;

/// The customers page: search, filters, sort, the table and "Export CSV" of what it shows.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let query = RwSignal::new(ListQuery::default());

    // Rows of every customer, rebuilt when a customer or the date changes (not when the rest
    // of the desk arrives after start, nor on a change to subscriptions alone); the search and
    // filters then work on these small rows. Measured as `sd:customer-rows` (tests/bench).
    let all_rows = Memo::new(move |_| {
        let today = clock.today();
        desk.with_customers(|customers| {
            crate::ui::perf::measure("sd:customer-rows", || {
                customers
                    .iter()
                    .map(|c| Arc::new(CustomerRow::of(c, today)))
                    .collect::<Vec<_>>()
            })
        })
    });
    // Sorted once per sort order; a keystroke in the search only filters these.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let sorted_rows = Memo::new(move |_| {
        let mut rows = all_rows.get();
        sort_rows(&mut rows, sort.get());
        rows
    });
    let shown = Memo::new(move |_| query.with(|q| sorted_rows.with(|rows| filter_rows(rows, q))));
    let total = Memo::new(move |_| all_rows.with(Vec::len));
    let export_message = RwSignal::new(None::<Result<String, String>>);
    // For the benchmark (tests/bench): the list as first painted after navigation.
    Effect::new(move |_| crate::ui::perf::mark_after_paint("sd:customers-painted"));

    let export = move |_| {
        let today = clock.today();
        let file = csv_file_name(today);
        let result = shown.with_untracked(|rows| {
            let qualification =
                |k: Qualification, s: Option<VettingStatus>| qualification_text(i18n, k, s);
            let notice = |n: Notice| notice_text(i18n, n);
            let words = CsvWords {
                headers: [
                    t_string!(i18n, customers.col_company),
                    t_string!(i18n, customers.col_domain),
                    t_string!(i18n, customers.col_country),
                    t_string!(i18n, customers.col_email),
                    t_string!(i18n, customers.col_qualifications),
                    t_string!(i18n, customers.col_requests),
                    t_string!(i18n, customers.col_notice),
                    t_string!(i18n, customers.col_created),
                ],
                qualification: &qualification,
                no_qualification: Qualification::None.name(i18n.get_locale()),
                notice: &notice,
            };
            csv_text(rows, &words).map(|text| (text, rows.len()))
        });
        let outcome = match result {
            Ok((text, count)) if download_text(&file, "text/csv;charset=utf-8", &text) => {
                Ok(t_string!(
                    i18n,
                    customers.export_done,
                    count = numbers::count(i18n, count),
                    file = file.clone()
                )
                .to_string())
            }
            _ => Err(t_string!(i18n, customers.export_failed).to_string()),
        };
        export_message.set(Some(outcome));
    };

    view! {
        <section class="page customers-page" data-page="customers">
            <header class="page-intro with-action">
                <div>
                    <h1>{tr!(i18n, customers.title)}</h1>
                    <p>{tr!(i18n, shell.pages.customers.intro)}</p>
                </div>
                <A href=href("/customers/new") attr:class="button primary">{tr!(i18n, customers.add_customer)}</A>
            </header>
            <Show when=move || { total.get() > 0 } fallback=move || view! { <EmptyState /> }>
                <ListControls query=query />
                <div class="list-summary">
                    <p role="status" class="count">
                        {move || Counted::CustomersShowing.text(i18n.get_locale(), total.get(), &[("shown", &numbers::count(i18n, shown.with(Vec::len)))])}
                    </p>
                    <button type="button" class="button" on:click=export>{tr!(i18n, customers.export_csv)}</button>
                </div>
                {move || export_message.get().map(|m| match m {
                    Ok(text) => view! { <p class="notice ok" role="status">{text}</p> }.into_any(),
                    Err(text) => view! { <p class="notice bad" role="alert">{text}</p> }.into_any(),
                })}
                <CustomerTable rows=shown />
            </Show>
        </section>
    }
}

/// What an empty desk shows: how to start.
#[component]
fn EmptyState() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-state">
            <h2>{tr!(i18n, customers.empty_title)}</h2>
            <p>{tr!(i18n, customers.empty_text)}</p>
            <A href=href("/customers/new") attr:class="button primary">{tr!(i18n, customers.add_customer)}</A>
        </div>
    }
}

/// Search, the three filters and the sort.
#[component]
fn ListControls(query: RwSignal<ListQuery>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="list-controls" role="search">
            <div class="form-field search-field">
                <label for="customers-search">{tr!(i18n, customers.search)}</label>
                <input
                    id="customers-search"
                    type="search"
                    placeholder=move || t_string!(i18n, customers.search_placeholder)
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=move |ev| query.update(|q| q.search = event_target_value(&ev))
                />
            </div>
            <ListChoice
                id="customers-qualification"
                label=|l| td_string!(l, customers.filter_qualification)
                current=Signal::derive(move || query.with(|q| q.qualification))
                on_pick=Callback::new(move |f| query.update(|q| q.qualification = f))
            />
            <ListChoice
                id="customers-status"
                label=|l| td_string!(l, customers.filter_status)
                current=Signal::derive(move || query.with(|q| q.status))
                on_pick=Callback::new(move |f| query.update(|q| q.status = f))
            />
            <ListChoice
                id="customers-notice"
                label=|l| td_string!(l, customers.filter_notice)
                current=Signal::derive(move || query.with(|q| q.notice))
                on_pick=Callback::new(move |f| query.update(|q| q.notice = f))
            />
            <ListChoice
                id="customers-sort"
                label=|l| td_string!(l, customers.sort_by)
                current=Signal::derive(move || query.with(|q| q.sort))
                on_pick=Callback::new(move |s| query.update(|q| q.sort = s))
            />
        </div>
    }
}

/// One labelled filter or sort select over every choice of `T`.
#[component]
fn ListChoice<T: Named>(
    id: &'static str,
    label: fn(Locale) -> &'static str,
    current: Signal<T>,
    on_pick: Callback<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="form-field">
            <label for=id>{text(i18n, label)}</label>
            <NamedSelect
                id=id
                options=T::all().to_vec()
                value=Signal::derive(move || Some(current.get()))
                on_change=Callback::new(move |choice: Option<T>| {
                    if let Some(choice) = choice {
                        on_pick.run(choice)
                    }
                })
            />
        </div>
    }
}

/// The table of customers, one keyed row each.
#[component]
fn CustomerTable(rows: Memo<Vec<Arc<CustomerRow>>>) -> impl IntoView {
    let i18n = use_i18n();
    // Thousands of rows are searchable and exported in full, but drawn a page at a time.
    let limit = RwSignal::new(PAGE_SIZE);
    let visible = Memo::new(move |_| {
        let n = limit.get();
        rows.with(|r| r.iter().take(n).cloned().collect::<Vec<_>>())
    });
    let hidden = Memo::new(move |_| rows.with(Vec::len).saturating_sub(limit.get()));
    view! {
        <Show
            when=move || rows.with(|r| !r.is_empty())
            fallback=move || view! { <p class="empty-filter" role="status">{tr!(i18n, customers.no_match)}</p> }
        >
            <div class="table-wrap">
                <table class="customers-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr!(i18n, customers.col_company)}</th>
                            <th scope="col">{tr!(i18n, customers.col_domain)}</th>
                            <th scope="col">{tr!(i18n, customers.col_country)}</th>
                            <th scope="col">{tr!(i18n, customers.col_qualifications)}</th>
                            <th scope="col">{tr!(i18n, customers.col_requests)}</th>
                            <th scope="col">{tr!(i18n, customers.col_created)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        // A row's texts are worked out once when it is drawn (no reactive
                        // text per cell): the key holds the language and everything the row
                        // shows, so a row is redrawn exactly when one of them changes.
                        <For
                            each=move || {
                                let locale = i18n.get_locale();
                                visible.get().into_iter().map(move |row| (locale, row)).collect::<Vec<_>>()
                            }
                            key=|(locale, row)| (*locale, Arc::clone(row))
                            children=move |(_, row)| view! { <CustomerRowView row=row /> }
                        />
                    </tbody>
                </table>
            </div>
            <Show when=move || { hidden.get() > 0 }>
                <button type="button" class="button show-more" on:click=move |_| limit.update(|l| *l += PAGE_SIZE)>
                    {move || t_string!(i18n, customers.show_more, count = hidden.get().min(PAGE_SIZE)).to_string()}
                </button>
            </Show>
        </Show>
    }
}

/// One customer: name linking to the account, domain, country, qualifications with status.
/// Drawn with plain texts in the current language: the table redraws the row on a change of
/// language (see its key), which keeps a search keystroke from creating a reactive effect for
/// every cell it draws.
#[component]
fn CustomerRowView(row: Arc<CustomerRow>) -> impl IntoView {
    let i18n = use_i18n();
    let texts = untrack(|| RowTexts::of(i18n, &row));
    let link = href(&format!("/customers/{}", row.id));
    let name = row.company_name.clone();
    let chips = texts
        .qualifications
        .into_iter()
        .map(|(class, text)| view! { <li class=class>{text}</li> })
        .collect_view();
    view! {
        <tr data-testid="customer-row">
            <th scope="row">
                // A plain link: the router handles every same-origin <a> click, and <A>'s
                // active-link tracking (an effect per row) is of no use in a table.
                <a href=link>{name}</a>
                <span class="sub">{row.email.clone()}</span>
            </th>
            <td>{row.primary_domain.clone()}</td>
            <td>{texts.country}</td>
            <td>
                <ul class="qualification-chips">
                    {chips}
                    {texts.notice.map(|text| view! { <li class="chip warn">{text}</li> })}
                </ul>
            </td>
            <td>{texts.requests}</td>
            <td>{numbers::date(i18n.get_locale(), row.created)}</td>
        </tr>
    }
}

/// What a row shows in words, in the current language.
struct RowTexts {
    country: String,
    /// (CSS class, text) of each chip; "None" as a chip of its own when there is no record.
    qualifications: Vec<(String, String)>,
    notice: Option<String>,
    requests: String,
}

impl RowTexts {
    fn of(i18n: I18n, row: &CustomerRow) -> Self {
        let qualifications = if row.qualifications.is_empty() {
            vec![(
                "chip none".to_string(),
                Qualification::None.name(i18n.get_locale()).to_string(),
            )]
        } else {
            row.qualifications
                .iter()
                .map(|&(k, s)| {
                    (
                        format!("chip {}", status_class(s)),
                        qualification_text(i18n, k, s),
                    )
                })
                .collect()
        };
        RowTexts {
            country: country_name(i18n, &row.country),
            qualifications,
            notice: (row.notice != Notice::None).then(|| notice_text(i18n, row.notice)),
            requests: if row.requests_known {
                t_string!(
                    i18n,
                    customers.requests_cell,
                    used = row.requests_used,
                    max = MAX_VERIFICATION_REQUESTS
                )
                .to_string()
            } else {
                t_string!(
                    i18n,
                    customers.requests_cell_at_least,
                    used = row.requests_used,
                    max = MAX_VERIFICATION_REQUESTS
                )
                .to_string()
            },
        }
    }
}

/// CSS class for a vetting status.
fn status_class(status: Option<VettingStatus>) -> &'static str {
    match status {
        Some(VettingStatus::Approved) | None => "ok",
        Some(VettingStatus::InReview) => "pending",
        Some(VettingStatus::Denied) => "bad",
    }
}

/// "Education (In review)"; a record without vetting status shows its name only.
fn qualification_text(i18n: I18n, kind: Qualification, status: Option<VettingStatus>) -> String {
    match status {
        Some(s) => format!(
            "{} ({})",
            kind.name(i18n.get_locale()),
            s.name(i18n.get_locale())
        ),
        None => kind.name(i18n.get_locale()).to_string(),
    }
}

/// The nonprofit notice column.
fn notice_text(i18n: I18n, notice: Notice) -> String {
    match notice {
        Notice::None => String::new(),
        Notice::Running { removal_date } => t_string!(
            i18n,
            customers.notice_until,
            date = numbers::date(i18n.get_locale(), removal_date)
        )
        .to_string(),
        Notice::Removed { removed_on } => t_string!(
            i18n,
            customers.removed_on,
            date = numbers::date(i18n.get_locale(), removed_on)
        )
        .to_string(),
    }
}
