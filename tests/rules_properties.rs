//! Properties of the rules that must hold after any sequence of operations (proptest).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use segment_desk::domain::subscription::term_end_due;
use segment_desk::domain::*;
use segment_desk::test_support::{
    account_in, ctx, customer, day, education_details, new_customer, validation_code,
};

// --- pure functions on arbitrary customers and partners --------------------------------

fn arb_kind() -> impl Strategy<Value = Qualification> {
    prop_oneof![
        Just(Qualification::Education),
        Just(Qualification::Nonprofit),
        Just(Qualification::GovernmentCommunityCloud),
        Just(Qualification::StateOwnedEntity),
    ]
}

fn arb_status() -> impl Strategy<Value = Option<VettingStatus>> {
    prop_oneof![
        Just(None),
        Just(Some(VettingStatus::InReview)),
        Just(Some(VettingStatus::Approved)),
        Just(Some(VettingStatus::Denied)),
    ]
}

/// The day every generated world starts on.
fn base() -> NaiveDate {
    day(2025, 1, 6)
}

/// Any customer, even one holding a set the desk would never produce.
fn arb_customer() -> impl Strategy<Value = Customer> {
    (
        proptest::collection::vec((arb_kind(), arb_status()), 0..5),
        prop_oneof![Just(None), (0u64..200, 0u64..200).prop_map(Some)],
        any::<bool>(),
    )
        .prop_map(|(records, review, removed)| {
            let mut c = customer("c", &[], base());
            for (kind, status) in records {
                let mut r = QualificationRecord::granted(kind, base());
                r.vetting_status = status;
                c.qualifications.push(r);
            }
            c.nonprofit_review = review.map(|(notice, len)| {
                let notice_date = base() + chrono::Days::new(notice);
                let removal_date = notice_date + chrono::Days::new(len);
                if removed {
                    NonprofitReview::Removed {
                        removed_on: removal_date,
                    }
                } else {
                    NonprofitReview::NoticeGiven {
                        notice_date,
                        removal_date,
                    }
                }
            });
            c
        })
}

fn arb_partner() -> impl Strategy<Value = PartnerProfile> {
    (
        prop_oneof![
            Just(PartnerType::DirectBill),
            Just(PartnerType::IndirectProvider),
            Just(PartnerType::IndirectReseller)
        ],
        proptest::sample::subsequence(
            vec![
                ResellerQualification::GccModerate,
                ResellerQualification::GccHighAndDoD,
            ],
            0..=2,
        ),
    )
        .prop_map(|(partner_type, reseller_qualifications)| PartnerProfile {
            partner_type,
            reseller_qualifications,
            ..PartnerProfile::default()
        })
}

fn has_approved_gcc(c: &Customer) -> bool {
    c.qualifications.iter().any(|r| {
        r.kind == Qualification::GovernmentCommunityCloud
            && r.vetting_status == Some(VettingStatus::Approved)
    })
}

proptest! {
    /// No customer without an approved GCC qualification is ever allowed a GCC offer, and a
    /// customer with effective GCC is allowed nothing but GCC offers.
    #[test]
    fn gcc_offers_only_for_approved_gcc_and_gcc_only_buys_gcc(
        c in arb_customer(), p in arb_partner(), days in 0u64..400,
    ) {
        let today = base() + chrono::Days::new(days);
        for offer in &Catalog::sample().offers {
            let allowed = eligibility(&c, &p, offer, today).is_allowed();
            if allowed && offer.segment == Segment::GovernmentCommunityCloud {
                prop_assert!(has_approved_gcc(&c), "{offer:?}");
                // docs/RULES.md §4: and the partner holds its environment's qualification.
                prop_assert!(
                    p.reseller_qualifications
                        .contains(&offer.gcc_environment.reseller_qualification()),
                    "{offer:?} {p:?}"
                );
            }
            if allowed && c.effective(today).gcc {
                prop_assert_eq!(offer.segment, Segment::GovernmentCommunityCloud);
            }
        }
    }
}

