use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::{Qualification, VettingStatus, MAX_VERIFICATION_REQUESTS};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::customer_fields::{qualification_name, status_name};
use crate::ui::countries::country_name;
use crate::ui::customer_list::{
    csv_file_name, csv_text, filter_rows, sort_rows, CsvWords, CustomerRow, ListQuery, Notice,
    NoticeFilter, QualificationFilter, SortBy, StatusFilter,
};
use crate::ui::download::download_text;
use crate::ui::href;
use crate::ui::numbers;
use crate::ui::state::use_desk;

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

    // Rows of every customer, rebuilt when the desk or the date changes; the search and
    // filters then work on these small rows.
    let all_rows = Memo::new(move |_| {
        let today = clock.today();
        desk.with(|d| {
            d.customers
                .iter()
                .map(|c| Arc::new(CustomerRow::of(c, today)))
                .collect::<Vec<_>>()
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
                no_qualification: qualification_name(i18n, Qualification::None),
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
                        {move || t_string!(i18n, customers.showing, shown = numbers::count(i18n, shown.with(Vec::len)), total = numbers::count(i18n, total.get())).to_string()}
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
    let qualification_options = [
        ("all", QualificationFilter::All),
        ("none", QualificationFilter::None),
        (
            "education",
            QualificationFilter::Has(Qualification::Education),
        ),
        (
            "nonprofit",
            QualificationFilter::Has(Qualification::Nonprofit),
        ),
        (
            "gcc",
            QualificationFilter::Has(Qualification::GovernmentCommunityCloud),
        ),
        (
            "soe",
            QualificationFilter::Has(Qualification::StateOwnedEntity),
        ),
    ];
    let status_options = [
        ("all", StatusFilter::All),
        ("in-review", StatusFilter::Is(VettingStatus::InReview)),
        ("approved", StatusFilter::Is(VettingStatus::Approved)),
        ("denied", StatusFilter::Is(VettingStatus::Denied)),
        ("no-vetting", StatusFilter::NoVetting),
    ];
    let notice_options = [
        ("all", NoticeFilter::All),
        ("running", NoticeFilter::Running),
        ("removed", NoticeFilter::Removed),
        ("none", NoticeFilter::None),
    ];
    let sort_options = [
        ("name-asc", SortBy::NameAsc),
        ("name-desc", SortBy::NameDesc),
        ("newest", SortBy::Newest),
        ("oldest", SortBy::Oldest),
        ("requests", SortBy::RequestsUsed),
    ];
    let qualification_label = move |f: QualificationFilter| match f {
        QualificationFilter::All => t_string!(i18n, customers.all),
        QualificationFilter::None => qualification_name(i18n, Qualification::None),
        QualificationFilter::Has(k) => qualification_name(i18n, k),
    };
    let status_label = move |f: StatusFilter| match f {
        StatusFilter::All => t_string!(i18n, customers.all),
        StatusFilter::Is(s) => status_name(i18n, s),
        StatusFilter::NoVetting => t_string!(i18n, customers.status_no_vetting),
    };
    let notice_label = move |f: NoticeFilter| match f {
        NoticeFilter::All => t_string!(i18n, customers.all),
        NoticeFilter::Running => t_string!(i18n, customers.notice_running),
        NoticeFilter::Removed => t_string!(i18n, customers.notice_removed),
        NoticeFilter::None => t_string!(i18n, customers.notice_none),
    };
    let sort_label = move |s: SortBy| match s {
        SortBy::NameAsc => t_string!(i18n, customers.sort_name_asc),
        SortBy::NameDesc => t_string!(i18n, customers.sort_name_desc),
        SortBy::Newest => t_string!(i18n, customers.sort_newest),
        SortBy::Oldest => t_string!(i18n, customers.sort_oldest),
        SortBy::RequestsUsed => t_string!(i18n, customers.sort_requests),
    };
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
            <ChoiceSelect
                id="customers-qualification"
                label=Signal::derive(move || t_string!(i18n, customers.filter_qualification))
                options=qualification_options.to_vec()
                text=qualification_label
                current=Signal::derive(move || query.with(|q| q.qualification))
                on_pick=Callback::new(move |f| query.update(|q| q.qualification = f))
            />
            <ChoiceSelect
                id="customers-status"
                label=Signal::derive(move || t_string!(i18n, customers.filter_status))
                options=status_options.to_vec()
                text=status_label
                current=Signal::derive(move || query.with(|q| q.status))
                on_pick=Callback::new(move |f| query.update(|q| q.status = f))
            />
            <ChoiceSelect
                id="customers-notice"
                label=Signal::derive(move || t_string!(i18n, customers.filter_notice))
                options=notice_options.to_vec()
                text=notice_label
                current=Signal::derive(move || query.with(|q| q.notice))
                on_pick=Callback::new(move |f| query.update(|q| q.notice = f))
            />
            <ChoiceSelect
                id="customers-sort"
                label=Signal::derive(move || t_string!(i18n, customers.sort_by))
                options=sort_options.to_vec()
                text=sort_label
                current=Signal::derive(move || query.with(|q| q.sort))
                on_pick=Callback::new(move |s| query.update(|q| q.sort = s))
            />
        </div>
    }
}

/// A labelled select over a fixed list of choices.
#[component]
fn ChoiceSelect<T, F>(
    id: &'static str,
    label: Signal<&'static str>,
    options: Vec<(&'static str, T)>,
    text: F,
    current: Signal<T>,
    on_pick: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    F: Fn(T) -> &'static str + Copy + Send + Sync + 'static,
{
    let lookup = options.clone();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        if let Some((_, choice)) = lookup.iter().find(|(v, _)| *v == value) {
            on_pick.run(*choice);
        }
    };
    view! {
        <div class="form-field">
            <label for=id>{label}</label>
            <select id=id on:change=on_change>
                {options
                    .into_iter()
                    .map(|(value, choice)| {
                        view! {
                            <option value=value selected=move || current.get() == choice>
                                {move || text(choice)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
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
            <td>{row.created.to_string()}</td>
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
                qualification_name(i18n, Qualification::None).to_string(),
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
            requests: t_string!(
                i18n,
                customers.requests_cell,
                used = row.requests_used,
                max = MAX_VERIFICATION_REQUESTS
            )
            .to_string(),
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
            qualification_name(i18n, kind),
            status_name(i18n, s)
        ),
        None => qualification_name(i18n, kind).to_string(),
    }
}

/// The nonprofit notice column.
fn notice_text(i18n: I18n, notice: Notice) -> String {
    match notice {
        Notice::None => String::new(),
        Notice::Running { removal_date } => t_string!(
            i18n,
            customers.notice_until,
            date = removal_date.to_string()
        )
        .to_string(),
        Notice::Removed { removed_on } => {
            t_string!(i18n, customers.removed_on, date = removed_on.to_string()).to_string()
        }
    }
}
