//! Deterministic sample data: a desk generator ([`SampleGenerator`], [`sample_desk`]) and a
//! catalog of any size ([`sample_catalog`]). The same seed gives the same desk. Used to measure
//! storage at scale (tests/store_size.rs), by property tests and benchmarks
//! (benches/domain.rs, tests/bench_wasm.rs), and by the Data page's "Load sample data", which
//! generates in chunks between animation frames. Records are built with the domain's
//! constructors and obey its rules (qualification sets are rows of the matrix; every
//! subscription is of an offer of the catalog that its customer may buy through the desk's
//! partner), and every record has the audit entry that created it.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::domain::account::registration_id_required;
use crate::domain::partner::PartnerType;
use crate::domain::subscription::{end_term, term_end_due};
use crate::domain::{
    AccountInfo, Actor, AuditEntry, BillingFrequency, CartLine, Catalog, Change,
    CriteriaConfirmation, Customer, CustomerEligibility, Decision, Desk, EducationSegment, Entity,
    Offer, PartnerProfile, Qualification, QualificationRecord, Role, SegmentSet, Subscription,
    VettingStatus,
};

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// An id shaped like the app's (a version-4 UUID), so sizes are measured honestly.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

const TOWNS: [(&str, &str, &str); 6] = [
    ("SE", "Uppsala", "Uppsala län"),
    ("SE", "Göteborg", "Västra Götaland"),
    ("PL", "Kraków", "Małopolskie"),
    ("PL", "Gdańsk", "Pomorskie"),
    ("US", "Springfield", "IL"),
    ("US", "Redmond", "WA"),
];
const KINDS: [&str; 6] = [
    "School",
    "Gymnasium",
    "Academy",
    "Library",
    "Foundation",
    "Traders",
];
const FIRST: [&str; 6] = ["Anna", "Erik", "Zofia", "Piotr", "Maria", "John"];
const LAST: [&str; 6] = [
    "Berg",
    "Lindqvist",
    "Kowalska",
    "Nowak",
    "Andersson",
    "Smith",
];

fn random_day_after(base: NaiveDate, rng: &mut Rng, within: u64) -> NaiveDate {
    base.checked_add_days(Days::new(rng.below(within)))
        .unwrap_or(base)
}

/// The variants [`sample_catalog`] derives from each offer of the sample catalog: id suffix,
/// name suffix, price in percent of the offer's.
const VARIANTS: [(&str, &str, u32); 8] = [
    ("eudb", "(EU Data Boundary)", 105),
    ("addon", "Add-on", 35),
    ("step-up", "Step-up", 60),
    ("nordics", "(Nordics)", 100),
    ("poland", "(Poland)", 95),
    ("frontline", "for Frontline Workers", 40),
    ("extra-storage", "+ Extra Storage", 115),
    ("promo", "(Promotional)", 80),
];

/// A catalog of `offers` offers: the offers of [`Catalog::sample`] first, then regional,
/// add-on and edition variants of them (distinct ids and names; same product type, segment,
/// terms and billing as the offer they vary, so valid; a special offer's commercial
/// equivalent is the same variant of its equivalent). Deterministic. Fewer than the sample's
/// offers gives the first `offers` of them.
pub fn sample_catalog(offers: usize) -> Catalog {
    let base = Catalog::sample().offers;
    // Any prefix of the sample is valid: it lists the commercial equivalents first.
    let mut out: Vec<Offer> = base.iter().take(offers).cloned().collect();
    let mut round = 0;
    while out.len() < offers {
        let (id_suffix, name_suffix, price_pct) = VARIANTS[round % VARIANTS.len()];
        let edition = round / VARIANTS.len();
        let (id_suffix, name_suffix) = if edition == 0 {
            (id_suffix.to_string(), name_suffix.to_string())
        } else {
            (
                format!("{id_suffix}-{}", edition + 1),
                format!("{name_suffix} {}", edition + 1),
            )
        };
        for offer in &base {
            if out.len() == offers {
                break;
            }
            let mut variant = offer.clone();
            variant.id = format!("{}-{id_suffix}", offer.id);
            variant.name = format!("{} {name_suffix}", offer.name);
            if let Some(price) = variant.sample_price.as_mut() {
                price.usd_cents = (u64::from(price.usd_cents) * u64::from(price_pct) / 100) as u32;
            }
            // The same variant of the equivalent: listed before, as the sample lists
            // commercial offers first.
            variant.commercial_equivalent = offer
                .commercial_equivalent
                .as_ref()
                .map(|eq| format!("{eq}-{id_suffix}"));
            out.push(variant);
        }
        round += 1;
    }
    Catalog::from_offers(out).expect("variants of a valid catalog are valid")
}

