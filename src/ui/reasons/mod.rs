//! The domain's reasons in words: every [`Reason`] and [`FieldProblem`] variant has a sentence in
//! each language (locales/*/reasons.json), naming the rule and the values it carries and, when
//! the user can fix it, what to do. A role's refusal is the one exception: how to get another
//! role depends on who decides it (the switch, or the server on a team desk), so that step is
//! [`role_hint`], which the pages add after the sentence.
//!
//! [`reason_text`] and [`field_problem_text`] take the language and what they name as arguments
//! (no Leptos context), so native tests check the same sentences the pages show. The domain's
//! values are named through [`crate::ui::names`]. No rule is decided here: the wording only
//! follows the values the domain put in the reason.

use crate::domain::integrity::RecordProblem;
use crate::domain::unreadable::Unreadable;
use crate::domain::{
    permits, BillingFrequency, Catalog, FieldProblem, Problem, Qualification, QualificationSet,
    Reason, ResellerQualification, Role, Severity, Term, VettingStatus,
};
use crate::i18n::*;
use crate::ui::names::{self, qualification_set_text, segment_set_text, Named};
use crate::ui::numbers;
use crate::ui::plural::Counted;

/// Who decides the acting role, which says how a user refused for theirs gets another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleSource {
    /// The local desk: the role switch in the header.
    Switch,
    /// A team desk: the signed-in user's roles on the server.
    Server,
}

/// What a user refused for their role can do about it, as a sentence to follow the reason's:
/// switch the role, or, where the server decides it, sign in as another user. `None` for other
/// reasons and for operations no role may do.
pub fn role_hint(locale: Locale, reason: &Reason, source: RoleSource) -> Option<&'static str> {
    let Reason::RoleNotPermitted { operation, .. } = reason else {
        return None;
    };
    let l = locale;
    Role::ALL
        .into_iter()
        .any(|r| permits(r, *operation))
        .then(|| match source {
            RoleSource::Switch => td_string!(l, reasons.reason.role_hint_switch),
            RoleSource::Server => td_string!(l, reasons.reason.role_hint_sign_in),
        })
}

/// One sentence saying why, in `locale`. Offers in cart lines are named from `catalog` where it
/// has them, by their id otherwise.
pub fn reason_text(locale: Locale, reason: &Reason, catalog: Option<&Catalog>) -> String {
    use Reason::*;
    let l = locale;
    match reason {
        RoleNotPermitted { role, operation } => {
            let allowed: Vec<&str> = Role::ALL
                .into_iter()
                .filter(|r| permits(*r, *operation))
                .map(|r| r.name(l))
                .collect();
            let role = role.name(l);
            let operation = operation.name(l);
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
            field = problem.field.name(l),
            problem = field_problem_text(l, problem)
        )
        .to_string(),
        NotRequestableByPartner { qualification } => match qualification {
            Qualification::Nonprofit => {
                td_string!(l, reasons.reason.not_requestable_nonprofit).to_string()
            }
            Qualification::None => td_string!(l, reasons.reason.not_requestable_none).to_string(),
            q => {
                td_string!(l, reasons.reason.not_requestable, qualification = q.name(l)).to_string()
            }
        },
        VerificationRequestsExhausted { used, max } => Counted::ReasonRequestsExhausted.text(
            l,
            usize::from(*max),
            &[("used", &numbers::count_in(l, usize::from(*used)))],
        ),
        QualificationAlreadyHeld {
            qualification,
            status,
        } => {
            let qualification = qualification.name(l);
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
                    status = s.name(l)
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
            requested = requested.name(l),
            resulting = qualification_set_text(l, *resulting)
        )
        .to_string(),
        OtherGovernmentBuysCommercial { country } => td_string!(
            l,
            reasons.reason.other_government_buys_commercial,
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
        GccValidationCodeExhausted { code, max_creates } => {
            Counted::ReasonGccCodeExhausted.text(l, *max_creates as usize, &[("code", code)])
        }
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
            from = from.name(l),
            to = to.name(l)
        )
        .to_string(),
        NonprofitAlreadyRegistered => {
            td_string!(l, reasons.reason.nonprofit_already_registered).to_string()
        }
        NonprofitNotHeld => td_string!(l, reasons.reason.nonprofit_not_held).to_string(),
        NonprofitNoNoticeRunning => {
            td_string!(l, reasons.reason.nonprofit_no_notice_running).to_string()
        }
        NonprofitNoticeAlreadySent {
            notice_date,
            removal_date,
        } => td_string!(
            l,
            reasons.reason.nonprofit_notice_already_sent,
            notice = numbers::date(l, *notice_date),
            removal = numbers::date(l, *removal_date)
        )
        .to_string(),
        SegmentNotAllowedForQualifications {
            segment,
            qualifications,
            allowed,
        } => {
            let segment = segment.name(l);
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
            since = numbers::date(l, *since),
            expected_by = numbers::date(l, *expected_by)
        )
        .to_string(),
        EducationDenied { reason, since } => match reason {
            Some(r) => td_string!(
                l,
                reasons.reason.education_denied_reason,
                since = numbers::date(l, *since),
                reason = r.name(l)
            )
            .to_string(),
            None => td_string!(
                l,
                reasons.reason.education_denied,
                since = numbers::date(l, *since)
            )
            .to_string(),
        },
        NonprofitStatusRemoved { removed_on } => td_string!(
            l,
            reasons.reason.nonprofit_status_removed,
            removed_on = numbers::date(l, *removed_on)
        )
        .to_string(),
        SpecialSegmentNotForProductType {
            segment,
            product_type,
        } => td_string!(
            l,
            reasons.reason.special_segment_not_for_product_type,
            segment = segment.name(l),
            product_type = product_type.name(l)
        )
        .to_string(),
        IndirectResellerMustUseProvider => {
            td_string!(l, reasons.reason.indirect_reseller_must_use_provider).to_string()
        }
        SoeCriteriaNotConfirmed => {
            td_string!(l, reasons.reason.soe_criteria_not_confirmed).to_string()
        }
        PartnerLacksGccEnvironmentQualification {
            environment,
            required,
        } => match required {
            ResellerQualification::GccModerate => td_string!(
                l,
                reasons.reason.partner_lacks_gcc_moderate,
                environment = environment.name(l),
                qualification = required.name(l)
            )
            .to_string(),
            ResellerQualification::GccHighAndDoD => td_string!(
                l,
                reasons.reason.partner_lacks_gcc_high_and_dod,
                environment = environment.name(l),
                qualification = required.name(l)
            )
            .to_string(),
        },
        EmptyCart => td_string!(l, reasons.reason.empty_cart).to_string(),
        CartLine {
            line,
            offer,
            reason,
        } => td_string!(
            l,
            reasons.reason.cart_line,
            line = line + 1,
            offer = catalog
                .and_then(|c| c.get(offer))
                .map_or_else(|| offer.clone(), |o| o.name.clone()),
            reason = reason_text(l, reason, catalog)
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
            term = term.name(l),
            offered = names::list(offered.iter().copied(), l)
        )
        .to_string(),
        BillingNotOffered { billing, offered } => td_string!(
            l,
            reasons.reason.billing_not_offered,
            billing = billing.name(l),
            offered = names::list(offered.iter().copied(), l)
        )
        .to_string(),
        BillingNotAvailableForTerm { term, billing } => {
            let billing_text = billing.name(l);
            let term_text = term.name(l);
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
            term = term.name(l)
        )
        .to_string(),
        InvalidCountryCode { country } => {
            td_string!(l, reasons.reason.invalid_country_code, country = country).to_string()
        }
    }
}

