//! The audit log in words: who made a change, what it was, and the values before and after, for
//! every [`Change`] variant (texts in locales/*/audit.json). The domain's values are named
//! through [`crate::ui::names`].

use chrono::NaiveDate;

use crate::domain::MAX_VERIFICATION_REQUESTS;
use crate::domain::{
    AccountInfo, Actor, Change, Field, ImportedPart, Qualification, QualificationRecord, Reason,
    ResellerQualification, SubscriptionStatus, VettingStatus,
};
use crate::i18n::*;
use crate::ui::names::Named;
use crate::ui::numbers;
use crate::ui::plural::Counted;
use crate::ui::reasons::reason_text;

type I18n = leptos_i18n::I18nContext<Locale>;

/// A change in words: what happened, and the values before and after where there are any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeText {
    pub what: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Who made a change: the acting role, or the app clock (Microsoft, simulated) for what happens
/// because a date came.
pub fn actor_text(i18n: I18n, actor: &Actor) -> String {
    match actor {
        Actor::Role(role) => role.name(i18n.get_locale()).to_string(),
        Actor::Clock => t_string!(i18n, audit.actor_clock).to_string(),
    }
}

/// Who made `change`: as [`actor_text`], and for Microsoft's decisions made in the simulated
/// area (Education review, nonprofit programme) the role that played Microsoft.
pub fn actor_of_change(i18n: I18n, actor: &Actor, change: &Change) -> String {
    let simulated = matches!(
        change,
        Change::VettingDecided { .. }
            | Change::NonprofitRegistered
            | Change::NonprofitNoticeSent { .. }
            | Change::NonprofitNoticeLifted { .. }
    );
    match actor {
        Actor::Role(role) if simulated => t_string!(
            i18n,
            audit.actor_as_microsoft,
            role = role.name(i18n.get_locale())
        ),
        _ => actor_text(i18n, actor),
    }
}

fn on_off(i18n: I18n, on: bool) -> String {
    if on {
        t_string!(i18n, audit.values.on).to_string()
    } else {
        t_string!(i18n, audit.values.off).to_string()
    }
}

fn status_text(i18n: I18n, status: &SubscriptionStatus) -> String {
    match status {
        SubscriptionStatus::Active => t_string!(i18n, audit.values.active).to_string(),
        SubscriptionStatus::Cancelled { on } => {
            t_string!(
                i18n,
                audit.values.cancelled_on,
                date = numbers::date(i18n.get_locale(), *on)
            )
        }
        SubscriptionStatus::Expired { on } => {
            t_string!(
                i18n,
                audit.values.expired_on,
                date = numbers::date(i18n.get_locale(), *on)
            )
        }
        SubscriptionStatus::Ended { on, reasons } => ended_text(i18n, *on, reasons),
    }
}

/// A nonprofit notice: "notice on <date>; removal on <date>".
fn notice_text(i18n: I18n, notice: NaiveDate, removal: NaiveDate) -> String {
    let locale = i18n.get_locale();
    format!(
        "{}; {}",
        t_string!(
            i18n,
            audit.values.notice_on,
            date = numbers::date(locale, notice)
        ),
        t_string!(
            i18n,
            audit.values.removal_on,
            date = numbers::date(locale, removal)
        )
    )
}

/// "Nonprofit: Approved", the qualification held.
fn nonprofit_held_text(i18n: I18n) -> String {
    format!(
        "{}: {}",
        Qualification::Nonprofit.name(i18n.get_locale()),
        VettingStatus::Approved.name(i18n.get_locale())
    )
}

/// "Ended on <date>: <why>", each reason in words.
fn ended_text(i18n: I18n, on: NaiveDate, reasons: &[Reason]) -> String {
    let why: Vec<String> = reasons
        .iter()
        .map(|r| reason_text(i18n.get_locale(), r, None))
        .collect();
    format!(
        "{}: {}",
        t_string!(
            i18n,
            audit.values.ended_on,
            date = numbers::date(i18n.get_locale(), on)
        ),
        why.join(" ")
    )
}

