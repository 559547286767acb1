//! The offer catalog: offers, their terms and billing, and the sample catalog shipped with the
//! app (`catalog.json`, embedded at build time). Loading validates every offer.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::matrix::Segment;
use super::partner::ResellerQualification;

/// What kind of product an offer sells (docs/RULES.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductType {
    LicenseBased,
    PerpetualSoftware,
    SoftwareSubscription,
    Azure,
}

impl ProductType {
    /// docs/RULES.md (S1, S2, S5): special pricing exists only for license-based services and
    /// perpetual software; software subscriptions and Azure are Commercial only.
    pub fn supports_special_segments(self) -> bool {
        matches!(
            self,
            ProductType::LicenseBased | ProductType::PerpetualSoftware
        )
    }
}

/// Whether an offer of `product_type` may be priced for `segment` (docs/RULES.md).
pub fn segment_allowed_for_product_type(segment: Segment, product_type: ProductType) -> bool {
    !segment.is_special() || product_type.supports_special_segments()
}

/// The Government Community Cloud environment a GCC offer runs in (docs/RULES.md §4; S2, S5):
/// each needs its own reseller qualification of the partner.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum GccEnvironment {
    /// US Federal – GCC Moderate. Offers stored before environments were modelled are this.
    #[default]
    Moderate,
    /// US Federal – GCC High (Office).
    High,
    /// US Federal – DoD (Office).
    DoD,
}

impl GccEnvironment {
    pub const ALL: [GccEnvironment; 3] = [
        GccEnvironment::Moderate,
        GccEnvironment::High,
        GccEnvironment::DoD,
    ];

    /// The partner's reseller qualification this environment needs (docs/RULES.md §4; S2, S5):
    /// GCC Moderate (the partner's GCC form) for Moderate, GCC High and DoD (by invitation
    /// only) for High and DoD.
    pub fn reseller_qualification(self) -> ResellerQualification {
        match self {
            GccEnvironment::Moderate => ResellerQualification::GccModerate,
            GccEnvironment::High | GccEnvironment::DoD => ResellerQualification::GccHighAndDoD,
        }
    }

    fn is_moderate(&self) -> bool {
        *self == GccEnvironment::Moderate
    }
}

/// Subscription term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Term {
    OneMonth,
    OneYear,
    ThreeYears,
    Perpetual,
}

impl Term {
    /// The date a term started on `start` ends (the renewal date); `None` for perpetual.
    pub fn end_date(self, start: NaiveDate) -> Option<NaiveDate> {
        start.checked_add_months(Months::new(self.months()?))
    }

    /// The end of the term after the one ending on `ended`, for a subscription that started on
    /// `start`: whole terms counted from `start` (not from `ended`, which a short month may
    /// have moved back), so a term started on the 31st ends on the 31st where the month has
    /// one. `None` for perpetual.
    pub fn end_after(self, start: NaiveDate, ended: NaiveDate) -> Option<NaiveDate> {
        let months = self.months()?;
        let elapsed =
            (ended.year() - start.year()) * 12 + ended.month() as i32 - start.month() as i32;
        let terms = u32::try_from(elapsed).ok()? / months + 1;
        start.checked_add_months(Months::new(terms * months))
    }

    /// The length of the term in months; `None` for perpetual.
    fn months(self) -> Option<u32> {
        match self {
            Term::OneMonth => Some(1),
            Term::OneYear => Some(12),
            Term::ThreeYears => Some(36),
            Term::Perpetual => None,
        }
    }

    /// Whether subscriptions of this term can renew (all but perpetual).
    pub fn renews(self) -> bool {
        self != Term::Perpetual
    }

    /// Whether `billing` can be used with this term: a billing period never exceeds the term,
    /// and perpetual licences are paid once.
    pub fn allows_billing(self, billing: BillingFrequency) -> bool {
        use BillingFrequency::*;
        match self {
            Term::OneMonth => billing == Monthly,
            Term::OneYear => matches!(billing, Monthly | Annual),
            Term::ThreeYears => matches!(billing, Monthly | Annual | Triennial),
            Term::Perpetual => billing == OneTime,
        }
    }
}

