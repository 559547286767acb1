use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::domain::{Cart, CartLine, Decision, Offer, ProductType, Reason, Segment};
use crate::i18n::*;
use crate::tr;
use crate::ui::clock::use_app_clock;
use crate::ui::components::action_error::{reason_sentence, ActionErrorAlert};
use crate::ui::components::named_select::{LabelledChoice, NamedSelect};
use crate::ui::components::page_intro::{use_addressed_customer, CustomerPageIntro};
use crate::ui::href;
use crate::ui::ids::new_id;
use crate::ui::names::Named;
use crate::ui::numbers::{self, price_text};
use crate::ui::plural::Counted;
use crate::ui::state::{use_desk, ActionError};

/// One line of the cart being put together, with a key that stays when other lines go.
#[derive(Clone, Debug, PartialEq)]
struct CartItem {
    key: u64,
    line: CartLine,
}

/// The page's cart: lines in order, changed only through its methods.
#[derive(Clone, Copy)]
struct CartState {
    items: RwSignal<Vec<CartItem>>,
    next_key: StoredValue<u64>,
}

impl CartState {
    fn new() -> Self {
        CartState {
            items: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(1),
        }
    }

    /// Adds a line for `offer` with 1 seat and the offer's first term and a billing frequency
    /// offered for it (the user can change both; the review checks them).
    fn add(&self, offer: &Offer) {
        let term = offer.terms.first().copied();
        let Some(term) = term else { return };
        let billing = offer
            .billing
            .iter()
            .copied()
            .find(|b| term.allows_billing(*b))
            .or_else(|| offer.billing.first().copied());
        let Some(billing) = billing else { return };
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let line = CartLine {
            offer_id: offer.id.clone(),
            seats: 1,
            term,
            billing,
        };
        self.items
            .update(|items| items.push(CartItem { key, line }));
    }

    fn update(&self, key: u64, f: impl FnOnce(&mut CartLine)) {
        self.items.update(|items| {
            if let Some(item) = items.iter_mut().find(|i| i.key == key) {
                f(&mut item.line);
            }
        });
    }

    fn remove(&self, key: u64) {
        self.items.update(|items| items.retain(|i| i.key != key));
    }

    fn cart(&self) -> Cart {
        self.items.with(|items| Cart {
            lines: items.iter().map(|i| i.line.clone()).collect(),
        })
    }
}

/// New subscription: Discover (segment, product type and search filters; every offer says
/// whether this customer may buy it here and why not), the cart, the review listing every
/// problem at once, and Submit.
#[component]
pub fn NewSubscriptionPage() -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let (customer_id, company) = use_addressed_customer();

    let cart = CartState::new();
    // "Add the commercial equivalent" and similar links arrive with `?add=<offer-id>`.
    if let Some(offer_id) = use_query_map().get_untracked().get("add") {
        if let Some(offer) = desk.with_catalog(|c| c.get(&offer_id).cloned()) {
            cart.add(&offer);
        }
    }
    let reviewing = RwSignal::new(false);

    view! {
        <section class="page selling-page" data-page="new-subscription">
            <CustomerPageIntro
                title=Signal::derive(move || td_string!(i18n.get_locale(), selling.new.title))
                company
                intro=|l, company| td_string!(l, selling.new.intro, company = company).to_string()
            >
                <p>
                    <A href=move || href(&format!("/customers/{}/subscriptions", customer_id.get()))>
                        {tr!(i18n, selling.new.back)}
                    </A>
                </p>
            </CustomerPageIntro>
            <Show when=move || company.get().is_some()>
                <div class="selling-layout">
                    <Discover customer_id=customer_id cart=cart reviewing=reviewing />
                    <CartPanel customer_id=customer_id cart=cart reviewing=reviewing />
                </div>
            </Show>
        </section>
    }
}

