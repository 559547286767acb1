//! Builders shared by the tests: the crate's unit tests, `tests/*.rs` and the benches.
//! Plain values built with the domain's own types and operations; nothing here depends on a
//! test framework, so it builds wherever the crate builds (WebAssembly included).

use chrono::NaiveDate;

use crate::domain::{
    AccountInfo, BillingFrequency, Cart, CartLine, Catalog, Customer, Desk, EducationDetails,
    EducationSegment, Field, FieldProblem, GccValidationCode, NewCustomer, Offer, OperationContext,
    PartnerProfile, Problem, Qualification, QualificationRecord, Reason, ResellerQualification,
    Role, Severity, Term, VettingStatus,
};

/// A fixed calendar day.
pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// `role` acting on `today`.
pub fn ctx(role: Role, today: NaiveDate) -> OperationContext {
    OperationContext::new(role, today)
}

/// A complete account of a US school district that passes every account rule, the Education
/// ones included, without a single warning.
pub fn account() -> AccountInfo {
    AccountInfo {
        company_name: "Contoso Elementary School".into(),
        country: "US".into(),
        address_line1: "1 Main Street".into(),
        address_line2: String::new(),
        city: "Redmond".into(),
        state: "WA".into(),
        postal_code: "98052".into(),
        email: "office@contoso.edu".into(),
        first_name: "Anna".into(),
        last_name: "Berg".into(),
        contact_email: "anna.berg@contoso.edu".into(),
        phone: String::new(),
        registration_id: String::new(),
    }
}

/// [`account`] in another country (ISO alpha-2 code, or anything to test the rule), with a
/// state and postal code of that country's form for Sweden and Poland, and in Poland the phone
/// and company registration ID a direct-bill partner must give (docs/RULES.md §1).
pub fn account_in(country: &str) -> AccountInfo {
    let base = AccountInfo {
        country: country.into(),
        ..account()
    };
    match country {
        "SE" => AccountInfo {
            city: "Uppsala".into(),
            state: String::new(),
            postal_code: "753 10".into(),
            ..base
        },
        "PL" => AccountInfo {
            city: "Kraków".into(),
            state: "Małopolskie".into(),
            postal_code: "31-004".into(),
            phone: "+48 12 123 45 67".into(),
            registration_id: "0000012345".into(),
            ..base
        },
        _ => base,
    }
}

/// Valid Education details: K-12, website contoso.edu.
pub fn education_details() -> EducationDetails {
    EducationDetails {
        segment: Some(EducationSegment::K12),
        website: "contoso.edu".into(),
    }
}

/// The "Add customer" form for a commercial customer with [`account`].
pub fn new_customer(id: &str, domain_prefix: &str) -> NewCustomer {
    NewCustomer {
        id: id.into(),
        account: account(),
        domain_prefix: domain_prefix.into(),
        education: None,
    }
}

/// The "Add customer" form with Education requested ([`education_details`]).
pub fn new_education_customer(id: &str, domain_prefix: &str) -> NewCustomer {
    NewCustomer {
        education: Some(education_details()),
        ..new_customer(id, domain_prefix)
    }
}

/// A customer created on `on` (domain prefix = `id`, [`account`]) holding `kinds`, each
/// granted that day.
pub fn customer(id: &str, kinds: &[Qualification], on: NaiveDate) -> Customer {
    let mut c = Customer::new(id.into(), account(), id, on);
    c.qualifications = kinds
        .iter()
        .map(|&k| QualificationRecord::granted(k, on))
        .collect();
    c
}

/// Customer "c", created on `on` with an Education request of that day in `status`.
pub fn education_customer(status: VettingStatus, on: NaiveDate) -> Customer {
    let mut c = customer("c", &[Qualification::Education], on);
    c.qualifications[0].vetting_status = Some(status);
    c
}

