//! Words and automation values for the selling pages: segment, product type, term, billing
//! frequency and sample price names in the current language (the names come from the reasons
//! module, so a segment reads the same in a reason and on an offer). Naming only, no rules.

use crate::domain::{BillingFrequency, PricePer, ProductType, SamplePrice, Segment, Term};
use crate::i18n::*;
use crate::ui::reasons;

type I18n = leptos_i18n::I18nContext<Locale>;

/// The `data-segment` value of an offer (the domain's serde name).
pub fn segment_value(segment: Segment) -> &'static str {
    match segment {
        Segment::Commercial => "Commercial",
        Segment::Education => "Education",
        Segment::Nonprofit => "Nonprofit",
        Segment::GovernmentCommunityCloud => "GovernmentCommunityCloud",
    }
}

/// The segment with this `data-segment` value.
pub fn segment_from_value(value: &str) -> Option<Segment> {
    Segment::ALL
        .into_iter()
        .find(|s| segment_value(*s) == value)
}

/// The segment's name as Partner Center shows it.
pub fn segment_name(i18n: I18n, segment: Segment) -> &'static str {
    reasons::segment_name(i18n.get_locale(), segment)
}

/// Every product type, in the order of the Discover filter.
pub const PRODUCT_TYPES: [ProductType; 4] = [
    ProductType::LicenseBased,
    ProductType::PerpetualSoftware,
    ProductType::SoftwareSubscription,
    ProductType::Azure,
];

/// A stable value for a product type (select options, CSV).
pub fn product_type_value(product_type: ProductType) -> &'static str {
    match product_type {
        ProductType::LicenseBased => "LicenseBased",
        ProductType::PerpetualSoftware => "PerpetualSoftware",
        ProductType::SoftwareSubscription => "SoftwareSubscription",
        ProductType::Azure => "Azure",
    }
}

/// The product type with this value.
pub fn product_type_from_value(value: &str) -> Option<ProductType> {
    PRODUCT_TYPES
        .into_iter()
        .find(|p| product_type_value(*p) == value)
}

/// The product type's name.
pub fn product_type_name(i18n: I18n, product_type: ProductType) -> &'static str {
    reasons::product_type_name(i18n.get_locale(), product_type)
}

/// A stable value for a term (select options).
pub fn term_value(term: Term) -> &'static str {
    match term {
        Term::OneMonth => "OneMonth",
        Term::OneYear => "OneYear",
        Term::ThreeYears => "ThreeYears",
        Term::Perpetual => "Perpetual",
    }
}

/// The term among `terms` with this value.
pub fn term_from_value(terms: &[Term], value: &str) -> Option<Term> {
    terms.iter().copied().find(|t| term_value(*t) == value)
}

/// The term's name.
pub fn term_name(i18n: I18n, term: Term) -> &'static str {
    reasons::term_name(i18n.get_locale(), term)
}

/// A stable value for a billing frequency (select options).
pub fn billing_value(billing: BillingFrequency) -> &'static str {
    match billing {
        BillingFrequency::Monthly => "Monthly",
        BillingFrequency::Annual => "Annual",
        BillingFrequency::Triennial => "Triennial",
        BillingFrequency::OneTime => "OneTime",
    }
}

/// The billing frequency among `billing` with this value.
pub fn billing_from_value(billing: &[BillingFrequency], value: &str) -> Option<BillingFrequency> {
    billing.iter().copied().find(|b| billing_value(*b) == value)
}

/// The billing frequency's name.
pub fn billing_name(i18n: I18n, billing: BillingFrequency) -> &'static str {
    reasons::billing_name(i18n.get_locale(), billing)
}

/// `2200` → `"$22.00"` (the sample catalog is in USD).
pub fn usd(cents: u32) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// The sample price in words, e.g. "$22.00 per seat per month".
pub fn price_text(i18n: I18n, price: &SamplePrice) -> String {
    let amount = usd(price.usd_cents);
    match price.per {
        PricePer::SeatMonth => {
            t_string!(i18n, selling.price.seat_month, price = amount).to_string()
        }
        PricePer::License => t_string!(i18n, selling.price.license, price = amount).to_string(),
        PricePer::Usage => t_string!(i18n, selling.price.usage).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        for s in Segment::ALL {
            assert_eq!(segment_from_value(segment_value(s)), Some(s));
            // data-segment values are the domain's serde names.
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", segment_value(s))
            );
        }
        for p in PRODUCT_TYPES {
            assert_eq!(product_type_from_value(product_type_value(p)), Some(p));
        }
        let terms = [
            Term::OneMonth,
            Term::OneYear,
            Term::ThreeYears,
            Term::Perpetual,
        ];
        for t in terms {
            assert_eq!(term_from_value(&terms, term_value(t)), Some(t));
        }
        assert_eq!(usd(2200), "$22.00");
        assert_eq!(usd(5), "$0.05");
    }
}