/// What is wrong with a field and what to do, in `locale` (shown next to the field, so it does
/// not repeat the field's label). Free-mail and onmicrosoft addresses read differently as an
/// error (Education verification) and as a warning, following the domain's severity.
pub fn field_problem_text(locale: Locale, problem: &FieldProblem) -> String {
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
        Problem::StateRequiredInCountry { country } => td_string!(
            l,
            reasons.problem.state_required_in_country,
            country = country
        )
        .to_string(),
        Problem::StateNotInList { country, state } => td_string!(
            l,
            reasons.problem.state_not_in_list,
            country = country,
            state = state
        )
        .to_string(),
        Problem::PostalCodeForm { country, forms } => {
            let or = td_string!(l, reasons.problem.postal_code_forms_or).to_string();
            td_string!(
                l,
                reasons.problem.postal_code_form,
                country = country,
                forms = forms.join(or.as_str())
            )
            .to_string()
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
        Problem::RegistrationIdRequiredInCountry { country } => td_string!(
            l,
            reasons.problem.registration_id_required_in_country,
            country = country
        )
        .to_string(),
        Problem::InvalidRegistrationId => {
            td_string!(l, reasons.problem.invalid_registration_id).to_string()
        }
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
#[cfg(test)]
mod tests;

/// A record that breaks the desk's integrity rules, in words: the desk import and the Partner
/// Center import both refuse such records.
pub fn record_problem_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    problem: &RecordProblem,
) -> String {
    let locale = i18n.get_locale();
    match problem {
        RecordProblem::EmptyId => t_string!(i18n, data.problem.empty_id).to_string(),
        RecordProblem::DuplicateId => t_string!(i18n, data.problem.duplicate_id).to_string(),
        RecordProblem::DuplicateDomainPrefix { prefix } => {
            t_string!(i18n, data.problem.duplicate_prefix, prefix = prefix.clone()).to_string()
        }
        RecordProblem::QualificationSetNotAllowed { held } => {
            let held = held
                .iter()
                .map(|q| q.name(locale))
                .collect::<Vec<_>>()
                .join(" + ");
            t_string!(i18n, data.problem.set_not_allowed, held = held).to_string()
        }
        RecordProblem::QualificationRecordInvalid { qualification } => t_string!(
            i18n,
            data.problem.record_invalid,
            qualification = qualification.name(locale)
        )
        .to_string(),
        RecordProblem::TooManyVerificationRequests { count, max } => Counted::ImportTooManyRequests
            .text(
                locale,
                usize::from(*count),
                &[("max", &numbers::count_in(locale, usize::from(*max)))],
            ),
        RecordProblem::UnknownCustomer { customer } => t_string!(
            i18n,
            data.problem.unknown_customer,
            customer = customer.clone()
        )
        .to_string(),
        RecordProblem::NoSeats => t_string!(i18n, data.problem.no_seats).to_string(),
        RecordProblem::AuditSequenceBroken { expected } => {
            t_string!(i18n, data.problem.audit_sequence, expected = *expected).to_string()
        }
    }
}

/// Why a record of an imported file could not be read, in words: the price-list import and the
/// Partner Center import both show it.
pub fn unreadable_text(i18n: leptos_i18n::I18nContext<Locale>, why: &Unreadable) -> String {
    match why {
        Unreadable::FieldCount { fields, header } => t_string!(
            i18n,
            data.unreadable_record.field_count,
            fields = *fields,
            header = *header
        )
        .to_string(),
        Unreadable::NotText => t_string!(i18n, data.unreadable_record.not_text).to_string(),
        Unreadable::Malformed => t_string!(i18n, data.unreadable_record.malformed).to_string(),
        Unreadable::Shape { parser } => {
            t_string!(i18n, data.unreadable_record.shape, parser = parser.clone()).to_string()
        }
    }
}
