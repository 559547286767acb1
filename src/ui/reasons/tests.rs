use super::*;
use crate::domain::{
    BillingFrequency, Field, GccEnvironment, Operation, ProductType, Qualification,
    QualificationSet, ResellerQualification, Segment, SegmentSet, Term, VettingStatus,
};

/// A reason's sentence without a catalog (offers named by their id).
fn sentence(locale: Locale, reason: &Reason) -> String {
    reason_text(locale, reason, None)
}
use crate::domain::{Catalog, VettingReason};
use crate::test_support::day;

const LOCALES: [Locale; 3] = [Locale::en, Locale::sv, Locale::pl];

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
        OtherGovernmentBuysCommercial { .. } => 10,
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
        PartnerLacksGccEnvironmentQualification { .. } => 40,
        NonprofitNoNoticeRunning => 41,
        SoeCriteriaNotConfirmed => 42,
    }
}
const REASON_VARIANTS: usize = 43;

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
        StateRequiredInCountry { .. } => 20,
        StateNotInList { .. } => 21,
        PostalCodeForm { .. } => 22,
        RegistrationIdRequiredInCountry { .. } => 23,
        InvalidRegistrationId => 24,
    }
}
const PROBLEM_VARIANTS: usize = 25;

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
        fp(
            Field::State,
            Problem::StateRequiredInCountry {
                country: "US".into(),
            },
            Error,
        ),
        fp(
            Field::State,
            Problem::StateNotInList {
                country: "US".into(),
                state: "Washington".into(),
            },
            Error,
        ),
        fp(
            Field::PostalCode,
            Problem::PostalCodeForm {
                country: "SE".into(),
                forms: vec!["NNN NN".into(), "NNNNN".into()],
            },
            Error,
        ),
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
            Field::RegistrationId,
            Problem::RegistrationIdRequiredInCountry {
                country: "PL".into(),
            },
            Error,
        ),
        fp(Field::RegistrationId, Problem::InvalidRegistrationId, Error),
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
        OtherGovernmentBuysCommercial {
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
        NonprofitNoNoticeRunning,
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
        qualifications: QualificationSet::of(&[Q::GovernmentCommunityCloud, Q::StateOwnedEntity]),
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
    for environment in GccEnvironment::ALL {
        out.push(PartnerLacksGccEnvironmentQualification {
            environment,
            required: environment.reseller_qualification(),
        });
    }
    out.extend([
        IndirectResellerMustUseProvider,
        SoeCriteriaNotConfirmed,
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
            let text = sentence(locale, &r);
            assert_sentence(&text, &format!("{locale} {r:?}"));
            assert!(
                !text.contains("Some(") && !text.contains("None {"),
                "{locale} {r:?}: {text}"
            );
        }
        for p in sample_problems() {
            assert_sentence(&field_problem_text(locale, &p), &format!("{locale} {p:?}"));
        }
    }
}

#[test]
fn other_government_entities_are_told_to_sell_commercial_offers_in_every_language() {
    let reason = Reason::OtherGovernmentBuysCommercial {
        country: "PL".into(),
    };
    assert_eq!(
        sentence(Locale::en, &reason),
        "Government Community Cloud is only for US government entities; this customer's country/region is PL. All other government entities need no special qualification: sell this customer Commercial offers."
    );
    for (locale, commercial) in [
        (Locale::en, "Commercial offers"),
        (Locale::sv, "kommersiella erbjudanden"),
        (Locale::pl, "oferty „firmowe”"),
    ] {
        let text = sentence(locale, &reason);
        assert!(
            text.contains("PL") && text.contains(commercial),
            "{locale}: {text}"
        );
    }
}

#[test]
fn a_gcc_offer_names_the_reseller_qualification_its_environment_needs() {
    assert_eq!(
        sentence(
            Locale::en,
            &Reason::PartnerLacksGccEnvironmentQualification {
                environment: GccEnvironment::High,
                required: ResellerQualification::GccHighAndDoD
            }
        ),
        "GCC High offers need your GCC High and DoD reseller qualification, which Microsoft gives by invitation only: once invited, add it under Partner settings."
    );
    assert_eq!(
        sentence(
            Locale::en,
            &Reason::PartnerLacksGccEnvironmentQualification {
                environment: GccEnvironment::Moderate,
                required: ResellerQualification::GccModerate
            }
        ),
        "GCC Moderate offers need your GCC Moderate reseller qualification, which you get by submitting Microsoft's “Tell us about your Direct CSP Partner Organization” form: once qualified, add it under Partner settings."
    );
    for locale in LOCALES {
        for environment in GccEnvironment::ALL {
            let required = environment.reseller_qualification();
            let text = sentence(
                locale,
                &Reason::PartnerLacksGccEnvironmentQualification {
                    environment,
                    required,
                },
            );
            assert!(
                text.contains(environment.name(locale)) && text.contains(required.name(locale)),
                "{locale} {environment:?}: {text}"
            );
        }
    }
}