/// A desk with `customers` customers and about `subscriptions_per_customer` subscriptions each
/// (exactly `customers * subscriptions_per_customer` in total), of the sample catalog, all
/// dated before `2026-11-01`. The same as a [`SampleGenerator`] on an empty desk.
pub fn sample_desk(seed: u64, customers: usize, subscriptions_per_customer: usize) -> Desk {
    let mut desk = Desk::new(PartnerProfile::default());
    SampleGenerator::new(seed, &Catalog::sample(), subscriptions_per_customer)
        .add_customers(&mut desk, customers);
    desk
}

/// A new id (shaped like the app's), not one of `taken`; added to it.
fn fresh_id(rng: &mut Rng, taken: &mut HashSet<String>) -> String {
    loop {
        let id = rng.uuid();
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

/// What decides which offers of a catalog a customer may buy: the segments it may buy here and
/// the GCC environments the partner may sell in ([`CustomerEligibility::segments`],
/// [`CustomerEligibility::gcc_environments`]).
type BuyableKey = (SegmentSet, [bool; 3]);

/// Generates customers (with their qualifications and subscriptions, and the audit entries
/// that created them) into a desk, as many at a time as asked: adding 250 four times gives
/// the same desk as adding 1,000 once. The desk may already hold records: new ids and primary
/// domains never collide with them, names are numbered on from the desk's customer count, and
/// the audit log goes on from its last entry.
pub struct SampleGenerator {
    rng: Rng,
    offers: Vec<Offer>,
    subscriptions_per_customer: usize,
    /// The offers (indices into `offers`) each [`BuyableKey`] may buy, as met.
    buyable: Vec<(BuyableKey, Vec<usize>)>,
    /// Customers generated so far.
    generated: usize,
    /// The number the next customer's names carry.
    number: usize,
    /// Ids (customers and subscriptions) and primary domains in the desk.
    ids: HashSet<String>,
    prefixes: HashSet<String>,
    /// The desk's record counts when this generator last left it; any other count means the
    /// desk changed in between, and `ids` and `prefixes` are read again.
    seen: Option<(usize, usize)>,
    /// The day the sample stands on: every subscription has renewed up to it.
    today: NaiveDate,
}

/// The day [`sample_desk`] stands on (its records are dated before it).
pub const SAMPLE_DAY: (i32, u32, u32) = (2026, 11, 1);

impl SampleGenerator {
    /// A generator of customers with `subscriptions_per_customer` subscriptions each, of the
    /// offers of `catalog`.
    pub fn new(seed: u64, catalog: &Catalog, subscriptions_per_customer: usize) -> Self {
        SampleGenerator {
            rng: Rng::new(seed),
            offers: catalog.offers.clone(),
            subscriptions_per_customer,
            buyable: Vec::new(),
            generated: 0,
            number: 0,
            ids: HashSet::new(),
            prefixes: HashSet::new(),
            seen: None,
            today: NaiveDate::from_ymd_opt(SAMPLE_DAY.0, SAMPLE_DAY.1, SAMPLE_DAY.2)
                .expect("a date"),
        }
    }

    /// The same generator standing on `today` (the app clock's): each subscription has gone
    /// through its term ends up to it, so a desk loaded from the sample brings no wave of
    /// renewals at its first read.
    pub fn standing_on(mut self, today: NaiveDate) -> Self {
        self.today = today;
        self
    }

    /// Customers generated so far (for a progress bar).
    pub fn generated(&self) -> usize {
        self.generated
    }

    /// Appends `count` customers to `desk`, each with `subscriptions_per_customer`
    /// subscriptions (none when the catalog has no offer the customer may buy through
    /// `desk.partner`), and their audit entries.
    pub fn add_customers(&mut self, desk: &mut Desk, count: usize) {
        self.sync(desk);
        for _ in 0..count {
            self.add_customer(desk);
        }
        self.generated += count;
        self.seen = Some((desk.customers.len(), desk.subscriptions.len()));
    }

    /// Reads the desk's ids and primary domains unless this generator left the desk as it is.
    fn sync(&mut self, desk: &Desk) {
        if self.seen == Some((desk.customers.len(), desk.subscriptions.len())) {
            return;
        }
        if self.seen.is_none() {
            self.number = desk.customers.len();
        }
        self.ids.clear();
        self.prefixes.clear();
        for c in &desk.customers {
            self.ids.insert(c.id.clone());
            self.prefixes.insert(c.domain_prefix.clone());
        }
        for s in &desk.subscriptions {
            self.ids.insert(s.id.clone());
        }
    }

    /// Where in `buyable` the offers this customer may buy are (the offers of the catalog that
    /// `eligibility` allows).
    fn offers_for(&mut self, eligibility: &CustomerEligibility) -> usize {
        let segments = (eligibility.segments(), eligibility.gcc_environments());
        if let Some(at) = self.buyable.iter().position(|(s, _)| *s == segments) {
            return at;
        }
        let offers = (0..self.offers.len())
            .filter(|&i| eligibility.allows(&self.offers[i]))
            .collect();
        self.buyable.push((segments, offers));
        self.buyable.len() - 1
    }

    fn add_customer(&mut self, desk: &mut Desk) {
        let n = self.number;
        self.number += 1;
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
        let log = |desk: &mut Desk, date, entity, change| {
            let seq = desk.audit.len() as u64 + 1;
            let actor = Actor::Role(Role::SalesAgent);
            desk.audit.push(AuditEntry {
                seq,
                date,
                actor,
                entity,
                change,
            });
        };
        let id = fresh_id(&mut self.rng, &mut self.ids);
        let rng = &mut self.rng;
        let (country, city, state) = *rng.pick(&TOWNS);
        let kind = *rng.pick(&KINDS);
        let (first, last) = (*rng.pick(&FIRST), *rng.pick(&LAST));
        let mut prefix = format!("{}{n}", kind.to_lowercase());
        let mut again = 1;
        while self.prefixes.contains(&prefix) {
            again += 1;
            prefix = format!("{}{n}n{again}", kind.to_lowercase());
        }
        self.prefixes.insert(prefix.clone());
        let mail_domain = format!("{prefix}.example");
        // Postal codes in each country's form, the company registration ID where a direct-bill
        // partner must give one (docs/RULES.md §1).
        let postal = rng.below(100_000);
        let postal_code = match country {
            "SE" => format!("{:03} {:02}", postal / 100, postal % 100),
            "PL" => format!("{:02}-{:03}", postal / 1000, postal % 1000),
            _ => format!("{postal:05}"),
        };
        let registration_id = if registration_id_required(country, PartnerType::DirectBill) {
            format!("{:010}", 1_000_000 + n)
        } else {
            String::new()
        };
        let account = AccountInfo {
            company_name: format!("{city} {kind} {n}"),
            country: country.into(),
            address_line1: format!("Main Street {}", 1 + rng.below(200)),
            address_line2: String::new(),
            city: city.into(),
            state: state.into(),
            postal_code,
            email: format!("office@{mail_domain}"),
            first_name: first.into(),
            last_name: last.into(),
            contact_email: format!("{}@{mail_domain}", first.to_lowercase()),
            phone: format!("+1 555 {:04}", rng.below(10_000)),
            registration_id,
        };
        let created = random_day_after(start, rng, 600);
        let mut customer = Customer::new(id.clone(), account, &prefix, created);
        let entity = Entity::Customer { id: id.clone() };
        let name = customer.account.company_name.clone();
        let change = Change::CustomerCreated {
            company_name: name,
            domain_prefix: customer.domain_prefix.clone(),
        };
        log(desk, created, entity.clone(), change);
        // Rows of the purchase matrix only: None, Education (approved or in review), Nonprofit,
        // Nonprofit + Education, SOE.
        let roll = rng.below(100);
        let mut kinds = Vec::new();
        if (55..85).contains(&roll) || roll >= 95 {
            kinds.push(Qualification::Education);
        }
        if (85..100).contains(&roll) {
            kinds.push(Qualification::Nonprofit);
        }
        if (50..55).contains(&roll) {
            kinds.push(Qualification::StateOwnedEntity);
        }
        for kind in kinds {
            let mut record = QualificationRecord::granted(kind, created);
            // docs/RULES.md §2: Nonprofit comes from Microsoft's programme (its own audit
            // entry, no request counted); Education and SOE are the partner's requests, and
            // an SOE request carries the confirmation of Microsoft's criteria.
            if kind == Qualification::Nonprofit {
                customer.qualifications.push(record);
                log(desk, created, entity.clone(), Change::NonprofitRegistered);
                continue;
            }
            if kind == Qualification::StateOwnedEntity {
                record.criteria_confirmed = Some(CriteriaConfirmation {
                    by: Role::SalesAgent,
                    on: created,
                });
                customer.verification_requests += 1;
            }
            if kind == Qualification::Education {
                record.education_segment = Some(if rng.below(2) == 0 {
                    EducationSegment::K12
                } else {
                    EducationSegment::HigherEducation
                });
                if roll < 60 {
                    record.vetting_status = Some(VettingStatus::InReview);
                } else {
                    record.decided = Some(created);
                }
                customer.verification_requests += 1;
            }
            let change = Change::QualificationRequested {
                qualification: kind,
                before: None,
                after: record.clone(),
                requests_before: 0,
                requests_after: customer.verification_requests,
            };
            customer.qualifications.push(record);
            log(desk, created, entity.clone(), change);
        }
        let eligibility = CustomerEligibility::new(&customer, &desk.partner, created);
        let at = self.offers_for(&eligibility);
        let offers = &self.buyable[at].1;
        if !offers.is_empty() {
            for _ in 0..self.subscriptions_per_customer {
                let offer = &self.offers[*self.rng.pick(offers)];
                let rng = &mut self.rng;
                let term = *rng.pick(&offer.terms);
                let billing = offer
                    .billing
                    .iter()
                    .copied()
                    .find(|b| term.allows_billing(*b))
                    .unwrap_or(BillingFrequency::Monthly);
                let seats = 1 + rng.below(u64::from(offer.max_seats.clamp(1, 300))) as u32;
                let line = CartLine {
                    offer_id: offer.id.clone(),
                    seats,
                    term,
                    billing,
                };
                let bought = random_day_after(created, rng, 120);
                let sub_id = fresh_id(rng, &mut self.ids);
                let mut sub = Subscription::new(sub_id, id.clone(), offer, &line, bought);
                // Renewed up to the sample's day by the domain's own rule, as the app clock
                // would have (docs/RULES.md §7); those renewals are before the sample's log.
                while term_end_due(&sub, self.today).is_some() {
                    end_term(&mut sub, &Decision::Allowed);
                }
                let change = Change::SubscriptionCreated {
                    customer: id.clone(),
                    offer: offer.id.clone(),
                    seats,
                    term,
                    billing,
                };
                log(
                    desk,
                    bought,
                    Entity::Subscription { id: sub.id.clone() },
                    change,
                );
                desk.subscriptions.push(sub);
            }
        }
        desk.customers.push(customer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::eligibility;
    use crate::domain::integrity::check_desk;

    #[test]
    fn the_same_seed_gives_the_same_desk() {
        assert_eq!(sample_desk(7, 20, 3), sample_desk(7, 20, 3));
        assert_ne!(sample_desk(7, 20, 3), sample_desk(8, 20, 3));
        let desk = sample_desk(7, 20, 3);
        assert_eq!((desk.customers.len(), desk.subscriptions.len()), (20, 60));
        assert!(desk.customers.iter().all(|c| c.held().is_matrix_row()));
    }

    /// docs/RULES.md §1, §2: the sample's accounts pass the account rules (a direct-bill
    /// partner's, Education rules for Education customers); Education and SOE are the
    /// partner's requests and count, an SOE request carries the confirmation of Microsoft's
    /// criteria; Nonprofit is Microsoft's registration in the audit log and counts nothing.
    /// The sample has renewed up to its day, so the app clock's first pass over a freshly loaded
    /// sample changes nothing; a day later, only the terms ending that day.
    #[test]
    fn a_sample_standing_on_a_day_has_no_term_end_due_that_day() {
        let catalog = Catalog::sample();
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut desk = Desk::new(PartnerProfile::default());
        SampleGenerator::new(4, &catalog, 3)
            .standing_on(day)
            .add_customers(&mut desk, 300);
        assert!(desk
            .subscriptions
            .iter()
            .any(|s| s.start < day - Days::new(400)));
        let before = desk.clone();
        let effects = desk.apply_clock(&catalog, day);
        assert!(effects.term_ends.is_empty() && desk == before);
        let later = desk.apply_clock(&catalog, day + Days::new(1));
        assert!(later.term_ends.iter().all(|t| t.term_ends.len() == 1));
    }

    #[test]
    fn the_sample_follows_the_rules() {
        use crate::domain::{validate_account, AccountContext};
        let desk = sample_desk(5, 300, 1);
        let mut soe = 0;
        let mut nonprofit = 0;
        for c in &desk.customers {
            let held = c.held();
            let context = AccountContext {
                education: held.education,
                partner_type: PartnerType::DirectBill,
            };
            let errors: Vec<_> = validate_account(&c.account, context)
                .into_iter()
                .filter(|p| p.is_error())
                .collect();
            assert!(errors.is_empty(), "{:?} {errors:?}", c.account);
            assert_eq!(
                c.verification_requests,
                u8::from(held.education) + u8::from(held.soe),
                "{}",
                c.id
            );
            if let Some(r) = c.record(Qualification::StateOwnedEntity) {
                assert!(r.criteria_confirmed.is_some());
                soe += 1;
            }
            nonprofit += usize::from(held.nonprofit);
        }
        assert!(soe > 0 && nonprofit > 0, "{soe} {nonprofit}");
        let registered = desk
            .audit
            .iter()
            .filter(|e| e.change == Change::NonprofitRegistered)
            .count();
        assert_eq!(registered, nonprofit);
        assert!(!desk.audit.iter().any(|e| matches!(
            e.change,
            Change::QualificationRequested {
                qualification: Qualification::Nonprofit,
                ..
            }
        )));
        assert!(desk
            .customers
            .iter()
            .any(|c| c.account.country == "PL" && !c.account.registration_id.is_empty()));
    }

    fn generate(seed: u64, catalog: &Catalog, chunks: &[usize]) -> Desk {
        let mut desk = Desk::new(PartnerProfile::default());
        let mut generator = SampleGenerator::new(seed, catalog, 3);
        for &chunk in chunks {
            generator.add_customers(&mut desk, chunk);
        }
        assert_eq!(generator.generated(), chunks.iter().sum::<usize>());
        desk
    }

    #[test]
    fn generating_in_chunks_gives_the_same_desk_as_at_once() {
        let catalog = sample_catalog(300);
        let once = generate(11, &catalog, &[400]);
        assert_eq!(once, generate(11, &catalog, &[250, 0, 1, 149]));
        assert_eq!(once, generate(11, &catalog, &[100; 4]));
        assert_ne!(once, generate(12, &catalog, &[400]));
        assert_eq!(sample_desk(3, 40, 2), {
            let mut desk = Desk::new(PartnerProfile::default());
            let mut generator = SampleGenerator::new(3, &Catalog::sample(), 2);
            generator.add_customers(&mut desk, 15);
            generator.add_customers(&mut desk, 25);
            desk
        });
    }

    /// Every subscription is of an offer of the catalog that its customer may buy through the
    /// desk's partner on the day bought, and the desk passes the import's integrity check.
    fn assert_obeys_the_rules(desk: &Desk, catalog: &Catalog) {
        assert_eq!(check_desk(desk), vec![]);
        for sub in &desk.subscriptions {
            let offer = catalog.get(&sub.offer_id).expect("an offer of the catalog");
            let customer = desk.customer(&sub.customer_id).expect("its customer");
            assert!(
                eligibility(customer, &desk.partner, offer, sub.start).is_allowed(),
                "{customer:?} {offer:?}"
            );
            assert_eq!(sub.segment, offer.segment);
            assert!(offer.terms.contains(&sub.term) && offer.billing.contains(&sub.billing));
            assert!((1..=offer.max_seats).contains(&sub.seats));
        }
    }

    #[test]
    fn every_subscription_is_one_its_customer_may_buy() {
        let catalog = sample_catalog(300);
        let desk = generate(5, &catalog, &[300]);
        assert_eq!(desk.subscriptions.len(), 900);
        assert_obeys_the_rules(&desk, &catalog);
        // Variants are sold too, in every segment the generator's customers may buy.
        let sold: HashSet<&str> = desk
            .subscriptions
            .iter()
            .map(|s| s.offer_id.as_str())
            .collect();
        assert!(sold.len() > 150, "{}", sold.len());
        for segment in [
            crate::domain::Segment::Commercial,
            crate::domain::Segment::Education,
            crate::domain::Segment::Nonprofit,
        ] {
            assert!(
                desk.subscriptions.iter().any(|s| s.segment == segment),
                "{segment:?}"
            );
        }
        let sample = Catalog::sample();
        assert_obeys_the_rules(&sample_desk(6, 200, 3), &sample);
    }

    #[test]
    fn an_indirect_reseller_desk_is_sold_commercial_offers_only() {
        let catalog = sample_catalog(100);
        let mut desk = Desk::new(PartnerProfile {
            partner_type: crate::domain::PartnerType::IndirectReseller,
            ..PartnerProfile::default()
        });
        SampleGenerator::new(1, &catalog, 2).add_customers(&mut desk, 100);
        assert_eq!(desk.subscriptions.len(), 200);
        assert!(desk.subscriptions.iter().all(|s| !s.segment.is_special()));
        assert_obeys_the_rules(&desk, &catalog);
        // A catalog with nothing the customers may buy: customers without subscriptions.
        let education_only = Catalog::from_offers(
            catalog
                .offers
                .iter()
                .filter(|o| o.segment == crate::domain::Segment::Education)
                .map(|o| crate::domain::Offer {
                    commercial_equivalent: None,
                    ..o.clone()
                })
                .collect(),
        )
        .unwrap();
        let mut desk2 = Desk::new(desk.partner.clone());
        SampleGenerator::new(1, &education_only, 2).add_customers(&mut desk2, 10);
        assert_eq!((desk2.customers.len(), desk2.subscriptions.len()), (10, 0));
    }

    #[test]
    fn adding_to_a_desk_with_records_keeps_ids_domains_and_the_audit_log_whole() {
        let catalog = Catalog::sample();
        // The same seed again: every id the generator draws first is taken.
        let mut desk = sample_desk(1, 50, 2);
        let audit_before = desk.audit.len();
        let mut generator = SampleGenerator::new(1, &catalog, 2);
        generator.add_customers(&mut desk, 30);
        // The desk changes between two chunks (a customer added by hand).
        let mut by_hand = desk.customers[0].clone();
        by_hand.id = "by-hand".into();
        by_hand.domain_prefix = "school81".into();
        desk.customers.push(by_hand);
        generator.add_customers(&mut desk, 30);
        assert_eq!(desk.customers.len(), 111);
        assert_eq!(desk.subscriptions.len(), 220);
        assert_eq!(desk.audit[audit_before].seq, audit_before as u64 + 1);
        assert!(desk.customers[50].account.company_name.ends_with(" 50"));
        assert_obeys_the_rules(&desk, &catalog);
    }

    #[test]
    fn a_primary_domain_taken_by_hand_is_not_generated_again() {
        let mut desk = Desk::new(PartnerProfile::default());
        for (i, kind) in KINDS.iter().enumerate() {
            let prefix = format!("{}6", kind.to_lowercase());
            let account = AccountInfo::default();
            let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
            desk.customers
                .push(Customer::new(format!("h{i}"), account, &prefix, day));
        }
        SampleGenerator::new(2, &Catalog::sample(), 1).add_customers(&mut desk, 3);
        assert!(desk.customers[6].domain_prefix.ends_with("6n2"));
        assert!(desk.customers[6].account.company_name.ends_with(" 6"));
        assert!(desk.customers[7].domain_prefix.ends_with('7'));
        assert_eq!(check_desk(&desk), vec![]);
    }

    #[test]
    fn sample_catalog_has_as_many_distinct_valid_offers_as_asked() {
        let sample = Catalog::sample();
        let base = sample.offers.len();
        for n in [0, 10, base, base + 1, 300, 700] {
            let catalog = sample_catalog(n);
            assert_eq!(catalog.offers.len(), n);
            assert_eq!(catalog.problems(), vec![]);
            let ids: HashSet<&str> = catalog.offers.iter().map(|o| o.id.as_str()).collect();
            let names: HashSet<&str> = catalog.offers.iter().map(|o| o.name.as_str()).collect();
            assert_eq!((ids.len(), names.len()), (n, n));
            let first = n.min(sample.offers.len());
            assert_eq!(catalog.offers[..first], sample.offers[..first]);
        }
        let catalog = sample_catalog(300);
        assert_eq!(catalog, sample_catalog(300));
        let a3 = catalog.get("m365-a3-faculty-edu-eudb").expect("a variant");
        assert_eq!(a3.name, "Microsoft 365 A3 for faculty (EU Data Boundary)");
        assert_eq!(a3.commercial_equivalent.as_deref(), Some("m365-e3-eudb"));
        // Every segment and product type keeps being represented among the variants.
        for segment in crate::domain::Segment::ALL {
            assert!(catalog.offers[base..].iter().any(|o| o.segment == segment));
        }
    }
}