/// Billing frequency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BillingFrequency {
    Monthly,
    Annual,
    Triennial,
    OneTime,
}

/// What a sample price is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PricePer {
    /// Per seat (or unit) per month.
    SeatMonth,
    /// Once per licence (perpetual software).
    License,
    /// Usage-based: no fixed price.
    Usage,
}

/// An illustrative list price. Not Microsoft's price: the sample catalog's offers carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SamplePrice {
    pub usd_cents: u32,
    pub per: PricePer,
}

/// An amount of the catalog's currency in ten-thousandths of its unit: Microsoft's price lists
/// write prices as decimals (`115.2`, `48`), and four places hold every one exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Amount(pub u64);

impl Amount {
    const PLACES: usize = 4;

    /// Reads a price list's decimal (`48`, `115.2`, `0.0625`); `None` for anything else
    /// (a sign, more than four places, a thousands separator, an empty text).
    pub fn parse(text: &str) -> Option<Amount> {
        let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) {
            return None;
        }
        if fraction.len() > Self::PLACES || whole.len() > 12 {
            return None;
        }
        let padded = format!("{whole}{fraction:0<width$}", width = Self::PLACES);
        padded.parse().ok().map(Amount)
    }

    /// The amount in whole units, for formatting.
    pub fn units(self) -> f64 {
        self.0 as f64 / 10_000.0
    }
}

/// One price of a price list offer: what one licence costs for the term, billed as the plan
/// says (Microsoft: "The UnitPrice amount is for the term being purchased").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPrice {
    pub term: Term,
    pub billing: BillingFrequency,
    /// The partner's price (`UnitPrice`).
    pub unit: Amount,
    /// The estimated retail price (`ERP Price`), when the list gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erp: Option<Amount>,
}

/// One purchasable offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub id: String,
    pub name: String,
    /// E.g. "Microsoft 365", "Dynamics 365", "Intune", "Minecraft Education", "Office".
    pub product_family: String,
    pub product_type: ProductType,
    pub segment: Segment,
    /// GCC offers only: the environment, which decides the reseller qualification the partner
    /// needs (docs/RULES.md §4). Absent means Moderate, so offers stored before it load as
    /// they were; Moderate is not written.
    #[serde(default, skip_serializing_if = "GccEnvironment::is_moderate")]
    pub gcc_environment: GccEnvironment,
    /// Licensed per seat (user); the nonprofit auto-renew rule (§8) applies to these.
    pub seat_based: bool,
    /// Most seats (or units) one subscription may have; at least 1.
    pub max_seats: u32,
    pub terms: Vec<Term>,
    pub billing: Vec<BillingFrequency>,
    /// The sample catalog's illustrative price; `None` for an offer from a price list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample_price: Option<SamplePrice>,
    /// Microsoft's prices, one per term and billing plan, for an offer from a price list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list_prices: Vec<ListPrice>,
    /// The Commercial offer proposed when the customer loses this segment (§8).
    pub commercial_equivalent: Option<String>,
}

impl Offer {
    /// The GCC environment the offer runs in; `None` for an offer that is not GCC (its stored
    /// `gcc_environment` is only the default there).
    pub fn environment(&self) -> Option<GccEnvironment> {
        (self.segment == Segment::GovernmentCommunityCloud).then_some(self.gcc_environment)
    }
}

/// Where a catalog's offers and prices come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceBasis {
    /// Illustrative prices, not Microsoft's.
    Sample,
    /// Microsoft's price list for a market, the rows in effect on `as_of`.
    PriceList { market: String, as_of: NaiveDate },
}