/// Discover: the filters and the offers that match them.
#[component]
fn Discover(
    customer_id: Memo<String>,
    cart: CartState,
    reviewing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let segment = RwSignal::new(None::<Segment>);
    let product_type = RwSignal::new(None::<ProductType>);
    let search = RwSignal::new(String::new());
    let total = desk.with_catalog(|c| c.offers.len());

    let visible = Memo::new(move |_| {
        let segment = segment.get();
        let product_type = product_type.get();
        let needle = search.get().trim().to_lowercase();
        desk.with_catalog(|c| {
            c.offers
                .iter()
                .filter(|o| segment.is_none_or(|s| o.segment == s))
                .filter(|o| product_type.is_none_or(|p| o.product_type == p))
                .filter(|o| {
                    needle.is_empty()
                        || o.name.to_lowercase().contains(&needle)
                        || o.product_family.to_lowercase().contains(&needle)
                        || o.id.contains(&needle)
                })
                .map(|o| o.id.clone())
                .collect::<Vec<_>>()
        })
    });

    // Every offer's decision for this customer in one pass (not one desk search per card).
    let clock = use_app_clock();
    let decisions = Memo::new(move |_| {
        let today = clock.today();
        let id = customer_id.get();
        desk.with(|d| desk.with_catalog(|c| d.offer_decisions(&id, &c.offers, today)))
    });

    let on_add = Callback::new(move |offer_id: String| {
        if let Some(offer) = desk.with_catalog(|c| c.get(&offer_id).cloned()) {
            cart.add(&offer);
            reviewing.set(false);
        }
    });

    view! {
        <section class="discover" aria-labelledby="discover-title">
            <h2 id="discover-title">{tr!(i18n, selling.new.discover)}</h2>
            <div class="filters">
                <LabelledChoice
                    id="discover-segment"
                    label=|l| td_string!(l, selling.segment.label)
                    options=Segment::ALL.to_vec()
                    value=segment
                    empty=|l| td_string!(l, selling.segment.all)
                />
                <LabelledChoice
                    id="discover-product-type"
                    label=|l| td_string!(l, selling.product_type.label)
                    options=ProductType::all().to_vec()
                    value=product_type
                    empty=|l| td_string!(l, selling.product_type.all)
                />
                <div class="field field-grow">
                    <label for="discover-search">{tr!(i18n, selling.new.search)}</label>
                    <input
                        id="discover-search"
                        type="search"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <p class="muted" role="status">
                {move || {
                    let shown = numbers::count(i18n, visible.with(Vec::len));
                    Counted::OffersShown.text(i18n.get_locale(), total, &[("shown", &shown)])
                }}
            </p>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="empty">{tr!(i18n, selling.new.no_offers)}</p>
            </Show>
            <ul class="offer-list">
                <For
                    each=move || visible.get()
                    key=|id| id.clone()
                    children=move |id| view! { <OfferCard decisions=decisions offer_id=id cart=cart on_add=on_add /> }
                />
            </ul>
        </section>
    }
}

/// The offer's price: Microsoft's list prices (the partner's price and the estimated retail
/// price, per term and billing plan) in the catalog's currency, or the sample price, labelled
/// as such.
#[component]
fn OfferPrice(offer: Offer) -> impl IntoView {
    let i18n = use_i18n();
    let currency = use_desk().with_catalog(|c| c.currency.clone());
    if let Some(price) = offer.sample_price {
        return view! {
            <p class="offer-price">
                <span class="sample-tag">{tr!(i18n, selling.price.sample)}</span>
                " "
                {move || price_text(i18n, &price)}
            </p>
        }
        .into_any();
    }
    let lines = offer
        .list_prices
        .into_iter()
        .map(|p| {
            let currency = currency.clone();
            let text = move || {
                let l = i18n.get_locale();
                let price = numbers::money(l, p.unit.units(), &currency);
                let plan = td_string!(
                    l,
                    selling.price.plan,
                    term = p.term.name(l),
                    billing = p.billing.name(l)
                );
                match p.erp {
                    Some(erp) => {
                        let erp = numbers::money(l, erp.units(), &currency);
                        td_string!(
                            l,
                            selling.price.list_with_erp,
                            plan = plan,
                            price = price,
                            erp = erp
                        )
                        .to_string()
                    }
                    None => {
                        td_string!(l, selling.price.list, plan = plan, price = price).to_string()
                    }
                }
            };
            view! { <li data-testid="list-price">{text}</li> }
        })
        .collect_view();
    view! { <ul class="offer-price list-prices">{lines}</ul> }.into_any()
}

