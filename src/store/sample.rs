//! A deterministic generator of realistic desks: the same seed gives the same desk. Used to
//! measure storage at scale (tests/store_size.rs), by property tests, and later by "Load sample
//! data". Records are built with the domain's constructors and obey its rules (qualification
//! sets are rows of the matrix; every subscription's segment is one its customer may buy), and
//! every record has the audit entry that created it.

use chrono::{Days, NaiveDate};

use crate::domain::{
    AccountInfo, Actor, AuditEntry, BillingFrequency, CartLine, Catalog, Change, Customer, Desk,
    EducationSegment, Entity, PartnerProfile, Qualification, QualificationRecord, Role,
    Subscription, VettingStatus,
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

fn day(base: NaiveDate, rng: &mut Rng, within: u64) -> NaiveDate {
    base.checked_add_days(Days::new(rng.below(within)))
        .unwrap_or(base)
}

/// A desk with `customers` customers and about `subscriptions_per_customer` subscriptions each
/// (exactly `customers * subscriptions_per_customer` in total), all dated before `2026-11-01`.
pub fn sample_desk(seed: u64, customers: usize, subscriptions_per_customer: usize) -> Desk {
    let catalog = Catalog::sample();
    let mut rng = Rng::new(seed);
    let mut desk = Desk::new(PartnerProfile::default());
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
    for n in 0..customers {
        let id = rng.uuid();
        let (country, city, state) = *rng.pick(&TOWNS);
        let kind = *rng.pick(&KINDS);
        let (first, last) = (*rng.pick(&FIRST), *rng.pick(&LAST));
        let prefix = format!("{}{n}", kind.to_lowercase());
        let mail_domain = format!("{prefix}.example");
        let account = AccountInfo {
            company_name: format!("{city} {kind} {n}"),
            country: country.into(),
            address_line1: format!("Main Street {}", 1 + rng.below(200)),
            address_line2: String::new(),
            city: city.into(),
            state: state.into(),
            postal_code: format!("{:05}", rng.below(100_000)),
            email: format!("office@{mail_domain}"),
            first_name: first.into(),
            last_name: last.into(),
            contact_email: format!("{}@{mail_domain}", first.to_lowercase()),
            phone: format!("+1 555 {:04}", rng.below(10_000)),
        };
        let created = day(start, &mut rng, 600);
        let mut customer = Customer::new(id.clone(), account, &prefix, created);
        let entity = Entity::Customer { id: id.clone() };
        let name = customer.account.company_name.clone();
        let change = Change::CustomerCreated {
            company_name: name,
            domain_prefix: customer.domain_prefix.clone(),
        };
        log(&mut desk, created, entity.clone(), change);
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
            log(&mut desk, created, entity.clone(), change);
        }
        let buyable = crate::domain::purchasable_segments(customer.effective(created));
        let offers: Vec<_> = catalog
            .offers
            .iter()
            .filter(|o| buyable.contains(o.segment))
            .collect();
        for _ in 0..subscriptions_per_customer {
            let offer = *rng.pick(&offers);
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
            let bought = day(created, &mut rng, 120);
            let sub = Subscription::new(rng.uuid(), id.clone(), offer, &line, bought);
            let change = Change::SubscriptionCreated {
                customer: id.clone(),
                offer: offer.id.clone(),
                seats,
                term,
                billing,
            };
            log(
                &mut desk,
                bought,
                Entity::Subscription { id: sub.id.clone() },
                change,
            );
            desk.subscriptions.push(sub);
        }
        desk.customers.push(customer);
    }
    desk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_desk() {
        assert_eq!(sample_desk(7, 20, 3), sample_desk(7, 20, 3));
        assert_ne!(sample_desk(7, 20, 3), sample_desk(8, 20, 3));
        let desk = sample_desk(7, 20, 3);
        assert_eq!((desk.customers.len(), desk.subscriptions.len()), (20, 60));
        assert!(desk.customers.iter().all(|c| c.held().is_allowed()));
    }
}