/// A qualification record as one phrase: its vetting status (with the reason when denied), or
/// "Not held".
pub fn qualification_record_text(i18n: I18n, record: Option<&QualificationRecord>) -> String {
    let Some(record) = record else {
        return t_string!(i18n, audit.values.not_held).to_string();
    };
    match (record.vetting_status, record.vetting_reason) {
        (Some(VettingStatus::Denied), Some(reason)) => t_string!(
            i18n,
            audit.values.with_reason,
            status = VettingStatus::Denied.name(i18n.get_locale()),
            reason = reason.name(i18n.get_locale())
        ),
        (Some(status), _) => status.name(i18n.get_locale()).to_string(),
        (None, _) => match record.criteria_confirmed {
            Some(confirmed) => t_string!(
                i18n,
                audit.values.held_criteria_confirmed,
                role = confirmed.by.name(i18n.get_locale()),
                date = confirmed.on.to_string()
            )
            .to_string(),
            None => t_string!(i18n, audit.values.held).to_string(),
        },
    }
}

fn requests_used(i18n: I18n, used: u8) -> String {
    let used = numbers::count(i18n, usize::from(used));
    Counted::AuditRequestsUsed.text(
        i18n.get_locale(),
        usize::from(MAX_VERIFICATION_REQUESTS),
        &[("used", &used)],
    )
}

