//! Where the domain's values get their names. Each enum the UI shows has one table here: its
//! variants, its stable value (the domain's serde name, used for `<select>` values, `data-*`
//! hooks and CSV) and its name in each language (Partner Center's terms, from `locales/*/`).
//! Everything that names a domain value calls [`Named`]; nothing else spells these names.

use crate::domain::{
    BillingFrequency, EducationSegment, Field, GccEnvironment, Operation, PartnerType, ProductType,
    Qualification, QualificationChange, QualificationRecord, QualificationSet,
    ResellerQualification, Role, Segment, SegmentSet, Term, VettingReason, VettingStatus,
};
use crate::i18n::{td_string, Locale};
use crate::ui::customer_list::{NoticeFilter, QualificationFilter, SortBy, StatusFilter};

/// A value the UI names: every variant in display order, a stable value, a name per language.
pub trait Named: Copy + PartialEq + Send + Sync + 'static {
    /// Every variant, in the order the UI lists them.
    fn all() -> &'static [Self];
    /// The stable value: the domain's serde name (checked by a test).
    fn value(self) -> &'static str;
    /// The name in `locale`.
    fn name(self, locale: Locale) -> &'static str;
    /// The variant with this stable value.
    fn from_value(value: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.value() == value)
    }
}

/// One name table: `Type { Variant => namespace.key, ... }`. The stable value is the variant's
/// own name, which is what serde writes for these enums.
macro_rules! names {
    ($($ty:ident { $($variant:ident => $($key:ident).+),+ $(,)? })+) => {$(
        impl Named for $ty {
            fn all() -> &'static [Self] {
                &[$($ty::$variant),+]
            }
            fn value(self) -> &'static str {
                match self {
                    $($ty::$variant => stringify!($variant)),+
                }
            }
            fn name(self, locale: Locale) -> &'static str {
                match self {
                    $($ty::$variant => td_string!(locale, $($key).+)),+
                }
            }
        }
    )+};
}

names! {
    Qualification {
        None => reasons.qualification.none,
        Education => reasons.qualification.education,
        Nonprofit => reasons.qualification.nonprofit,
        GovernmentCommunityCloud => reasons.qualification.gcc,
        StateOwnedEntity => reasons.qualification.soe,
    }
    VettingStatus {
        InReview => reasons.vetting_status.in_review,
        Approved => reasons.vetting_status.approved,
        Denied => reasons.vetting_status.denied,
    }
    VettingReason {
        NotAnEducationCustomer => reasons.vetting_reason.not_an_education_customer,
        NoLongerAnEducationCustomer => reasons.vetting_reason.no_longer_an_education_customer,
        NotAnEducationCustomerAfterReview =>
            reasons.vetting_reason.not_an_education_customer_after_review,
        RestrictedBeingAnEducationCustomer =>
            reasons.vetting_reason.restricted_being_an_education_customer,
        NotAnAcademicDomain => reasons.vetting_reason.not_an_academic_domain,
        NotAnEligibleLibrary => reasons.vetting_reason.not_an_eligible_library,
        NotAnEligibleMuseum => reasons.vetting_reason.not_an_eligible_museum,
    }
    EducationSegment {
        K12 => reasons.education_segment.k12,
        HigherEducation => reasons.education_segment.higher_education,
    }
    Segment {
        Commercial => reasons.segment.commercial,
        Education => reasons.segment.education,
        Nonprofit => reasons.segment.nonprofit,
        GovernmentCommunityCloud => reasons.segment.gcc,
    }
    ProductType {
        LicenseBased => reasons.product_type.license_based,
        PerpetualSoftware => reasons.product_type.perpetual_software,
        SoftwareSubscription => reasons.product_type.software_subscription,
        Azure => reasons.product_type.azure,
    }
    Term {
        OneMonth => reasons.term.one_month,
        OneYear => reasons.term.one_year,
        ThreeYears => reasons.term.three_years,
        Perpetual => reasons.term.perpetual,
    }
    BillingFrequency {
        Monthly => reasons.billing.monthly,
        Annual => reasons.billing.annual,
        Triennial => reasons.billing.triennial,
        OneTime => reasons.billing.one_time,
    }
    Field {
        CompanyName => reasons.field.company_name,
        Country => reasons.field.country,
        AddressLine1 => reasons.field.address_line1,
        AddressLine2 => reasons.field.address_line2,
        City => reasons.field.city,
        State => reasons.field.state,
        PostalCode => reasons.field.postal_code,
        Email => reasons.field.email,
        EducationSegment => reasons.field.education_segment,
        FirstName => reasons.field.first_name,
        LastName => reasons.field.last_name,
        ContactEmail => reasons.field.contact_email,
        Phone => reasons.field.phone,
        RegistrationId => reasons.field.registration_id,
        PrimaryDomain => reasons.field.primary_domain,
        EducationWebsite => reasons.field.education_website,
    }
    // What an operation does, as it reads after "may not": "correct a customer's account
    // information".
    Operation {
        CreateCustomer => reasons.operation.create_customer,
        RequestQualification => reasons.operation.request_qualification,
        CorrectAccount => reasons.operation.correct_account,
        PlaceOrder => reasons.operation.place_order,
        ManageSubscription => reasons.operation.manage_subscription,
        EditPartnerSettings => reasons.operation.edit_partner_settings,
        SimulateMicrosoft => reasons.operation.simulate_microsoft,
        ManageData => reasons.operation.manage_data,
    }
    Role {
        GlobalAdmin => shell.roles.global_admin,
        AdminAgent => shell.roles.admin_agent,
        SalesAgent => shell.roles.sales_agent,
    }
    PartnerType {
        DirectBill => partner.types.direct_bill,
        IndirectProvider => partner.types.indirect_provider,
        IndirectReseller => partner.types.indirect_reseller,
    }
    ResellerQualification {
        GccModerate => partner.gcc_moderate,
        GccHighAndDoD => partner.gcc_high_dod,
    }
    GccEnvironment {
        Moderate => reasons.gcc_environment.moderate,
        High => reasons.gcc_environment.high,
        DoD => reasons.gcc_environment.dod,
    }
}