#[test]
fn a_postal_code_error_says_the_expected_form_in_every_language() {
    let problem = fp(
        Field::PostalCode,
        Problem::PostalCodeForm {
            country: "US".into(),
            forms: vec!["NNNNN".into(), "NNNNN-NNNN".into()],
        },
        Severity::Error,
    );
    for (locale, expected) in [
        (
            Locale::en,
            "Postal codes in US are written NNNNN or NNNNN-NNNN, where N is a digit.",
        ),
        (
            Locale::sv,
            "Postnummer i US skrivs NNNNN eller NNNNN-NNNN, där N är en siffra.",
        ),
        (
            Locale::pl,
            "Kod pocztowy w kraju/regionie US ma postać NNNNN lub NNNNN-NNNN, gdzie N oznacza cyfrę.",
        ),
    ] {
        assert_eq!(field_problem_text(locale, &problem), expected);
    }
}

#[test]
fn english_sentences_carry_the_values() {
    let english = Locale::en;
    assert_eq!(
        sentence(english, &Reason::EducationInReview { since: day(2026, 11, 23), expected_by: day(2026, 11, 26) }),
        "Education offers need an approved Education qualification; this customer's is In review since 2026-11-23, expected by 2026-11-26."
    );
    assert_eq!(
        sentence(english, &Reason::VerificationRequestsExhausted { used: 3, max: 3 }),
        "All 3 verification requests for this customer are used (3 of 3); only Microsoft Support can verify it manually now."
    );
    assert_eq!(
        sentence(english, &Reason::IndirectResellerMustUseProvider),
        "Indirect resellers go through their indirect provider for special offers (special-segment orders and the GCC qualification alike): ask your indirect provider."
    );
    assert_eq!(
        sentence(
            english,
            &Reason::EducationDenied {
                reason: Some(VettingReason::NotAnEducationCustomer),
                since: day(2026, 11, 24)
            }
        ),
        "Education offers need an approved Education qualification; this customer's was Denied on 2026-11-24 (Not an Education Customer): correct the account information and resubmit, or offer the Commercial equivalent."
    );
    assert_eq!(
        sentence(
            english,
            &Reason::RoleNotPermitted {
                role: Role::SalesAgent,
                operation: Operation::CorrectAccount
            }
        ),
        "Sales agent may not correct a customer's account information: this needs Global admin."
    );
    assert_eq!(
        sentence(
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
        sentence(
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
        field_problem_text(
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
        sentence(
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
        sentence(
            english,
            &Reason::BillingNotAvailableForTerm {
                term: Term::OneMonth,
                billing: BillingFrequency::Annual
            }
        ),
        "Annual billing does not fit the term 1 month: the billing period cannot be longer than the term; choose one of the shorter billing frequencies."
    );
    assert_eq!(
        sentence(
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
        sentence(Locale::en, &reason),
        "Line 2 (m365-a3): Seats: 0 is below the minimum of 1: enter at least 1."
    );
    // With the real catalog: the name of the first offer replaces its id.
    let catalog = Catalog::sample();
    let offer = &catalog.offers[0];
    let reason = Reason::CartLine {
        line: 0,
        offer: offer.id.clone(),
        reason: Box::new(Reason::EmptyCart),
    };
    let text = reason_text(Locale::en, &reason, Some(&catalog));
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
        let english = sentence(Locale::en, r);
        for locale in [Locale::sv, Locale::pl] {
            let text = sentence(locale, r);
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
        let text = sentence(locale, &in_review);
        assert!(
            text.contains("2026-11-23") && text.contains("2026-11-26"),
            "{locale}: {text}"
        );
    }
    assert_eq!(Qualification::Education.name(Locale::sv), "Utbildning");
    assert_eq!(Qualification::Education.name(Locale::pl), "Edukacja");
    assert_eq!(
        Segment::GovernmentCommunityCloud.name(Locale::pl),
        "Government Community Cloud"
    );
}

#[test]
fn a_role_refusal_says_how_to_get_the_role_from_whoever_decides_it() {
    let refused = Reason::RoleNotPermitted {
        role: Role::SalesAgent,
        operation: Operation::CorrectAccount,
    };
    assert_eq!(
        role_hint(Locale::en, &refused, RoleSource::Switch),
        Some("Switch the acting role if you are one.")
    );
    let server = role_hint(Locale::en, &refused, RoleSource::Server).unwrap();
    assert!(
        server.contains("sign in as a user with that role"),
        "{server}"
    );
    for locale in LOCALES {
        let [switch, server] = [RoleSource::Switch, RoleSource::Server]
            .map(|source| role_hint(locale, &refused, source).unwrap());
        assert_ne!(switch, server, "{locale:?}");
    }
    let other = Reason::CustomerNotFound {
        customer: "c".into(),
    };
    assert_eq!(role_hint(Locale::en, &other, RoleSource::Server), None);
}
