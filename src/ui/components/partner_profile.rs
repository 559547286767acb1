//! The partner's legal profile on Partner settings: partner type, country/region and reseller
//! qualifications. Every change goes through the desk's partner operations; a refusal (e.g. a
//! role that may not edit partner settings) shows next to the control, which returns to the
//! stored value.

use leptos::prelude::*;

use crate::domain::{PartnerType, ResellerQualification};
use crate::i18n::*;
use crate::tr;
use crate::ui::components::action_error::ActionErrorAlert;
use crate::ui::components::named_select::NamedSelect;
use crate::ui::countries::{country_name, COUNTRIES};
use crate::ui::names::Named;
use crate::ui::state::{use_desk, ActionError};

/// Partner type, country/region and reseller qualifications.
#[component]
pub fn PartnerProfileForm(
    /// Set to say the last change was saved.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="ps-panel" aria-labelledby="ps-profile-title">
            <h2 id="ps-profile-title">{tr!(i18n, partner.profile)}</h2>
            <PartnerTypeField saved=saved />
            <PartnerCountryField saved=saved />
            <ResellerQualificationsField saved=saved />
        </section>
    }
}

/// `aria-describedby` pointing at `id` while `error` is shown.
fn described(
    error: RwSignal<Option<ActionError>>,
    id: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy {
    move || error.with(Option::is_some).then_some(id)
}

/// "Partner type": direct-bill partner, indirect provider or indirect reseller.
#[component]
fn PartnerTypeField(saved: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let partner_type = Memo::new(move |_| desk.with(|d| d.partner.partner_type));
    let error = RwSignal::new(None::<ActionError>);
    let on_type = Callback::new(move |t: Option<PartnerType>| {
        let Some(t) = t else { return };
        saved.set(false);
        match desk.act(|d, ctx| d.set_partner_type(ctx, t)) {
            Ok(()) => {
                error.set(None);
                saved.set(true);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let described = described(error, "ps-type-error");
    view! {
        <div class="field">
            <label for="ps-partner-type">{tr!(i18n, partner.partner_type)}</label>
            <NamedSelect
                id="ps-partner-type"
                options=PartnerType::all().to_vec()
                value=Signal::derive(move || Some(partner_type.get()))
                on_change=on_type
                invalid=Signal::derive(move || error.with(Option::is_some))
                described_by=Signal::derive(move || described().map(str::to_string))
            />
            <ActionErrorAlert id="ps-type-error" error=error />
            <p class="ms-help">{tr!(i18n, partner.type_help)}</p>
        </div>
    }
}

/// "Country/region" of the partner.
#[component]
fn PartnerCountryField(saved: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let country = Memo::new(move |_| desk.with(|d| d.partner.country.clone()));
    let error = RwSignal::new(None::<ActionError>);
    let on_country = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        saved.set(false);
        match desk.act(|d, ctx| d.set_partner_country(ctx, &value)) {
            Ok(()) => {
                error.set(None);
                saved.set(true);
            }
            Err(e) => {
                error.set(Some(e));
                event_target::<web_sys::HtmlSelectElement>(&ev).set_value(&country.get_untracked());
            }
        }
    };
    // The stored country stays choosable even when it is not in the short list.
    let countries = move || {
        let current = country.get();
        let mut list: Vec<String> = COUNTRIES.iter().map(|c| c.to_string()).collect();
        if !list.contains(&current) {
            list.insert(0, current);
        }
        list
    };
    view! {
        <div class="field">
            <label for="ps-country">{tr!(i18n, partner.country)}</label>
            <select id="ps-country" on:change=on_country
                prop:value=move || country.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described(error, "ps-country-error")>
                {move || countries()
                    .into_iter()
                    .map(|code| {
                        let c = code.clone();
                        let label = code.clone();
                        view! {
                            <option value=code selected=move || country.get() == c>
                                {move || format!("{} ({label})", country_name(i18n, &label))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <ActionErrorAlert id="ps-country-error" error=error />
        </div>
    }
}

/// "Reseller qualifications": GCC Moderate, and GCC High and DoD (by invitation).
#[component]
fn ResellerQualificationsField(saved: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let reseller = Memo::new(move |_| desk.with(|d| d.partner.reseller_qualifications.clone()));
    let error = RwSignal::new(None::<ActionError>);
    let toggle = move |q: ResellerQualification| {
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            let mut next = reseller.get_untracked();
            next.retain(|x| *x != q);
            if on {
                next.push(q);
            }
            saved.set(false);
            match desk.act(|d, ctx| d.set_reseller_qualifications(ctx, next)) {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(e) => {
                    error.set(Some(e));
                    event_target::<web_sys::HtmlInputElement>(&ev).set_checked(!on);
                }
            }
        }
    };
    view! {
        <fieldset class="ps-reseller" aria-describedby=described(error, "ps-reseller-error")>
            <legend>{tr!(i18n, partner.reseller_qualifications)}</legend>
            <p class="ms-help">{tr!(i18n, partner.reseller_help)}</p>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || reseller.with(|r| r.contains(&ResellerQualification::GccModerate))
                    on:change=toggle(ResellerQualification::GccModerate) />
                <span>{move || ResellerQualification::GccModerate.name(i18n.get_locale())}</span>
            </label>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || reseller.with(|r| r.contains(&ResellerQualification::GccHighAndDoD))
                    on:change=toggle(ResellerQualification::GccHighAndDoD)
                    aria-describedby="ps-invitation" />
                <span>{move || ResellerQualification::GccHighAndDoD.name(i18n.get_locale())}</span>
            </label>
            <span class="ps-invitation" id="ps-invitation">{tr!(i18n, partner.by_invitation)}</span>
            <ActionErrorAlert id="ps-reseller-error" error=error />
        </fieldset>
    }
}
