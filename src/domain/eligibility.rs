//! May this customer buy this offer from this partner today? (docs/RULES.md)
//!
//! One implementation of the rule, [`CustomerEligibility`]: what depends on the customer, the
//! partner and the day (the effective qualifications, the purchase matrix, the partner gates) is
//! computed once, so each offer costs a product-type check and a segment look-up, and reasons
//! are built only for a refusal. [`eligibility`] is the one-offer shortcut over it. Asking
//! every offer for every customer (10,000 × 300) stays within the budgets of
//! docs/PERFORMANCE.md (`cargo bench --bench domain`, `tests/bench_wasm.rs`).

use chrono::NaiveDate;

use super::catalog::{segment_allowed_for_product_type, GccEnvironment, Offer};
use super::customer::Customer;
use super::matrix::{purchasable_segments, Segment, SegmentSet};
use super::partner::{PartnerProfile, PartnerType};
use super::qualification::{Qualification, QualificationSet, VettingStatus};
use super::reason::{Decision, Reason};

/// Every reason this customer may not buy `offer` through `partner` on `today`, or `Allowed`.
/// Cheap: no allocation unless refused. To ask many offers for one customer, build a
/// [`CustomerEligibility`] once.
pub fn eligibility(
    customer: &Customer,
    partner: &PartnerProfile,
    offer: &Offer,
    today: NaiveDate,
) -> Decision {
    CustomerEligibility::new(customer, partner, today).decide(offer)
}

/// One customer's eligibility through one partner on one day, asked offer by offer.
#[derive(Clone, Copy, Debug)]
pub struct CustomerEligibility<'a> {
    customer: &'a Customer,
    today: NaiveDate,
    /// The qualifications that count for purchases today (docs/RULES.md rule 4, §8).
    effective: QualificationSet,
    /// The purchase matrix's segments for `effective` (docs/RULES.md).
    matrix: SegmentSet,
    /// docs/RULES.md: an indirect reseller places no special-segment order itself.
    indirect_reseller: bool,
    /// docs/RULES.md §4: for each of [`GccEnvironment::ALL`], whether the partner holds the
    /// reseller qualification its offers need.
    gcc_environments: [bool; 3],
    /// `matrix` less what the partner gates refuse: the segments this customer may buy here
    /// (GCC when the partner may sell in at least one environment).
    segments: SegmentSet,
}

impl<'a> CustomerEligibility<'a> {
    /// Computes what every offer's decision shares: the effective qualifications, the purchase
    /// matrix row and the partner gates.
    pub fn new(customer: &'a Customer, partner: &PartnerProfile, today: NaiveDate) -> Self {
        let effective = customer.effective(today);
        let matrix = purchasable_segments(effective);
        let indirect_reseller = partner.partner_type == PartnerType::IndirectReseller;
        let gcc_environments = GccEnvironment::ALL.map(|e| partner.may_sell_gcc_environment(e));
        let gate_open = |segment: Segment, environment: GccEnvironment| {
            partner_gate(segment, environment, indirect_reseller, gcc_environments).is_none()
        };
        let moderate = GccEnvironment::Moderate;
        let segments = SegmentSet {
            commercial: matrix.commercial && gate_open(Segment::Commercial, moderate),
            education: matrix.education && gate_open(Segment::Education, moderate),
            nonprofit: matrix.nonprofit && gate_open(Segment::Nonprofit, moderate),
            government_community_cloud: matrix.government_community_cloud
                && GccEnvironment::ALL
                    .into_iter()
                    .any(|e| gate_open(Segment::GovernmentCommunityCloud, e)),
        };
        CustomerEligibility {
            customer,
            today,
            effective,
            matrix,
            indirect_reseller,
            gcc_environments,
            segments,
        }
    }

    /// The qualifications that count for purchases today.
    pub fn effective(&self) -> QualificationSet {
        self.effective
    }

    /// The segments this customer may buy through this partner today: the purchase matrix
    /// less the partner gates. An offer of one of them is allowed when its product type carries
    /// the segment (docs/RULES.md; always so in a validated catalog) and, for a GCC offer, when
    /// its environment is one of [`Self::gcc_environments`].
    pub fn segments(&self) -> SegmentSet {
        self.segments
    }

    /// For each of [`GccEnvironment::ALL`], whether the partner may sell GCC offers in it
    /// (docs/RULES.md §4). With [`Self::segments`], all that decides which offers are allowed.
    pub fn gcc_environments(&self) -> [bool; 3] {
        self.gcc_environments
    }

