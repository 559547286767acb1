//! Customers, their qualifications and the partner's GCC validation codes from Partner Center,
//! merged into the desk (docs/RULES.md §11): a dry run ([`Desk::plan_partner_center_import`])
//! that says which records are new, updated or refused and why, then the merge itself
//! ([`Desk::import_from_partner_center`]), audited. And the other way: the qualification
//! requests made on the desk that Partner Center does not have yet
//! ([`Desk::pending_partner_center_requests`]).
//!
//! The file is read by `store::partner_center::customers`; what it holds arrives here as plain
//! values, the strings still as Partner Center wrote them, so that every rule about them (the
//! case-insensitive names, what a record says about requests used) is here and tested here.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{role_check, Desk};
use crate::domain::account::{
    validate_account, validate_domain_prefix, AccountContext, AccountInfo, FieldProblem,
};
use crate::domain::audit::{Change, ImportedPart};
use crate::domain::context::OperationContext;
use crate::domain::customer::Customer;
use crate::domain::integrity::{check_customer, RecordProblem};
use crate::domain::partner::{check_new_gcc_code, GccValidationCode, PartnerProfile};
use crate::domain::qualification::{
    EducationSegment, Qualification, QualificationRecord, VettingReason, VettingStatus,
};
use crate::domain::reason::Reason;
use crate::domain::roles::Operation;
use crate::domain::unreadable::Unreadable;

/// The suffix of every primary domain (docs/RULES.md §6.2).
const ON_MICROSOFT: &str = ".onmicrosoft.com";

/// A customer as a Partner Center file gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerCenterCustomer {
    /// `Customers.csv` row (its line in the file), or `None`: a customer resource of the API.
    pub csv_line: Option<u64>,
    /// `companyProfile.tenantId` (the API) or "Microsoft ID" (`Customers.csv`).
    pub microsoft_id: String,
    pub company_name: String,
    /// The primary domain, e.g. `contoso.onmicrosoft.com` (`companyProfile.domain`, "Primary
    /// domain name").
    pub domain: String,
    /// The company and billing profile in the desk's fields; `None` where the file has no
    /// address (`Customers.csv`, the customer list response).
    pub account: Option<AccountInfo>,
    /// The customer's qualifications as Partner Center gives them; `None`: the file says
    /// nothing about them (which is not "none held").
    pub qualifications: Option<Vec<PartnerCenterQualification>>,
}

/// One qualification of Partner Center's `GET /customers/{id}/qualifications`
/// (https://learn.microsoft.com/en-us/partner-center/developer/get-customer-qualification-asynchronous),
/// its strings as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerCenterQualification {
    pub qualification: String,
    pub vetting_status: Option<String>,
    pub vetting_reason: Option<String>,
    /// `vettingCreateDate` or `vettingCreatedDate` (Microsoft spells it both ways).
    pub vetting_create_date: Option<String>,
}

/// One of the partner's validation codes from `GET /customers/all/validations`
/// (https://learn.microsoft.com/en-us/partner-center/developer/get-a-partner-s-validation-codes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerCenterValidationCode {
    pub validation_id: String,
    pub organization_name: String,
    /// Nullable in Microsoft's model.
    pub max_creates: Option<u32>,
    pub remaining_creates: Option<u32>,
}

/// Everything a Partner Center file holds, and what of it could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerCenterFile {
    pub customers: Vec<PartnerCenterCustomer>,
    pub validation_codes: Vec<PartnerCenterValidationCode>,
    /// Records that could not be read, each with why.
    pub unreadable: Vec<(PartnerCenterRecord, Unreadable)>,
    /// Qualifications given for a tenant ID that no customer of the file has.
    pub qualifications_without_customer: Vec<String>,
}

/// Which record of a Partner Center file something is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartnerCenterRecord {
    Customer {
        microsoft_id: String,
        company_name: String,
    },
    /// A line of `Customers.csv`.
    CsvLine {
        line: u64,
    },
    /// The customer at this position (from 1) of the file's customer list, unread.
    CustomerAt {
        position: usize,
    },
    /// The validation code at this position (from 1) of the file's list, unread.
    ValidationCodeAt {
        position: usize,
    },
    ValidationCode {
        validation_id: String,
    },
    /// The qualifications given for this tenant ID.
    Qualifications {
        tenant_id: String,
    },
}

