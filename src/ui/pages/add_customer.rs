use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde::{Deserialize, Serialize};

use crate::domain::account::normalize_domain_prefix;
use crate::domain::{AccountInfo, EducationDetails, Field, NewCustomer, Qualification};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::components::customer_fields::{
    AccountFields, EducationFields, FieldContext, ShownProblems, TextField,
};
use crate::ui::components::named_select::NamedSelect;
use crate::ui::countries::country_name;
use crate::ui::ids::new_id;
use crate::ui::names::Named;
use crate::ui::preferences::use_storage;
use crate::ui::state::{use_desk, ActionError};

/// Where the unsent "Add customer" form is kept, so it survives leaving the page.
pub const DRAFT_KEY: &str = "segment-desk/draft/add-customer";

/// The form as typed so far (saved as JSON under [`DRAFT_KEY`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Draft {
    /// "Special qualifications: Education".
    education: bool,
    account: AccountInfo,
    domain_prefix: String,
    details: EducationDetails,
    /// On the review step.
    reviewing: bool,
}

impl Draft {
    /// The submission this draft makes (the id is filled in at submit).
    fn new_customer(&self, id: String) -> NewCustomer {
        NewCustomer {
            id,
            account: self.account.clone(),
            domain_prefix: self.domain_prefix.clone(),
            education: self.education.then(|| self.details.clone()),
        }
    }

    fn is_blank(&self) -> bool {
        Draft {
            reviewing: false,
            ..self.clone()
        } == Draft::default()
    }
}