/// A validated catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub prices: PriceBasis,
    pub currency: String,
    pub offers: Vec<Offer>,
    /// Positions of `offers` sorted by id, so a look-up in a price list of thousands of offers
    /// is a binary search (built by every constructor; not stored).
    #[serde(skip)]
    by_id: Vec<u32>,
}

/// Why a catalog file is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CatalogProblem {
    InvalidJson {
        message: String,
    },
    EmptyIdOrName {
        offer: String,
    },
    DuplicateOfferId {
        offer: String,
    },
    /// docs/RULES.md: e.g. an Education software subscription or a Nonprofit Azure offer.
    SpecialSegmentNotForProductType {
        offer: String,
        segment: Segment,
        product_type: ProductType,
    },
    /// docs/RULES.md §9: only a GCC offer has a GCC environment other than the default.
    GccEnvironmentOnNonGccOffer {
        offer: String,
        segment: Segment,
        environment: GccEnvironment,
    },
    NoTerms {
        offer: String,
    },
    NoBilling {
        offer: String,
    },
    MaxSeatsZero {
        offer: String,
    },
    /// A listed term with no listed billing frequency that fits it.
    TermWithoutBilling {
        offer: String,
        term: Term,
    },
    /// A listed billing frequency that fits no listed term.
    BillingWithoutTerm {
        offer: String,
        billing: BillingFrequency,
    },
    /// Nonprofit offers must name their commercial equivalent (§8).
    MissingCommercialEquivalent {
        offer: String,
    },
    UnknownCommercialEquivalent {
        offer: String,
        equivalent: String,
    },
    EquivalentNotCommercial {
        offer: String,
        equivalent: String,
    },
}

const SAMPLE_CATALOG_JSON: &str = include_str!("catalog.json");

impl Catalog {
    /// Parses and validates a catalog, in either of its JSON forms: the array of offers of a
    /// sample catalog, or the whole catalog object (a price list's, which names its market,
    /// date and currency). Every problem is reported.
    pub fn load(json: &str) -> Result<Catalog, Vec<CatalogProblem>> {
        let invalid = |e: serde_json::Error| {
            vec![CatalogProblem::InvalidJson {
                message: e.to_string(),
            }]
        };
        if json.trim_start().starts_with('[') {
            let offers = serde_json::from_str(json).map_err(invalid)?;
            return Catalog::from_offers(offers);
        }
        let catalog: Catalog = serde_json::from_str(json).map_err(invalid)?;
        catalog.validated()
    }

    /// The catalog's JSON form that [`Catalog::load`] reads: the offers alone for a sample
    /// catalog (as desks stored before price lists hold it), the whole catalog otherwise.
    pub fn to_json(&self) -> String {
        let json = match self.prices {
            PriceBasis::Sample => serde_json::to_string(&self.offers),
            PriceBasis::PriceList { .. } => serde_json::to_string(self),
        };
        json.expect("a catalog serializes")
    }

    /// A price list's catalog of `offers` in `currency` (validated like a loaded one).
    pub fn from_price_list(
        basis: PriceBasis,
        currency: String,
        offers: Vec<Offer>,
    ) -> Result<Catalog, Vec<CatalogProblem>> {
        Catalog {
            prices: basis,
            currency,
            offers,
            by_id: Vec::new(),
        }
        .validated()
    }

