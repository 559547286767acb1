//! Microsoft's price lists as the catalog (docs/RULES.md §9a): the rows of the new-commerce
//! license-based list and of the software list, in effect on the app clock's day, mapped to
//! offers; every row that cannot be sold is kept with its reason, and the dry run says what the
//! new catalog adds, changes and removes.
//!
//! The file itself (CSV, or the compressed file Partner Center downloads) is read by
//! `store::partner_center::price_list`; this module holds the rules.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::catalog::{
    segment_allowed_for_product_type, Amount, BillingFrequency, Catalog, GccEnvironment, ListPrice,
    Offer, PriceBasis, ProductType, Term,
};
use super::matrix::Segment;
use super::unreadable::Unreadable;

/// The price list gives no seat limit (the offer matrix's `MaxLicenses` does, and is not read):
/// a subscription's seats are not limited by the app.
pub const PRICE_LIST_MAX_SEATS: u32 = 1_000_000;

/// The columns the app reads, by their header in Microsoft's files. Found by name, not
/// position: the documented table and the API sample order them differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PriceColumn {
    ProductTitle,
    ProductId,
    SkuId,
    SkuTitle,
    TermDuration,
    BillingPlan,
    Market,
    Currency,
    UnitPrice,
    PricingTierRangeMin,
    EffectiveStartDate,
    EffectiveEndDate,
    Tags,
    ErpPrice,
    Segment,
}

impl PriceColumn {
    /// Every column read; the first nine must be in the file.
    pub const ALL: [PriceColumn; 15] = [
        PriceColumn::ProductId,
        PriceColumn::SkuId,
        PriceColumn::SkuTitle,
        PriceColumn::TermDuration,
        PriceColumn::BillingPlan,
        PriceColumn::Currency,
        PriceColumn::UnitPrice,
        PriceColumn::EffectiveStartDate,
        PriceColumn::EffectiveEndDate,
        PriceColumn::ProductTitle,
        PriceColumn::Market,
        PriceColumn::PricingTierRangeMin,
        PriceColumn::Tags,
        PriceColumn::ErpPrice,
        PriceColumn::Segment,
    ];

    /// The header as Microsoft writes it.
    pub fn header(self) -> &'static str {
        match self {
            PriceColumn::ProductTitle => "ProductTitle",
            PriceColumn::ProductId => "ProductId",
            PriceColumn::SkuId => "SkuId",
            PriceColumn::SkuTitle => "SkuTitle",
            PriceColumn::TermDuration => "TermDuration",
            PriceColumn::BillingPlan => "BillingPlan",
            PriceColumn::Market => "Market",
            PriceColumn::Currency => "Currency",
            PriceColumn::UnitPrice => "UnitPrice",
            PriceColumn::PricingTierRangeMin => "PricingTierRangeMin",
            PriceColumn::EffectiveStartDate => "EffectiveStartDate",
            PriceColumn::EffectiveEndDate => "EffectiveEndDate",
            PriceColumn::Tags => "Tags",
            PriceColumn::ErpPrice => "ERP Price",
            PriceColumn::Segment => "Segment",
        }
    }

    /// Whether a price list without this column is refused. `Segment`, `EndofSaleDate`
    /// (not read) and the others are missing from some of Microsoft's files.
    pub fn required(self) -> bool {
        PriceColumn::ALL[..9].contains(&self)
    }
}

/// One row of a price list: its line in the file and the texts of the columns read (empty
/// where the file has no such column).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PriceListRow {
    pub line: u64,
    pub values: [String; 15],
}

impl PriceListRow {
    /// The row's text in `column`, trimmed.
    pub fn get(&self, column: PriceColumn) -> &str {
        let i = PriceColumn::ALL.iter().position(|c| *c == column);
        i.map_or("", |i| self.values[i].trim())
    }
}