/// A GCC validation code of the partner's.
pub fn validation_code(
    validation_id: &str,
    max_creates: u32,
    remaining_creates: u32,
) -> GccValidationCode {
    GccValidationCode {
        validation_id: validation_id.into(),
        organization_name: "Contoso Gov".into(),
        max_creates,
        remaining_creates,
    }
}

/// A partner that may sell GCC: the GCC Moderate reseller qualification and code "123456"
/// with `remaining` of its 5 creates left.
pub fn gcc_partner(remaining: u32) -> PartnerProfile {
    PartnerProfile {
        reseller_qualifications: vec![ResellerQualification::GccModerate],
        gcc_validation_codes: vec![validation_code("123456", 5, remaining)],
        ..PartnerProfile::default()
    }
}

/// A desk whose partner was made a GCC seller through the desk's own operations (the Global
/// admin on 2025-03-01, audited): GCC Moderate, then code "123456" with `remaining` of 5
/// creates left.
pub fn gcc_desk(remaining: u32) -> Desk {
    let admin = ctx(Role::GlobalAdmin, day(2025, 3, 1));
    let mut desk = Desk::new(PartnerProfile::default());
    desk.set_reseller_qualifications(admin, vec![ResellerQualification::GccModerate])
        .expect("the Global admin edits partner settings");
    desk.add_gcc_validation_code(admin, validation_code("123456", 5, remaining))
        .expect("a new, valid code");
    desk
}

/// An offer of [`Catalog::sample`].
pub fn sample_offer(id: &str) -> Offer {
    Catalog::sample()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is in the sample catalog"))
        .clone()
}

/// A cart line.
pub fn cart_line(offer_id: &str, seats: u32, term: Term, billing: BillingFrequency) -> CartLine {
    CartLine {
        offer_id: offer_id.into(),
        seats,
        term,
        billing,
    }
}

/// A cart line of `seats` of `offer_id` for one year, billed monthly.
pub fn line(offer_id: &str, seats: u32) -> CartLine {
    cart_line(offer_id, seats, Term::OneYear, BillingFrequency::Monthly)
}

/// A sales agent orders `lines` from [`Catalog::sample`] for `customer_id` on `today`, with
/// subscription ids `ids`.
pub fn order(
    desk: &mut Desk,
    customer_id: &str,
    lines: Vec<CartLine>,
    ids: &[&str],
    today: NaiveDate,
) -> Result<(), Vec<Reason>> {
    let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    desk.place_order(
        ctx(Role::SalesAgent, today),
        &Catalog::sample(),
        customer_id,
        &Cart { lines },
        &ids,
    )
}

/// The field, problem and severity of each problem, for comparing validation results whole.
pub fn problem_triples(problems: &[FieldProblem]) -> Vec<(Field, Problem, Severity)> {
    problems
        .iter()
        .map(|p| (p.field, p.problem.clone(), p.severity))
        .collect()
}

/// The desk of [`gcc_desk`] with one customer, created by a sales agent on `on`.
pub fn desk_with_customer(customer: NewCustomer, on: NaiveDate) -> Desk {
    let mut desk = gcc_desk(1);
    desk.create_customer(ctx(Role::SalesAgent, on), customer)
        .expect("the customer is valid");
    desk
}

/// A desk with the Education customer `c1`, created on `on` and approved by Microsoft
/// (simulated) the same day.
pub fn education_desk(on: NaiveDate) -> Desk {
    let mut desk = desk_with_customer(new_education_customer("c1", "contoso"), on);
    desk.approve_education(ctx(Role::GlobalAdmin, on), "c1")
        .expect("the Education review is pending");
    desk
}

/// A desk with the customer `n1`, registered by Microsoft (simulated) as a nonprofit on `on`.
pub fn nonprofit_desk(on: NaiveDate) -> Desk {
    let mut desk = desk_with_customer(new_customer("n1", "charity"), on);
    desk.register_nonprofit(ctx(Role::GlobalAdmin, on), "n1")
        .expect("the nonprofit registration is accepted");
    desk
}
