//! The domain's reasons in words: every [`Reason`] and [`FieldProblem`] variant has a sentence in
//! each language (locales/*/reasons.json), naming the rule and the values it carries and, when
//! the user can fix it, what to do.
//!
//! Pages call [`reason_text`] / [`field_problem_text`] with the i18n context. Everything here also
//! has a `*_in(locale, ..)` or `(locale, ..)` form that needs no Leptos context, so native tests
//! can check the sentences, and pages can name the domain's values with the small helpers
//! ([`qualification_name`], [`segment_name`], [`field_name`], ...). No rule is decided here: the
//! wording only follows the values the domain put in the reason.

use chrono::NaiveDate;

use crate::domain::{
    permits, BillingFrequency, EducationSegment, Field, FieldProblem, Operation, Problem,
    ProductType, Qualification, QualificationSet, Reason, Role, Segment, SegmentSet, Severity,
    Term, VettingReason, VettingStatus,
};
use crate::i18n::*;
use crate::ui::state::DeskState;

/// One sentence saying why, in the current language. Offer ids in cart lines are shown with the
/// offer's name when the desk's catalog is at hand.
pub fn reason_text(i18n: leptos_i18n::I18nContext<Locale>, reason: &Reason) -> String {
    let locale = i18n.get_locale();
    match leptos::prelude::use_context::<DeskState>() {
        Some(desk) => reason_text_with(locale, reason, &|id| {
            desk.with_catalog(|c| c.get(id).map(|o| o.name.clone()))
        }),
        None => reason_text_in(locale, reason),
    }
}

/// What is wrong with a field and what to do, in the current language (shown next to the field,
/// so it does not repeat the field's label).
pub fn field_problem_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    problem: &FieldProblem,
) -> String {
    field_problem_text_in(i18n.get_locale(), problem)
}

/// [`reason_text`] in `locale`; cart lines name the offer by its id.
pub fn reason_text_in(locale: Locale, reason: &Reason) -> String {
    reason_text_with(locale, reason, &|_| None)
}

