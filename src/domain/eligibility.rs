//! May this customer buy this offer from this partner today? (DOMAIN.md §4, §5, §7, §8)

use chrono::NaiveDate;

use super::catalog::{segment_allowed_for_product_type, Offer};
use super::customer::Customer;
use super::matrix::{purchasable_segments, Segment};
use super::partner::{PartnerProfile, PartnerType};
use super::qualification::{Qualification, VettingStatus};
use super::reason::{Decision, Reason};

/// Every reason this customer may not buy `offer` through `partner` on `today`, or `Allowed`.
/// Cheap: no allocation unless refused.
pub fn eligibility(
    customer: &Customer,
    partner: &PartnerProfile,
    offer: &Offer,
    today: NaiveDate,
) -> Decision {
    let segment = offer.segment;
    let mut reasons = Vec::new();

    // DOMAIN.md §7: special segments only for license-based services and perpetual software.
    if !segment_allowed_for_product_type(segment, offer.product_type) {
        reasons.push(Reason::SpecialSegmentNotForProductType {
            segment,
            product_type: offer.product_type,
        });
    }

    // DOMAIN.md §4: the purchase matrix on the effective qualifications.
    let effective = customer.effective(today);
    let allowed = purchasable_segments(effective);
    if !allowed.contains(segment) {
        reasons.push(customer_reason(customer, segment, today).unwrap_or(
            Reason::SegmentNotAllowedForQualifications {
                segment,
                qualifications: effective,
                allowed,
            },
        ));
    }

    // DOMAIN.md §4 rule 5, §5, §5.2: partner gates for special segments.
    if segment.is_special() {
        if partner.partner_type == PartnerType::IndirectReseller {
            reasons.push(Reason::IndirectResellerMustUseProvider);
        } else if segment == Segment::GovernmentCommunityCloud
            && !partner.has_gcc_reseller_qualification()
        {
            reasons.push(Reason::PartnerLacksGccResellerQualification);
        }
    }

    Decision::from_reasons(reasons)
}

