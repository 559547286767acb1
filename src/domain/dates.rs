//! Calendar arithmetic. Every date comes from the caller (the app clock); nothing here reads
//! the system time.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Education review usually completes within this many business days (docs/RULES.md).
pub const EDUCATION_REVIEW_BUSINESS_DAYS: u32 = 3;

/// Length of the nonprofit periodic-review notice, in calendar days (docs/RULES.md).
pub const NONPROFIT_NOTICE_DAYS: u64 = 90;

/// Monday to Friday; no public holidays are modelled.
pub fn is_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The date `n` business days after `date`. A start on a weekend counts from the next
/// Monday: Saturday + 1 business day is Monday.
pub fn add_business_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if is_business_day(day) {
            left -= 1;
        }
    }
    day
}

/// `date` plus `n` calendar days (saturating at chrono's maximum date).
pub fn add_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// When an Education request submitted on `submitted` is expected to be decided
/// (docs/RULES.md: "usually ≤ 3 business days").
pub fn education_expected_by(submitted: NaiveDate) -> NaiveDate {
    add_business_days(submitted, EDUCATION_REVIEW_BUSINESS_DAYS)
}

/// When a nonprofit qualification is removed after a notice sent on `notice` (docs/RULES.md).
pub fn nonprofit_removal_date(notice: NaiveDate) -> NaiveDate {
    add_days(notice, NONPROFIT_NOTICE_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    #[test]
    fn weekends_are_not_business_days() {
        assert!(is_business_day(day(2025, 3, 7))); // Friday
        assert!(!is_business_day(day(2025, 3, 8))); // Saturday
        assert!(!is_business_day(day(2025, 3, 9))); // Sunday
        assert!(is_business_day(day(2025, 3, 10))); // Monday
    }

    #[test]
    fn business_days_skip_weekends() {
        // Monday + 3 = Thursday; Wednesday + 3 = next Monday; Friday + 3 = Wednesday.
        assert_eq!(add_business_days(day(2025, 3, 3), 3), day(2025, 3, 6));
        assert_eq!(add_business_days(day(2025, 3, 5), 3), day(2025, 3, 10));
        assert_eq!(add_business_days(day(2025, 3, 7), 3), day(2025, 3, 12));
        // Saturday + 1 = Monday, Sunday + 3 = Wednesday.
        assert_eq!(add_business_days(day(2025, 3, 8), 1), day(2025, 3, 10));
        assert_eq!(add_business_days(day(2025, 3, 9), 3), day(2025, 3, 12));
        assert_eq!(add_business_days(day(2025, 3, 9), 0), day(2025, 3, 9));
    }

    #[test]
    fn nonprofit_notice_is_ninety_calendar_days() {
        assert_eq!(nonprofit_removal_date(day(2025, 1, 1)), day(2025, 4, 1));
        assert_eq!(education_expected_by(day(2025, 3, 7)), day(2025, 3, 12));
    }
}
