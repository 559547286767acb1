//! Why a term end ended a subscription, as stored (`SubscriptionStatus::Ended`,
//! `Change::SubscriptionEnded`, with `#[serde(with = "end_reasons")]`). Only the offer's
//! eligibility refusals and a failed look-up can end one ([`super::subscription::end_term`],
//! `Desk::apply_clock`), so only those are written and read, in `Reason`'s own JSON form.
//! Reading them as `Reason` would give the whole enum (43 variants) a deserializer in the wasm
//! module, 18 KB of its gzip size, for reasons that are never stored (docs/PERFORMANCE.md).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::catalog::{GccEnvironment, ProductType};
use super::matrix::{Segment, SegmentSet};
use super::partner::ResellerQualification;
use super::qualification::{QualificationSet, VettingReason};
use super::reason::Reason;

/// The stored form: each listed variant of `Reason`, with the same name and fields, so that it
/// reads and writes exactly as `Reason` does; `into_reason` / `from_reason` convert.
macro_rules! end_reasons {
    ($($variant:ident $({ $($field:ident: $ty:ty),+ $(,)? })?),+ $(,)?) => {
        #[derive(Serialize, Deserialize)]
        enum EndReason {
            $($variant $({ $($field: $ty),+ })?),+
        }

        impl EndReason {
            fn from_reason(reason: &Reason) -> Option<Self> {
                match reason.clone() {
                    $(Reason::$variant $({ $($field),+ })? => Some(EndReason::$variant $({ $($field),+ })?),)+
                    _ => None,
                }
            }

            fn into_reason(self) -> Reason {
                match self {
                    $(EndReason::$variant $({ $($field),+ })? => Reason::$variant $({ $($field),+ })?,)+
                }
            }
        }
    };
}

end_reasons! {
    CustomerNotFound { customer: String },
    OfferNotFound { offer: String },
    SegmentNotAllowedForQualifications {
        segment: Segment,
        qualifications: QualificationSet,
        allowed: SegmentSet,
    },
    EducationInReview { since: NaiveDate, expected_by: NaiveDate },
    EducationDenied { reason: Option<VettingReason>, since: NaiveDate },
    NonprofitStatusRemoved { removed_on: NaiveDate },
    SpecialSegmentNotForProductType { segment: Segment, product_type: ProductType },
    IndirectResellerMustUseProvider,
    PartnerLacksGccEnvironmentQualification {
        environment: GccEnvironment,
        required: ResellerQualification,
    },
}

/// Writes the reasons a term end can give; any other (none reaches here) is left out rather
/// than failing the save.
pub fn serialize<S: Serializer>(reasons: &[Reason], serializer: S) -> Result<S::Ok, S::Error> {
    let stored: Vec<EndReason> = reasons.iter().filter_map(EndReason::from_reason).collect();
    stored.serialize(serializer)
}

/// Reads them back as `Reason`s.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Reason>, D::Error> {
    let stored = Vec::<EndReason>::deserialize(deserializer)?;
    Ok(stored.into_iter().map(EndReason::into_reason).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{eligibility, Catalog, PartnerType, Qualification, VettingStatus};
    use crate::test_support::{customer, day, education_customer, gcc_partner};

    /// Every reason `eligibility` gives over the sample catalog, for customers of each
    /// qualification and vetting status and for partners of each kind, and the term end's
    /// failed look-ups.
    fn reasons_a_term_end_can_give() -> Vec<Reason> {
        let on = day(2025, 1, 2);
        let mut customers = vec![customer("c", &[], on)];
        for kinds in [
            &[Qualification::Nonprofit][..],
            &[Qualification::GovernmentCommunityCloud],
            &[Qualification::StateOwnedEntity],
        ] {
            customers.push(customer("c", kinds, on));
        }
        for status in [
            VettingStatus::InReview,
            VettingStatus::Approved,
            VettingStatus::Denied,
        ] {
            customers.push(education_customer(status, on));
        }
        let mut removed = customer("c", &[Qualification::Nonprofit], on);
        crate::domain::nonprofit::give_notice(&mut removed, on);
        crate::domain::nonprofit::remove_if_due(&mut removed, &mut [], day(2026, 1, 2));
        customers.push(removed);
        let indirect = crate::domain::PartnerProfile {
            partner_type: PartnerType::IndirectReseller,
            ..Default::default()
        };
        let partners = [
            crate::domain::PartnerProfile::default(),
            indirect,
            gcc_partner(1),
        ];
        let mut out = vec![
            Reason::CustomerNotFound {
                customer: "c1".into(),
            },
            Reason::OfferNotFound { offer: "o1".into() },
        ];
        for c in &customers {
            for partner in &partners {
                for offer in &Catalog::sample().offers {
                    for r in eligibility(c, partner, offer, day(2026, 2, 1)).reasons() {
                        if !out.contains(r) {
                            out.push(r.clone());
                        }
                    }
                }
            }
        }
        out
    }

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct Stored(#[serde(with = "super")] Vec<Reason>);

    #[test]
    fn every_reason_a_term_end_gives_is_stored_in_reasons_own_form_and_read_back() {
        let reasons = reasons_a_term_end_can_give();
        assert!(reasons.len() >= 9, "{reasons:?}");
        for reason in &reasons {
            assert!(
                EndReason::from_reason(reason).is_some(),
                "not storable: {reason:?}"
            );
        }
        let text = serde_json::to_string(&Stored(reasons.clone())).unwrap();
        assert_eq!(
            text,
            serde_json::to_string(&reasons).unwrap(),
            "Reason's own form"
        );
        let back: Stored = serde_json::from_str(&text).unwrap();
        assert_eq!(back.0, reasons);
        assert!(EndReason::from_reason(&Reason::EmptyCart).is_none());
    }
}
