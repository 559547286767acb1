//! Texts that take a count, in the plural form of the language: "1 seat", "5 seats"; Swedish
//! "1 licens", "5 licenser"; Polish "1 licencja", "2 licencje", "5 licencji", "22 licencje".
//!
//! The browser's `Intl.PluralRules` picks the form (CLDR's rules, so the bundle carries none),
//! one rules object per language, made once. The locale files hold every form of such a text as
//! an object `{ "one", "few", "many", "other" }` in each language (leptos_i18n wants the same keys
//! in every language; English and Swedish only ever use `one` and `other`). The forms are plain
//! templates: `{count}` is the counted number, formatted for the language by
//! [`numbers`](crate::ui::numbers), and other `{name}` placeholders are filled by the caller.
//! leptos_i18n's own plurals are not used: they carry ICU's plural data in the bundle.

use crate::i18n::*;
use crate::ui::numbers;

/// CLDR's cardinal plural categories that our three languages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Few,
    Many,
    Other,
}

/// The plural category of `n` in `locale`, as the browser's `Intl.PluralRules` gives it.
#[cfg(target_arch = "wasm32")]
pub fn category(locale: Locale, n: usize) -> Plural {
    use std::cell::RefCell;
    thread_local! {
        /// One `Intl.PluralRules` per language, made at its first use.
        static RULES: RefCell<Vec<(Locale, js_sys::Intl::PluralRules)>> = const { RefCell::new(Vec::new()) };
    }
    let name = RULES.with_borrow_mut(|rules| {
        let at = match rules.iter().position(|(l, _)| *l == locale) {
            Some(at) => at,
            None => {
                let locales = js_sys::Array::of1(&locale.as_str().into());
                let made = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
                rules.push((locale, made));
                rules.len() - 1
            }
        };
        String::from(rules[at].1.select(n as f64))
    });
    match name.as_str() {
        "one" => Plural::One,
        "few" => Plural::Few,
        "many" => Plural::Many,
        _ => Plural::Other,
    }
}

/// Native builds (the unit tests) have no `Intl`: English's rule, enough for native tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn category(_: Locale, n: usize) -> Plural {
    if n == 1 {
        Plural::One
    } else {
        Plural::Other
    }
}

/// The forms of one text that takes a count, as a language's locale file holds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl Forms {
    /// The form for `category`.
    pub fn get(&self, category: Plural) -> &'static str {
        match category {
            Plural::One => self.one,
            Plural::Few => self.few,
            Plural::Many => self.many,
            Plural::Other => self.other,
        }
    }
}

/// The four forms of a locale key (an object with `one`, `few`, `many`, `other`).
macro_rules! forms {
    ($locale:expr, $($key:ident).+) => {
        Forms {
            one: td_string!($locale, $($key).+.one),
            few: td_string!($locale, $($key).+.few),
            many: td_string!($locale, $($key).+.many),
            other: td_string!($locale, $($key).+.other),
        }
    };
}

/// Every text that takes a count. [`Counted::ALL`] lists them for the plural test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// account.requests_used: `{used}` of `{count}` verification requests used.
    AccountRequestsUsed,
    /// account.gcc_option: a GCC validation code with `{remaining}` of `{count}` uses left.
    GccCodeOption,
    /// audit.showing: the newest `{shown}` of `{count}` entries.
    AuditShowing,
    /// audit.values.requests_used: `{used}` of `{count}` requests used.
    AuditRequestsUsed,
    /// audit.values.seats: `{count}` seats.
    AuditSeats,
    /// audit.values.creates: `{remaining}` of `{count}` uses left.
    AuditUsesLeftOf,
    /// audit.values.remaining: `{count}` uses left.
    AuditUsesLeft,
    /// audit.values.subscription_terms: `{count}` seats · `{term}` · `{billing}`.
    AuditSubscriptionTerms,
    /// customers.showing: `{shown}` of `{count}` customers.
    CustomersShowing,
    /// data.banner.unreadable: `{count}` items set aside.
    BannerUnreadable,
    /// data.banner.rolled_back: `{count}` items put back.
    BannerRolledBack,
    /// data.banner.kept: `{count}` items still set aside.
    BannerKept,
    /// data.usage.customers: `{count}` customers.
    UsageCustomers,
    /// data.usage.subscriptions: `{count}` subscriptions.
    UsageSubscriptions,
    /// data.usage.entries: `{count}` audit entries.
    UsageEntries,
    /// team.waiting: `{count}` changes waiting to be sent.
    TeamWaiting,
    /// data.import.count_added: `{count}` added.
    ImportAdded,
    /// data.import.count_changed: `{count}` changed.
    ImportChanged,
    /// data.import.count_removed: `{count}` removed.
    ImportRemoved,
    /// data.import.count_unchanged: `{count}` unchanged.
    ImportUnchanged,
    /// data.import.count_rejected: `{count}` rejected.
    ImportRejected,
    /// data.import.done: the desk now holds the file's `{count}` customers.
    ImportDone,
    /// data.problem.too_many_requests: `{count}` verification requests recorded; at most `{max}`.
    ImportTooManyRequests,
    /// reasons.reason.verification_requests_exhausted: all `{count}` requests used.
    ReasonRequestsExhausted,
    /// reasons.reason.gcc_validation_code_exhausted: code `{code}` used `{count}` times.
    ReasonGccCodeExhausted,
    /// selling.new.shown: `{shown}` of `{count}` offers shown.
    OffersShown,
    /// selling.subs.shown: `{shown}` of `{count}` subscriptions shown.
    SubscriptionsShown,
}

