//! The app clock's controls in the simulated Microsoft area: set a date, or advance it by a day,
//! a business day (the domain's business-day arithmetic), 30 or 90 days.

use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;

use crate::domain::dates::{add_business_days, add_days};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::numbers;

/// The weekday's name in the current language.
pub fn weekday_name(i18n: leptos_i18n::I18nContext<Locale>, date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => t_string!(i18n, microsoft.weekdays.mon),
        Weekday::Tue => t_string!(i18n, microsoft.weekdays.tue),
        Weekday::Wed => t_string!(i18n, microsoft.weekdays.wed),
        Weekday::Thu => t_string!(i18n, microsoft.weekdays.thu),
        Weekday::Fri => t_string!(i18n, microsoft.weekdays.fri),
        Weekday::Sat => t_string!(i18n, microsoft.weekdays.sat),
        Weekday::Sun => t_string!(i18n, microsoft.weekdays.sun),
    }
}

/// How a clock button moves the date.
type ClockStep = fn(NaiveDate) -> NaiveDate;

/// A text as a function of the language.
type Label = fn(Locale) -> &'static str;

/// The buttons that move the clock forward: the step and its label.
const CLOCK_STEPS: [(ClockStep, Label); 4] = [
    (|d| add_days(d, 1), |l| td_string!(l, microsoft.plus_1_day)),
    (
        |d| add_business_days(d, 1),
        |l| td_string!(l, microsoft.plus_1_business_day),
    ),
    (
        |d| add_days(d, 30),
        |l| td_string!(l, microsoft.plus_30_days),
    ),
    (
        |d| add_days(d, 90),
        |l| td_string!(l, microsoft.plus_90_days),
    ),
];

/// "App date" with "Set date", and the buttons that move the clock forward.
#[component]
pub fn MicrosoftClock() -> impl IntoView {
    let i18n = use_i18n();
    let clock = use_app_clock();
    let draft = RwSignal::new(untrack(|| clock.today().to_string()));
    let invalid = RwSignal::new(false);
    // When the clock moves (here or elsewhere), the field shows the new date.
    Effect::new(move |_| {
        draft.set(clock.today().to_string());
        invalid.set(false);
    });

    let set_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.get_untracked().trim().parse::<NaiveDate>() {
            Ok(date) => {
                invalid.set(false);
                clock.set_today(date);
            }
            Err(_) => invalid.set(true),
        }
    };
    let advance = move |step: ClockStep| move |_| clock.set_today(step(clock.today()));

    view! {
        <section class="ms-panel ms-clock" aria-labelledby="ms-clock-title">
            <h2 id="ms-clock-title">
                {tr!(i18n, microsoft.clock)} " "
                <span class="badge">{tr!(i18n, microsoft.simulated_section)}</span>
            </h2>
            <p class="ms-help">{tr!(i18n, microsoft.clock_intro)}</p>
            <p class="ms-today" role="status">
                {tr!(i18n, microsoft.clock_today)} " "
                <strong>
                    <time datetime=move || clock.today().to_string()>
                        {move || numbers::date(i18n.get_locale(), clock.today())}
                    </time>
                    " (" {move || weekday_name(i18n, clock.today())} ")"
                </strong>
            </p>
            <form class="ms-clock-set" on:submit=set_date novalidate>
                <div class="field">
                    <label for="ms-app-date">{tr!(i18n, microsoft.app_date)}</label>
                    <input
                        id="ms-app-date"
                        type="date"
                        required
                        prop:value=move || draft.get()
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        aria-invalid=move || invalid.get().then_some("true")
                        aria-describedby=move || invalid.get().then_some("ms-app-date-error")
                    />
                    <Show when=move || invalid.get()>
                        <p class="field-error" id="ms-app-date-error" role="alert">
                            {tr!(i18n, microsoft.invalid_date)}
                        </p>
                    </Show>
                </div>
                <button type="submit">{tr!(i18n, microsoft.set_date)}</button>
            </form>
            <div class="ms-advance" role="group" aria-label=move || t_string!(i18n, microsoft.advance_label)>
                {CLOCK_STEPS
                    .map(|(step, label)| {
                        view! {
                            <button type="button" on:click=advance(step)>
                                {move || label(i18n.get_locale())}
                            </button>
                        }
                    })}
            </div>
        </section>
    }
}