/// One offer: name, segment, product type, price, and whether this customer may buy it
/// here (the domain's decision) with the reasons when not.
#[component]
fn OfferCard(
    decisions: Memo<HashMap<String, Decision>>,
    offer_id: String,
    cart: CartState,
    on_add: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let Some(offer) = desk.with_catalog(|c| c.get(&offer_id).cloned()) else {
        return ().into_any();
    };
    let decision = {
        let id = offer.id.clone();
        Memo::new(move |_| decisions.with(|all| all.get(&id).cloned()))
    };
    let eligible = move || decision.with(|d| d.as_ref().is_some_and(Decision::is_allowed));
    let in_cart = {
        let id = offer.id.clone();
        move || {
            cart.items
                .with(|items| items.iter().any(|i| i.line.offer_id == id))
        }
    };
    let reason_id = format!("offer-reasons-{}", offer.id);
    let segment = offer.segment;
    // docs/RULES.md §4: a GCC offer's environment decides the reseller qualification needed.
    let environment = offer.environment();
    let product_type = offer.product_type;
    let add_id = offer.id.clone();
    view! {
        <li
            class="offer"
            class:blocked=move || !eligible()
            data-testid="offer"
            data-offer-id=offer.id.clone()
            data-segment=segment.value()
            data-gcc-environment=environment.map(|e| e.value())
            data-eligible=move || eligible().to_string()
        >
            <div class="offer-head">
                <h3 class="offer-name">{offer.name.clone()}</h3>
                <span class="offer-tags">
                    <span class=format!("segment-tag segment-{}", segment.value().to_lowercase())>
                        {move || segment.name(i18n.get_locale())}
                    </span>
                    {environment
                        .map(|e| {
                            view! {
                                <span class="segment-tag gcc-environment" data-testid="gcc-environment">
                                    {move || e.name(i18n.get_locale())}
                                </span>
                            }
                        })}
                </span>
            </div>
            <p class="offer-meta">
                <span>{offer.product_family.clone()}</span>
                " · "
                <span>{move || product_type.name(i18n.get_locale())}</span>
            </p>
            <OfferPrice offer=offer.clone() />
            <div class="offer-verdict">
                {move || {
                    if eligible() {
                        view! { <p class="verdict ok">{tr!(i18n, selling.new.eligible)}</p> }.into_any()
                    } else {
                        view! {
                            <div class="verdict bad" id=reason_id.clone()>
                                <p class="verdict-title">{tr!(i18n, selling.new.not_eligible)}</p>
                                <ul class="reasons">
                                    {decision
                                        .get()
                                        .map(|d| d.reasons().to_vec())
                                        .unwrap_or_default()
                                        .iter()
                                        .map(|r| {
                                            let r = r.clone();
                                            view! { <li class="reason">{move || reason_sentence(i18n, desk, &r)}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
            <div class="offer-actions">
                <button type="button" on:click=move |_| on_add.run(add_id.clone())>
                    {tr!(i18n, selling.new.add_to_cart)}
                </button>
                <Show when=in_cart.clone()>
                    <span class="in-cart">{tr!(i18n, selling.new.in_cart)}</span>
                </Show>
            </div>
        </li>
    }
    .into_any()
}

/// The cart: lines with seats, term and billing frequency, then the review ([`CartReview`]).
#[component]
fn CartPanel(
    customer_id: Memo<String>,
    cart: CartState,
    reviewing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let keys = Memo::new(move |_| {
        cart.items
            .with(|items| items.iter().map(|i| i.key).collect::<Vec<_>>())
    });
    let is_empty = move || cart.items.with(Vec::is_empty);
    view! {
        <aside class="cart" aria-labelledby="cart-title">
            <h2 id="cart-title">{tr!(i18n, selling.cart.title)}</h2>
            <Show when=is_empty>
                <p class="empty">{tr!(i18n, selling.cart.empty)}</p>
            </Show>
            <Show when=move || !reviewing.get()>
                <ol class="cart-lines">
                    <For
                        each=move || keys.get()
                        key=|k| *k
                        children=move |k| view! { <CartLineEditor key=k cart=cart /> }
                    />
                </ol>
                <Show when=move || !is_empty()>
                    <button type="button" class="primary" on:click=move |_| reviewing.set(true)>
                        {tr!(i18n, selling.cart.review)}
                    </button>
                </Show>
            </Show>
            <Show when=move || reviewing.get()>
                <CartReview customer_id=customer_id cart=cart reviewing=reviewing />
            </Show>
        </aside>
    }
}

/// Review: every line, every problem of every line (the domain's `check_cart`), and Submit,
/// which places the order when none remain.
#[component]
fn CartReview(
    customer_id: Memo<String>,
    cart: CartState,
    reviewing: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let clock = use_app_clock();
    let submit_error = RwSignal::new(None::<ActionError>);
    let check = Memo::new(move |_| {
        let cart = cart.cart();
        let today = clock.today();
        let id = customer_id.get();
        desk.with(|d| desk.with_catalog(|c| d.check_cart(c, &id, &cart, today)))
    });
    let submit = move |_| {
        let lines = cart.cart();
        let ids: Vec<String> = lines.lines.iter().map(|_| new_id()).collect();
        let id = customer_id.get_untracked();
        let result =
            desk.with_catalog(|c| desk.act(|d, ctx| d.place_order(ctx, c, &id, &lines, &ids)));
        match result {
            Ok(()) => {
                submit_error.set(None);
                cart.items.set(Vec::new());
                use_navigate()(
                    &format!("/customers/{id}/subscriptions"),
                    Default::default(),
                );
            }
            Err(err) => submit_error.set(Some(err)),
        }
    };
    view! {
        <section class="review" aria-labelledby="review-title" data-testid="cart-review">
            <h3 id="review-title">{tr!(i18n, selling.cart.review_title)}</h3>
            <ol class="review-lines">
                {move || {
                    cart.items
                        .get()
                        .into_iter()
                        .map(|item| {
                            let name = use_desk().offer_name(&item.line.offer_id);
                            let seats = item.line.seats;
                            let term = item.line.term;
                            let billing = item.line.billing;
                            view! {
                                <li>
                                    {move || {
                                        t_string!(i18n, selling.cart.line_summary, seats = seats, offer = name.clone())
                                            .to_string()
                                    }}
                                    " · "
                                    {move || term.name(i18n.get_locale())}
                                    " · "
                                    {move || billing.name(i18n.get_locale())}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            {move || {
                let decision = check.get();
                if decision.is_allowed() {
                    view! { <p class="verdict ok" role="status">{tr!(i18n, selling.cart.no_problems)}</p> }
                        .into_any()
                } else {
                    view! {
                        <div class="problems" role="alert" data-testid="cart-problems">
                            <p class="verdict-title">{tr!(i18n, selling.cart.problems)}</p>
                            <ul>
                                {decision
                                    .reasons()
                                    .iter()
                                    .map(|r| view! { <CartProblem reason=r.clone() /> })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                        .into_any()
                }
            }}
            <div class="cart-actions">
                <button type="button" on:click=move |_| reviewing.set(false)>
                    {tr!(i18n, selling.cart.edit)}
                </button>
                <button
                    type="button"
                    class="primary"
                    disabled=move || !check.with(Decision::is_allowed)
                    on:click=submit
                >
                    {tr!(i18n, selling.cart.submit)}
                </button>
            </div>
            <ActionErrorAlert
                id="cart-submit-error"
                error=submit_error
                heading=|l| td_string!(l, selling.cart.not_submitted)
            />
        </section>
    }
}

/// One problem of the review: "Line n: offer" and the reason's sentence.
#[component]
fn CartProblem(reason: Reason) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    match reason {
        Reason::CartLine {
            line,
            offer,
            reason,
        } => {
            let name = use_desk().offer_name(&offer);
            view! {
                <li class="reason">
                    <strong>
                        {move || t_string!(i18n, selling.cart.line, n = line + 1, offer = name.clone()).to_string()}
                    </strong>
                    " "
                    <span>{move || reason_sentence(i18n, desk, &reason)}</span>
                </li>
            }
            .into_any()
        }
        other => view! { <li class="reason">{move || reason_sentence(i18n, desk, &other)}</li> }
            .into_any(),
    }
}

/// One cart line: the offer, and its seats, term and billing frequency (the offer's choices).
#[component]
fn CartLineEditor(key: u64, cart: CartState) -> impl IntoView {
    let i18n = use_i18n();
    let desk = use_desk();
    let line = move || {
        cart.items
            .with(|items| items.iter().find(|i| i.key == key).map(|i| i.line.clone()))
    };
    let Some(initial) = line() else {
        return ().into_any();
    };
    let Some(offer) = desk.with_catalog(|c| c.get(&initial.offer_id).cloned()) else {
        return ().into_any();
    };
    let terms = offer.terms.clone();
    let billing = offer.billing.clone();
    let seats_value = move || line().map(|l| l.seats.to_string()).unwrap_or_default();
    let on_seats = move |ev| {
        let raw = event_target_value(&ev);
        // An unreadable number becomes 0, which the review reports as too few seats.
        let seats = raw.trim().parse::<u32>().unwrap_or(0);
        cart.update(key, |l| l.seats = seats);
    };
    view! {
        <li class="cart-line" data-testid="cart-line" data-offer-id=offer.id.clone()>
            <p class="cart-line-name">
                <strong>{offer.name.clone()}</strong>
                " "
                <span class=format!("segment-tag segment-{}", offer.segment.value().to_lowercase())>
                    {move || offer.segment.name(i18n.get_locale())}
                </span>
            </p>
            <div class="cart-line-fields">
                <label class="field">
                    <span>{tr!(i18n, selling.cart.seats)}</span>
                    <input
                        type="number"
                        min="1"
                        max=offer.max_seats.to_string()
                        inputmode="numeric"
                        prop:value=seats_value
                        on:input=on_seats
                    />
                </label>
                <CartLineChoice
                    id=format!("cart-line-{key}-term")
                    label=|l| td_string!(l, selling.cart.term)
                    options=terms
                    key
                    cart
                    read=|l| l.term
                    write=|l, term| l.term = term
                />
                <CartLineChoice
                    id=format!("cart-line-{key}-billing")
                    label=|l| td_string!(l, selling.cart.billing)
                    options=billing
                    key
                    cart
                    read=|l| l.billing
                    write=|l, billing| l.billing = billing
                />
                <button type="button" class="link-button" on:click=move |_| cart.remove(key)>
                    {tr!(i18n, selling.cart.remove)}
                </button>
            </div>
        </li>
    }
    .into_any()
}

/// One choice of a cart line (its term or its billing frequency): a labelled select of the
/// offer's `options` that shows `read` of the line and writes the user's choice with `write`.
#[component]
fn CartLineChoice<T: Named>(
    id: String,
    label: fn(Locale) -> &'static str,
    options: Vec<T>,
    key: u64,
    cart: CartState,
    read: fn(&CartLine) -> T,
    write: fn(&mut CartLine, T),
) -> impl IntoView {
    let i18n = use_i18n();
    let value = Signal::derive(move || {
        cart.items
            .with(|items| items.iter().find(|i| i.key == key).map(|i| read(&i.line)))
    });
    view! {
        <label class="field">
            <span>{move || label(i18n.get_locale())}</span>
            <NamedSelect
                id
                options
                value
                on_change=Callback::new(move |choice: Option<T>| {
                    if let Some(choice) = choice {
                        cart.update(key, |l| write(l, choice))
                    }
                })
            />
        </label>
    }
}