/// "Add customer": the account fields checked by the domain as the user types, a review step,
/// and one submission that creates the customer (and, for Education, its first request).
#[component]
pub fn AddCustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let storage = use_storage();

    let saved = storage
        .store
        .get(DRAFT_KEY)
        .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
        .filter(|d| !d.is_blank());
    let restored = saved.is_some();
    let draft = saved.unwrap_or_default();

    let education = RwSignal::new(draft.education);
    let account = RwSignal::new(draft.account.clone());
    let domain_prefix = RwSignal::new(draft.domain_prefix.clone());
    let details = RwSignal::new(draft.details.clone());
    let reviewing = RwSignal::new(draft.reviewing);
    let show_restored = RwSignal::new(restored);
    let submitted = StoredValue::new(false);
    let error = RwSignal::new(None::<ActionError>);

    let current = Memo::new(move |_| Draft {
        education: education.get(),
        account: account.get(),
        domain_prefix: domain_prefix.get(),
        details: details.get(),
        reviewing: reviewing.get(),
    });

    keep_draft(storage.store.clone(), current, submitted);

    let problems = Memo::new(move |_| {
        let new = current.with(|d| d.new_customer(String::new()));
        desk.with(|d| d.validate_new_customer(&new))
    });
    let error_count =
        Memo::new(move |_| problems.with(|p| p.iter().filter(|p| p.is_error()).count()));
    let shown = ShownProblems::new();
    // A restored draft shows the problems of what was already typed.
    if restored {
        shown.all.set(true);
    }
    let ctx = FieldContext {
        id_prefix: "add-customer",
        problems,
        shown,
    };

    let next = move |()| {
        error.set(None);
        if error_count.get_untracked() > 0 {
            shown.all.set(true);
            focus_first_invalid();
        } else {
            reviewing.set(true);
            scroll_to_top();
        }
    };
    let back = move |_| {
        error.set(None);
        reviewing.set(false);
    };
    let discard = move |_| {
        education.set(false);
        account.set(AccountInfo::default());
        domain_prefix.set(String::new());
        details.set(EducationDetails::default());
        reviewing.set(false);
        shown.all.set(false);
        shown.touched.set(Default::default());
        show_restored.set(false);
    };
    let store = storage.store.clone();
    let submit = move |_| {
        let id = new_id();
        let new = current.with_untracked(|d| d.new_customer(id.clone()));
        match desk.act(|d, ctx| d.create_customer(ctx, new)) {
            Ok(()) => {
                submitted.set_value(true);
                store.remove(DRAFT_KEY);
                use_navigate()(&format!("/customers/{id}"), Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <section class="page add-customer-page" data-page="add-customer">
            <header class="page-intro">
                <h1>{tr!(i18n, customers.add_customer)}</h1>
                <p>{tr!(i18n, customers.add_intro)}</p>
            </header>
            <Show when=move || show_restored.get()>
                <div class="notice info" role="status">
                    <span>{tr!(i18n, customers.draft_restored)}</span>
                    " "
                    <button type="button" class="button link" on:click=discard>{tr!(i18n, customers.discard_draft)}</button>
                </div>
            </Show>
            <Show
                when=move || reviewing.get()
                fallback=move || view! {
                    <CustomerForm
                        ctx=ctx
                        education=education
                        account=account
                        domain_prefix=domain_prefix
                        details=details
                        error_count=error_count
                        on_next=Callback::new(next)
                    />
                }
            >
                <ReviewSummary draft=current />
                <ActionErrorAlert id="add-customer-error" error=error />
                <div class="form-actions">
                    <button type="button" class="button" on:click=back>{tr!(i18n, customers.back)}</button>
                    <button type="button" class="button primary" on:click=submit.clone()>{tr!(i18n, customers.submit)}</button>
                </div>
            </Show>
        </section>
    }
}

/// The form step: "Special qualifications", the Education fields when chosen, the account
/// fields and the primary domain, each with the domain's problems as the user types.
#[component]
fn CustomerForm(
    ctx: FieldContext,
    education: RwSignal<bool>,
    account: RwSignal<AccountInfo>,
    domain_prefix: RwSignal<String>,
    details: RwSignal<EducationDetails>,
    error_count: Memo<usize>,
    on_next: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = ctx.shown;
    // "Special qualifications" offers None and Education (the others are requested later).
    let qualification = Signal::derive(move || {
        Some(if education.get() {
            Qualification::Education
        } else {
            Qualification::None
        })
    });
    view! {
        <div class="customer-form">
            <div class="form-group qualification-choice">
                <div class="form-field">
                    <label for="add-customer-qualification">{tr!(i18n, customers.special_qualifications)}</label>
                    <NamedSelect
                        id="add-customer-qualification"
                        options=vec![Qualification::None, Qualification::Education]
                        value=qualification
                        on_change=Callback::new(move |q| education.set(q == Some(Qualification::Education)))
                    />
                </div>
            </div>
            <Show when=move || education.get()>
                <fieldset class="form-group">
                    <legend>{tr!(i18n, customers.education_info)}</legend>
                    <EducationFields ctx=ctx details=details />
                </fieldset>
            </Show>
            <AccountFields ctx=ctx account=account />
            <fieldset class="form-group">
                <legend>{tr!(i18n, customers.domain_info)}</legend>
                <TextField
                    ctx=ctx
                    field=Field::PrimaryDomain
                    value=Signal::derive(move || domain_prefix.get())
                    on_input=Callback::new(move |v: String| domain_prefix.set(v))
                    required=true
                    suffix=".onmicrosoft.com"
                />
                <p class="help">{tr!(i18n, customers.domain_help)}</p>
            </fieldset>
            <Show when=move || { shown.all.get() && error_count.get() > 0 }>
                <p class="form-summary" role="alert">
                    {move || t_string!(i18n, customers.fix_errors, count = error_count.get()).to_string()}
                </p>
            </Show>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=move |_| on_next.run(())>{tr!(i18n, customers.next_review)}</button>
            </div>
        </div>
    }
}

/// Keeps the draft in storage as it changes; a blank form, or a submitted one, leaves nothing.
fn keep_draft(
    store: send_wrapper::SendWrapper<std::rc::Rc<dyn crate::store::KeyValueStore>>,
    current: Memo<Draft>,
    submitted: StoredValue<bool>,
) {
    Effect::new(move |_| {
        let draft = current.get();
        if submitted.get_value() {
            return;
        }
        if draft.is_blank() {
            store.remove(DRAFT_KEY);
        } else if let Ok(json) = serde_json::to_string(&draft) {
            // Losing the draft is not worth an alert: the form itself still holds it.
            let _ = store.set(DRAFT_KEY, &json);
        }
    });
}

/// The review step: every entered value under its label.
#[component]
fn ReviewSummary(draft: Memo<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let item = move |label: Signal<&'static str>, value: Signal<String>| {
        view! {
            <div class="summary-item">
                <dt>{label}</dt>
                <dd>{move || {
                    let v = value.get();
                    if v.trim().is_empty() { t_string!(i18n, customers.not_given).to_string() } else { v }
                }}</dd>
            </div>
        }
    };
    let field = move |f: Field, get: fn(&Draft) -> String| {
        item(
            Signal::derive(move || f.name(i18n.get_locale())),
            Signal::derive(move || draft.with(get)),
        )
    };
    view! {
        <section class="review" aria-labelledby="review-heading">
            <h2 id="review-heading">{tr!(i18n, customers.review_title)}</h2>
            <p>{tr!(i18n, customers.review_intro)}</p>
            <dl class="summary">
                {item(
                    Signal::derive(move || t_string!(i18n, customers.special_qualifications)),
                    Signal::derive(move || {
                        let q = if draft.with(|d| d.education) { Qualification::Education } else { Qualification::None };
                        q.name(i18n.get_locale()).to_string()
                    }),
                )}
                {field(Field::CompanyName, |d| d.account.company_name.clone())}
                {item(
                    Signal::derive(move || Field::Country.name(i18n.get_locale())),
                    Signal::derive(move || draft.with(|d| country_name(i18n, &d.account.country))),
                )}
                {field(Field::AddressLine1, |d| d.account.address_line1.clone())}
                {field(Field::AddressLine2, |d| d.account.address_line2.clone())}
                {field(Field::City, |d| d.account.city.clone())}
                {field(Field::State, |d| d.account.state.clone())}
                {field(Field::PostalCode, |d| d.account.postal_code.clone())}
                {field(Field::Email, |d| d.account.email.clone())}
                {field(Field::RegistrationId, |d| d.account.registration_id.clone())}
                {field(Field::FirstName, |d| d.account.first_name.clone())}
                {field(Field::LastName, |d| d.account.last_name.clone())}
                {field(Field::ContactEmail, |d| d.account.contact_email.clone())}
                {field(Field::Phone, |d| d.account.phone.clone())}
                {field(Field::PrimaryDomain, |d| {
                    format!("{}.onmicrosoft.com", normalize_domain_prefix(&d.domain_prefix))
                })}
                <Show when=move || draft.with(|d| d.education)>
                    {item(
                        Signal::derive(move || Field::EducationSegment.name(i18n.get_locale())),
                        Signal::derive(move || {
                            draft.with(|d| d.details.segment.map(|s| s.name(i18n.get_locale()).to_string()).unwrap_or_default())
                        }),
                    )}
                    {field(Field::EducationWebsite, |d| d.details.website.clone())}
                </Show>
            </dl>
            <Show when=move || draft.with(|d| d.education)>
                <p class="notice info">{tr!(i18n, customers.education_request_note)}</p>
            </Show>
        </section>
    }
}

/// Moves focus to the first field showing an error, so keyboard users land on it.
fn focus_first_invalid() {
    request_animation_frame(|| {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[aria-invalid=\"true\"]").ok().flatten())
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}

/// Back to the top of the page (the review step replaces a long form).
fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