// --- operation sequences on a desk ------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    Create {
        customer: usize,
        us: bool,
        education: bool,
        free_mail: bool,
    },
    RequestEducation {
        customer: usize,
        segment: bool,
    },
    Resubmit {
        customer: usize,
        correct: bool,
    },
    RequestGcc {
        customer: usize,
        code: usize,
    },
    RequestSoe {
        customer: usize,
        confirmed: bool,
    },
    Approve {
        customer: usize,
    },
    Deny {
        customer: usize,
        reason: usize,
    },
    RegisterNonprofit {
        customer: usize,
    },
    Notice {
        customer: usize,
    },
    Advance {
        days: u64,
    },
    /// What the app clock brings: removals and term ends (renewals, expiries).
    ApplyClock,
    /// `valid`: a term and billing the offer sells and seats within its limit.
    Order {
        customer: usize,
        offer: usize,
        seats: u32,
        valid: bool,
        term: usize,
        billing: usize,
    },
    AutoRenew {
        sub: usize,
        on: bool,
    },
    Seats {
        sub: usize,
        seats: u32,
    },
    Cancel {
        sub: usize,
    },
    PartnerType {
        kind: usize,
    },
    ResellerQualification {
        on: bool,
    },
    AddCode {
        id: usize,
        max: u32,
    },
}

const CUSTOMERS: usize = 3;

fn arb_op() -> impl Strategy<Value = Op> {
    let c = 0..CUSTOMERS;
    // Weighted towards the paths that build up state: nonprofit lifecycles, orders, renewals.
    prop_oneof![
        1 => (c.clone(), any::<bool>(), any::<bool>(), proptest::bool::weighted(0.2))
            .prop_map(|(customer, us, education, free_mail)| Op::Create { customer, us, education, free_mail }),
        2 => (c.clone(), proptest::bool::weighted(0.9)).prop_map(|(customer, segment)| Op::RequestEducation { customer, segment }),
        1 => (c.clone(), any::<bool>()).prop_map(|(customer, correct)| Op::Resubmit { customer, correct }),
        1 => (c.clone(), 0..2usize).prop_map(|(customer, code)| Op::RequestGcc { customer, code }),
        1 => (c.clone(), proptest::bool::weighted(0.8)).prop_map(|(customer, confirmed)| Op::RequestSoe { customer, confirmed }),
        2 => c.clone().prop_map(|customer| Op::Approve { customer }),
        1 => (c.clone(), 0..7usize).prop_map(|(customer, reason)| Op::Deny { customer, reason }),
        2 => c.clone().prop_map(|customer| Op::RegisterNonprofit { customer }),
        2 => c.clone().prop_map(|customer| Op::Notice { customer }),
        2 => (0u64..100).prop_map(|days| Op::Advance { days }),
        2 => Just(Op::ApplyClock),
        5 => (c.clone(), 0..64usize, 0u32..400, proptest::bool::weighted(0.85), 0..4usize, 0..4usize)
            .prop_map(|(customer, offer, seats, valid, term, billing)| Op::Order { customer, offer, seats, valid, term, billing }),
        4 => (0..8usize, proptest::bool::weighted(0.8)).prop_map(|(sub, on)| Op::AutoRenew { sub, on }),
        2 => (0..8usize, 0u32..400).prop_map(|(sub, seats)| Op::Seats { sub, seats }),
        1 => (0..8usize).prop_map(|sub| Op::Cancel { sub }),
        1 => (0..3usize).prop_map(|kind| Op::PartnerType { kind }),
        1 => any::<bool>().prop_map(|on| Op::ResellerQualification { on }),
        1 => (0..3usize, 0u32..3).prop_map(|(id, max)| Op::AddCode { id, max }),
    ]
}

/// A valid account in the US or Sweden, with a free-mail organisation address if asked.
fn account(us: bool, free_mail: bool) -> AccountInfo {
    let mut account = account_in(if us { "US" } else { "SE" });
    if free_mail {
        account.email = "office@gmail.com".into();
    }
    account
}

const TERMS: [Term; 4] = [
    Term::OneMonth,
    Term::OneYear,
    Term::ThreeYears,
    Term::Perpetual,
];
const BILLING: [BillingFrequency; 4] = [
    BillingFrequency::Monthly,
    BillingFrequency::Annual,
    BillingFrequency::Triennial,
    BillingFrequency::OneTime,
];

struct World {
    desk: Desk,
    catalog: Catalog,
    today: NaiveDate,
    next_sub: usize,
}