/// Why a row of a price list is not sold. Data: the UI words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The CSV row could not be read (a wrong number of fields, text that is not UTF-8).
    Unreadable(Unreadable),
    /// A required value is empty.
    Missing {
        column: PriceColumn,
    },
    BadDate {
        column: PriceColumn,
        value: String,
    },
    BadPrice {
        column: PriceColumn,
        value: String,
    },
    /// Not an ISO 4217 code (three letters).
    BadCurrency {
        value: String,
    },
    /// Not P1M, P1Y, P3Y or OneTime (e.g. P5Y, which no subscription has).
    UnknownTerm {
        value: String,
    },
    UnknownBillingPlan {
        value: String,
    },
    UnknownSegment {
        value: String,
    },
    /// docs/RULES.md §9: billing never longer than the term; perpetual licences paid once.
    BillingNotForTerm {
        term: Term,
        billing: BillingFrequency,
    },
    /// docs/RULES.md (S1, S2, S5): a special segment on Azure or a software subscription.
    SpecialSegmentNotForProductType {
        segment: Segment,
        product_type: ProductType,
    },
    /// docs/RULES.md §8: a nonprofit SKU needs a commercial SKU of the same product to
    /// propose when the customer loses the segment, and the list has none.
    NoCommercialEquivalent,
    /// The SKU's rows disagree on its segment or product type.
    SkuRowsDisagree,
}

/// A row not sold, with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedRow {
    pub line: u64,
    /// `ProductId:SkuId` as the row gives them.
    pub offer: String,
    pub title: String,
    pub problem: RowProblem,
}

/// A trial in the price list (billing plan `None`): no cost, not an offer sold here (trials are
/// started in Partner Center), so kept apart from the offers and listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trial {
    pub offer: String,
    pub name: String,
    pub segment: Segment,
    pub term: Term,
}

/// What replacing the catalog would do, by offer id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogChanges {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl CatalogChanges {
    /// The differences between the `current` catalog and the `new` one.
    pub fn between(current: &Catalog, new: &Catalog) -> CatalogChanges {
        let mut changes = CatalogChanges::default();
        for offer in &new.offers {
            match current.get(&offer.id) {
                None => changes.added.push(offer.id.clone()),
                Some(old) if old != offer => changes.changed.push(offer.id.clone()),
                Some(_) => {}
            }
        }
        for offer in &current.offers {
            if new.get(&offer.id).is_none() {
                changes.removed.push(offer.id.clone());
            }
        }
        changes
    }
}

/// The dry run of a price list: the catalog it gives and everything left out, with reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceListImport {
    pub catalog: Catalog,
    /// The currencies of the rows in effect (a European list has several), sorted.
    pub currencies: Vec<String>,
    pub refused: Vec<RefusedRow>,
    pub trials: Vec<Trial>,
    /// Rows whose effective dates do not include the day.
    pub not_in_effect: usize,
    /// Rows replaced by a row of the same price with a later start date (Microsoft: "look to
    /// the latest date ranges to identify the current line items"), or by its lowest tier.
    pub superseded: usize,
    /// Rows in effect in another currency than the one chosen.
    pub other_currency: usize,
    pub changes: CatalogChanges,
}

impl PriceListImport {
    /// Whether the catalog can be replaced: the list has something to sell.
    pub fn can_replace(&self) -> bool {
        !self.catalog.offers.is_empty()
    }
}

/// A row's values read, before the rows of one SKU are put together.
struct PricedRow<'r> {
    row: &'r PriceListRow,
    segment: Segment,
    product_type: ProductType,
    term: Term,
    billing: BillingFrequency,
    start: NaiveDate,
    tier: u64,
    price: ListPrice,
}

/// The prices of one SKU as the rows give them.
struct Sku<'r> {
    first: &'r PriceListRow,
    segment: Segment,
    product_type: ProductType,
    lines: Vec<u64>,
    /// By term and billing plan: the row that wins, with its start date and tier.
    prices: Vec<(NaiveDate, u64, ListPrice)>,
}

