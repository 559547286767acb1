//! The customer account fields shared by "Add customer" and the account page's correction
//! step: labelled inputs, each with the domain's problems for it shown under it as the user
//! types.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::domain::{
    state_required, states_of, AccountInfo, EducationDetails, EducationSegment, Field, FieldProblem,
};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::named_select::NamedSelect;
use crate::ui::names::Named;
use crate::ui::reasons::field_problem_text;

/// Which fields show their problems: those the user has touched, or all after an attempt to
/// go on. Empty required fields are not flagged before the user gets to them.
#[derive(Clone, Copy)]
pub struct ShownProblems {
    pub touched: RwSignal<HashSet<Field>>,
    pub all: RwSignal<bool>,
}

impl ShownProblems {
    pub fn new() -> Self {
        ShownProblems {
            touched: RwSignal::new(HashSet::new()),
            all: RwSignal::new(false),
        }
    }

    /// Marks a field as touched.
    pub fn touch(&self, field: Field) {
        if !self.touched.with_untracked(|t| t.contains(&field)) {
            self.touched.update(|t| {
                t.insert(field);
            });
        }
    }

    /// Whether the problems of `field` are shown (tracked).
    pub fn shows(&self, field: Field) -> bool {
        self.all.get() || self.touched.with(|t| t.contains(&field))
    }
}

impl Default for ShownProblems {
    fn default() -> Self {
        Self::new()
    }
}

/// What a field input needs to show its problems.
#[derive(Clone, Copy)]
pub struct FieldContext {
    /// Prefix of element ids, unique on the page (e.g. "add-customer").
    pub id_prefix: &'static str,
    /// Every problem of the form, from the domain.
    pub problems: Memo<Vec<FieldProblem>>,
    pub shown: ShownProblems,
}

impl FieldContext {
    fn input_id(&self, field: Field) -> String {
        format!("{}-{}", self.id_prefix, field.value())
    }
    fn message_id(&self, field: Field) -> String {
        format!("{}-{}-msg", self.id_prefix, field.value())
    }
    /// The problems of one field that are shown now (tracked).
    fn shown_problems(&self, field: Field) -> Vec<FieldProblem> {
        if !self.shown.shows(field) {
            return Vec::new();
        }
        self.problems
            .with(|all| all.iter().filter(|p| p.field == field).cloned().collect())
    }
    /// Whether the field shows an error now (tracked).
    fn invalid(&self, field: Field) -> bool {
        self.shown_problems(field)
            .iter()
            .any(FieldProblem::is_error)
    }
}

/// The messages under a field: errors (what to fix) and warnings, each one sentence.
#[component]
pub fn FieldMessages(ctx: FieldContext, field: Field) -> impl IntoView {
    let i18n = use_i18n();
    let problems = Memo::new(move |_| ctx.shown_problems(field));
    view! {
        <div class="field-messages" id=ctx.message_id(field)>
            <For
                each=move || problems.get().into_iter().enumerate()
                key=|(i, p)| (*i, format!("{:?}", p.problem))
                children=move |(_, p)| {
                    let error = p.is_error();
                    let text = move || field_problem_text(i18n.get_locale(), &p);
                    view! {
                        <p class=if error { "field-error" } else { "field-warning" }>
                            {(!error).then(|| view! { <strong>{tr!(i18n, customers.warning)}</strong> " " })}
                            {text}
                        </p>
                    }
                }
            />
        </div>
    }
}

/// One labelled text input bound to a value, showing its field's problems.
#[component]
pub fn TextField(
    ctx: FieldContext,
    field: Field,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    on_input: Callback<String>,
    #[prop(optional)] required: bool,
    /// Leaves out the "(optional)" marker where the domain decides (e.g. phone by country).
    #[prop(optional)]
    no_optional_marker: bool,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Text shown after the input (e.g. ".onmicrosoft.com").
    #[prop(optional)]
    suffix: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = ctx.input_id(field);
    let shown = ctx.shown;
    view! {
        <div class="form-field" class:has-error=move || ctx.invalid(field)>
            <label for=id.clone()>
                {move || field.name(i18n.get_locale())}
                {(!required && !no_optional_marker).then(|| view! { <span class="optional">" (" {tr!(i18n, customers.optional)} ")"</span> })}
            </label>
            <div class="input-row">
                <input
                    id=id
                    type=input_type.unwrap_or("text")
                    autocomplete=autocomplete.unwrap_or("off")
                    required=required
                    aria-required=required.then_some("true")
                    aria-invalid=move || if ctx.invalid(field) { "true" } else { "false" }
                    aria-describedby=ctx.message_id(field)
                    prop:value=move || value.get()
                    on:input=move |ev| {
                        on_input.run(event_target_value(&ev));
                        shown.touch(field);
                    }
                    on:blur=move |_| shown.touch(field)
                />
                {suffix.map(|s| view! { <span class="input-suffix">{s}</span> })}
            </div>
            <FieldMessages ctx=ctx field=field />
        </div>
    }
}

