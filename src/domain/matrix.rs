//! The purchase-rules matrix (docs/RULES.md): which offer segments a set of qualifications may
//! buy. Evaluated in one place, [`purchasable_segments`], used by eligibility, impact and tests.

use serde::{Deserialize, Serialize};

use super::qualification::QualificationSet;

/// The audience an offer is priced for (docs/RULES.md). The serde names are the UI's
/// `data-segment` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    Commercial,
    Education,
    Nonprofit,
    GovernmentCommunityCloud,
}

impl Segment {
    /// Every segment, in the order of the Discover filter.
    pub const ALL: [Segment; 4] = [
        Segment::Commercial,
        Segment::Education,
        Segment::Nonprofit,
        Segment::GovernmentCommunityCloud,
    ];

    /// Whether this is a special (reduced-price) segment, i.e. not Commercial.
    pub fn is_special(self) -> bool {
        self != Segment::Commercial
    }
}

/// A set of segments (cheap, `Copy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SegmentSet {
    pub commercial: bool,
    pub education: bool,
    pub nonprofit: bool,
    pub government_community_cloud: bool,
}

impl SegmentSet {
    /// Whether `segment` is in the set.
    pub fn contains(self, segment: Segment) -> bool {
        match segment {
            Segment::Commercial => self.commercial,
            Segment::Education => self.education,
            Segment::Nonprofit => self.nonprofit,
            Segment::GovernmentCommunityCloud => self.government_community_cloud,
        }
    }

    /// The segments in the set, in [`Segment::ALL`] order.
    pub fn segments(self) -> Vec<Segment> {
        Segment::ALL
            .into_iter()
            .filter(|&s| self.contains(s))
            .collect()
    }
}

/// The segments a customer holding the *effective* qualifications `held` may buy.
/// `held` must count Education only when approved (docs/RULES.md rule 4).
pub fn purchasable_segments(held: QualificationSet) -> SegmentSet {
    if held.gcc {
        // docs/RULES.md rule 1: GCC customers buy GCC only, not even Commercial.
        return SegmentSet {
            government_community_cloud: true,
            ..SegmentSet::default()
        };
    }
    // docs/RULES.md rules 2 and 3: Commercial, plus Education / Nonprofit when held; SOE adds
    // nothing.
    SegmentSet {
        commercial: true,
        education: held.education,
        nonprofit: held.nonprofit,
        government_community_cloud: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qualification::Qualification::*;

    #[test]
    fn soe_adds_no_segment() {
        assert_eq!(
            purchasable_segments(QualificationSet::of(&[StateOwnedEntity])),
            purchasable_segments(QualificationSet::NONE)
        );
        assert_eq!(
            purchasable_segments(QualificationSet::of(&[StateOwnedEntity, Education])),
            purchasable_segments(QualificationSet::of(&[Education]))
        );
    }

    #[test]
    fn gcc_excludes_commercial() {
        let s = purchasable_segments(QualificationSet::of(&[GovernmentCommunityCloud]));
        assert_eq!(s.segments(), vec![Segment::GovernmentCommunityCloud]);
    }

    #[test]
    fn nonprofit_plus_education_buys_three_segments() {
        let s = purchasable_segments(QualificationSet::of(&[Nonprofit, Education]));
        assert_eq!(
            s.segments(),
            vec![Segment::Commercial, Segment::Education, Segment::Nonprofit]
        );
    }
}