/// Reads `rows` into the catalog of the offers in effect on `today` in `currency` (`None`:
/// the currency most rows in effect have), compared with the `current` catalog.
/// `unreadable` are the rows the file reader could not read; they are listed with the rest.
pub fn read_price_list(
    rows: &[PriceListRow],
    unreadable: Vec<RefusedRow>,
    today: NaiveDate,
    currency: Option<&str>,
    current: &Catalog,
) -> PriceListImport {
    let mut refused = unreadable;
    let mut refuse = |row: &PriceListRow, problem: RowProblem| {
        refused.push(RefusedRow {
            line: row.line,
            offer: offer_id(row),
            title: title(row).to_owned(),
            problem,
        })
    };

    // Rows in effect on the day, with their dates read.
    let mut not_in_effect = 0;
    let mut in_effect: Vec<(&PriceListRow, NaiveDate)> = Vec::with_capacity(rows.len());
    for row in rows {
        match effective_dates(row) {
            Err(problem) => refuse(row, problem),
            Ok((start, end)) if start <= today && today <= end => in_effect.push((row, start)),
            Ok(_) => not_in_effect += 1,
        }
    }

    let currencies = currencies_of(&in_effect);
    let chosen = currency
        .map(str::to_owned)
        .or_else(|| most_rows(&in_effect))
        .unwrap_or_default();
    let market = in_effect
        .iter()
        .map(|(r, _)| r.get(PriceColumn::Market))
        .find(|m| !m.is_empty())
        .unwrap_or("")
        .to_owned();

    let mut other_currency = 0;
    let mut trials: Vec<Trial> = Vec::new();
    let mut priced: Vec<PricedRow> = Vec::with_capacity(in_effect.len());
    for &(row, start) in &in_effect {
        if !row.get(PriceColumn::Currency).eq_ignore_ascii_case(&chosen) {
            other_currency += 1;
            continue;
        }
        match priced_row(row, start) {
            Err(problem) => refuse(row, problem),
            Ok(None) => {
                let term = term_of(row.get(PriceColumn::TermDuration)).unwrap_or(Term::OneMonth);
                let trial = Trial {
                    offer: offer_id(row),
                    name: title(row).to_owned(),
                    segment: segment_of(row.get(PriceColumn::Segment))
                        .unwrap_or(Segment::Commercial),
                    term,
                };
                if !trials.contains(&trial) {
                    trials.push(trial);
                }
            }
            Ok(Some(p)) => priced.push(p),
        }
    }

    // The rows of each SKU, in the order the SKUs first appear.
    let mut superseded = 0;
    let mut order: Vec<String> = Vec::new();
    let mut skus: HashMap<String, Sku> = HashMap::new();
    for p in priced {
        let id = offer_id(p.row);
        let sku = skus.entry(id.clone()).or_insert_with(|| {
            order.push(id.clone());
            Sku {
                first: p.row,
                segment: p.segment,
                product_type: p.product_type,
                lines: Vec::new(),
                prices: Vec::new(),
            }
        });
        if (sku.segment, sku.product_type) != (p.segment, p.product_type) {
            refuse(p.row, RowProblem::SkuRowsDisagree);
            continue;
        }
        sku.lines.push(p.row.line);
        let same = sku
            .prices
            .iter_mut()
            .find(|(_, _, q)| (q.term, q.billing) == (p.term, p.billing));
        match same {
            None => sku.prices.push((p.start, p.tier, p.price)),
            Some(kept) => {
                superseded += 1;
                // The latest start wins; on the same start (tiers), the lowest tier.
                if (p.start, std::cmp::Reverse(p.tier)) > (kept.0, std::cmp::Reverse(kept.1)) {
                    *kept = (p.start, p.tier, p.price);
                }
            }
        }
    }

    // docs/RULES.md §8: the commercial SKU of the same product, the first the list gives.
    let mut commercial_of_product: HashMap<&str, String> = HashMap::new();
    for id in &order {
        let sku = &skus[id];
        if sku.segment == Segment::Commercial {
            commercial_of_product
                .entry(sku.first.get(PriceColumn::ProductId))
                .or_insert_with(|| id.clone());
        }
    }

    let mut offers = Vec::with_capacity(order.len());
    for id in &order {
        let sku = &skus[id];
        let equivalent = match sku.segment {
            Segment::Nonprofit | Segment::Education => commercial_of_product
                .get(sku.first.get(PriceColumn::ProductId))
                .cloned(),
            _ => None,
        };
        if sku.segment == Segment::Nonprofit && equivalent.is_none() {
            for &line in &sku.lines {
                refused.push(RefusedRow {
                    line,
                    offer: id.clone(),
                    title: title(sku.first).to_owned(),
                    problem: RowProblem::NoCommercialEquivalent,
                });
            }
            continue;
        }
        offers.push(offer_of(id, sku, equivalent));
    }

    crate::sorting::sort_by_key(&mut refused, |r| r.line);
    let basis = PriceBasis::PriceList {
        market,
        as_of: today,
    };
    // Every offer was checked against the catalog's rules row by row, so the catalog is valid;
    // should it not be, nothing is sold from it rather than something wrong.
    let catalog = Catalog::from_price_list(basis.clone(), chosen.clone(), offers)
        .or_else(|_| Catalog::from_price_list(basis, chosen, Vec::new()))
        .expect("an empty catalog is valid");
    let changes = CatalogChanges::between(current, &catalog);
    PriceListImport {
        catalog,
        currencies,
        refused,
        trials,
        not_in_effect,
        superseded,
        other_currency,
        changes,
    }
}