// The customers list's own choices (crate::ui::customer_list).
names! {
    NoticeFilter {
        All => customers.all,
        Running => customers.notice_running,
        Removed => customers.notice_removed,
        None => customers.notice_none,
    }
    SortBy {
        NameAsc => customers.sort_name_asc,
        NameDesc => customers.sort_name_desc,
        Newest => customers.sort_newest,
        Oldest => customers.sort_oldest,
        RequestsUsed => customers.sort_requests,
    }
}

/// "Qualification" filter: all, none, or one kind a partner sees on the list.
impl Named for QualificationFilter {
    fn all() -> &'static [Self] {
        use Qualification as Q;
        &[
            Self::All,
            Self::None,
            Self::Has(Q::Education),
            Self::Has(Q::Nonprofit),
            Self::Has(Q::GovernmentCommunityCloud),
            Self::Has(Q::StateOwnedEntity),
        ]
    }
    fn value(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::None => "NoQualification",
            Self::Has(kind) => kind.value(),
        }
    }
    fn name(self, locale: Locale) -> &'static str {
        match self {
            Self::All => td_string!(locale, customers.all),
            Self::None => Qualification::None.name(locale),
            Self::Has(kind) => kind.name(locale),
        }
    }
}

/// "Verification status" filter: all, one vetting status, or none at all.
impl Named for StatusFilter {
    fn all() -> &'static [Self] {
        use VettingStatus as V;
        &[
            Self::All,
            Self::Is(V::InReview),
            Self::Is(V::Approved),
            Self::Is(V::Denied),
            Self::NoVetting,
        ]
    }
    fn value(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::Is(status) => status.value(),
            Self::NoVetting => "NoVetting",
        }
    }
    fn name(self, locale: Locale) -> &'static str {
        match self {
            Self::All => td_string!(locale, customers.all),
            Self::Is(status) => status.name(locale),
            Self::NoVetting => td_string!(locale, customers.status_no_vetting),
        }
    }
}

/// The qualification changes the what-if preview offers (customer account page).
impl Named for QualificationChange {
    fn all() -> &'static [Self] {
        QualificationChange::all()
    }
    fn value(self) -> &'static str {
        use Qualification as Q;
        match self {
            Self::Grant(Q::Education) => "EducationApproved",
            Self::Revoke(Q::Education) => "EducationDenied",
            Self::Revoke(Q::Nonprofit) => "NonprofitRemoved",
            Self::Grant(Q::StateOwnedEntity) => "StateOwnedEntityAdded",
            Self::Grant(Q::GovernmentCommunityCloud) => "GovernmentCommunityCloudAdded",
            // Not offered by the preview.
            _ => "",
        }
    }
    fn name(self, locale: Locale) -> &'static str {
        use Qualification as Q;
        match self {
            Self::Grant(Q::Education) => td_string!(locale, selling.what_if.education_approved),
            Self::Revoke(Q::Education) => td_string!(locale, selling.what_if.education_denied),
            Self::Revoke(Q::Nonprofit) => td_string!(locale, selling.what_if.nonprofit_removed),
            Self::Grant(Q::StateOwnedEntity) => td_string!(locale, selling.what_if.soe_added),
            // GCC added; the preview offers no other change.
            _ => td_string!(locale, selling.what_if.gcc_added),
        }
    }
}