/// "Country/region": a select of ISO codes with their names.
#[component]
pub fn CountryField(
    ctx: FieldContext,
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name =
        Callback::new(move |code: &'static str| crate::ui::countries::country_name(i18n, code));
    view! {
        <CodeSelectField
            ctx=ctx
            field=Field::Country
            codes=crate::ui::countries::COUNTRIES.to_vec()
            name=name
            value=value
            on_change=on_change
        />
    }
}

/// A required select of codes for `field`, with its label and messages: "Choose…" first (shown
/// while the value is none of the codes), then each code by its `name` in the language.
#[component]
fn CodeSelectField(
    ctx: FieldContext,
    field: Field,
    codes: Vec<&'static str>,
    name: Callback<&'static str, String>,
    value: Signal<String>,
    on_change: Callback<String>,
    /// The select's `autocomplete` token, if any.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = ctx.input_id(field);
    let shown = ctx.shown;
    let chosen = {
        let codes = codes.clone();
        Memo::new(move |_| value.with(|v| codes.iter().any(|c| c == v)))
    };
    view! {
        <div class="form-field" class:has-error=move || ctx.invalid(field)>
            <label for=id.clone()>{move || field.name(i18n.get_locale())}</label>
            <select
                id=id
                required=true
                aria-required="true"
                aria-invalid=move || if ctx.invalid(field) { "true" } else { "false" }
                aria-describedby=ctx.message_id(field)
                autocomplete=autocomplete
                // Also when the value changes from outside (a restored draft, the correction).
                prop:value=move || if chosen.get() { value.get() } else { String::new() }
                on:change=move |ev| {
                    on_change.run(event_target_value(&ev));
                    shown.touch(field);
                }
                on:blur=move |_| shown.touch(field)
            >
                <option value="" selected=move || !chosen.get()>{tr!(i18n, customers.choose)}</option>
                {codes
                    .into_iter()
                    .map(|code| {
                        view! {
                            <option value=code selected=move || value.get() == code>
                                {move || name.run(code)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldMessages ctx=ctx field=field />
        </div>
    }
}

/// "State/province": a choice from the domain's list where it has one (US, Canada), else
/// typed; marked required where the domain requires it (docs/RULES.md §1).
#[component]
pub fn StateField(ctx: FieldContext, account: RwSignal<AccountInfo>) -> impl IntoView {
    let country = Memo::new(move |_| account.with(|a| a.country.trim().to_string()));
    let value = Signal::derive(move || account.with(|a| a.state.clone()));
    let on_change = Callback::new(move |v: String| account.update(|a| a.state = v));
    move || {
        let country = country.get();
        match states_of(&country) {
            Some(list) => {
                view! { <StateSelect ctx=ctx list=list value=value on_change=on_change /> }
                    .into_any()
            }
            None => view! {
                <TextField
                    ctx=ctx
                    field=Field::State
                    value=value
                    on_input=on_change
                    required=state_required(&country)
                    autocomplete="address-level1"
                />
            }
            .into_any(),
        }
    }
}

/// The select of [`StateField`] over one country's list (code, name).
#[component]
fn StateSelect(
    ctx: FieldContext,
    list: &'static [(&'static str, &'static str)],
    value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let name = Callback::new(move |code: &'static str| {
        list.iter()
            .find(|(c, _)| *c == code)
            .map_or_else(String::new, |(_, n)| (*n).to_string())
    });
    view! {
        <CodeSelectField
            ctx=ctx
            field=Field::State
            codes=list.iter().map(|(code, _)| *code).collect()
            name=name
            value=value
            on_change=on_change
            autocomplete="address-level1"
        />
    }
}

/// The Education request's own fields: "Education segment" and "Education website", used by
/// Add customer, the Education request and the correction step.
#[component]
pub fn EducationFields(ctx: FieldContext, details: RwSignal<EducationDetails>) -> impl IntoView {
    view! {
        <SegmentField
            ctx=ctx
            value=Signal::derive(move || details.with(|d| d.segment))
            on_change=Callback::new(move |s| details.update(|d| d.segment = s))
        />
        <TextField
            ctx=ctx
            field=Field::EducationWebsite
            value=Signal::derive(move || details.with(|d| d.website.clone()))
            on_input=Callback::new(move |v: String| details.update(|d| d.website = v))
            input_type="url"
        />
    }
}

/// "Education segment": K-12 or Higher education.
#[component]
pub fn SegmentField(
    ctx: FieldContext,
    value: Signal<Option<EducationSegment>>,
    on_change: Callback<Option<EducationSegment>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = Field::EducationSegment;
    let id = ctx.input_id(field);
    let shown = ctx.shown;
    view! {
        <div class="form-field" class:has-error=move || ctx.invalid(field)>
            <label for=id.clone()>{move || field.name(i18n.get_locale())}</label>
            <NamedSelect
                id=id
                options=EducationSegment::all().to_vec()
                value=value
                on_change=Callback::new(move |segment| {
                    on_change.run(segment);
                    shown.touch(field);
                })
                empty=|l| td_string!(l, customers.choose)
                required=true
                invalid=Signal::derive(move || ctx.invalid(field))
                described_by=Signal::derive(move || Some(ctx.message_id(field)))
                on_blur=Callback::new(move |()| shown.touch(field))
            />
            <FieldMessages ctx=ctx field=field />
        </div>
    }
}

/// The account fields (company, address, e-mail, primary contact) bound to `account`.
#[component]
pub fn AccountFields(ctx: FieldContext, account: RwSignal<AccountInfo>) -> impl IntoView {
    let i18n = use_i18n();
    // A text input for one `AccountInfo` field.
    let text = move |field: Field,
                     get: fn(&AccountInfo) -> &String,
                     set: fn(&mut AccountInfo, String),
                     required: bool,
                     input_type: &'static str,
                     autocomplete: &'static str| {
        // Required in some countries only: the domain says so under the field.
        let no_optional_marker = matches!(field, Field::Phone | Field::RegistrationId);
        view! {
            <TextField
                ctx=ctx
                field=field
                value=Signal::derive(move || account.with(|a| get(a).clone()))
                on_input=Callback::new(move |v: String| account.update(|a| set(a, v)))
                required=required
                input_type=input_type
                autocomplete=autocomplete
                no_optional_marker=no_optional_marker
            />
        }
    };
    view! {
        <fieldset class="form-group">
            <legend>{tr!(i18n, customers.company_info)}</legend>
            {text(Field::CompanyName, |a| &a.company_name, |a, v| a.company_name = v, true, "text", "organization")}
            <CountryField
                ctx=ctx
                value=Signal::derive(move || account.with(|a| a.country.clone()))
                on_change=Callback::new(move |v: String| account.update(|a| a.country = v))
            />
            {text(Field::AddressLine1, |a| &a.address_line1, |a, v| a.address_line1 = v, true, "text", "address-line1")}
            {text(Field::AddressLine2, |a| &a.address_line2, |a, v| a.address_line2 = v, false, "text", "address-line2")}
            <div class="field-row">
                {text(Field::City, |a| &a.city, |a, v| a.city = v, true, "text", "address-level2")}
                <StateField ctx=ctx account=account />
                {text(Field::PostalCode, |a| &a.postal_code, |a, v| a.postal_code = v, true, "text", "postal-code")}
            </div>
            {text(Field::Email, |a| &a.email, |a, v| a.email = v, true, "email", "email")}
            {text(Field::RegistrationId, |a| &a.registration_id, |a, v| a.registration_id = v, false, "text", "off")}
        </fieldset>
        <fieldset class="form-group">
            <legend>{tr!(i18n, customers.contact_info)}</legend>
            <div class="field-row">
                {text(Field::FirstName, |a| &a.first_name, |a, v| a.first_name = v, true, "text", "given-name")}
                {text(Field::LastName, |a| &a.last_name, |a, v| a.last_name = v, true, "text", "family-name")}
            </div>
            {text(Field::ContactEmail, |a| &a.contact_email, |a, v| a.contact_email = v, true, "email", "email")}
            {text(Field::Phone, |a| &a.phone, |a, v| a.phone = v, false, "tel", "tel")}
        </fieldset>
    }
}