    /// The catalog with its look-up index, or every problem of its offers.
    fn validated(mut self) -> Result<Catalog, Vec<CatalogProblem>> {
        let offers = &self.offers;
        let order =
            crate::sorting::positions(offers.len(), &|a, b| offers[a].id.cmp(&offers[b].id));
        self.by_id = order.into_iter().map(|i| i as u32).collect();
        let problems = self.problems();
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// The sample catalog shipped with the app.
    pub fn sample() -> Catalog {
        Catalog::load(SAMPLE_CATALOG_JSON).expect("the embedded sample catalog is valid")
    }

    /// A catalog made of `offers` (validated like a loaded one).
    pub fn from_offers(offers: Vec<Offer>) -> Result<Catalog, Vec<CatalogProblem>> {
        Catalog::from_price_list(PriceBasis::Sample, "USD".into(), offers)
    }

    /// The offer with this id.
    pub fn get(&self, id: &str) -> Option<&Offer> {
        self.position(id).map(|i| &self.offers[i])
    }

    /// Where the offer with this id is in `offers`, the first should the id repeat (`by_id` is
    /// sorted stably, so equal ids keep their order and the first is at the partition point).
    fn position(&self, id: &str) -> Option<usize> {
        let k = self
            .by_id
            .partition_point(|&i| self.offers[i as usize].id.as_str() < id);
        let i = *self.by_id.get(k)? as usize;
        (self.offers[i].id == id).then_some(i)
    }

    /// Every problem of the catalog's offers.
    pub fn problems(&self) -> Vec<CatalogProblem> {
        use CatalogProblem::*;
        let mut out = Vec::new();
        for (i, offer) in self.offers.iter().enumerate() {
            let id = || offer.id.clone();
            if offer.id.trim().is_empty() || offer.name.trim().is_empty() {
                out.push(EmptyIdOrName { offer: id() });
            }
            if self.position(&offer.id).is_some_and(|first| first < i) {
                out.push(DuplicateOfferId { offer: id() });
            }
            // docs/RULES.md, Decisions
            if !segment_allowed_for_product_type(offer.segment, offer.product_type) {
                out.push(SpecialSegmentNotForProductType {
                    offer: id(),
                    segment: offer.segment,
                    product_type: offer.product_type,
                });
            }
            if offer.segment != Segment::GovernmentCommunityCloud
                && !offer.gcc_environment.is_moderate()
            {
                out.push(GccEnvironmentOnNonGccOffer {
                    offer: id(),
                    segment: offer.segment,
                    environment: offer.gcc_environment,
                });
            }
            if offer.terms.is_empty() {
                out.push(NoTerms { offer: id() });
            }
            if offer.billing.is_empty() {
                out.push(NoBilling { offer: id() });
            }
            if offer.max_seats == 0 {
                out.push(MaxSeatsZero { offer: id() });
            }
            for &term in &offer.terms {
                if !offer.billing.is_empty()
                    && !offer.billing.iter().any(|&b| term.allows_billing(b))
                {
                    out.push(TermWithoutBilling { offer: id(), term });
                }
            }
            for &billing in &offer.billing {
                if !offer.terms.is_empty() && !offer.terms.iter().any(|t| t.allows_billing(billing))
                {
                    out.push(BillingWithoutTerm {
                        offer: id(),
                        billing,
                    });
                }
            }
            match &offer.commercial_equivalent {
                None if offer.segment == Segment::Nonprofit => {
                    out.push(MissingCommercialEquivalent { offer: id() })
                }
                None => {}
                Some(eq) => match self.get(eq) {
                    None => out.push(UnknownCommercialEquivalent {
                        offer: id(),
                        equivalent: eq.clone(),
                    }),
                    Some(o) if o.segment != Segment::Commercial => {
                        out.push(EquivalentNotCommercial {
                            offer: id(),
                            equivalent: eq.clone(),
                        })
                    }
                    Some(_) => {}
                },
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::day;

    #[test]
    fn sample_catalog_loads_and_covers_every_segment_and_product_type() {
        let c = Catalog::sample();
        // docs/RULES.md §9 gives the count.
        assert_eq!(c.offers.len(), 42);
        assert_eq!(c.prices, PriceBasis::Sample);
        for segment in Segment::ALL {
            assert!(c.offers.iter().any(|o| o.segment == segment), "{segment:?}");
        }
        for pt in [
            ProductType::LicenseBased,
            ProductType::PerpetualSoftware,
            ProductType::SoftwareSubscription,
            ProductType::Azure,
        ] {
            assert!(c.offers.iter().any(|o| o.product_type == pt), "{pt:?}");
        }
        for family in [
            "Microsoft 365",
            "Dynamics 365",
            "Intune",
            "Minecraft Education",
            "Office",
        ] {
            assert!(
                c.offers.iter().any(|o| o.product_family == family),
                "{family}"
            );
        }
        // Every GCC environment has offers (docs/RULES.md §4), and only GCC offers name one.
        for environment in GccEnvironment::ALL {
            assert!(
                c.offers
                    .iter()
                    .any(|o| o.segment == Segment::GovernmentCommunityCloud
                        && o.gcc_environment == environment),
                "{environment:?}"
            );
        }
        // Every nonprofit offer can be replaced by its commercial equivalent (§8), and so can
        // every Education offer that names one (§3): loading only checks that the equivalent
        // exists and is Commercial, so check here that it is the same product (family, type,
        // seat-based or not) and offers each of the offer's terms.
        let special = c.offers.iter().filter(|o| {
            o.segment == Segment::Nonprofit
                || (o.segment == Segment::Education && o.commercial_equivalent.is_some())
        });
        let mut checked = 0;
        for o in special {
            let id = o.commercial_equivalent.as_deref().expect("an equivalent");
            let e = c.get(id).expect("a known equivalent");
            assert_eq!(
                (&e.product_family, e.product_type, e.seat_based),
                (&o.product_family, o.product_type, o.seat_based),
                "{} -> {}",
                o.id,
                e.id
            );
            assert!(o.terms.iter().all(|t| e.terms.contains(t)), "{}", o.id);
            checked += 1;
        }
        assert_eq!(checked, 17);
    }

    fn offer(id: &str, segment: Segment, product_type: ProductType) -> Offer {
        Offer {
            id: id.into(),
            name: id.into(),
            product_family: "Azure".into(),
            product_type,
            segment,
            gcc_environment: GccEnvironment::Moderate,
            seat_based: false,
            max_seats: 1,
            terms: vec![Term::OneMonth],
            billing: vec![BillingFrequency::Monthly],
            sample_price: Some(SamplePrice {
                usd_cents: 0,
                per: PricePer::Usage,
            }),
            list_prices: Vec::new(),
            commercial_equivalent: None,
        }
    }

    #[test]
    fn special_segment_on_azure_or_software_subscription_is_refused() {
        let problems = Catalog::from_offers(vec![
            offer("azure-edu", Segment::Education, ProductType::Azure),
            offer(
                "sw-gcc",
                Segment::GovernmentCommunityCloud,
                ProductType::SoftwareSubscription,
            ),
            offer("azure", Segment::Commercial, ProductType::Azure),
        ])
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                CatalogProblem::SpecialSegmentNotForProductType {
                    offer: "azure-edu".into(),
                    segment: Segment::Education,
                    product_type: ProductType::Azure
                },
                CatalogProblem::SpecialSegmentNotForProductType {
                    offer: "sw-gcc".into(),
                    segment: Segment::GovernmentCommunityCloud,
                    product_type: ProductType::SoftwareSubscription
                },
            ]
        );
    }

    #[test]
    fn only_gcc_offers_run_in_an_environment() {
        let mut gcc = offer(
            "g",
            Segment::GovernmentCommunityCloud,
            ProductType::LicenseBased,
        );
        gcc.gcc_environment = GccEnvironment::High;
        assert_eq!(gcc.environment(), Some(GccEnvironment::High));
        let commercial = offer("c", Segment::Commercial, ProductType::LicenseBased);
        assert_eq!(commercial.environment(), None);
    }

    #[test]
    fn gcc_environment_defaults_to_moderate_so_stored_catalogs_load() {
        // An offer stored before environments were modelled: no gcc_environment.
        let mut stored = serde_json::to_value(offer(
            "g3",
            Segment::GovernmentCommunityCloud,
            ProductType::LicenseBased,
        ))
        .unwrap();
        assert_eq!(
            stored.get("gcc_environment"),
            None,
            "Moderate is not written"
        );
        stored.as_object_mut().unwrap().remove("gcc_environment");
        let loaded: Offer = serde_json::from_value(stored).unwrap();
        assert_eq!(loaded.gcc_environment, GccEnvironment::Moderate);
        // High and DoD are written and read back.
        for environment in [GccEnvironment::High, GccEnvironment::DoD] {
            let mut o = offer(
                "g5",
                Segment::GovernmentCommunityCloud,
                ProductType::LicenseBased,
            );
            o.gcc_environment = environment;
            let json = serde_json::to_string(&o).unwrap();
            assert!(json.contains(&format!(r#""gcc_environment":"{environment:?}""#)));
            assert_eq!(serde_json::from_str::<Offer>(&json).unwrap(), o);
        }
        // Only a GCC offer may be in a non-default environment.
        let mut edu = offer("edu", Segment::Education, ProductType::LicenseBased);
        edu.gcc_environment = GccEnvironment::DoD;
        assert_eq!(
            Catalog::from_offers(vec![edu]).unwrap_err(),
            vec![CatalogProblem::GccEnvironmentOnNonGccOffer {
                offer: "edu".into(),
                segment: Segment::Education,
                environment: GccEnvironment::DoD
            }]
        );
        assert_eq!(
            GccEnvironment::ALL.map(GccEnvironment::reseller_qualification),
            [
                ResellerQualification::GccModerate,
                ResellerQualification::GccHighAndDoD,
                ResellerQualification::GccHighAndDoD
            ]
        );
    }

    #[test]
    fn structural_problems_are_all_reported() {
        let mut a = offer("a", Segment::Commercial, ProductType::LicenseBased);
        a.max_seats = 0;
        a.terms = vec![Term::Perpetual];
        let mut np = offer("a", Segment::Nonprofit, ProductType::LicenseBased);
        np.billing.clear();
        let mut eq = offer("b", Segment::Education, ProductType::LicenseBased);
        eq.commercial_equivalent = Some("zzz".into());
        let p = Catalog::from_offers(vec![a, np, eq]).unwrap_err();
        use CatalogProblem::*;
        assert!(p.contains(&MaxSeatsZero { offer: "a".into() }));
        assert!(p.contains(&TermWithoutBilling {
            offer: "a".into(),
            term: Term::Perpetual
        }));
        assert!(p.contains(&BillingWithoutTerm {
            offer: "a".into(),
            billing: BillingFrequency::Monthly
        }));
        assert!(p.contains(&DuplicateOfferId { offer: "a".into() }));
        assert!(p.contains(&NoBilling { offer: "a".into() }));
        assert!(p.contains(&MissingCommercialEquivalent { offer: "a".into() }));
        assert!(p.contains(&UnknownCommercialEquivalent {
            offer: "b".into(),
            equivalent: "zzz".into()
        }));
        assert!(matches!(
            Catalog::load("{").unwrap_err()[0],
            InvalidJson { .. }
        ));
    }

    #[test]
    fn terms_end_and_bill() {
        assert_eq!(
            Term::OneMonth.end_date(day(2025, 1, 31)),
            Some(day(2025, 2, 28))
        );
        assert_eq!(
            Term::OneYear.end_date(day(2025, 3, 1)),
            Some(day(2026, 3, 1))
        );
        assert_eq!(
            Term::ThreeYears.end_date(day(2025, 3, 1)),
            Some(day(2028, 3, 1))
        );
        assert_eq!(Term::Perpetual.end_date(day(2025, 3, 1)), None);
        assert!(!Term::OneMonth.allows_billing(BillingFrequency::Annual));
        assert!(Term::ThreeYears.allows_billing(BillingFrequency::Triennial));
        assert!(!Term::OneYear.allows_billing(BillingFrequency::OneTime));
        assert!(Term::Perpetual.allows_billing(BillingFrequency::OneTime));
    }
}