/// A more precise reason than the matrix's when the customer *would* qualify but for a
/// pending or denied Education review or a removed nonprofit status. `None` otherwise.
fn customer_reason(customer: &Customer, segment: Segment, today: NaiveDate) -> Option<Reason> {
    if customer.effective(today).gcc {
        return None; // §4 rule 1: nothing but GCC, whatever else is held.
    }
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
            .nonprofit_removed_on(today)
            .map(|removed_on| Reason::NonprofitStatusRemoved { removed_on }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::AccountInfo;
    use crate::domain::catalog::Catalog;
    use crate::domain::matrix::SegmentSet;
    use crate::domain::nonprofit::NonprofitReview;
    use crate::domain::partner::ResellerQualification;
    use crate::domain::qualification::{QualificationRecord, QualificationSet, VettingReason};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 3, day).unwrap()
    }

    fn customer(kinds: &[Qualification]) -> Customer {
        let mut c = Customer::new("c".into(), AccountInfo::default(), "c", d(3));
        for &k in kinds {
            c.qualifications.push(QualificationRecord::granted(k, d(3)));
        }
        c
    }

    fn gcc_partner() -> PartnerProfile {
        PartnerProfile {
            reseller_qualifications: vec![ResellerQualification::GccModerate],
            ..PartnerProfile::default()
        }
    }

    fn offer(id: &str) -> Offer {
        Catalog::sample().get(id).unwrap().clone()
    }

    #[test]
    fn commercial_customer_buys_commercial_only() {
        let c = customer(&[]);
        let p = gcc_partner();
        assert!(eligibility(&c, &p, &offer("m365-e3"), d(3)).is_allowed());
        assert_eq!(
            eligibility(&c, &p, &offer("m365-a3-faculty-edu"), d(3)).reasons(),
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
        let mut c = customer(&[Qualification::Education]);
        let p = gcc_partner();
        let a3 = offer("m365-a3-faculty-edu");
        assert!(eligibility(&c, &p, &a3, d(5)).is_allowed());
        c.qualifications[0].vetting_status = Some(VettingStatus::InReview);
        assert_eq!(
            eligibility(&c, &p, &a3, d(5)).reasons(),
            &[Reason::EducationInReview {
                since: d(3),
                expected_by: d(6)
            }]
        );
        c.qualifications[0].vetting_status = Some(VettingStatus::Denied);
        c.qualifications[0].vetting_reason = Some(VettingReason::NotAnAcademicDomain);
        c.qualifications[0].decided = Some(d(4));
        assert_eq!(
            eligibility(&c, &p, &a3, d(5)).reasons(),
            &[Reason::EducationDenied {
                reason: Some(VettingReason::NotAnAcademicDomain),
                since: d(4)
            }]
        );
        // Commercial stays open meanwhile.
        assert!(eligibility(&c, &p, &offer("m365-e3"), d(5)).is_allowed());
    }

    #[test]
    fn gcc_needs_partner_gcc_reseller_qualification() {
        let c = customer(&[Qualification::GovernmentCommunityCloud]);
        let g3 = offer("m365-g3-gcc");
        assert!(eligibility(&c, &gcc_partner(), &g3, d(3)).is_allowed());
        assert_eq!(
            eligibility(&c, &PartnerProfile::default(), &g3, d(3)).reasons(),
            &[Reason::PartnerLacksGccResellerQualification]
        );
    }

    #[test]
    fn indirect_reseller_goes_through_its_provider_for_special_segments_only() {
        let c = customer(&[Qualification::Education]);
        let p = PartnerProfile {
            partner_type: PartnerType::IndirectReseller,
            ..gcc_partner()
        };
        assert_eq!(
            eligibility(&c, &p, &offer("m365-a3-faculty-edu"), d(3)).reasons(),
            &[Reason::IndirectResellerMustUseProvider]
        );
        assert!(eligibility(&c, &p, &offer("m365-e3"), d(3)).is_allowed());
    }

    #[test]
    fn removed_nonprofit_status_blocks_nonprofit_offers() {
        let mut c = customer(&[Qualification::Nonprofit]);
        let p = gcc_partner();
        let npo = offer("m365-business-premium-npo");
        assert!(eligibility(&c, &p, &npo, d(3)).is_allowed());
        c.nonprofit_review = Some(NonprofitReview::NoticeGiven {
            notice_date: d(3),
            removal_date: d(20),
        });
        // During the notice the customer still buys nonprofit (PRODUCT.md: effects at removal).
        assert!(eligibility(&c, &p, &npo, d(19)).is_allowed());
        assert_eq!(
            eligibility(&c, &p, &npo, d(20)).reasons(),
            &[Reason::NonprofitStatusRemoved { removed_on: d(20) }]
        );
        c.qualifications.clear();
        c.nonprofit_review = Some(NonprofitReview::Removed { removed_on: d(20) });
        assert_eq!(
            eligibility(&c, &p, &npo, d(25)).reasons(),
            &[Reason::NonprofitStatusRemoved { removed_on: d(20) }]
        );
    }

    #[test]
    fn special_segment_on_unsupported_product_type_is_refused_even_if_built_in_code() {
        let c = customer(&[Qualification::Education]);
        let mut azure_edu = offer("azure-plan");
        azure_edu.segment = Segment::Education;
        assert_eq!(
            eligibility(&c, &gcc_partner(), &azure_edu, d(3)).reasons(),
            &[Reason::SpecialSegmentNotForProductType {
                segment: Segment::Education,
                product_type: crate::domain::catalog::ProductType::Azure
            }]
        );
    }

    #[test]
    fn every_reason_at_once() {
        // A commercial customer asking an indirect reseller for GCC: matrix and partner gate.
        let c = customer(&[]);
        let p = PartnerProfile {
            partner_type: PartnerType::IndirectReseller,
            ..PartnerProfile::default()
        };
        let r = eligibility(&c, &p, &offer("m365-g3-gcc"), d(3));
        assert_eq!(r.reasons().len(), 2);
        assert!(matches!(
            r.reasons()[0],
            Reason::SegmentNotAllowedForQualifications { .. }
        ));
        assert_eq!(r.reasons()[1], Reason::IndirectResellerMustUseProvider);
    }
}