    /// Whether the customer may buy `offer`: the same answer as [`Self::decide`]`.is_allowed()`,
    /// without building any reason.
    #[inline]
    pub fn allows(&self, offer: &Offer) -> bool {
        segment_allowed_for_product_type(offer.segment, offer.product_type)
            && self.segments.contains(offer.segment)
            && (offer.segment != Segment::GovernmentCommunityCloud
                || self.gcc_environments[offer.gcc_environment as usize])
    }

    /// `Allowed`, or every reason the customer may not buy `offer`, in this order: the product
    /// type (§7), the purchase matrix (§4, with the customer's more precise reason when there is
    /// one), the partner gate (§4 rule 5, §5, §5.2). Allocates only when refused.
    pub fn decide(&self, offer: &Offer) -> Decision {
        if self.allows(offer) {
            return Decision::Allowed;
        }
        let segment = offer.segment;
        let mut reasons = Vec::new();

        // docs/RULES.md: special segments only for license-based services and perpetual software.
        if !segment_allowed_for_product_type(segment, offer.product_type) {
            reasons.push(Reason::SpecialSegmentNotForProductType {
                segment,
                product_type: offer.product_type,
            });
        }

        // docs/RULES.md: the purchase matrix on the effective qualifications.
        if !self.matrix.contains(segment) {
            reasons.push(self.customer_reason(segment).unwrap_or(
                Reason::SegmentNotAllowedForQualifications {
                    segment,
                    qualifications: self.effective,
                    allowed: self.matrix,
                },
            ));
        }

        // docs/RULES.md §4: partner gates for special segments, per GCC environment.
        if let Some(reason) = partner_gate(
            segment,
            offer.gcc_environment,
            self.indirect_reseller,
            self.gcc_environments,
        ) {
            reasons.push(reason);
        }

        Decision::from_reasons(reasons)
    }

    /// A more precise reason than the matrix's when the customer *would* qualify but for a
    /// pending or denied Education review or a removed nonprofit status. `None` otherwise.
    fn customer_reason(&self, segment: Segment) -> Option<Reason> {
        if self.effective.gcc {
            return None; // §4 rule 1: nothing but GCC, whatever else is held.
        }
        let customer = self.customer;
        match segment {
            Segment::Education => {
                let rec = customer.record(Qualification::Education)?;
                match rec.vetting_status? {
                    VettingStatus::InReview => Some(Reason::EducationInReview {
                        since: rec.created,
                        expected_by: rec.expected_by()?,
                    }),
                    VettingStatus::Denied => Some(Reason::EducationDenied {
                        reason: rec.vetting_reason,
                        since: rec.decided.unwrap_or(rec.created),
                    }),
                    VettingStatus::Approved => None,
                }
            }
            Segment::Nonprofit => customer
                .nonprofit_removed_on(self.today)
                .map(|removed_on| Reason::NonprofitStatusRemoved { removed_on }),
            _ => None,
        }
    }
}