/// [`reason_text`] in `locale`, naming offers with `offer_name(id)` where it knows them.
pub fn reason_text_with(
    locale: Locale,
    reason: &Reason,
    offer_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    use Reason::*;
    let l = locale;
    match reason {
        RoleNotPermitted { role, operation } => {
            let allowed: Vec<&str> = Role::ALL
                .into_iter()
                .filter(|r| permits(*r, *operation))
                .map(|r| role_name_in(l, r))
                .collect();
            let role = role_name_in(l, *role);
            let operation = operation_text(l, *operation);
            if allowed.is_empty() {
                td_string!(
                    l,
                    reasons.reason.role_not_permitted_nobody,
                    role = role,
                    operation = operation
                )
                .to_string()
            } else {
                td_string!(
                    l,
                    reasons.reason.role_not_permitted,
                    role = role,
                    operation = operation,
                    allowed = allowed.join(", ")
                )
                .to_string()
            }
        }
        CustomerNotFound { customer } => {
            td_string!(l, reasons.reason.customer_not_found, id = customer).to_string()
        }
        SubscriptionNotFound { subscription } => {
            td_string!(l, reasons.reason.subscription_not_found, id = subscription).to_string()
        }
        OfferNotFound { offer } => {
            td_string!(l, reasons.reason.offer_not_found, offer = offer).to_string()
        }
        DuplicateId { id } => td_string!(l, reasons.reason.duplicate_id, id = id).to_string(),
        Field(problem) => td_string!(
            l,
            reasons.reason.field,
            field = field_name(l, problem.field),
            problem = field_problem_text_in(l, problem)
        )
        .to_string(),
        NotRequestableByPartner { qualification } => match qualification {
            Qualification::Nonprofit => {
                td_string!(l, reasons.reason.not_requestable_nonprofit).to_string()
            }
            Qualification::None => td_string!(l, reasons.reason.not_requestable_none).to_string(),
            q => td_string!(
                l,
                reasons.reason.not_requestable,
                qualification = qualification_name(l, *q)
            )
            .to_string(),
        },
        VerificationRequestsExhausted { used, max } => td_string!(
            l,
            reasons.reason.verification_requests_exhausted,
            used = used,
            max = max
        )
        .to_string(),
        QualificationAlreadyHeld {
            qualification,
            status,
        } => {
            let qualification = qualification_name(l, *qualification);
            match status {
                Some(VettingStatus::InReview) => td_string!(
                    l,
                    reasons.reason.qualification_already_in_review,
                    qualification = qualification
                )
                .to_string(),
                Some(s) => td_string!(
                    l,
                    reasons.reason.qualification_already_held_status,
                    qualification = qualification,
                    status = vetting_status_name(l, *s)
                )
                .to_string(),
                None => td_string!(
                    l,
                    reasons.reason.qualification_already_held,
                    qualification = qualification
                )
                .to_string(),
            }
        }
        QualificationSetNotAllowed {
            current,
            requested,
            resulting,
        } => td_string!(
            l,
            reasons.reason.qualification_set_not_allowed,
            current = qualification_set_text(l, *current),
            requested = qualification_name(l, *requested),
            resulting = qualification_set_text(l, *resulting)
        )
        .to_string(),
        GccRequiresUnitedStates { country } => td_string!(
            l,
            reasons.reason.gcc_requires_united_states,
            country = country
        )
        .to_string(),
        PartnerLacksGccResellerQualification => {
            td_string!(l, reasons.reason.partner_lacks_gcc_reseller_qualification).to_string()
        }
        GccValidationCodeRequired => {
            td_string!(l, reasons.reason.gcc_validation_code_required).to_string()
        }
        GccValidationCodeUnknown { code } => {
            td_string!(l, reasons.reason.gcc_validation_code_unknown, code = code).to_string()
        }
        GccValidationCodeExhausted { code, max_creates } => td_string!(
            l,
            reasons.reason.gcc_validation_code_exhausted,
            code = code,
            max = max_creates
        )
        .to_string(),
        GccValidationCodeInvalid => {
            td_string!(l, reasons.reason.gcc_validation_code_invalid).to_string()
        }
        GccValidationCodeCreatesInvalid {
            max_creates,
            remaining_creates,
        } => td_string!(
            l,
            reasons.reason.gcc_validation_code_creates_invalid,
            remaining = remaining_creates,
            max = max_creates
        )
        .to_string(),
        EducationNotRequested => td_string!(l, reasons.reason.education_not_requested).to_string(),
        VettingTransitionNotAllowed { from, to } => td_string!(
            l,
            reasons.reason.vetting_transition_not_allowed,
            from = vetting_status_name(l, *from),
            to = vetting_status_name(l, *to)
        )
        .to_string(),
        NonprofitAlreadyRegistered => {
            td_string!(l, reasons.reason.nonprofit_already_registered).to_string()
        }
        NonprofitNotHeld => td_string!(l, reasons.reason.nonprofit_not_held).to_string(),
        NonprofitNoticeAlreadySent {
            notice_date,
            removal_date,
        } => td_string!(
            l,
            reasons.reason.nonprofit_notice_already_sent,
            notice = iso(*notice_date),
            removal = iso(*removal_date)
        )
        .to_string(),
        SegmentNotAllowedForQualifications {
            segment,
            qualifications,
            allowed,
        } => {
            let segment = segment_name(l, *segment);
            let allowed = segment_set_text(l, *allowed);
            if *qualifications == QualificationSet::NONE {
                td_string!(
                    l,
                    reasons.reason.segment_not_allowed_no_qualification,
                    segment = segment,
                    allowed = allowed
                )
                .to_string()
            } else {
                td_string!(
                    l,
                    reasons.reason.segment_not_allowed,
                    segment = segment,
                    qualifications = qualification_set_text(l, *qualifications),
                    allowed = allowed
                )
                .to_string()
            }
        }
        EducationInReview { since, expected_by } => td_string!(
            l,
            reasons.reason.education_in_review,
            since = iso(*since),
            expected_by = iso(*expected_by)
        )
        .to_string(),
        EducationDenied { reason, since } => match reason {
            Some(r) => td_string!(
                l,
                reasons.reason.education_denied_reason,
                since = iso(*since),
                reason = vetting_reason_text(l, *r)
            )
            .to_string(),
            None => td_string!(l, reasons.reason.education_denied, since = iso(*since)).to_string(),
        },
        NonprofitStatusRemoved { removed_on } => td_string!(
            l,
            reasons.reason.nonprofit_status_removed,
            removed_on = iso(*removed_on)
        )
        .to_string(),
        SpecialSegmentNotForProductType {
            segment,
            product_type,
        } => td_string!(
            l,
            reasons.reason.special_segment_not_for_product_type,
            segment = segment_name(l, *segment),
            product_type = product_type_name(l, *product_type)
        )
        .to_string(),
        IndirectResellerMustUseProvider => {
            td_string!(l, reasons.reason.indirect_reseller_must_use_provider).to_string()
        }
        EmptyCart => td_string!(l, reasons.reason.empty_cart).to_string(),
        CartLine {
            line,
            offer,
            reason,
        } => td_string!(
            l,
            reasons.reason.cart_line,
            line = line + 1,
            offer = offer_name(offer).unwrap_or_else(|| offer.clone()),
            reason = reason_text_with(l, reason, offer_name)
        )
        .to_string(),
        SeatsBelowMinimum { seats, min } => td_string!(
            l,
            reasons.reason.seats_below_minimum,
            seats = seats,
            min = min
        )
        .to_string(),
        SeatsAboveLimit { seats, max } => td_string!(
            l,
            reasons.reason.seats_above_limit,
            seats = seats,
            max = max
        )
        .to_string(),
        TermNotOffered { term, offered } => td_string!(
            l,
            reasons.reason.term_not_offered,
            term = term_name(l, *term),
            offered = join(offered.iter().map(|t| term_name(l, *t)), l)
        )
        .to_string(),
        BillingNotOffered { billing, offered } => td_string!(
            l,
            reasons.reason.billing_not_offered,
            billing = billing_name(l, *billing),
            offered = join(offered.iter().map(|b| billing_name(l, *b)), l)
        )
        .to_string(),
        BillingNotAvailableForTerm { term, billing } => {
            let billing_text = billing_name(l, *billing);
            let term_text = term_name(l, *term);
            if *term == Term::Perpetual {
                td_string!(
                    l,
                    reasons.reason.billing_perpetual_once,
                    billing = billing_text
                )
                .to_string()
            } else if *billing == BillingFrequency::OneTime {
                td_string!(
                    l,
                    reasons.reason.billing_one_time_only_perpetual,
                    term = term_text
                )
                .to_string()
            } else {
                td_string!(
                    l,
                    reasons.reason.billing_longer_than_term,
                    billing = billing_text,
                    term = term_text
                )
                .to_string()
            }
        }
        DuplicateLine { first_line } => td_string!(
            l,
            reasons.reason.duplicate_line,
            first_line = first_line + 1
        )
        .to_string(),
        SubscriptionIdsMismatch { lines, ids } => td_string!(
            l,
            reasons.reason.subscription_ids_mismatch,
            lines = lines,
            ids = ids
        )
        .to_string(),
        SubscriptionNotActive { subscription } => td_string!(
            l,
            reasons.reason.subscription_not_active,
            subscription = subscription
        )
        .to_string(),
        AutoRenewNotApplicable { term } => td_string!(
            l,
            reasons.reason.auto_renew_not_applicable,
            term = term_name(l, *term)
        )
        .to_string(),
        InvalidCountryCode { country } => {
            td_string!(l, reasons.reason.invalid_country_code, country = country).to_string()
        }
    }
}