/// Why a record of the file is not merged. Worded by the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PartnerCenterProblem {
    /// The record could not be read (wrong types, a broken CSV row).
    Unreadable(Unreadable),
    /// No Microsoft ID.
    NoMicrosoftId,
    /// The primary domain is not `<prefix>.onmicrosoft.com`.
    NotAPrimaryDomain {
        domain: String,
    },
    /// A customer not on the desk, from a file without an address (`Customers.csv`, the list
    /// response): the desk needs the address, so the API's customer resource must be imported.
    NoAddress,
    /// The account breaks the desk's account rules (errors only).
    Account(Vec<FieldProblem>),
    UnknownQualification {
        value: String,
    },
    UnknownVettingStatus {
        value: String,
    },
    UnknownVettingReason {
        value: String,
    },
    /// An Education, Nonprofit or GCC record without `vettingStatus`.
    NoVettingStatus {
        qualification: Qualification,
    },
    UnknownDate {
        value: String,
    },
    /// What the merged customer would break (e.g. a set that is no row of the matrix).
    Record(RecordProblem),
    /// The Microsoft ID names one customer of the desk, the primary domain another.
    MatchesTwoCustomers {
        by_id: String,
        by_domain: String,
    },
    /// The customer with this primary domain has another Microsoft ID.
    OtherMicrosoftId {
        on_desk: String,
    },
    /// The customer with this Microsoft ID has another primary domain (it cannot change).
    OtherPrimaryDomain {
        on_desk: String,
    },
    /// The file has this customer (Microsoft ID or primary domain) more than once.
    DuplicateInFile,
    /// The qualifications of a tenant ID that is no customer of the file.
    NoSuchCustomerInFile,
    /// `maxCreates` or `remainingCreates` is null.
    CreatesNotGiven,
    /// The validation code breaks the rules of the partner's codes.
    ValidationCode(Vec<Reason>),
}

/// One record refused, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct PartnerCenterRefusal {
    pub record: PartnerCenterRecord,
    pub problems: Vec<PartnerCenterProblem>,
}

/// What the merge would change (the dry run). Applying it changes exactly this.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartnerCenterPlan {
    /// Customers to add.
    pub added: Vec<Customer>,
    /// Customers of the desk, as they will be after the merge.
    pub updated: Vec<Customer>,
    /// Customers of the file already on the desk as the file has them.
    pub unchanged: usize,
    pub codes_added: Vec<GccValidationCode>,
    /// The partner's codes, as they will be after the merge.
    pub codes_updated: Vec<GccValidationCode>,
    pub refused: Vec<PartnerCenterRefusal>,
}

impl PartnerCenterPlan {
    /// Whether merging would change anything.
    pub fn changes_anything(&self) -> bool {
        !(self.added.is_empty()
            && self.updated.is_empty()
            && self.codes_added.is_empty()
            && self.codes_updated.is_empty())
    }
}

/// A qualification request made on the desk that Partner Center does not have yet, in the
/// fields of its `CustomerQualificationRequest`
/// (https://learn.microsoft.com/en-us/partner-center/developer/update-customer-qualification-asynchronous).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingRequest {
    pub customer_id: String,
    pub company_name: String,
    /// The customer's Microsoft ID, where known (the `{customer_tenant_id}` of the POST).
    pub microsoft_id: Option<String>,
    pub qualification: Qualification,
    pub education_segment: Option<EducationSegment>,
    pub website: Option<String>,
    pub validation_code: Option<String>,
}

/// The primary domain prefix of `domain`, lower case, if it is `<prefix>.onmicrosoft.com`.
fn domain_prefix_of(domain: &str) -> Option<String> {
    let lower = domain.trim().to_ascii_lowercase();
    let prefix = lower.strip_suffix(ON_MICROSOFT)?;
    (!prefix.is_empty()).then(|| prefix.to_string())
}

/// The date of a Partner Center date-time (`2020-12-03T10:37:38.885Z`,
/// `2021-05-06T19:59:56.6832021+00:00`): its first ten characters as an ISO date.
fn partner_center_date(value: &str) -> Option<NaiveDate> {
    let day = value.trim().get(..10)?;
    day.parse().ok()
}

/// One Partner Center qualification in the app's terms.
struct Mapped {
    record: QualificationRecord,
    /// Whether Partner Center gave its date (else the record is dated with the import's day,
    /// and a record already on the desk keeps its own).
    dated: bool,
}