/// The partner's refusal of an order in `segment` (for GCC, in `environment`), if any
/// (docs/RULES.md §4): an indirect reseller goes through its provider; a GCC offer needs the
/// reseller qualification of its environment (`gcc_environments`, indexed like
/// [`GccEnvironment::ALL`]).
fn partner_gate(
    segment: Segment,
    environment: GccEnvironment,
    indirect_reseller: bool,
    gcc_environments: [bool; 3],
) -> Option<Reason> {
    if !segment.is_special() {
        None
    } else if indirect_reseller {
        Some(Reason::IndirectResellerMustUseProvider)
    } else if segment == Segment::GovernmentCommunityCloud
        && !gcc_environments[environment as usize]
    {
        Some(Reason::PartnerLacksGccEnvironmentQualification {
            environment,
            required: environment.reseller_qualification(),
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Catalog;
    use crate::domain::matrix::SegmentSet;
    use crate::domain::nonprofit::NonprofitReview;
    use crate::domain::partner::ResellerQualification;
    use crate::domain::qualification::{QualificationSet, VettingReason};
    use crate::test_support::{customer, day, gcc_partner, sample_offer as offer};

    #[test]
    fn commercial_customer_buys_commercial_only() {
        let c = customer("c", &[], day(2025, 3, 3));
        let p = gcc_partner(5);
        assert!(eligibility(&c, &p, &offer("m365-e3"), day(2025, 3, 3)).is_allowed());
        assert_eq!(
            eligibility(&c, &p, &offer("m365-a3-faculty-edu"), day(2025, 3, 3)).reasons(),
            &[Reason::SegmentNotAllowedForQualifications {
                segment: Segment::Education,
                qualifications: QualificationSet::NONE,
                allowed: SegmentSet {
                    commercial: true,
                    ..SegmentSet::default()
                },
            }]
        );
    }

    #[test]
    fn education_counts_only_when_approved() {
        let mut c = customer("c", &[Qualification::Education], day(2025, 3, 3));
        let p = gcc_partner(5);
        let a3 = offer("m365-a3-faculty-edu");
        assert!(eligibility(&c, &p, &a3, day(2025, 3, 5)).is_allowed());
        c.qualifications[0].vetting_status = Some(VettingStatus::InReview);
        assert_eq!(
            eligibility(&c, &p, &a3, day(2025, 3, 5)).reasons(),
            &[Reason::EducationInReview {
                since: day(2025, 3, 3),
                expected_by: day(2025, 3, 6)
            }]
        );
        c.qualifications[0].vetting_status = Some(VettingStatus::Denied);
        c.qualifications[0].vetting_reason = Some(VettingReason::NotAnAcademicDomain);
        c.qualifications[0].decided = Some(day(2025, 3, 4));
        assert_eq!(
            eligibility(&c, &p, &a3, day(2025, 3, 5)).reasons(),
            &[Reason::EducationDenied {
                reason: Some(VettingReason::NotAnAcademicDomain),
                since: day(2025, 3, 4)
            }]
        );
        // Commercial stays open meanwhile.
        assert!(eligibility(&c, &p, &offer("m365-e3"), day(2025, 3, 5)).is_allowed());
    }

    #[test]
    fn gcc_needs_partner_gcc_reseller_qualification() {
        let c = customer(
            "c",
            &[Qualification::GovernmentCommunityCloud],
            day(2025, 3, 3),
        );
        let g3 = offer("m365-g3-gcc");
        assert!(eligibility(&c, &gcc_partner(5), &g3, day(2025, 3, 3)).is_allowed());
        assert_eq!(
            eligibility(&c, &PartnerProfile::default(), &g3, day(2025, 3, 3)).reasons(),
            &[Reason::PartnerLacksGccEnvironmentQualification {
                environment: GccEnvironment::Moderate,
                required: ResellerQualification::GccModerate
            }]
        );
    }

    #[test]
    fn each_gcc_environment_needs_the_matching_reseller_qualification() {
        // One GCC customer; a Moderate offer and a High and a DoD one from the sample catalog.
        let c = customer(
            "c",
            &[Qualification::GovernmentCommunityCloud],
            day(2025, 3, 3),
        );
        let today = day(2025, 3, 3);
        let partner = |q: &[ResellerQualification]| PartnerProfile {
            reseller_qualifications: q.to_vec(),
            ..gcc_partner(5)
        };
        let moderate = offer("m365-g3-gcc");
        let high = offer("m365-g5-gcc-high");
        let dod = offer("m365-g5-dod");
        assert_eq!(
            [&moderate, &high, &dod].map(|o| o.gcc_environment),
            GccEnvironment::ALL
        );
        let lacks = |environment: GccEnvironment, required| {
            vec![Reason::PartnerLacksGccEnvironmentQualification {
                environment,
                required,
            }]
        };
        // GCC Moderate only: Moderate offers, not High or DoD.
        let p = partner(&[ResellerQualification::GccModerate]);
        assert!(eligibility(&c, &p, &moderate, today).is_allowed());
        assert_eq!(
            eligibility(&c, &p, &high, today).reasons(),
            lacks(GccEnvironment::High, ResellerQualification::GccHighAndDoD)
        );
        assert_eq!(
            eligibility(&c, &p, &dod, today).reasons(),
            lacks(GccEnvironment::DoD, ResellerQualification::GccHighAndDoD)
        );
        // GCC High and DoD only: High and DoD offers, not Moderate.
        let p = partner(&[ResellerQualification::GccHighAndDoD]);
        assert_eq!(
            eligibility(&c, &p, &moderate, today).reasons(),
            lacks(GccEnvironment::Moderate, ResellerQualification::GccModerate)
        );
        assert!(eligibility(&c, &p, &high, today).is_allowed());
        assert!(eligibility(&c, &p, &dod, today).is_allowed());
        // Both: every environment.
        let p = partner(&[
            ResellerQualification::GccModerate,
            ResellerQualification::GccHighAndDoD,
        ]);
        for o in [&moderate, &high, &dod] {
            assert!(eligibility(&c, &p, o, today).is_allowed(), "{}", o.id);
        }
    }

    #[test]
    fn indirect_reseller_goes_through_its_provider_for_special_segments_only() {
        let c = customer("c", &[Qualification::Education], day(2025, 3, 3));
        let p = PartnerProfile {
            partner_type: PartnerType::IndirectReseller,
            ..gcc_partner(5)
        };
        assert_eq!(
            eligibility(&c, &p, &offer("m365-a3-faculty-edu"), day(2025, 3, 3)).reasons(),
            &[Reason::IndirectResellerMustUseProvider]
        );
        assert!(eligibility(&c, &p, &offer("m365-e3"), day(2025, 3, 3)).is_allowed());
    }

    #[test]
    fn removed_nonprofit_status_blocks_nonprofit_offers() {
        let mut c = customer("c", &[Qualification::Nonprofit], day(2025, 3, 3));
        let p = gcc_partner(5);
        let npo = offer("m365-business-premium-npo");
        assert!(eligibility(&c, &p, &npo, day(2025, 3, 3)).is_allowed());
        c.nonprofit_review = Some(NonprofitReview::NoticeGiven {
            notice_date: day(2025, 3, 3),
            removal_date: day(2025, 3, 20),
        });
        // During the notice the customer still buys nonprofit (docs/RULES.md, Decisions).
        assert!(eligibility(&c, &p, &npo, day(2025, 3, 19)).is_allowed());
        assert_eq!(
            eligibility(&c, &p, &npo, day(2025, 3, 20)).reasons(),
            &[Reason::NonprofitStatusRemoved {
                removed_on: day(2025, 3, 20)
            }]
        );
        c.qualifications.clear();
        c.nonprofit_review = Some(NonprofitReview::Removed {
            removed_on: day(2025, 3, 20),
        });
        assert_eq!(
            eligibility(&c, &p, &npo, day(2025, 3, 25)).reasons(),
            &[Reason::NonprofitStatusRemoved {
                removed_on: day(2025, 3, 20)
            }]
        );
    }

    #[test]
    fn special_segment_on_unsupported_product_type_is_refused_even_if_built_in_code() {
        let c = customer("c", &[Qualification::Education], day(2025, 3, 3));
        let mut azure_edu = offer("azure-plan");
        azure_edu.segment = Segment::Education;
        assert_eq!(
            eligibility(&c, &gcc_partner(5), &azure_edu, day(2025, 3, 3)).reasons(),
            &[Reason::SpecialSegmentNotForProductType {
                segment: Segment::Education,
                product_type: crate::domain::catalog::ProductType::Azure
            }]
        );
    }

    #[test]
    fn every_reason_at_once() {
        // A commercial customer asking an indirect reseller for GCC: matrix and partner gate.
        let c = customer("c", &[], day(2025, 3, 3));
        let p = PartnerProfile {
            partner_type: PartnerType::IndirectReseller,
            ..PartnerProfile::default()
        };
        let r = eligibility(&c, &p, &offer("m365-g3-gcc"), day(2025, 3, 3));
        assert_eq!(r.reasons().len(), 2);
        assert!(matches!(
            r.reasons()[0],
            Reason::SegmentNotAllowedForQualifications { .. }
        ));
        assert_eq!(r.reasons()[1], Reason::IndirectResellerMustUseProvider);
    }

    /// The rule as it was written before [`CustomerEligibility`] (recomputing everything per
    /// offer): the new implementation must give exactly its decisions.
    fn reference(
        c: &Customer,
        partner: &PartnerProfile,
        offer: &Offer,
        today: NaiveDate,
    ) -> Decision {
        let segment = offer.segment;
        let mut reasons = Vec::new();
        if !segment_allowed_for_product_type(segment, offer.product_type) {
            reasons.push(Reason::SpecialSegmentNotForProductType {
                segment,
                product_type: offer.product_type,
            });
        }
        let effective = c.effective(today);
        let allowed = purchasable_segments(effective);
        if !allowed.contains(segment) {
            let precise = if effective.gcc {
                None
            } else {
                match segment {
                    Segment::Education => c.record(Qualification::Education).and_then(|rec| {
                        match rec.vetting_status? {
                            VettingStatus::InReview => Some(Reason::EducationInReview {
                                since: rec.created,
                                expected_by: rec.expected_by()?,
                            }),
                            VettingStatus::Denied => Some(Reason::EducationDenied {
                                reason: rec.vetting_reason,
                                since: rec.decided.unwrap_or(rec.created),
                            }),
                            VettingStatus::Approved => None,
                        }
                    }),
                    Segment::Nonprofit => c
                        .nonprofit_removed_on(today)
                        .map(|removed_on| Reason::NonprofitStatusRemoved { removed_on }),
                    _ => None,
                }
            };
            reasons.push(
                precise.unwrap_or(Reason::SegmentNotAllowedForQualifications {
                    segment,
                    qualifications: effective,
                    allowed,
                }),
            );
        }
        if segment.is_special() {
            if partner.partner_type == PartnerType::IndirectReseller {
                reasons.push(Reason::IndirectResellerMustUseProvider);
            } else if segment == Segment::GovernmentCommunityCloud
                && !partner
                    .reseller_qualifications
                    .contains(&offer.gcc_environment.reseller_qualification())
            {
                reasons.push(Reason::PartnerLacksGccEnvironmentQualification {
                    environment: offer.gcc_environment,
                    required: offer.gcc_environment.reseller_qualification(),
                });
            }
        }
        Decision::from_reasons(reasons)
    }

    #[test]
    fn one_customer_view_decides_exactly_as_the_rule_per_offer() {
        use crate::domain::catalog::ProductType;
        use crate::domain::qualification::ALLOWED_SETS;
        // Every offer of the sample catalog, plus every segment on every product type (the
        // ones a catalog refuses included).
        let mut offers = Catalog::sample().offers;
        let base = offer("m365-e3");
        for segment in Segment::ALL {
            for product_type in [
                ProductType::LicenseBased,
                ProductType::PerpetualSoftware,
                ProductType::SoftwareSubscription,
                ProductType::Azure,
            ] {
                for gcc_environment in GccEnvironment::ALL {
                    offers.push(Offer {
                        segment,
                        product_type,
                        gcc_environment,
                        ..base.clone()
                    });
                }
            }
        }
        // Every row of the matrix and a few sets that are not, each with every Education
        // status and every stage of the nonprofit review.
        let mut sets = ALLOWED_SETS.to_vec();
        sets.push(QualificationSet::of(&[
            Qualification::GovernmentCommunityCloud,
            Qualification::Education,
            Qualification::Nonprofit,
        ]));
        let statuses = [
            Some(VettingStatus::Approved),
            Some(VettingStatus::InReview),
            Some(VettingStatus::Denied),
            None,
        ];
        let reviews = [
            None,
            Some(NonprofitReview::NoticeGiven {
                notice_date: day(2025, 3, 3),
                removal_date: day(2025, 3, 10),
            }),
            Some(NonprofitReview::Removed {
                removed_on: day(2025, 3, 8),
            }),
        ];
        let mut customers = Vec::new();
        for set in &sets {
            let kinds: Vec<Qualification> = [
                (set.education, Qualification::Education),
                (set.nonprofit, Qualification::Nonprofit),
                (set.gcc, Qualification::GovernmentCommunityCloud),
                (set.soe, Qualification::StateOwnedEntity),
            ]
            .into_iter()
            .filter_map(|(held, k)| held.then_some(k))
            .collect();
            for status in statuses {
                for review in reviews {
                    let mut c = customer("c", &kinds, day(2025, 3, 3));
                    for r in &mut c.qualifications {
                        if r.kind == Qualification::Education {
                            r.vetting_status = status;
                            if status == Some(VettingStatus::Denied) {
                                r.vetting_reason = Some(VettingReason::NotAnAcademicDomain);
                                r.decided = Some(day(2025, 3, 4));
                            }
                        }
                    }
                    c.nonprofit_review = review;
                    customers.push(c);
                }
            }
        }
        let partners: Vec<PartnerProfile> = [
            PartnerType::DirectBill,
            PartnerType::IndirectProvider,
            PartnerType::IndirectReseller,
        ]
        .into_iter()
        .flat_map(|partner_type| {
            [
                vec![],
                vec![ResellerQualification::GccModerate],
                vec![ResellerQualification::GccHighAndDoD],
                vec![
                    ResellerQualification::GccHighAndDoD,
                    ResellerQualification::GccModerate,
                ],
            ]
            .map(|reseller_qualifications| PartnerProfile {
                partner_type,
                reseller_qualifications,
                ..gcc_partner(5)
            })
        })
        .collect();
        let mut refused = 0;
        for c in &customers {
            for p in &partners {
                for today in [
                    day(2025, 3, 5),
                    day(2025, 3, 9),
                    day(2025, 3, 10),
                    day(2025, 3, 20),
                ] {
                    let view = CustomerEligibility::new(c, p, today);
                    for o in &offers {
                        let expected = reference(c, p, o, today);
                        assert_eq!(view.decide(o), expected, "{c:?} {p:?} {o:?} {today}");
                        assert_eq!(eligibility(c, p, o, today), expected);
                        assert_eq!(view.allows(o), expected.is_allowed());
                        refused += usize::from(!expected.is_allowed());
                    }
                }
            }
        }
        assert!(refused > 0);
    }
}