/// [`field_problem_text`] in `locale`. Free-mail and onmicrosoft addresses read differently as
/// an error (Education verification) and as a warning, following the domain's severity.
pub fn field_problem_text_in(locale: Locale, problem: &FieldProblem) -> String {
    let l = locale;
    let error = problem.severity == Severity::Error;
    match &problem.problem {
        Problem::Required => td_string!(l, reasons.problem.required).to_string(),
        Problem::SingleCharacter => td_string!(l, reasons.problem.single_character).to_string(),
        Problem::OnlySpecialCharacters => {
            td_string!(l, reasons.problem.only_special_characters).to_string()
        }
        Problem::RestrictedAbbreviation { word } => {
            td_string!(l, reasons.problem.restricted_abbreviation, word = word).to_string()
        }
        Problem::LooksLikeTestName { word } => {
            td_string!(l, reasons.problem.looks_like_test_name, word = word).to_string()
        }
        Problem::ContainsTopLevelDomain { tld } => {
            td_string!(l, reasons.problem.contains_top_level_domain, tld = tld).to_string()
        }
        Problem::RepeatedCharacter => td_string!(l, reasons.problem.repeated_character).to_string(),
        Problem::SpacedSingleCharacters => {
            td_string!(l, reasons.problem.spaced_single_characters).to_string()
        }
        Problem::InvalidCountryCode => {
            td_string!(l, reasons.problem.invalid_country_code).to_string()
        }
        Problem::InvalidEmail => td_string!(l, reasons.problem.invalid_email).to_string(),
        Problem::FreeMailProvider { domain } => {
            if error {
                td_string!(l, reasons.problem.free_mail_error, domain = domain).to_string()
            } else {
                td_string!(l, reasons.problem.free_mail_warning, domain = domain).to_string()
            }
        }
        Problem::OnMicrosoftDomain => {
            if error {
                td_string!(l, reasons.problem.onmicrosoft_error).to_string()
            } else {
                td_string!(l, reasons.problem.onmicrosoft_warning).to_string()
            }
        }
        Problem::MicrosoftDomain => td_string!(l, reasons.problem.microsoft_domain).to_string(),
        Problem::InvalidPhone => td_string!(l, reasons.problem.invalid_phone).to_string(),
        Problem::PhoneRequiredInCountry { country } => td_string!(
            l,
            reasons.problem.phone_required_in_country,
            country = country
        )
        .to_string(),
        Problem::DomainPrefixInvalidCharacters => {
            td_string!(l, reasons.problem.domain_prefix_invalid_characters).to_string()
        }
        Problem::DomainPrefixTooLong { length, max } => td_string!(
            l,
            reasons.problem.domain_prefix_too_long,
            length = length,
            max = max
        )
        .to_string(),
        Problem::DomainPrefixTaken { prefix } => {
            td_string!(l, reasons.problem.domain_prefix_taken, prefix = prefix).to_string()
        }
        Problem::InvalidWebsite => td_string!(l, reasons.problem.invalid_website).to_string(),
        Problem::WebsiteRecommended => {
            td_string!(l, reasons.problem.website_recommended).to_string()
        }
    }
}

/// A date as the app shows it everywhere: ISO, `YYYY-MM-DD`.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Names in a list, comma separated (the same in the three languages).
fn join<'a>(names: impl Iterator<Item = &'a str>, _locale: Locale) -> String {
    names.collect::<Vec<_>>().join(", ")
}

/// A qualification's name: "None", "Education", "Nonprofit", "Government Community Cloud",
/// "State-owned entity" (Partner Center's terms in each language).
pub fn qualification_name(locale: Locale, qualification: Qualification) -> &'static str {
    let l = locale;
    match qualification {
        Qualification::None => td_string!(l, reasons.qualification.none),
        Qualification::Education => td_string!(l, reasons.qualification.education),
        Qualification::Nonprofit => td_string!(l, reasons.qualification.nonprofit),
        Qualification::GovernmentCommunityCloud => td_string!(l, reasons.qualification.gcc),
        Qualification::StateOwnedEntity => td_string!(l, reasons.qualification.soe),
    }
}

/// A set of qualifications, e.g. "Education + State-owned entity"; "None" for the empty set.
pub fn qualification_set_text(locale: Locale, set: QualificationSet) -> String {
    set.kinds()
        .into_iter()
        .map(|q| qualification_name(locale, q))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// A vetting status: "In review", "Approved", "Denied".
pub fn vetting_status_name(locale: Locale, status: VettingStatus) -> &'static str {
    let l = locale;
    match status {
        VettingStatus::InReview => td_string!(l, reasons.vetting_status.in_review),
        VettingStatus::Approved => td_string!(l, reasons.vetting_status.approved),
        VettingStatus::Denied => td_string!(l, reasons.vetting_status.denied),
    }
}

