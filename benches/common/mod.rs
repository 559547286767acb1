//! The workload of the domain benchmarks, shared by `benches/domain.rs` (native, criterion)
//! and `tests/bench_wasm.rs` (WebAssembly in Chromium), so both measure the same thing: the
//! sample desk of 10,000 customers (3 subscriptions each) over a catalog of 300 offers
//! (`store::sample`, fixed seed), on a fixed day.
//!
//! Each measured function returns a count that depends on the work done; the callers check it,
//! so an optimizer that skipped the work would fail the run instead of flattering it.

#![allow(dead_code)] // Each bench target uses its own part.

use std::hint::black_box;

use chrono::NaiveDate;
use segment_desk::domain::{
    check_cart, eligibility, validate_account, AccountContext, AccountInfo, BillingFrequency, Cart,
    CartLine, Catalog, Customer, CustomerEligibility, Desk, PartnerProfile, PartnerType,
    QualificationSet,
};
use segment_desk::store::sample::{sample_catalog, SampleGenerator};

pub const SEED: u64 = 2026;
pub const CUSTOMERS: usize = 10_000;
pub const SUBSCRIPTIONS_PER_CUSTOMER: usize = 3;
pub const OFFERS: usize = 300;
pub const CART_LINES: usize = 20;

/// The day every decision is taken (the sample's records are all dated before it).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// What the benchmarks work on.
pub struct Fixture {
    pub desk: Desk,
    pub catalog: Catalog,
    /// A commercial customer (no qualification): most special offers are refused with a
    /// reason, the costlier path for "every offer for one customer".
    pub one_customer: usize,
    /// A customer with an approved Education qualification, and a cart of 20 lines for them
    /// across the catalog: allowed lines and refused ones (other segments, too many seats).
    pub cart_customer: usize,
    pub cart: Cart,
    /// A filled-in "Add customer" form, validated with the Education rules.
    pub form: AccountInfo,
    pub form_context: AccountContext,
}

pub fn fixture() -> Fixture {
    let catalog = sample_catalog(OFFERS);
    let mut desk = Desk::new(PartnerProfile::default());
    SampleGenerator::new(SEED, &catalog, SUBSCRIPTIONS_PER_CUSTOMER)
        .add_customers(&mut desk, CUSTOMERS);
    let find = |wanted: QualificationSet| {
        desk.customers
            .iter()
            .position(|c| c.effective(today()) == wanted)
            .expect("the sample desk has such a customer")
    };
    let one_customer = find(QualificationSet::NONE);
    let cart_customer = find(QualificationSet::of(&[
        segment_desk::domain::Qualification::Education,
    ]));
    let step = OFFERS / CART_LINES;
    let cart = Cart {
        lines: (0..CART_LINES)
            .map(|i| {
                let offer = &catalog.offers[i * step + i % step];
                let term = offer.terms[i % offer.terms.len()];
                let billing = offer
                    .billing
                    .iter()
                    .copied()
                    .find(|&b| term.allows_billing(b))
                    .unwrap_or(BillingFrequency::Monthly);
                CartLine {
                    offer_id: offer.id.clone(),
                    seats: 25,
                    term,
                    billing,
                }
            })
            .collect(),
    };
    let form = AccountInfo {
        company_name: "Lincoln Elementary School District".into(),
        country: "US".into(),
        address_line1: "1200 Maple Avenue".into(),
        address_line2: "Suite 4".into(),
        city: "Springfield".into(),
        state: "IL".into(),
        postal_code: "62704".into(),
        // The tenant's own address: an error with the Education rules (S1, S3, S4).
        email: "office@lincolnelementary.onmicrosoft.com".into(),
        first_name: "Maria".into(),
        last_name: "Andersson".into(),
        contact_email: "maria.andersson@lincoln.k12.il.us".into(),
        phone: "+1 (217) 555-0142".into(),
        registration_id: String::new(),
    };
    let form_context = AccountContext {
        education: true,
        partner_type: PartnerType::DirectBill,
    };
    Fixture {
        desk,
        catalog,
        one_customer,
        cart_customer,
        cart,
        form,
        form_context,
    }
}

/// Every offer's decision for one customer, as the offer list shows it (reasons included):
/// returns allowed offers + reasons given. Expected: [`every_offer_one_customer_expected`].
pub fn every_offer_one_customer(f: &Fixture) -> usize {
    let customer: &Customer = &f.desk.customers[f.one_customer];
    let mut count = 0;
    for offer in &f.catalog.offers {
        let decision = eligibility(customer, &f.desk.partner, offer, today());
        count += if decision.is_allowed() {
            1
        } else {
            decision.reasons().len()
        };
        black_box(&decision);
    }
    count
}

/// Whether each of the 10,000 customers may buy each of the 300 offers (3,000,000 decisions):
/// returns how many are allowed.
pub fn every_customer_every_offer(f: &Fixture) -> usize {
    let mut allowed = 0;
    for customer in &f.desk.customers {
        let view = CustomerEligibility::new(customer, &f.desk.partner, today());
        allowed += f.catalog.offers.iter().filter(|o| view.allows(o)).count();
    }
    allowed
}

/// The cart check of 20 lines: returns the number of problems found.
pub fn cart_check_20_lines(f: &Fixture) -> usize {
    let customer = &f.desk.customers[f.cart_customer];
    check_cart(customer, &f.desk.partner, &f.catalog, &f.cart, today())
        .reasons()
        .len()
}

/// The "Add customer" form's account validation: returns the number of problems (1).
pub fn validate_form(f: &Fixture) -> usize {
    validate_account(&f.form, f.form_context).len()
}

/// The counts the measured functions must return, computed the slow, obvious way (and
/// checked to be non-trivial), so a run whose work was optimized away fails.
pub fn check_counts(f: &Fixture) {
    let customer = &f.desk.customers[f.one_customer];
    let expected_one: usize = f
        .catalog
        .offers
        .iter()
        .map(|o| eligibility(customer, &f.desk.partner, o, today()))
        .map(|d| if d.is_allowed() { 1 } else { d.reasons().len() })
        .sum();
    assert!(expected_one >= OFFERS);
    assert_eq!(every_offer_one_customer(f), expected_one);
    let expected_all: usize = f
        .desk
        .customers
        .iter()
        .map(|c| {
            f.catalog
                .offers
                .iter()
                .filter(|o| eligibility(c, &f.desk.partner, o, today()).is_allowed())
                .count()
        })
        .sum();
    assert!(expected_all > 0 && expected_all < CUSTOMERS * OFFERS);
    assert_eq!(every_customer_every_offer(f), expected_all);
    assert!(cart_check_20_lines(f) > 0);
    assert_eq!(validate_form(f), 1);
}