/// The offer for one SKU's prices.
fn offer_of(id: &str, sku: &Sku, commercial_equivalent: Option<String>) -> Offer {
    let mut list_prices: Vec<ListPrice> = sku.prices.iter().map(|(_, _, p)| *p).collect();
    crate::sorting::sort_by_key(&mut list_prices, |p| (p.term, p.billing));
    let mut terms: Vec<Term> = list_prices.iter().map(|p| p.term).collect();
    terms.dedup();
    let mut billing: Vec<BillingFrequency> = list_prices.iter().map(|p| p.billing).collect();
    crate::sorting::sort(&mut billing);
    billing.dedup();
    let name = title(sku.first);
    let family = sku.first.get(PriceColumn::ProductTitle);
    Offer {
        id: id.to_owned(),
        name: name.to_owned(),
        product_family: if family.is_empty() { name } else { family }.to_owned(),
        product_type: sku.product_type,
        segment: sku.segment,
        gcc_environment: gcc_environment_of(name),
        seat_based: matches!(
            sku.product_type,
            ProductType::LicenseBased | ProductType::SoftwareSubscription
        ),
        max_seats: PRICE_LIST_MAX_SEATS,
        terms,
        billing,
        sample_price: None,
        list_prices,
        commercial_equivalent,
    }
}

/// The row's values read; `Ok(None)` for a trial.
fn priced_row(row: &PriceListRow, start: NaiveDate) -> Result<Option<PricedRow<'_>>, RowProblem> {
    use PriceColumn::*;
    for column in [ProductId, SkuId, Currency] {
        if row.get(column).is_empty() {
            return Err(RowProblem::Missing { column });
        }
    }
    let currency = row.get(Currency);
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(RowProblem::BadCurrency {
            value: currency.to_owned(),
        });
    }
    let segment_text = row.get(Segment);
    let segment = segment_of(segment_text).ok_or_else(|| RowProblem::UnknownSegment {
        value: segment_text.to_owned(),
    })?;
    let term_text = row.get(TermDuration);
    let term = term_of(term_text).ok_or_else(|| RowProblem::UnknownTerm {
        value: term_text.to_owned(),
    })?;
    let plan = row.get(BillingPlan);
    if plan.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let billing = billing_of(plan, term).ok_or_else(|| RowProblem::UnknownBillingPlan {
        value: plan.to_owned(),
    })?;
    if !term.allows_billing(billing) {
        return Err(RowProblem::BillingNotForTerm { term, billing });
    }
    let product_type = product_type_of(row.get(Tags), term);
    if !segment_allowed_for_product_type(segment, product_type) {
        return Err(RowProblem::SpecialSegmentNotForProductType {
            segment,
            product_type,
        });
    }
    let unit = amount(row, UnitPrice)?.ok_or(RowProblem::Missing { column: UnitPrice })?;
    let erp = amount(row, ErpPrice)?;
    let tier = amount(row, PricingTierRangeMin)?.map_or(0, |a| a.0);
    Ok(Some(PricedRow {
        row,
        segment,
        product_type,
        term,
        billing,
        start,
        tier,
        price: ListPrice {
            term,
            billing,
            unit,
            erp,
        },
    }))
}

/// The price in `column`; `None` when empty.
fn amount(row: &PriceListRow, column: PriceColumn) -> Result<Option<Amount>, RowProblem> {
    let text = row.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    Amount::parse(text)
        .map(Some)
        .ok_or_else(|| RowProblem::BadPrice {
            column,
            value: text.to_owned(),
        })
}

fn effective_dates(row: &PriceListRow) -> Result<(NaiveDate, NaiveDate), RowProblem> {
    let date = |column: PriceColumn| {
        let text = row.get(column);
        if text.is_empty() {
            return Err(RowProblem::Missing { column });
        }
        list_date(text).ok_or_else(|| RowProblem::BadDate {
            column,
            value: text.to_owned(),
        })
    };
    Ok((
        date(PriceColumn::EffectiveStartDate)?,
        date(PriceColumn::EffectiveEndDate)?,
    ))
}