impl World {
    fn run(&mut self, op: &Op, role: Role) -> Result<(), Vec<Reason>> {
        let today = self.today;
        let acting = ctx(role, today);
        let cid = |i: usize| format!("c{i}");
        let details = |segment: bool| EducationDetails {
            segment: segment.then_some(EducationSegment::K12),
            ..education_details()
        };
        let sub_id = |desk: &Desk, i: usize| {
            desk.subscriptions
                .get(i % desk.subscriptions.len().max(1))
                .map(|s| s.id.clone())
                .unwrap_or_default()
        };
        let d = &mut self.desk;
        match *op {
            Op::Create {
                customer,
                us,
                education,
                free_mail,
            } => d.create_customer(
                acting,
                NewCustomer {
                    id: cid(customer),
                    account: account(us, free_mail),
                    domain_prefix: format!("tenant{customer}"),
                    education: education.then(|| details(true)),
                },
            ),
            Op::RequestEducation { customer, segment } => {
                d.request_education(acting, &cid(customer), details(segment))
            }
            Op::Resubmit { customer, correct } => {
                let fix = correct.then(|| account(true, false));
                d.resubmit_education(acting, &cid(customer), fix, details(true))
            }
            Op::RequestGcc { customer, code } => {
                d.request_gcc(acting, &cid(customer), &format!("code{code}"))
            }
            Op::RequestSoe {
                customer,
                confirmed,
            } => d.request_soe(acting, &cid(customer), confirmed),
            Op::Approve { customer } => d.approve_education(acting, &cid(customer)),
            Op::Deny { customer, reason } => {
                d.deny_education(acting, &cid(customer), VettingReason::ALL[reason])
            }
            Op::RegisterNonprofit { customer } => d.register_nonprofit(acting, &cid(customer)),
            Op::Notice { customer } => d.send_nonprofit_notice(acting, &cid(customer)).map(|_| ()),
            Op::Advance { days } => {
                self.today = today + chrono::Days::new(days);
                Ok(())
            }
            Op::ApplyClock => {
                d.apply_clock(&self.catalog, today);
                Ok(())
            }
            Op::Order {
                customer,
                offer,
                seats,
                valid,
                term,
                billing,
            } => {
                let offer = &self.catalog.offers[offer % self.catalog.offers.len()];
                let line = if valid {
                    let term = offer.terms[term % offer.terms.len()];
                    let billing = *offer
                        .billing
                        .iter()
                        .find(|b| term.allows_billing(**b))
                        .unwrap();
                    CartLine {
                        offer_id: offer.id.clone(),
                        seats: 1 + seats % offer.max_seats,
                        term,
                        billing,
                    }
                } else {
                    CartLine {
                        offer_id: offer.id.clone(),
                        seats,
                        term: TERMS[term],
                        billing: BILLING[billing],
                    }
                };
                let id = format!("s{}", self.next_sub);
                self.next_sub += 1;
                d.place_order(
                    acting,
                    &self.catalog,
                    &cid(customer),
                    &Cart { lines: vec![line] },
                    &[id],
                )
            }
            Op::AutoRenew { sub, on } => {
                let id = sub_id(d, sub);
                d.set_auto_renew(acting, &self.catalog, &id, on)
            }
            Op::Seats { sub, seats } => {
                let id = sub_id(d, sub);
                d.change_seats(acting, &self.catalog, &id, seats)
            }
            Op::Cancel { sub } => {
                let id = sub_id(d, sub);
                d.cancel_subscription(acting, &id)
            }
            Op::PartnerType { kind } => {
                let t = [
                    PartnerType::DirectBill,
                    PartnerType::IndirectProvider,
                    PartnerType::IndirectReseller,
                ][kind];
                d.set_partner_type(acting, t)
            }
            Op::ResellerQualification { on } => {
                let q = if on {
                    vec![ResellerQualification::GccModerate]
                } else {
                    vec![]
                };
                d.set_reseller_qualifications(acting, q)
            }
            Op::AddCode { id, max } => {
                d.add_gcc_validation_code(acting, validation_code(&format!("code{id}"), max, max))
            }
        }
    }