/// Microsoft's documented vetting reason, e.g. "Not an Education Customer" (DOMAIN.md §2.3).
pub fn vetting_reason_text(locale: Locale, reason: VettingReason) -> &'static str {
    let l = locale;
    use VettingReason::*;
    match reason {
        NotAnEducationCustomer => td_string!(l, reasons.vetting_reason.not_an_education_customer),
        NoLongerAnEducationCustomer => {
            td_string!(l, reasons.vetting_reason.no_longer_an_education_customer)
        }
        NotAnEducationCustomerAfterReview => {
            td_string!(
                l,
                reasons
                    .vetting_reason
                    .not_an_education_customer_after_review
            )
        }
        RestrictedBeingAnEducationCustomer => {
            td_string!(
                l,
                reasons
                    .vetting_reason
                    .restricted_being_an_education_customer
            )
        }
        NotAnAcademicDomain => td_string!(l, reasons.vetting_reason.not_an_academic_domain),
        NotAnEligibleLibrary => td_string!(l, reasons.vetting_reason.not_an_eligible_library),
        NotAnEligibleMuseum => td_string!(l, reasons.vetting_reason.not_an_eligible_museum),
    }
}

/// An Education segment: "K-12", "Higher education".
pub fn education_segment_name(locale: Locale, segment: EducationSegment) -> &'static str {
    let l = locale;
    match segment {
        EducationSegment::K12 => td_string!(l, reasons.education_segment.k12),
        EducationSegment::HigherEducation => {
            td_string!(l, reasons.education_segment.higher_education)
        }
    }
}

/// An offer segment: "Commercial", "Education", "Nonprofit", "Government Community Cloud".
pub fn segment_name(locale: Locale, segment: Segment) -> &'static str {
    let l = locale;
    match segment {
        Segment::Commercial => td_string!(l, reasons.segment.commercial),
        Segment::Education => td_string!(l, reasons.segment.education),
        Segment::Nonprofit => td_string!(l, reasons.segment.nonprofit),
        Segment::GovernmentCommunityCloud => td_string!(l, reasons.segment.gcc),
    }
}

/// A set of segments, comma separated ("nothing" when empty).
pub fn segment_set_text(locale: Locale, set: SegmentSet) -> String {
    let segments = set.segments();
    if segments.is_empty() {
        return td_string!(locale, reasons.nothing).to_string();
    }
    join(
        segments.into_iter().map(|s| segment_name(locale, s)),
        locale,
    )
}

/// A product type: "License-based service", "Perpetual software", "Software subscription",
/// "Azure".
pub fn product_type_name(locale: Locale, product_type: ProductType) -> &'static str {
    let l = locale;
    match product_type {
        ProductType::LicenseBased => td_string!(l, reasons.product_type.license_based),
        ProductType::PerpetualSoftware => td_string!(l, reasons.product_type.perpetual_software),
        ProductType::SoftwareSubscription => {
            td_string!(l, reasons.product_type.software_subscription)
        }
        ProductType::Azure => td_string!(l, reasons.product_type.azure),
    }
}

/// A subscription term: "1 month", "1 year", "3 years", "Perpetual".
pub fn term_name(locale: Locale, term: Term) -> &'static str {
    let l = locale;
    match term {
        Term::OneMonth => td_string!(l, reasons.term.one_month),
        Term::OneYear => td_string!(l, reasons.term.one_year),
        Term::ThreeYears => td_string!(l, reasons.term.three_years),
        Term::Perpetual => td_string!(l, reasons.term.perpetual),
    }
}

/// A billing frequency: "Monthly", "Annual", "Triennial", "One-time".
pub fn billing_name(locale: Locale, billing: BillingFrequency) -> &'static str {
    let l = locale;
    match billing {
        BillingFrequency::Monthly => td_string!(l, reasons.billing.monthly),
        BillingFrequency::Annual => td_string!(l, reasons.billing.annual),
        BillingFrequency::Triennial => td_string!(l, reasons.billing.triennial),
        BillingFrequency::OneTime => td_string!(l, reasons.billing.one_time),
    }
}

/// A field's label on "Add customer": "Company name", "Email address", ...
pub fn field_name(locale: Locale, field: Field) -> &'static str {
    let l = locale;
    match field {
        Field::CompanyName => td_string!(l, reasons.field.company_name),
        Field::Country => td_string!(l, reasons.field.country),
        Field::AddressLine1 => td_string!(l, reasons.field.address_line1),
        Field::AddressLine2 => td_string!(l, reasons.field.address_line2),
        Field::City => td_string!(l, reasons.field.city),
        Field::State => td_string!(l, reasons.field.state),
        Field::PostalCode => td_string!(l, reasons.field.postal_code),
        Field::Email => td_string!(l, reasons.field.email),
        Field::EducationSegment => td_string!(l, reasons.field.education_segment),
        Field::FirstName => td_string!(l, reasons.field.first_name),
        Field::LastName => td_string!(l, reasons.field.last_name),
        Field::ContactEmail => td_string!(l, reasons.field.contact_email),
        Field::Phone => td_string!(l, reasons.field.phone),
        Field::PrimaryDomain => td_string!(l, reasons.field.primary_domain),
        Field::EducationWebsite => td_string!(l, reasons.field.education_website),
    }
}

