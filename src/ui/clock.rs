//! The app clock: today's date as the whole app sees it. It is the system date plus an offset
//! that the simulated Microsoft area can change, so "3 business days" or "90 days" can be seen
//! to pass. The domain never reads the system clock; it gets this date as an argument.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;

use crate::store::preferences::{clock_offset_days, CLOCK_OFFSET_KEY};
use crate::ui::preferences::use_storage;

/// The app clock, handed down through context.
#[derive(Clone, Copy)]
pub struct AppClock {
    offset_days: RwSignal<i64>,
    system_today: NaiveDate,
}

impl AppClock {
    /// Today on the app clock.
    pub fn today(&self) -> NaiveDate {
        shift(self.system_today, self.offset_days.get())
    }

    /// Moves the clock so that today is `date` (and stays that many days from the system date).
    pub fn set_today(&self, date: NaiveDate) {
        self.offset_days.set((date - self.system_today).num_days());
    }
}

fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

/// The system date in the browser's time zone: the only place the app reads the real clock.
fn system_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Provides the [`AppClock`], restoring its offset from storage and saving every change.
pub fn provide_app_clock() {
    let storage = use_storage();
    let offset_days = RwSignal::new(clock_offset_days(storage.store.as_ref()));
    Effect::new(move |_| {
        let _ = storage
            .store
            .set(CLOCK_OFFSET_KEY, &offset_days.get().to_string());
    });
    provide_context(AppClock {
        offset_days,
        system_today: system_today(),
    });
}

/// The [`AppClock`] provided by the app.
pub fn use_app_clock() -> AppClock {
    expect_context::<AppClock>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_moves_both_ways() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(shift(d, 90), NaiveDate::from_ymd_opt(2027, 2, 19).unwrap());
        assert_eq!(
            shift(d, -21),
            NaiveDate::from_ymd_opt(2026, 10, 31).unwrap()
        );
        assert_eq!(shift(d, 0), d);
    }
}