/// A date as Microsoft's price lists write it: `2/1/2023 0:00`, `2/1/2019 12:00:00 AM`
/// (month first, as the US examples have it), or ISO `2021-10-01T00:00:00.0000000Z`. Only
/// the day counts: a row is in effect on every day from its start to its end date.
pub fn list_date(text: &str) -> Option<NaiveDate> {
    let day = text.split([' ', 'T']).next()?;
    if day.contains('-') {
        return day.parse().ok(); // ISO, `YYYY-MM-DD`
    }
    let mut parts = day.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `Segment`: `Commercial`, `Education`, `Charity` (Microsoft's word for nonprofit in price
/// files; `Nonprofit` accepted too), `Government` (GCC); empty or missing is Commercial
/// ("No segment defaults to what we call the commercial segment").
fn segment_of(text: &str) -> Option<Segment> {
    let t = text.to_ascii_lowercase();
    Some(match t.as_str() {
        "" | "commercial" => Segment::Commercial,
        "education" => Segment::Education,
        "charity" | "nonprofit" => Segment::Nonprofit,
        "government" | "gcc" => Segment::GovernmentCommunityCloud,
        _ => return None,
    })
}

fn term_of(text: &str) -> Option<Term> {
    Some(match text.to_ascii_uppercase().as_str() {
        "P1M" => Term::OneMonth,
        "P1Y" => Term::OneYear,
        "P3Y" => Term::ThreeYears,
        "ONETIME" => Term::Perpetual,
        _ => return None,
    })
}

/// `BillingPlan`; the software list leaves it blank for perpetual licences, paid once.
fn billing_of(text: &str, term: Term) -> Option<BillingFrequency> {
    Some(match text.to_ascii_lowercase().as_str() {
        "monthly" => BillingFrequency::Monthly,
        "annual" => BillingFrequency::Annual,
        "triennial" => BillingFrequency::Triennial,
        "onetime" => BillingFrequency::OneTime,
        "" if term == Term::Perpetual => BillingFrequency::OneTime,
        _ => return None,
    })
}

/// The product type from `Tags` (`License`, `Software;Perpetual`, `Azure`; `;`-separated, with
/// or without a space) and the term: the software list's one-time rows are perpetual software,
/// its other rows software subscriptions.
fn product_type_of(tags: &str, term: Term) -> ProductType {
    let has = |tag: &str| tags.split(';').any(|t| t.trim().eq_ignore_ascii_case(tag));
    if has("azure") {
        ProductType::Azure
    } else if has("perpetual") || term == Term::Perpetual {
        ProductType::PerpetualSoftware
    } else if has("software") {
        ProductType::SoftwareSubscription
    } else {
        ProductType::LicenseBased
    }
}

/// docs/RULES.md §4: the GCC environment a government SKU names in its title; Moderate when
/// it names none.
fn gcc_environment_of(title: &str) -> GccEnvironment {
    let t = title.to_ascii_lowercase();
    if t.contains("dod") {
        GccEnvironment::DoD
    } else if t.contains("gcc high") {
        GccEnvironment::High
    } else {
        GccEnvironment::Moderate
    }
}

fn offer_id(row: &PriceListRow) -> String {
    format!(
        "{}:{}",
        row.get(PriceColumn::ProductId),
        row.get(PriceColumn::SkuId)
    )
}

fn title(row: &PriceListRow) -> &str {
    let sku = row.get(PriceColumn::SkuTitle);
    if sku.is_empty() {
        row.get(PriceColumn::ProductTitle)
    } else {
        sku
    }
}

fn currencies_of(rows: &[(&PriceListRow, NaiveDate)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (row, _) in rows {
        let c = row.get(PriceColumn::Currency).to_ascii_uppercase();
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    crate::sorting::sort(&mut out);
    out
}

/// The currency most rows have (the first in order on a tie).
fn most_rows(rows: &[(&PriceListRow, NaiveDate)]) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (row, _) in rows {
        let c = row.get(PriceColumn::Currency).to_ascii_uppercase();
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    crate::sorting::sort_by(&mut counts, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    counts.into_iter().map(|(c, _)| c).find(|c| !c.is_empty())
}