    fn check_invariants(&self) -> Result<(), TestCaseError> {
        let today = self.today;
        for c in &self.desk.customers {
            // The request counter never exceeds 3.
            prop_assert!(
                c.verification_requests <= MAX_VERIFICATION_REQUESTS,
                "{c:?}"
            );
            // Only matrix rows are ever held.
            prop_assert!(c.held().is_matrix_row(), "{c:?}");
            // No state-owned entity without the criteria confirmed (docs/RULES.md §2).
            if let Some(soe) = c.record(Qualification::StateOwnedEntity) {
                prop_assert!(soe.criteria_confirmed.is_some(), "{c:?}");
            }
            for offer in &self.catalog.offers {
                let allowed = eligibility(c, &self.desk.partner, offer, today).is_allowed();
                if allowed && offer.segment == Segment::GovernmentCommunityCloud {
                    prop_assert!(has_approved_gcc(c), "{} allowed {}", c.id, offer.id);
                }
                if allowed && c.effective(today).gcc {
                    prop_assert_eq!(offer.segment, Segment::GovernmentCommunityCloud);
                }
            }
            // After a nonprofit removal no seat-based nonprofit subscription has auto-renew on.
            if matches!(c.nonprofit_review, Some(NonprofitReview::Removed { .. })) {
                for s in self.desk.subscriptions_of(&c.id) {
                    prop_assert!(
                        !(s.is_active()
                            && s.segment == Segment::Nonprofit
                            && s.seat_based
                            && s.auto_renew),
                        "{s:?}"
                    );
                }
            }
        }
        for code in &self.desk.partner.gcc_validation_codes {
            prop_assert!(code.remaining_creates <= code.max_creates);
        }
        Ok(())
    }
}

fn arb_role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::GlobalAdmin),
        Just(Role::AdminAgent),
        Just(Role::SalesAgent)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// After any sequence of operations by any roles the invariants hold, and a refused
    /// operation changes nothing.
    #[test]
    fn invariants_hold_after_any_operations(ops in proptest::collection::vec((arb_op(), arb_role()), 1..80)) {
        let mut partner = PartnerProfile::default();
        partner.reseller_qualifications.push(ResellerQualification::GccModerate);
        partner.gcc_validation_codes.push(validation_code("code0", 2, 2));
        let mut world = World { desk: Desk::new(partner), catalog: Catalog::sample(), today: base(), next_sub: 0 };
        // Three customers to start with: US commercial, US education (in review), Swedish.
        for (customer, us, education) in [(0, true, false), (1, true, true), (2, false, false)] {
            world.run(&Op::Create { customer, us, education, free_mail: false }, Role::SalesAgent).unwrap();
        }
        for (op, role) in &ops {
            let before = world.desk.clone();
            if world.run(op, *role).is_err() {
                prop_assert_eq!(&world.desk, &before, "refused {:?} changed the desk", op);
            }
            world.check_invariants()?;
        }
        // Once the clock has applied what is due, the nonprofit property holds for all
        // customers, and no active subscription is left past its term end.
        world.desk.apply_clock(&world.catalog, world.today);
        world.check_invariants()?;
        for s in &world.desk.subscriptions {
            prop_assert_eq!(term_end_due(s, world.today), None, "{:?}", s);
        }
    }

    /// The counter counts exactly the accepted requests (Education, GCC and SOE alike) and
    /// never passes 3, however often the partner tries; each accepted GCC request uses one
    /// create of the code. The partner can tag customers GCC (qualification, a code with
    /// creates), and each case starts with an accepted GCC request, so GCC requests really
    /// count.
    #[test]
    fn request_counter_counts_accepted_requests_only(attempts in proptest::collection::vec((0..2usize, 0..5usize, any::<bool>()), 1..24)) {
        let mut partner = PartnerProfile::default();
        partner.reseller_qualifications.push(ResellerQualification::GccModerate);
        partner.gcc_validation_codes.push(validation_code("code0", 8, 8));
        let mut desk = Desk::new(partner);
        let sales = ctx(Role::SalesAgent, base());
        let ids = ["c0", "c1"];
        for id in ids {
            desk.create_customer(sales, new_customer(id, id)).unwrap();
        }
        desk.request_gcc(sales, "c0", "code0").unwrap();
        let mut accepted = [1u8, 0];
        let mut gcc_accepted = 1u32;
        for (customer, kind, deny_after) in attempts {
            let id = ids[customer];
            let ok = match kind {
                0 => desk.request_education(sales, id, education_details()),
                1 => desk.request_soe(sales, id, true),
                2 => desk.request_soe(sales, id, false),
                3 => desk.request_gcc(sales, id, "code0"),
                _ => desk.request_gcc(sales, id, "none"),
            }.is_ok();
            if ok {
                accepted[customer] += 1;
                if kind == 3 {
                    gcc_accepted += 1;
                }
            }
            if deny_after {
                let _ = desk.deny_education(ctx(Role::GlobalAdmin, base()), id, VettingReason::NotAnEducationCustomer);
            }
            for (i, id) in ids.iter().enumerate() {
                let used = desk.customer(id).unwrap().verification_requests;
                prop_assert_eq!(used, accepted[i], "{}", id);
                prop_assert!(used <= 3);
            }
            prop_assert_eq!(desk.partner.gcc_validation_codes[0].remaining_creates, 8 - gcc_accepted);
        }
    }
}