/// Names in a list, comma separated (the same in the three languages).
pub fn list<T: Named>(values: impl IntoIterator<Item = T>, locale: Locale) -> String {
    values
        .into_iter()
        .map(|v| v.name(locale))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A set of qualifications, e.g. "Education + State-owned entity"; "None" for the empty set.
pub fn qualification_set_text(locale: Locale, set: QualificationSet) -> String {
    set.kinds()
        .into_iter()
        .map(|q| q.name(locale))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A set of segments, comma separated ("nothing" when empty).
pub fn segment_set_text(locale: Locale, set: SegmentSet) -> String {
    let segments = set.segments();
    if segments.is_empty() {
        return td_string!(locale, reasons.nothing).to_string();
    }
    list(segments, locale)
}

/// The status word of a qualification record: its vetting status, or for records without one
/// (state-owned entity) whether the domain counts it as held.
pub fn record_status(locale: Locale, record: &QualificationRecord) -> &'static str {
    match record.vetting_status {
        Some(status) => status.name(locale),
        None if record.is_effective() => td_string!(locale, customers.statuses.granted),
        None => td_string!(locale, customers.statuses.no_status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    const LOCALES: [Locale; 3] = [Locale::en, Locale::sv, Locale::pl];

    /// Every variant's stable value is its serde name, reads back, and has a name in every
    /// language that is not the English one where the language differs.
    fn check_table<T: Named + Serialize + std::fmt::Debug>() {
        for &v in T::all() {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", v.value()),
                "{v:?}: the stable value is the serde name"
            );
            assert_eq!(T::from_value(v.value()), Some(v));
            for locale in LOCALES {
                let name = v.name(locale);
                assert!(!name.trim().is_empty(), "{v:?} has no name in {locale:?}");
                assert!(!name.contains('{'), "{v:?} in {locale:?}: {name}");
            }
        }
        assert_eq!(T::from_value("no such value"), None);
    }

    #[test]
    fn every_table_is_complete_in_every_language() {
        check_table::<Qualification>();
        check_table::<VettingStatus>();
        check_table::<VettingReason>();
        check_table::<EducationSegment>();
        check_table::<Segment>();
        check_table::<ProductType>();
        check_table::<Term>();
        check_table::<BillingFrequency>();
        check_table::<Field>();
        check_table::<Operation>();
        check_table::<Role>();
        check_table::<PartnerType>();
        check_table::<ResellerQualification>();
        check_table::<GccEnvironment>();
    }

    #[test]
    fn the_customers_list_choices_read_back_and_are_named() {
        fn check<T: Named + std::fmt::Debug>() {
            let values: Vec<&str> = T::all().iter().map(|v| v.value()).collect();
            let mut unique = values.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(
                unique.len(),
                values.len(),
                "{values:?}: one value per choice"
            );
            for &v in T::all() {
                assert_eq!(T::from_value(v.value()), Some(v));
                for locale in LOCALES {
                    assert!(!v.name(locale).trim().is_empty(), "{v:?} in {locale:?}");
                }
            }
        }
        check::<QualificationChange>();
        check::<QualificationFilter>();
        check::<StatusFilter>();
        check::<NoticeFilter>();
        check::<SortBy>();
        assert_eq!(SortBy::NameDesc.name(Locale::en), "Name Z–A");
    }

    #[test]
    fn tables_list_what_the_domain_lists_in_its_order() {
        assert_eq!(Segment::all(), &Segment::ALL);
        assert_eq!(Role::all(), &Role::ALL);
        assert_eq!(VettingReason::all(), &VettingReason::ALL);
        assert_eq!(Operation::all(), &Operation::ALL);
    }

    #[test]
    fn names_are_partner_centers() {
        assert_eq!(Field::CompanyName.name(Locale::en), "Company name");
        assert_eq!(Field::Email.name(Locale::en), "Email address");
        assert_eq!(Field::CompanyName.name(Locale::sv), "Företagsnamn");
        assert_eq!(
            VettingReason::NotAnEducationCustomer.name(Locale::en),
            "Not an Education Customer"
        );
        assert_eq!(Role::GlobalAdmin.name(Locale::en), "Global admin");
        assert_eq!(
            qualification_set_text(
                Locale::en,
                QualificationSet::of(&[Qualification::Education, Qualification::StateOwnedEntity])
            ),
            "Education + State-owned entity"
        );
    }
}