impl Counted {
    /// Every text that takes a count.
    pub const ALL: [Counted; 27] = [
        Counted::AccountRequestsUsed,
        Counted::GccCodeOption,
        Counted::AuditShowing,
        Counted::AuditRequestsUsed,
        Counted::AuditSeats,
        Counted::AuditUsesLeftOf,
        Counted::AuditUsesLeft,
        Counted::AuditSubscriptionTerms,
        Counted::CustomersShowing,
        Counted::BannerUnreadable,
        Counted::BannerRolledBack,
        Counted::BannerKept,
        Counted::UsageCustomers,
        Counted::UsageSubscriptions,
        Counted::UsageEntries,
        Counted::TeamWaiting,
        Counted::ImportAdded,
        Counted::ImportChanged,
        Counted::ImportRemoved,
        Counted::ImportUnchanged,
        Counted::ImportRejected,
        Counted::ImportDone,
        Counted::ImportTooManyRequests,
        Counted::ReasonRequestsExhausted,
        Counted::ReasonGccCodeExhausted,
        Counted::OffersShown,
        Counted::SubscriptionsShown,
    ];

    /// The text's forms in `locale`.
    pub fn forms(self, locale: Locale) -> Forms {
        match self {
            Counted::AccountRequestsUsed => forms!(locale, account.requests_used),
            Counted::GccCodeOption => forms!(locale, account.gcc_option),
            Counted::AuditShowing => forms!(locale, audit.showing),
            Counted::AuditRequestsUsed => forms!(locale, audit.values.requests_used),
            Counted::AuditSeats => forms!(locale, audit.values.seats),
            Counted::AuditUsesLeftOf => forms!(locale, audit.values.creates),
            Counted::AuditUsesLeft => forms!(locale, audit.values.remaining),
            Counted::AuditSubscriptionTerms => forms!(locale, audit.values.subscription_terms),
            Counted::CustomersShowing => forms!(locale, customers.showing),
            Counted::BannerUnreadable => forms!(locale, data.banner.unreadable),
            Counted::BannerRolledBack => forms!(locale, data.banner.rolled_back),
            Counted::BannerKept => forms!(locale, data.banner.kept),
            Counted::UsageCustomers => forms!(locale, data.usage.customers),
            Counted::UsageSubscriptions => forms!(locale, data.usage.subscriptions),
            Counted::UsageEntries => forms!(locale, data.usage.entries),
            Counted::TeamWaiting => forms!(locale, team.waiting),
            Counted::ImportAdded => forms!(locale, data.import.count_added),
            Counted::ImportChanged => forms!(locale, data.import.count_changed),
            Counted::ImportRemoved => forms!(locale, data.import.count_removed),
            Counted::ImportUnchanged => forms!(locale, data.import.count_unchanged),
            Counted::ImportRejected => forms!(locale, data.import.count_rejected),
            Counted::ImportDone => forms!(locale, data.import.done),
            Counted::ImportTooManyRequests => forms!(locale, data.problem.too_many_requests),
            Counted::ReasonRequestsExhausted => {
                forms!(locale, reasons.reason.verification_requests_exhausted)
            }
            Counted::ReasonGccCodeExhausted => {
                forms!(locale, reasons.reason.gcc_validation_code_exhausted)
            }
            Counted::OffersShown => forms!(locale, selling.new.shown),
            Counted::SubscriptionsShown => forms!(locale, selling.subs.shown),
        }
    }

    /// The text for `n` in `locale`: the plural form of `n`, `{count}` replaced by `n` as the
    /// language writes it and each other `{name}` by its value in `values`.
    pub fn text(self, locale: Locale, n: usize, values: &[(&str, &str)]) -> String {
        let form = self.forms(locale).get(category(locale, n));
        let count = numbers::count_in(locale, n);
        fill(form, &count, values)
    }
}

/// `template` with `{count}` and each `{name}` of `values` replaced, in one pass: a value that
/// itself contains braces (a customer's name) is not read again.
fn fill(template: &str, count: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = if name == "count" {
                Some(count)
            } else {
                values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
            };
            value.map(|v| (v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_the_count_and_named_values_once() {
        let text = fill(
            "{code} — {org} ({remaining} of {count} uses left)",
            "5",
            &[("code", "X1"), ("org", "{count} Ltd"), ("remaining", "2")],
        );
        assert_eq!(text, "X1 — {count} Ltd (2 of 5 uses left)");
        assert_eq!(fill("{unknown} {", "1", &[]), "{unknown} {");
    }

    #[test]
    fn every_form_of_every_counted_text_shows_the_count() {
        for locale in Locale::get_all() {
            for text in Counted::ALL {
                let forms = text.forms(*locale);
                for form in [forms.one, forms.few, forms.many, forms.other] {
                    assert!(form.contains("{count}"), "{locale:?} {text:?}: {form}");
                    assert!(!form.contains("{{"), "{locale:?} {text:?}: {form}");
                }
            }
        }
    }
}