// --- the what-if preview equals the effect of the change --------------------------------

/// Subscriptions of the customer "c": (offer index in the sample catalog, auto-renew, active).
fn arb_subscriptions() -> impl Strategy<Value = Vec<(usize, bool, bool)>> {
    proptest::collection::vec((0usize..64, any::<bool>(), any::<bool>()), 0..8)
}

/// Runs the real operation behind `change` on `desk` (what Microsoft, simulated, or the clock
/// does); a refused operation changes nothing.
fn run_change(desk: &mut Desk, change: QualificationChange, today: NaiveDate) {
    let microsoft = ctx(Role::GlobalAdmin, today);
    match change {
        QualificationChange::Revoke(Qualification::Nonprofit) => {
            if !desk.customers[0].held().nonprofit {
                return;
            }
            let _ = desk.send_nonprofit_notice(microsoft, "c");
            if let Some(NonprofitReview::NoticeGiven { removal_date, .. }) =
                desk.customers[0].nonprofit_review
            {
                desk.apply_due_nonprofit_removals(removal_date.max(today));
            }
        }
        QualificationChange::Revoke(Qualification::Education) => {
            let _ = desk.deny_education(microsoft, "c", VettingReason::NoLongerAnEducationCustomer);
        }
        QualificationChange::Grant(Qualification::Education) => {
            let _ = desk.approve_education(microsoft, "c");
        }
        // Granting SOE or GCC touches no subscription.
        QualificationChange::Grant(_) | QualificationChange::Revoke(_) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// For every change the what-if offers, the subscriptions after the real operation are the
    /// subscriptions before with exactly the previewed wind-downs applied (auto-renew off,
    /// commercial equivalent proposed), and nothing else changes.
    #[test]
    fn what_if_preview_equals_the_effect_of_the_change(
        c in arb_customer(),
        partner in arb_partner(),
        subs in arb_subscriptions(),
        later in 0u64..400,
    ) {
        let catalog = Catalog::sample();
        let today = base() + chrono::Days::new(later);
        let mut desk = Desk::new(partner);
        desk.customers.push(c);
        for (i, (offer, auto_renew, active)) in subs.into_iter().enumerate() {
            let offer = &catalog.offers[offer % catalog.offers.len()];
            let line = CartLine {
                offer_id: offer.id.clone(),
                seats: 1,
                term: offer.terms[0],
                billing: offer.billing[0],
            };
            let mut s = Subscription::new(format!("s{i}"), "c".into(), offer, &line, base());
            s.auto_renew = auto_renew;
            if !active {
                s.status = SubscriptionStatus::Cancelled { on: base() };
            }
            desk.subscriptions.push(s);
        }
        for &change in QualificationChange::all() {
            let preview = desk.impact(&catalog, "c", change, today).unwrap();
            let mut expected = desk.subscriptions.clone();
            for e in &preview.subscriptions {
                if let SubscriptionEffect::AutoRenewSwitchedOff { commercial_equivalent } = &e.effect {
                    let s = expected.iter_mut().find(|s| s.id == e.subscription).unwrap();
                    s.auto_renew = false;
                    s.proposed_equivalent = commercial_equivalent.clone();
                }
            }
            let mut after = desk.clone();
            run_change(&mut after, change, today);
            prop_assert_eq!(&after.subscriptions, &expected, "{:?}", change);
        }
    }
}