/// The app's record of one Partner Center qualification; `Ok(None)` for `None` (nothing held).
fn map_qualification(
    q: &PartnerCenterQualification,
    today: NaiveDate,
) -> Result<Option<Mapped>, Vec<PartnerCenterProblem>> {
    let mut problems = Vec::new();
    let Some(kind) = Qualification::from_partner_center(&q.qualification) else {
        return Err(vec![PartnerCenterProblem::UnknownQualification {
            value: q.qualification.clone(),
        }]);
    };
    if kind == Qualification::None {
        return Ok(None);
    }
    let status = match q.vetting_status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => match VettingStatus::from_partner_center(s) {
            Some(status) => Some(status),
            None => {
                problems.push(PartnerCenterProblem::UnknownVettingStatus {
                    value: s.to_string(),
                });
                None
            }
        },
    };
    // SOE carries no vetting status (docs/RULES.md §2.3); any other record without one would
    // be held but never count, so it is refused rather than guessed.
    if status.is_none() && problems.is_empty() && kind != Qualification::StateOwnedEntity {
        problems.push(PartnerCenterProblem::NoVettingStatus {
            qualification: kind,
        });
    }
    let reason = match q.vetting_reason.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => match VettingReason::from_partner_center(r) {
            Some(reason) => Some(reason),
            None => {
                problems.push(PartnerCenterProblem::UnknownVettingReason {
                    value: r.to_string(),
                });
                None
            }
        },
    };
    let created = match q.vetting_create_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => match partner_center_date(d) {
            Some(day) => Some(day),
            None => {
                problems.push(PartnerCenterProblem::UnknownDate {
                    value: d.to_string(),
                });
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut record = QualificationRecord::granted(kind, created.unwrap_or(today));
    record.vetting_status = status;
    record.vetting_reason = reason.filter(|_| status == Some(VettingStatus::Denied));
    record.in_partner_center = true;
    Ok(Some(Mapped {
        record,
        dated: created.is_some(),
    }))
}

/// The fewest verification requests Partner Center's records show used: an Education record
/// in review or denied was requested at least once (docs/RULES.md §11). An approved one may
/// have been qualified without a request, and Partner Center never gives a count.
fn requests_shown(records: &[Mapped]) -> u8 {
    let shown = records.iter().map(|m| &m.record).any(|r| {
        r.kind == Qualification::Education
            && matches!(
                r.vetting_status,
                Some(VettingStatus::InReview | VettingStatus::Denied)
            )
    });
    u8::from(shown)
}

/// Puts Partner Center's records over the customer's: a record of the same kind takes Partner
/// Center's status, reason and date and keeps what only the desk knows (segment, website, code);
/// a record Partner Center does not list is kept (it may be a request not sent yet).
fn merge_qualifications(customer: &mut Customer, records: Vec<Mapped>) {
    for Mapped { record: r, dated } in records {
        match customer.record_mut(r.kind) {
            Some(existing) => {
                let decided_now = existing.vetting_status != r.vetting_status
                    && matches!(
                        r.vetting_status,
                        Some(VettingStatus::Approved | VettingStatus::Denied)
                    );
                if decided_now {
                    existing.decided = Some(r.created);
                }
                existing.vetting_status = r.vetting_status;
                existing.vetting_reason = r.vetting_reason;
                if dated {
                    existing.created = r.created;
                }
                existing.in_partner_center = true;
            }
            None => customer.qualifications.push(r),
        }
    }
}

/// The account problems that refuse a merged customer: the desk's account rules (errors only),
/// Education's when it holds Education.
fn account_errors(partner: &PartnerProfile, customer: &Customer) -> Vec<FieldProblem> {
    let context = AccountContext {
        education: customer.record(Qualification::Education).is_some(),
        partner_type: partner.partner_type,
    };
    validate_account(&customer.account, context)
        .into_iter()
        .filter(FieldProblem::is_error)
        .collect()
}

/// The record a customer of the file is named by.
fn record_of(c: &PartnerCenterCustomer) -> PartnerCenterRecord {
    match c.csv_line {
        Some(line) => PartnerCenterRecord::CsvLine { line },
        None => PartnerCenterRecord::Customer {
            microsoft_id: c.microsoft_id.trim().to_string(),
            company_name: c.company_name.trim().to_string(),
        },
    }
}

impl Desk {
    /// The desk customer a Partner Center customer is: same Microsoft ID, or same primary
    /// domain (docs/RULES.md §11). `Err` when the two name different customers.
    fn partner_center_match(
        &self,
        microsoft_id: &str,
        prefix: Option<&str>,
    ) -> Result<Option<usize>, PartnerCenterProblem> {
        let by_id = self.customers.iter().position(|c| {
            c.microsoft_id
                .as_deref()
                .is_some_and(|id| id.eq_ignore_ascii_case(microsoft_id))
        });
        let by_domain =
            prefix.and_then(|p| self.customers.iter().position(|c| c.domain_prefix == p));
        match (by_id, by_domain) {
            (Some(a), Some(b)) if a != b => Err(PartnerCenterProblem::MatchesTwoCustomers {
                by_id: self.customers[a].id.clone(),
                by_domain: self.customers[b].id.clone(),
            }),
            (Some(a), _) => Ok(Some(a)),
            (None, b) => Ok(b),
        }
    }

    /// The dry run of merging `file` into the desk on `today`: changes nothing.
    pub fn plan_partner_center_import(
        &self,
        file: &PartnerCenterFile,
        today: NaiveDate,
    ) -> PartnerCenterPlan {
        let mut plan = PartnerCenterPlan::default();
        for (record, why) in &file.unreadable {
            plan.refused.push(PartnerCenterRefusal {
                record: record.clone(),
                problems: vec![PartnerCenterProblem::Unreadable(why.clone())],
            });
        }
        let mut seen_ids = HashSet::new();
        let mut seen_prefixes = HashSet::new();
        for c in &file.customers {
            let result = self.plan_customer(c, today, &plan, &mut seen_ids, &mut seen_prefixes);
            match result {
                Ok(Some((customer, true))) => plan.added.push(customer),
                Ok(Some((customer, false))) => plan.updated.push(customer),
                Ok(None) => plan.unchanged += 1,
                Err(problems) => plan.refused.push(PartnerCenterRefusal {
                    record: record_of(c),
                    problems,
                }),
            }
        }
        for tenant_id in &file.qualifications_without_customer {
            plan.refused.push(PartnerCenterRefusal {
                record: PartnerCenterRecord::Qualifications {
                    tenant_id: tenant_id.clone(),
                },
                problems: vec![PartnerCenterProblem::NoSuchCustomerInFile],
            });
        }
        for code in &file.validation_codes {
            self.plan_code(code, &mut plan);
        }
        plan
    }

    /// One customer of the file: `Ok(Some((customer, is_new)))` to add or update, `Ok(None)`
    /// when the desk has it as the file has it.
    fn plan_customer(
        &self,
        c: &PartnerCenterCustomer,
        today: NaiveDate,
        plan: &PartnerCenterPlan,
        seen_ids: &mut HashSet<String>,
        seen_prefixes: &mut HashSet<String>,
    ) -> Result<Option<(Customer, bool)>, Vec<PartnerCenterProblem>> {
        let microsoft_id = c.microsoft_id.trim().to_ascii_lowercase();
        if microsoft_id.is_empty() {
            return Err(vec![PartnerCenterProblem::NoMicrosoftId]);
        }
        let prefix = domain_prefix_of(&c.domain);
        let first_id = seen_ids.insert(microsoft_id.clone());
        let first_prefix = prefix
            .as_ref()
            .is_none_or(|p| seen_prefixes.insert(p.clone()));
        if !first_id || !first_prefix {
            return Err(vec![PartnerCenterProblem::DuplicateInFile]);
        }
        let mut problems = Vec::new();
        let mut records = Vec::new();
        for q in c.qualifications.iter().flatten() {
            match map_qualification(q, today) {
                Ok(Some(r)) => records.push(r),
                Ok(None) => {}
                Err(p) => problems.extend(p),
            }
        }
        let at = self
            .partner_center_match(&microsoft_id, prefix.as_deref())
            .map_err(|p| vec![p])?;
        let (mut customer, is_new) = match at {
            Some(i) => {
                let on_desk = &self.customers[i];
                if let Some(id) = &on_desk.microsoft_id {
                    if !id.eq_ignore_ascii_case(&microsoft_id) {
                        problems.push(PartnerCenterProblem::OtherMicrosoftId {
                            on_desk: id.clone(),
                        });
                    }
                }
                if prefix
                    .as_deref()
                    .is_some_and(|p| p != on_desk.domain_prefix)
                {
                    problems.push(PartnerCenterProblem::OtherPrimaryDomain {
                        on_desk: on_desk.primary_domain(),
                    });
                }
                let mut customer = on_desk.clone();
                customer.microsoft_id = Some(microsoft_id.clone());
                if let Some(account) = &c.account {
                    customer.account = account.clone();
                }
                (customer, false)
            }
            None => {
                let Some(prefix) = prefix else {
                    problems.push(PartnerCenterProblem::NotAPrimaryDomain {
                        domain: c.domain.trim().to_string(),
                    });
                    return Err(problems);
                };
                let Some(account) = &c.account else {
                    problems.push(PartnerCenterProblem::NoAddress);
                    return Err(problems);
                };
                let taken = self
                    .customers
                    .iter()
                    .chain(&plan.added)
                    .map(|c| c.domain_prefix.as_str());
                let prefix_errors: Vec<FieldProblem> = validate_domain_prefix(&prefix, taken)
                    .into_iter()
                    .filter(FieldProblem::is_error)
                    .collect();
                if !prefix_errors.is_empty() {
                    problems.push(PartnerCenterProblem::Account(prefix_errors));
                }
                if self.customer(&microsoft_id).is_some() {
                    problems.push(PartnerCenterProblem::Record(RecordProblem::DuplicateId));
                }
                let mut customer =
                    Customer::new(microsoft_id.clone(), account.clone(), &prefix, today);
                customer.microsoft_id = Some(microsoft_id.clone());
                customer.verification_requests_known = false;
                (customer, true)
            }
        };
        let shown = requests_shown(&records);
        merge_qualifications(&mut customer, records);
        if customer.verification_requests < shown {
            customer.verification_requests = shown;
            customer.verification_requests_known = false;
        }
        let account_problems = account_errors(&self.partner, &customer);
        if !account_problems.is_empty() {
            problems.push(PartnerCenterProblem::Account(account_problems));
        }
        problems.extend(
            check_customer(&customer)
                .into_iter()
                .map(PartnerCenterProblem::Record),
        );
        if !problems.is_empty() {
            return Err(problems);
        }
        let unchanged = !is_new && self.customer(&customer.id) == Some(&customer);
        Ok((!unchanged).then_some((customer, is_new)))
    }

    /// One validation code of the file: added, updated (Partner Center's counts win), or
    /// refused.
    fn plan_code(&self, code: &PartnerCenterValidationCode, plan: &mut PartnerCenterPlan) {
        let id = code.validation_id.trim().to_string();
        let refuse = |plan: &mut PartnerCenterPlan, problems| {
            plan.refused.push(PartnerCenterRefusal {
                record: PartnerCenterRecord::ValidationCode {
                    validation_id: id.clone(),
                },
                problems,
            })
        };
        let (Some(max_creates), Some(remaining_creates)) =
            (code.max_creates, code.remaining_creates)
        else {
            return refuse(plan, vec![PartnerCenterProblem::CreatesNotGiven]);
        };
        let new = GccValidationCode {
            validation_id: id.clone(),
            organization_name: code.organization_name.trim().to_string(),
            max_creates,
            remaining_creates,
        };
        // Checked as a new code against the partner's others and those this file adds.
        let mut others = self.partner.clone();
        others
            .gcc_validation_codes
            .retain(|c| c.validation_id != id);
        others
            .gcc_validation_codes
            .extend(plan.codes_added.iter().cloned());
        let reasons = check_new_gcc_code(&others, &new);
        if !reasons.is_empty() {
            return refuse(plan, vec![PartnerCenterProblem::ValidationCode(reasons)]);
        }
        match self.partner.gcc_code(&id) {
            Some(existing) if *existing == new => {}
            Some(_) => plan.codes_updated.push(new),
            None => plan.codes_added.push(new),
        }
    }

    /// Merges a Partner Center file into the desk (Global admin: it is a whole-desk data
    /// operation): what [`Desk::plan_partner_center_import`] shows for today, audited. Refused
    /// records change nothing. Returns the plan applied.
    pub fn import_from_partner_center(
        &mut self,
        ctx: OperationContext,
        file: &PartnerCenterFile,
    ) -> Result<PartnerCenterPlan, Vec<Reason>> {
        role_check(ctx.role, Operation::ManageData)?;
        let plan = self.plan_partner_center_import(file, ctx.today);
        if !plan.changes_anything() {
            return Ok(plan);
        }
        for c in &plan.added {
            self.customers.push(c.clone());
            self.log_customer(
                ctx,
                &c.id,
                Change::CustomerImported {
                    microsoft_id: c.microsoft_id.clone().unwrap_or_default(),
                    company_name: c.account.company_name.clone(),
                    domain_prefix: c.domain_prefix.clone(),
                },
            );
        }
        for after in &plan.updated {
            let i = self.customer_index(&after.id)?;
            let before = std::mem::replace(&mut self.customers[i], after.clone());
            let parts = [
                (
                    ImportedPart::MicrosoftId,
                    before.microsoft_id != after.microsoft_id,
                ),
                (ImportedPart::Account, before.account != after.account),
                (
                    ImportedPart::Qualifications,
                    before.qualifications != after.qualifications,
                ),
                (
                    ImportedPart::VerificationRequests,
                    before.verification_requests != after.verification_requests
                        || before.verification_requests_known != after.verification_requests_known,
                ),
            ]
            .into_iter()
            .filter_map(|(part, changed)| changed.then_some(part))
            .collect();
            self.log_customer(
                ctx,
                &after.id,
                Change::CustomerUpdatedFromPartnerCenter {
                    microsoft_id: after.microsoft_id.clone().unwrap_or_default(),
                    parts,
                },
            );
        }
        for code in &plan.codes_added {
            self.partner.gcc_validation_codes.push(code.clone());
            self.log_partner(ctx, Change::GccValidationCodeAdded { code: code.clone() });
        }
        for after in &plan.codes_updated {
            if let Some(c) = self
                .partner
                .gcc_validation_codes
                .iter_mut()
                .find(|c| c.validation_id == after.validation_id)
            {
                let before = std::mem::replace(c, after.clone());
                self.log_partner(
                    ctx,
                    Change::GccValidationCodeUpdated {
                        before,
                        after: after.clone(),
                    },
                );
            }
        }
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.log_partner(
            ctx,
            Change::PartnerCenterImported {
                added: count(plan.added.len()),
                updated: count(plan.updated.len()),
                codes_added: count(plan.codes_added.len()),
                codes_updated: count(plan.codes_updated.len()),
                refused: count(plan.refused.len()),
            },
        );
        Ok(plan)
    }

    /// The qualification requests made on the desk that Partner Center does not have yet
    /// (docs/RULES.md §11): Education in review, GCC and SOE as granted on the desk, each not
    /// from or updated by an import. In customer order.
    pub fn pending_partner_center_requests(&self) -> Vec<PendingRequest> {
        self.customers
            .iter()
            .flat_map(|c| {
                c.qualifications
                    .iter()
                    .filter(|r| {
                        !r.in_partner_center
                            && r.kind.requestable_by_partner()
                            && (r.kind != Qualification::Education
                                || r.vetting_status == Some(VettingStatus::InReview))
                    })
                    .map(move |r| PendingRequest {
                        customer_id: c.id.clone(),
                        company_name: c.account.company_name.clone(),
                        microsoft_id: c.microsoft_id.clone(),
                        qualification: r.kind,
                        education_segment: r.education_segment,
                        website: r.website.clone(),
                        validation_code: r.validation_code.clone(),
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Problem;
    use crate::domain::audit::Entity;
    use crate::domain::roles::Role;
    use crate::test_support::{account, ctx, day, desk_with_customer, new_customer};

    fn pc_customer(id: &str, prefix: &str) -> PartnerCenterCustomer {
        PartnerCenterCustomer {
            csv_line: None,
            microsoft_id: id.into(),
            company_name: "Contoso School".into(),
            domain: format!("{prefix}.onmicrosoft.com"),
            account: Some(account()),
            qualifications: Some(Vec::new()),
        }
    }

    fn pc_qualification(kind: &str, status: Option<&str>) -> PartnerCenterQualification {
        PartnerCenterQualification {
            qualification: kind.into(),
            vetting_status: status.map(Into::into),
            ..Default::default()
        }
    }

    fn file(customers: Vec<PartnerCenterCustomer>) -> PartnerCenterFile {
        PartnerCenterFile {
            customers,
            ..Default::default()
        }
    }

    #[test]
    fn a_new_customer_comes_with_its_qualifications_and_a_not_known_request_count() {
        let desk = Desk::default();
        let mut c = pc_customer("EEBD1B55-5360-4438-A11D-5C06918C3014", "ContosoEdu");
        c.qualifications = Some(vec![PartnerCenterQualification {
            qualification: "education".into(),
            vetting_status: Some("DENIED".into()),
            vetting_reason: Some("Not an education customer".into()),
            vetting_create_date: Some("2020-12-03T10:37:38.885Z".into()),
        }]);
        let plan = desk.plan_partner_center_import(&file(vec![c]), day(2025, 3, 3));
        assert!(plan.refused.is_empty(), "{:?}", plan.refused);
        let added = &plan.added[0];
        assert_eq!(added.id, "eebd1b55-5360-4438-a11d-5c06918c3014");
        assert_eq!(added.microsoft_id.as_deref(), Some(added.id.as_str()));
        assert_eq!(added.primary_domain(), "contosoedu.onmicrosoft.com");
        let edu = added.record(Qualification::Education).unwrap();
        assert_eq!(edu.vetting_status, Some(VettingStatus::Denied));
        assert_eq!(
            edu.vetting_reason,
            Some(VettingReason::NotAnEducationCustomer)
        );
        assert_eq!(edu.created, day(2020, 12, 3));
        assert!(edu.in_partner_center);
        // A denial shows one request used; how many more, Partner Center does not say.
        assert_eq!(
            added.requests_used(),
            crate::domain::RequestsUsed::AtLeast(1)
        );
    }

    #[test]
    fn a_reimport_updates_the_customer_instead_of_adding_it_again() {
        let mut desk = Desk::default();
        let mut c = pc_customer("tenant-1", "contoso");
        c.qualifications = Some(vec![pc_qualification("Education", Some("InReview"))]);
        let first = file(vec![c.clone()]);
        desk.import_from_partner_center(ctx(Role::GlobalAdmin, day(2025, 3, 3)), &first)
            .unwrap();
        assert_eq!(desk.customers.len(), 1);
        // The same file again: nothing to do.
        let again = desk.plan_partner_center_import(&first, day(2025, 3, 4));
        assert_eq!(
            (again.added.len(), again.updated.len(), again.unchanged),
            (0, 0, 1)
        );
        // Partner Center has decided meanwhile; matched by Microsoft ID (casing aside).
        c.microsoft_id = "TENANT-1".into();
        c.qualifications = Some(vec![pc_qualification("Education", Some("approved"))]);
        let plan = desk
            .import_from_partner_center(ctx(Role::GlobalAdmin, day(2025, 3, 5)), &file(vec![c]))
            .unwrap();
        assert_eq!((plan.added.len(), plan.updated.len()), (0, 1));
        assert_eq!(desk.customers.len(), 1);
        let edu = desk.customers[0].record(Qualification::Education).unwrap();
        assert_eq!(edu.vetting_status, Some(VettingStatus::Approved));
        assert!(matches!(
            &desk.audit.last().unwrap().change,
            Change::PartnerCenterImported {
                added: 0,
                updated: 1,
                ..
            }
        ));
        assert!(desk.audit.iter().any(|e| e.change
            == Change::CustomerUpdatedFromPartnerCenter {
                microsoft_id: "tenant-1".into(),
                parts: vec![ImportedPart::Qualifications],
            }));
    }

    #[test]
    fn a_desk_customer_is_matched_by_primary_domain_and_gets_its_microsoft_id() {
        let desk = desk_with_customer(new_customer("c1", "contoso"), day(2025, 3, 3));
        let mut row = pc_customer("t-1", "Contoso");
        row.csv_line = Some(2);
        row.account = None;
        row.qualifications = None;
        let plan = desk.plan_partner_center_import(&file(vec![row.clone()]), day(2025, 3, 4));
        assert!(plan.refused.is_empty(), "{:?}", plan.refused);
        assert_eq!(plan.updated[0].id, "c1");
        assert_eq!(plan.updated[0].microsoft_id.as_deref(), Some("t-1"));
        // The desk's account is kept, and the count stays known.
        assert_eq!(plan.updated[0].account, desk.customers[0].account);
        assert!(plan.updated[0].verification_requests_known);
        // A Customers.csv row of a customer not on the desk has no address: refused.
        row.domain = "fabrikam.onmicrosoft.com".into();
        row.microsoft_id = "t-2".into();
        let plan = desk.plan_partner_center_import(&file(vec![row]), day(2025, 3, 4));
        assert_eq!(
            plan.refused,
            vec![PartnerCenterRefusal {
                record: PartnerCenterRecord::CsvLine { line: 2 },
                problems: vec![PartnerCenterProblem::NoAddress],
            }]
        );
    }

    #[test]
    fn records_that_break_a_rule_are_refused_with_their_reasons() {
        let mut desk = desk_with_customer(new_customer("c1", "contoso"), day(2025, 3, 3));
        desk.customers[0].microsoft_id = Some("t-1".into());
        let mut other_domain = pc_customer("t-1", "fabrikam");
        other_domain.company_name = "A".into();
        let mut bad_account = pc_customer("t-2", "northwind");
        bad_account.account.as_mut().unwrap().country = "Sweden".into();
        let mut bad_strings = pc_customer("t-3", "adatum");
        bad_strings.qualifications = Some(vec![
            pc_qualification("Charity", None),
            pc_qualification("GovernmentCommunityCloud", None),
            PartnerCenterQualification {
                vetting_reason: Some("Not a school".into()),
                vetting_create_date: Some("yesterday".into()),
                ..pc_qualification("Education", Some("Pending"))
            },
        ]);
        let mut not_a_row = pc_customer("t-4", "tailspin");
        not_a_row.qualifications = Some(vec![
            pc_qualification("Education", Some("Approved")),
            pc_qualification("GovernmentCommunityCloud", Some("Approved")),
        ]);
        let twice = pc_customer("t-4", "tailspin2");
        let mut custom_domain = pc_customer("t-5", "x");
        custom_domain.domain = "contoso.edu".into();
        let plan = desk.plan_partner_center_import(
            &file(vec![
                other_domain,
                bad_account,
                bad_strings,
                not_a_row,
                twice,
                custom_domain,
            ]),
            day(2025, 3, 4),
        );
        let problems: Vec<_> = plan.refused.iter().map(|r| r.problems.clone()).collect();
        assert_eq!(
            problems,
            vec![
                vec![PartnerCenterProblem::OtherPrimaryDomain {
                    on_desk: "contoso.onmicrosoft.com".into()
                }],
                vec![PartnerCenterProblem::Account(vec![FieldProblem {
                    field: crate::domain::Field::Country,
                    problem: Problem::InvalidCountryCode,
                    severity: crate::domain::Severity::Error,
                }])],
                vec![
                    PartnerCenterProblem::UnknownQualification {
                        value: "Charity".into()
                    },
                    PartnerCenterProblem::NoVettingStatus {
                        qualification: Qualification::GovernmentCommunityCloud
                    },
                    PartnerCenterProblem::UnknownVettingStatus {
                        value: "Pending".into()
                    },
                    PartnerCenterProblem::UnknownVettingReason {
                        value: "Not a school".into()
                    },
                    PartnerCenterProblem::UnknownDate {
                        value: "yesterday".into()
                    },
                ],
                vec![PartnerCenterProblem::Record(
                    RecordProblem::QualificationSetNotAllowed {
                        held: vec![
                            Qualification::Education,
                            Qualification::GovernmentCommunityCloud
                        ]
                    }
                )],
                vec![PartnerCenterProblem::DuplicateInFile],
                vec![PartnerCenterProblem::NotAPrimaryDomain {
                    domain: "contoso.edu".into()
                }],
            ]
        );
        assert!(plan.added.is_empty() && plan.updated.is_empty());
    }

    #[test]
    fn validation_codes_are_added_or_updated_from_partner_center() {
        let mut desk = crate::test_support::gcc_desk(1);
        let code = |id: &str, max, remaining| PartnerCenterValidationCode {
            validation_id: id.into(),
            organization_name: "Contoso, Inc.".into(),
            max_creates: max,
            remaining_creates: remaining,
        };
        let file = PartnerCenterFile {
            validation_codes: vec![
                code("123456", Some(5), Some(4)),
                code("987654", Some(5), Some(5)),
                code("555", None, Some(1)),
                code("666", Some(2), Some(3)),
            ],
            ..Default::default()
        };
        let plan = desk
            .import_from_partner_center(ctx(Role::GlobalAdmin, day(2025, 3, 4)), &file)
            .unwrap();
        assert_eq!(plan.codes_added.len(), 1);
        assert_eq!(plan.codes_updated.len(), 1);
        assert_eq!(
            plan.refused
                .iter()
                .map(|r| r.problems.clone())
                .collect::<Vec<_>>(),
            vec![
                vec![PartnerCenterProblem::CreatesNotGiven],
                vec![PartnerCenterProblem::ValidationCode(vec![
                    Reason::GccValidationCodeCreatesInvalid {
                        max_creates: 2,
                        remaining_creates: 3
                    }
                ])],
            ]
        );
        let codes = &desk.partner.gcc_validation_codes;
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].remaining_creates, 4);
        assert!(desk.audit.iter().any(|e| e.entity == Entity::Partner
            && matches!(e.change, Change::GccValidationCodeUpdated { .. })));
    }

    #[test]
    fn only_global_admin_imports_and_a_refused_import_changes_nothing() {
        let mut desk = Desk::default();
        let f = file(vec![pc_customer("t-1", "contoso")]);
        assert_eq!(
            desk.import_from_partner_center(ctx(Role::AdminAgent, day(2025, 3, 3)), &f)
                .unwrap_err(),
            vec![Reason::RoleNotPermitted {
                role: Role::AdminAgent,
                operation: Operation::ManageData
            }]
        );
        assert_eq!(desk, Desk::default());
    }

    #[test]
    fn pending_requests_are_the_desk_s_own_not_partner_center_s() {
        let mut desk = crate::test_support::gcc_desk(1);
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            crate::test_support::new_education_customer("e1", "school"),
        )
        .unwrap();
        desk.create_customer(
            ctx(Role::SalesAgent, day(2025, 3, 3)),
            new_customer("g1", "agency"),
        )
        .unwrap();
        desk.request_gcc(ctx(Role::SalesAgent, day(2025, 3, 3)), "g1", "123456")
            .unwrap();
        desk.customers[1].microsoft_id = Some("t-g1".into());
        let pending = desk.pending_partner_center_requests();
        assert_eq!(pending.len(), 2);
        assert_eq!(pending[0].qualification, Qualification::Education);
        assert_eq!(pending[0].education_segment, Some(EducationSegment::K12));
        assert_eq!(pending[0].microsoft_id, None);
        assert_eq!(pending[1].validation_code.as_deref(), Some("123456"));
        assert_eq!(pending[1].microsoft_id.as_deref(), Some("t-g1"));
        // Once Partner Center's records say it has the Education request, it is not pending.
        let mut back = pc_customer("t-e1", "school");
        back.account = None;
        back.qualifications = Some(vec![pc_qualification("Education", Some("InReview"))]);
        desk.import_from_partner_center(ctx(Role::GlobalAdmin, day(2025, 3, 4)), &file(vec![back]))
            .unwrap();
        let pending = desk.pending_partner_center_requests();
        assert_eq!(pending.len(), 1);
        assert_eq!(
            pending[0].qualification,
            Qualification::GovernmentCommunityCloud
        );
        // The desk's count (1) was exact and Partner Center shows no more: still known.
        assert!(desk.customer("e1").unwrap().verification_requests_known);
    }
}