/// What an operation does, as it reads after "may not": "correct a customer's account
/// information", ...
pub fn operation_text(locale: Locale, operation: Operation) -> &'static str {
    let l = locale;
    match operation {
        Operation::CreateCustomer => td_string!(l, reasons.operation.create_customer),
        Operation::RequestQualification => td_string!(l, reasons.operation.request_qualification),
        Operation::CorrectAccount => td_string!(l, reasons.operation.correct_account),
        Operation::PlaceOrder => td_string!(l, reasons.operation.place_order),
        Operation::ManageSubscription => td_string!(l, reasons.operation.manage_subscription),
        Operation::EditPartnerSettings => td_string!(l, reasons.operation.edit_partner_settings),
        Operation::SimulateMicrosoft => td_string!(l, reasons.operation.simulate_microsoft),
        Operation::ManageData => td_string!(l, reasons.operation.manage_data),
    }
}

/// The role's name in `locale`, from the header's own keys (`shell.roles`): the locale-taking
/// twin of `components::role_switcher::role_name`, so both always say the same.
fn role_name_in(locale: Locale, role: Role) -> &'static str {
    let l = locale;
    match role {
        Role::GlobalAdmin => td_string!(l, shell.roles.global_admin),
        Role::AdminAgent => td_string!(l, shell.roles.admin_agent),
        Role::SalesAgent => td_string!(l, shell.roles.sales_agent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalog, VettingReason};

    const LOCALES: [Locale; 3] = [Locale::en, Locale::sv, Locale::pl];

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fp(field: Field, problem: Problem, severity: Severity) -> FieldProblem {
        FieldProblem {
            field,
            problem,
            severity,
        }
    }

    /// The position of each variant. No wildcard: a new `Reason` variant does not compile until
    /// it gets a number here, and then [`every_reason_variant_has_a_sample`] asks for a sample
    /// (and so for a sentence).
    fn reason_variant(reason: &Reason) -> usize {
        use Reason::*;
        match reason {
            RoleNotPermitted { .. } => 0,
            CustomerNotFound { .. } => 1,
            SubscriptionNotFound { .. } => 2,
            OfferNotFound { .. } => 3,
            DuplicateId { .. } => 4,
            Field(_) => 5,
            NotRequestableByPartner { .. } => 6,
            VerificationRequestsExhausted { .. } => 7,
            QualificationAlreadyHeld { .. } => 8,
            QualificationSetNotAllowed { .. } => 9,
            GccRequiresUnitedStates { .. } => 10,
            PartnerLacksGccResellerQualification => 11,
            GccValidationCodeRequired => 12,
            GccValidationCodeUnknown { .. } => 13,
            GccValidationCodeExhausted { .. } => 14,
            GccValidationCodeInvalid => 15,
            GccValidationCodeCreatesInvalid { .. } => 16,
            EducationNotRequested => 17,
            VettingTransitionNotAllowed { .. } => 18,
            NonprofitAlreadyRegistered => 19,
            NonprofitNotHeld => 20,
            NonprofitNoticeAlreadySent { .. } => 21,
            SegmentNotAllowedForQualifications { .. } => 22,
            EducationInReview { .. } => 23,
            EducationDenied { .. } => 24,
            NonprofitStatusRemoved { .. } => 25,
            SpecialSegmentNotForProductType { .. } => 26,
            IndirectResellerMustUseProvider => 27,
            EmptyCart => 28,
            CartLine { .. } => 29,
            SeatsBelowMinimum { .. } => 30,
            SeatsAboveLimit { .. } => 31,
            TermNotOffered { .. } => 32,
            BillingNotOffered { .. } => 33,
            BillingNotAvailableForTerm { .. } => 34,
            DuplicateLine { .. } => 35,
            SubscriptionIdsMismatch { .. } => 36,
            SubscriptionNotActive { .. } => 37,
            AutoRenewNotApplicable { .. } => 38,
            InvalidCountryCode { .. } => 39,
        }
    }
    const REASON_VARIANTS: usize = 40;

    /// Same for `Problem`.
    fn problem_variant(problem: &Problem) -> usize {
        use Problem::*;
        match problem {
            Required => 0,
            SingleCharacter => 1,
            OnlySpecialCharacters => 2,
            RestrictedAbbreviation { .. } => 3,
            LooksLikeTestName { .. } => 4,
            ContainsTopLevelDomain { .. } => 5,
            RepeatedCharacter => 6,
            SpacedSingleCharacters => 7,
            InvalidCountryCode => 8,
            InvalidEmail => 9,
            FreeMailProvider { .. } => 10,
            OnMicrosoftDomain => 11,
            MicrosoftDomain => 12,
            InvalidPhone => 13,
            PhoneRequiredInCountry { .. } => 14,
            DomainPrefixInvalidCharacters => 15,
            DomainPrefixTooLong { .. } => 16,
            DomainPrefixTaken { .. } => 17,
            InvalidWebsite => 18,
            WebsiteRecommended => 19,
        }
    }
    const PROBLEM_VARIANTS: usize = 20;

    /// Every field problem, each in both severities where the wording depends on it.
    fn sample_problems() -> Vec<FieldProblem> {
        use Severity::*;
        let f = Field::CompanyName;
        vec![
            fp(f, Problem::Required, Error),
            fp(f, Problem::SingleCharacter, Error),
            fp(f, Problem::OnlySpecialCharacters, Error),
            fp(
                f,
                Problem::RestrictedAbbreviation { word: "llc".into() },
                Error,
            ),
            fp(
                f,
                Problem::LooksLikeTestName {
                    word: "test".into(),
                },
                Warning,
            ),
            fp(
                f,
                Problem::ContainsTopLevelDomain { tld: ".com".into() },
                Warning,
            ),
            fp(f, Problem::RepeatedCharacter, Warning),
            fp(f, Problem::SpacedSingleCharacters, Warning),
            fp(Field::Country, Problem::InvalidCountryCode, Error),
            fp(Field::Email, Problem::InvalidEmail, Error),
            fp(
                Field::Email,
                Problem::FreeMailProvider {
                    domain: "gmail.com".into(),
                },
                Error,
            ),
            fp(
                Field::Email,
                Problem::FreeMailProvider {
                    domain: "gmail.com".into(),
                },
                Warning,
            ),
            fp(Field::Email, Problem::OnMicrosoftDomain, Error),
            fp(Field::Email, Problem::OnMicrosoftDomain, Warning),
            fp(Field::ContactEmail, Problem::MicrosoftDomain, Error),
            fp(Field::Phone, Problem::InvalidPhone, Error),
            fp(
                Field::Phone,
                Problem::PhoneRequiredInCountry {
                    country: "PL".into(),
                },
                Error,
            ),
            fp(
                Field::PrimaryDomain,
                Problem::DomainPrefixInvalidCharacters,
                Error,
            ),
            fp(
                Field::PrimaryDomain,
                Problem::DomainPrefixTooLong {
                    length: 30,
                    max: 27,
                },
                Error,
            ),
            fp(
                Field::PrimaryDomain,
                Problem::DomainPrefixTaken {
                    prefix: "contosoforedu".into(),
                },
                Error,
            ),
            fp(Field::EducationWebsite, Problem::InvalidWebsite, Error),
            fp(
                Field::EducationWebsite,
                Problem::WebsiteRecommended,
                Warning,
            ),
        ]
    }

    /// At least one sample of every `Reason` variant, and of the values that change the wording.
    fn sample_reasons() -> Vec<Reason> {
        use Qualification as Q;
        use Reason::*;
        let mut out = Vec::new();
        for role in Role::ALL {
            for operation in Operation::ALL {
                out.push(RoleNotPermitted { role, operation });
            }
        }
        out.extend([
            CustomerNotFound {
                customer: "c-42".into(),
            },
            SubscriptionNotFound {
                subscription: "s-7".into(),
            },
            OfferNotFound {
                offer: "no-such-offer".into(),
            },
            DuplicateId { id: "c-42".into() },
            InvalidCountryCode {
                country: "XX".into(),
            },
        ]);
        out.extend(sample_problems().into_iter().map(Field));
        for qualification in [Q::None, Q::Nonprofit, Q::Education] {
            out.push(NotRequestableByPartner { qualification });
        }
        out.push(VerificationRequestsExhausted { used: 3, max: 3 });
        for status in [
            None,
            Some(VettingStatus::InReview),
            Some(VettingStatus::Approved),
            Some(VettingStatus::Denied),
        ] {
            out.push(QualificationAlreadyHeld {
                qualification: Q::Education,
                status,
            });
        }
        out.push(QualificationSetNotAllowed {
            current: QualificationSet::of(&[Q::Education]),
            requested: Q::GovernmentCommunityCloud,
            resulting: QualificationSet::of(&[Q::Education, Q::GovernmentCommunityCloud]),
        });
        out.extend([
            GccRequiresUnitedStates {
                country: "SE".into(),
            },
            PartnerLacksGccResellerQualification,
            GccValidationCodeRequired,
            GccValidationCodeUnknown { code: "999".into() },
            GccValidationCodeExhausted {
                code: "123456".into(),
                max_creates: 5,
            },
            GccValidationCodeInvalid,
            GccValidationCodeCreatesInvalid {
                max_creates: 0,
                remaining_creates: 2,
            },
            EducationNotRequested,
            VettingTransitionNotAllowed {
                from: VettingStatus::Approved,
                to: VettingStatus::InReview,
            },
            NonprofitAlreadyRegistered,
            NonprofitNotHeld,
            NonprofitNoticeAlreadySent {
                notice_date: day(2026, 11, 1),
                removal_date: day(2027, 1, 30),
            },
        ]);
        out.push(SegmentNotAllowedForQualifications {
            segment: Segment::Education,
            qualifications: QualificationSet::NONE,
            allowed: SegmentSet {
                commercial: true,
                ..SegmentSet::default()
            },
        });
        out.push(SegmentNotAllowedForQualifications {
            segment: Segment::Education,
            qualifications: QualificationSet::of(&[
                Q::GovernmentCommunityCloud,
                Q::StateOwnedEntity,
            ]),
            allowed: SegmentSet {
                government_community_cloud: true,
                ..SegmentSet::default()
            },
        });
        out.push(EducationInReview {
            since: day(2026, 11, 23),
            expected_by: day(2026, 11, 26),
        });
        out.push(EducationDenied {
            reason: None,
            since: day(2026, 11, 24),
        });
        for reason in VettingReason::ALL {
            out.push(EducationDenied {
                reason: Some(reason),
                since: day(2026, 11, 24),
            });
        }
        out.push(NonprofitStatusRemoved {
            removed_on: day(2027, 1, 30),
        });
        for product_type in [ProductType::SoftwareSubscription, ProductType::Azure] {
            out.push(SpecialSegmentNotForProductType {
                segment: Segment::Nonprofit,
                product_type,
            });
        }
        out.extend([
            IndirectResellerMustUseProvider,
            EmptyCart,
            CartLine {
                line: 1,
                offer: "m365-a3".into(),
                reason: Box::new(SeatsAboveLimit {
                    seats: 400,
                    max: 300,
                }),
            },
            SeatsBelowMinimum { seats: 0, min: 1 },
            SeatsAboveLimit {
                seats: 400,
                max: 300,
            },
            TermNotOffered {
                term: Term::ThreeYears,
                offered: vec![Term::OneMonth, Term::OneYear],
            },
            BillingNotOffered {
                billing: BillingFrequency::Triennial,
                offered: vec![BillingFrequency::Monthly, BillingFrequency::Annual],
            },
            BillingNotAvailableForTerm {
                term: Term::OneMonth,
                billing: BillingFrequency::Annual,
            },
            DuplicateLine { first_line: 0 },
            SubscriptionIdsMismatch { lines: 2, ids: 1 },
            SubscriptionNotActive {
                subscription: "s-7".into(),
            },
            AutoRenewNotApplicable {
                term: Term::Perpetual,
            },
        ]);
        for segment in Segment::ALL {
            out.push(SpecialSegmentNotForProductType {
                segment,
                product_type: ProductType::PerpetualSoftware,
            });
        }
        for term in [
            Term::OneMonth,
            Term::OneYear,
            Term::ThreeYears,
            Term::Perpetual,
        ] {
            for billing in [
                BillingFrequency::Monthly,
                BillingFrequency::Annual,
                BillingFrequency::Triennial,
                BillingFrequency::OneTime,
            ] {
                out.push(BillingNotAvailableForTerm { term, billing });
            }
        }
        out
    }

    fn assert_sentence(text: &str, what: &str) {
        assert!(!text.trim().is_empty(), "{what}: empty");
        assert!(
            !text.contains("{{") && !text.contains("}}"),
            "{what}: leftover placeholder in {text:?}"
        );
    }

    #[test]
    fn every_reason_variant_has_a_sample() {
        let mut seen = [false; REASON_VARIANTS];
        for r in sample_reasons() {
            seen[reason_variant(&r)] = true;
        }
        let missing: Vec<usize> = (0..REASON_VARIANTS).filter(|i| !seen[*i]).collect();
        assert!(
            missing.is_empty(),
            "Reason variants without a sample: {missing:?}"
        );
        let mut seen = [false; PROBLEM_VARIANTS];
        for p in sample_problems() {
            seen[problem_variant(&p.problem)] = true;
        }
        let missing: Vec<usize> = (0..PROBLEM_VARIANTS).filter(|i| !seen[*i]).collect();
        assert!(
            missing.is_empty(),
            "Problem variants without a sample: {missing:?}"
        );
    }

    #[test]
    fn every_reason_reads_as_a_sentence_in_every_language() {
        for locale in LOCALES {
            for r in sample_reasons() {
                let text = reason_text_in(locale, &r);
                assert_sentence(&text, &format!("{locale} {r:?}"));
                assert!(
                    !text.contains("Some(") && !text.contains("None {"),
                    "{locale} {r:?}: {text}"
                );
            }
            for p in sample_problems() {
                assert_sentence(
                    &field_problem_text_in(locale, &p),
                    &format!("{locale} {p:?}"),
                );
            }
        }
    }

    #[test]
    fn names_exist_in_every_language() {
        for locale in LOCALES {
            for q in [
                Qualification::None,
                Qualification::Education,
                Qualification::Nonprofit,
                Qualification::GovernmentCommunityCloud,
                Qualification::StateOwnedEntity,
            ] {
                assert_sentence(qualification_name(locale, q), "qualification");
            }
            for s in [
                VettingStatus::InReview,
                VettingStatus::Approved,
                VettingStatus::Denied,
            ] {
                assert_sentence(vetting_status_name(locale, s), "status");
            }
            for r in VettingReason::ALL {
                assert_sentence(vetting_reason_text(locale, r), "vetting reason");
            }
            for s in Segment::ALL {
                assert_sentence(segment_name(locale, s), "segment");
            }
            for s in [EducationSegment::K12, EducationSegment::HigherEducation] {
                assert_sentence(education_segment_name(locale, s), "education segment");
            }
            for o in Operation::ALL {
                assert_sentence(operation_text(locale, o), "operation");
            }
        }
    }

    #[test]
    fn english_sentences_carry_the_values() {
        let english = Locale::en;
        assert_eq!(
            reason_text_in(english, &Reason::EducationInReview { since: day(2026, 11, 23), expected_by: day(2026, 11, 26) }),
            "Education offers need an approved Education qualification; this customer's is In review since 2026-11-23, expected by 2026-11-26."
        );
        assert_eq!(
            reason_text_in(english, &Reason::VerificationRequestsExhausted { used: 3, max: 3 }),
            "All 3 verification requests for this customer are used (3 of 3); only Microsoft Support can verify it manually now."
        );
        assert_eq!(
            reason_text_in(english, &Reason::IndirectResellerMustUseProvider),
            "An indirect reseller cannot place special-segment orders: order through your indirect provider."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::EducationDenied {
                    reason: Some(VettingReason::NotAnEducationCustomer),
                    since: day(2026, 11, 24)
                }
            ),
            "Education offers need an approved Education qualification; this customer's was Denied on 2026-11-24 (Not an Education Customer): correct the account information and resubmit."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::RoleNotPermitted { role: Role::SalesAgent, operation: Operation::CorrectAccount }
            ),
            "Sales agent may not correct a customer's account information: this needs Global admin. Switch the acting role if you are one."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::SegmentNotAllowedForQualifications {
                    segment: Segment::Education,
                    qualifications: QualificationSet::of(&[
                        Qualification::GovernmentCommunityCloud,
                        Qualification::StateOwnedEntity
                    ]),
                    allowed: SegmentSet { government_community_cloud: true, ..SegmentSet::default() },
                }
            ),
            "Education offers cannot be sold to a customer with Government Community Cloud + State-owned entity: it may buy Government Community Cloud only."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::Field(fp(
                    Field::Email,
                    Problem::FreeMailProvider { domain: "gmail.com".into() },
                    Severity::Error
                ))
            ),
            "Email address: Free e-mail addresses (gmail.com) are not accepted for education verification: use the institution's own address."
        );
        assert_eq!(
            field_problem_text_in(
                english,
                &fp(
                    Field::PrimaryDomain,
                    Problem::DomainPrefixTooLong {
                        length: 30,
                        max: 27
                    },
                    Severity::Error
                )
            ),
            "The prefix is 30 characters long; the most allowed is 27: shorten it."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::TermNotOffered {
                    term: Term::ThreeYears,
                    offered: vec![Term::OneMonth, Term::OneYear]
                }
            ),
            "This offer is not sold with the term 3 years: choose one of 1 month, 1 year."
        );
        assert_eq!(
            qualification_set_text(
                english,
                QualificationSet::of(&[Qualification::StateOwnedEntity, Qualification::Education])
            ),
            "Education + State-owned entity"
        );
        assert_eq!(
            qualification_set_text(english, QualificationSet::NONE),
            "None"
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::BillingNotAvailableForTerm {
                    term: Term::OneMonth,
                    billing: BillingFrequency::Annual
                }
            ),
            "Annual billing does not fit the term 1 month: the billing period cannot be longer than the term; choose one of the shorter billing frequencies."
        );
        assert_eq!(
            reason_text_in(
                english,
                &Reason::NonprofitNoticeAlreadySent {
                    notice_date: day(2026, 11, 1),
                    removal_date: day(2027, 1, 30)
                }
            ),
            "A notice was already sent on 2026-11-01: the Nonprofit qualification will be removed on 2027-01-30."
        );
    }

    #[test]
    fn cart_lines_count_from_one_and_name_the_offer() {
        let reason = Reason::CartLine {
            line: 1,
            offer: "m365-a3".into(),
            reason: Box::new(Reason::SeatsBelowMinimum { seats: 0, min: 1 }),
        };
        assert_eq!(
            reason_text_in(Locale::en, &reason),
            "Line 2 (m365-a3): Seats: 0 is below the minimum of 1: enter at least 1."
        );
        let named = reason_text_with(Locale::en, &reason, &|id| {
            (id == "m365-a3").then(|| "Microsoft 365 A3".to_string())
        });
        assert_eq!(
            named,
            "Line 2 (Microsoft 365 A3): Seats: 0 is below the minimum of 1: enter at least 1."
        );
        // With the real catalog: the name of the first offer replaces its id.
        let catalog = Catalog::sample();
        let offer = &catalog.offers[0];
        let reason = Reason::CartLine {
            line: 0,
            offer: offer.id.clone(),
            reason: Box::new(Reason::EmptyCart),
        };
        let text = reason_text_with(Locale::en, &reason, &|id| {
            catalog.get(id).map(|o| o.name.clone())
        });
        assert!(
            text.starts_with(&format!("Line 1 ({}): ", offer.name)),
            "{text}"
        );
    }

    #[test]
    fn swedish_and_polish_are_translated() {
        let samples = sample_reasons();
        let mut same = Vec::new();
        for r in &samples {
            let english = reason_text_in(Locale::en, r);
            for locale in [Locale::sv, Locale::pl] {
                let text = reason_text_in(locale, r);
                if text == english {
                    same.push(format!("{locale}: {text}"));
                }
            }
        }
        assert!(same.is_empty(), "untranslated: {same:#?}");
        let in_review = Reason::EducationInReview {
            since: day(2026, 11, 23),
            expected_by: day(2026, 11, 26),
        };
        for locale in LOCALES {
            let text = reason_text_in(locale, &in_review);
            assert!(
                text.contains("2026-11-23") && text.contains("2026-11-26"),
                "{locale}: {text}"
            );
        }
        assert_eq!(
            qualification_name(Locale::sv, Qualification::Education),
            "Utbildning"
        );
        assert_eq!(
            qualification_name(Locale::pl, Qualification::Education),
            "Edukacja"
        );
        assert_eq!(
            segment_name(Locale::pl, Segment::GovernmentCommunityCloud),
            "Government Community Cloud"
        );
    }

    #[test]
    fn field_labels_are_add_customer_labels() {
        assert_eq!(field_name(Locale::en, Field::CompanyName), "Company name");
        assert_eq!(field_name(Locale::en, Field::Email), "Email address");
        assert_eq!(field_name(Locale::sv, Field::CompanyName), "Företagsnamn");
        assert_eq!(
            vetting_reason_text(Locale::en, VettingReason::NotAnEducationCustomer),
            "Not an Education Customer"
        );
    }
}