fn reseller_list(i18n: I18n, list: &[ResellerQualification]) -> String {
    if list.is_empty() {
        return t_string!(i18n, audit.values.none).to_string();
    }
    list.iter()
        .map(|q| q.name(i18n.get_locale()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The account fields that differ, as "Label: before" and "Label: after" lists.
fn account_diff(i18n: I18n, before: &AccountInfo, after: &AccountInfo) -> (String, String) {
    let l = i18n.get_locale();
    let fields: [(&'static str, &String, &String); 13] = [
        (
            Field::CompanyName.name(l),
            &before.company_name,
            &after.company_name,
        ),
        (Field::Country.name(l), &before.country, &after.country),
        (
            Field::AddressLine1.name(l),
            &before.address_line1,
            &after.address_line1,
        ),
        (
            Field::AddressLine2.name(l),
            &before.address_line2,
            &after.address_line2,
        ),
        (Field::City.name(l), &before.city, &after.city),
        (Field::State.name(l), &before.state, &after.state),
        (
            Field::PostalCode.name(l),
            &before.postal_code,
            &after.postal_code,
        ),
        (Field::Email.name(l), &before.email, &after.email),
        (
            Field::FirstName.name(l),
            &before.first_name,
            &after.first_name,
        ),
        (Field::LastName.name(l), &before.last_name, &after.last_name),
        (
            Field::ContactEmail.name(l),
            &before.contact_email,
            &after.contact_email,
        ),
        (Field::Phone.name(l), &before.phone, &after.phone),
        (
            Field::RegistrationId.name(l),
            &before.registration_id,
            &after.registration_id,
        ),
    ];
    let changed: Vec<_> = fields.iter().filter(|(_, b, a)| b != a).collect();
    let before_text = changed
        .iter()
        .map(|(label, b, _)| format!("{label}: {b}"))
        .collect::<Vec<_>>()
        .join("; ");
    let after_text = changed
        .iter()
        .map(|(label, _, a)| format!("{label}: {a}"))
        .collect::<Vec<_>>()
        .join("; ");
    (before_text, after_text)
}

/// A change in words. `offer_name` turns a catalog offer id into its name (the id itself when
/// the catalog does not know it).
pub fn change_text(i18n: I18n, change: &Change, offer_name: &dyn Fn(&str) -> String) -> ChangeText {
    let only = |what: String| ChangeText {
        what,
        before: None,
        after: None,
    };
    let both = |what: String, before: String, after: String| ChangeText {
        what,
        before: Some(before),
        after: Some(after),
    };
    match change {
        Change::CustomerCreated { domain_prefix, .. } => only(t_string!(
            i18n,
            audit.what.customer_created,
            domain = format!("{domain_prefix}.onmicrosoft.com")
        )),
        Change::AccountCorrected { before, after } => {
            let (b, a) = account_diff(i18n, before, after);
            both(
                t_string!(i18n, audit.what.account_corrected).to_string(),
                b,
                a,
            )
        }
        Change::QualificationRequested {
            qualification,
            before,
            after,
            requests_before,
            requests_after,
        } => both(
            t_string!(
                i18n,
                audit.what.qualification_requested,
                qualification = qualification.name(i18n.get_locale())
            ),
            format!(
                "{}; {}",
                qualification_record_text(i18n, before.as_ref()),
                requests_used(i18n, *requests_before)
            ),
            format!(
                "{}; {}",
                qualification_record_text(i18n, Some(after)),
                requests_used(i18n, *requests_after)
            ),
        ),
        Change::VettingDecided {
            before,
            after,
            reason,
        } => {
            let after_text = match reason {
                Some(r) => t_string!(
                    i18n,
                    audit.values.with_reason,
                    status = after.name(i18n.get_locale()),
                    reason = r.name(i18n.get_locale())
                ),
                None => after.name(i18n.get_locale()).to_string(),
            };
            both(
                t_string!(i18n, audit.what.vetting_decided).to_string(),
                before.name(i18n.get_locale()).to_string(),
                after_text,
            )
        }
        Change::NonprofitRegistered => both(
            t_string!(i18n, audit.what.nonprofit_registered).to_string(),
            t_string!(i18n, audit.values.not_held).to_string(),
            nonprofit_held_text(i18n),
        ),
        Change::NonprofitNoticeSent {
            notice_date,
            removal_date,
        } => both(
            t_string!(i18n, audit.what.nonprofit_notice_sent).to_string(),
            VettingStatus::Approved.name(i18n.get_locale()).to_string(),
            notice_text(i18n, *notice_date, *removal_date),
        ),
        Change::NonprofitNoticeLifted {
            notice_date,
            removal_date,
        } => both(
            t_string!(i18n, audit.what.nonprofit_notice_lifted).to_string(),
            notice_text(i18n, *notice_date, *removal_date),
            nonprofit_held_text(i18n),
        ),
        Change::NonprofitRemoved { removed_on } => both(
            t_string!(i18n, audit.what.nonprofit_removed).to_string(),
            Qualification::Nonprofit.name(i18n.get_locale()).to_string(),
            t_string!(
                i18n,
                audit.values.removed_on,
                date = numbers::date(i18n.get_locale(), *removed_on)
            ),
        ),
        Change::SubscriptionCreated {
            offer,
            seats,
            term,
            billing,
            ..
        } => ChangeText {
            what: t_string!(
                i18n,
                audit.what.subscription_created,
                offer = offer_name(offer)
            ),
            before: None,
            after: Some(Counted::AuditSubscriptionTerms.text(
                i18n.get_locale(),
                *seats as usize,
                &[
                    ("term", term.name(i18n.get_locale())),
                    ("billing", billing.name(i18n.get_locale())),
                ],
            )),
        },
        Change::SeatsChanged { before, after } => both(
            t_string!(i18n, audit.what.seats_changed).to_string(),
            Counted::AuditSeats.text(i18n.get_locale(), *before as usize, &[]),
            Counted::AuditSeats.text(i18n.get_locale(), *after as usize, &[]),
        ),
        Change::AutoRenewChanged { before, after } => both(
            t_string!(i18n, audit.what.auto_renew_changed).to_string(),
            on_off(i18n, *before),
            on_off(i18n, *after),
        ),
        Change::CommercialEquivalentProposed { equivalent } => ChangeText {
            what: t_string!(i18n, audit.what.commercial_equivalent_proposed).to_string(),
            before: None,
            after: Some(match equivalent {
                Some(offer) => t_string!(i18n, audit.values.equivalent, offer = offer_name(offer)),
                None => t_string!(i18n, audit.values.no_equivalent).to_string(),
            }),
        },
        Change::SubscriptionCancelled { before, after } => both(
            t_string!(i18n, audit.what.subscription_cancelled).to_string(),
            status_text(i18n, before),
            status_text(i18n, after),
        ),
        Change::SubscriptionRenewed { before, after, .. } => both(
            t_string!(i18n, audit.what.subscription_renewed).to_string(),
            t_string!(
                i18n,
                audit.values.renews_on,
                date = numbers::date(i18n.get_locale(), *before)
            ),
            t_string!(
                i18n,
                audit.values.renews_on,
                date = numbers::date(i18n.get_locale(), *after)
            ),
        ),
        Change::SubscriptionExpired { on } => both(
            t_string!(i18n, audit.what.subscription_expired).to_string(),
            t_string!(
                i18n,
                audit.values.ends_on,
                date = numbers::date(i18n.get_locale(), *on)
            ),
            t_string!(
                i18n,
                audit.values.expired_on,
                date = numbers::date(i18n.get_locale(), *on)
            ),
        ),
        Change::SubscriptionEnded { on, reasons } => both(
            t_string!(i18n, audit.what.subscription_ended).to_string(),
            t_string!(
                i18n,
                audit.values.renews_on,
                date = numbers::date(i18n.get_locale(), *on)
            ),
            ended_text(i18n, *on, reasons),
        ),
        Change::PartnerTypeChanged { before, after } => both(
            t_string!(i18n, audit.what.partner_type_changed).to_string(),
            before.name(i18n.get_locale()).to_string(),
            after.name(i18n.get_locale()).to_string(),
        ),
        Change::PartnerCountryChanged { before, after } => both(
            t_string!(i18n, audit.what.partner_country_changed).to_string(),
            before.clone(),
            after.clone(),
        ),
        Change::ResellerQualificationsChanged { before, after } => both(
            t_string!(i18n, audit.what.reseller_qualifications_changed).to_string(),
            reseller_list(i18n, before),
            reseller_list(i18n, after),
        ),
        Change::GccValidationCodeAdded { code } => ChangeText {
            what: t_string!(
                i18n,
                audit.what.gcc_code_added,
                code = code.validation_id.clone(),
                organization = code.organization_name.clone()
            ),
            before: None,
            after: Some(Counted::AuditUsesLeftOf.text(
                i18n.get_locale(),
                code.max_creates as usize,
                &[(
                    "remaining",
                    &numbers::count(i18n, code.remaining_creates as usize),
                )],
            )),
        },
        Change::GccValidationCodeUsed {
            code,
            remaining_before,
            remaining_after,
        } => both(
            t_string!(i18n, audit.what.gcc_code_used, code = code.clone()),
            Counted::AuditUsesLeft.text(i18n.get_locale(), *remaining_before as usize, &[]),
            Counted::AuditUsesLeft.text(i18n.get_locale(), *remaining_after as usize, &[]),
        ),
        Change::CatalogReplaced {
            market,
            as_of,
            currency,
            offers,
        } => only(t_string!(
            i18n,
            audit.what.catalog_replaced,
            market = market.clone(),
            date = numbers::date(i18n.get_locale(), *as_of),
            currency = currency.clone(),
            offers = numbers::count(i18n, *offers as usize)
        )),
        Change::CustomerImported {
            microsoft_id,
            domain_prefix,
            ..
        } => only(t_string!(
            i18n,
            data.partner_center_audit_customer_imported,
            domain = format!("{domain_prefix}.onmicrosoft.com"),
            id = microsoft_id.clone()
        )),
        Change::CustomerUpdatedFromPartnerCenter {
            microsoft_id,
            parts,
        } => ChangeText {
            what: t_string!(
                i18n,
                data.partner_center_audit_customer_updated,
                id = microsoft_id.clone()
            ),
            before: None,
            after: Some(imported_parts(i18n, parts)),
        },
        Change::GccValidationCodeUpdated { before, after } => {
            let uses = |c: &crate::domain::GccValidationCode| {
                Counted::AuditUsesLeftOf.text(
                    i18n.get_locale(),
                    c.max_creates as usize,
                    &[(
                        "remaining",
                        &numbers::count(i18n, c.remaining_creates as usize),
                    )],
                )
            };
            both(
                t_string!(
                    i18n,
                    data.partner_center_audit_code_updated,
                    code = after.validation_id.clone()
                ),
                uses(before),
                uses(after),
            )
        }
        Change::PartnerCenterImported {
            added,
            updated,
            codes_added,
            codes_updated,
            refused,
        } => ChangeText {
            what: t_string!(i18n, data.partner_center_audit_imported).to_string(),
            before: None,
            after: Some(
                t_string!(
                    i18n,
                    data.partner_center_audit_imported_counts,
                    added = numbers::count(i18n, *added as usize),
                    updated = numbers::count(i18n, *updated as usize),
                    codes = numbers::count(i18n, (*codes_added + *codes_updated) as usize),
                    refused = numbers::count(i18n, *refused as usize)
                )
                .to_string(),
            ),
        },
    }
}

/// The parts of a customer an import from Partner Center updated, as a list.
fn imported_parts(i18n: I18n, parts: &[ImportedPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            ImportedPart::MicrosoftId => {
                t_string!(i18n, data.partner_center_part_microsoft_id).to_string()
            }
            ImportedPart::Account => t_string!(i18n, data.partner_center_part_account).to_string(),
            ImportedPart::Qualifications => {
                t_string!(i18n, data.partner_center_part_qualifications).to_string()
            }
            ImportedPart::VerificationRequests => {
                t_string!(i18n, data.partner_center_part_requests).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
