// Page helpers shared by the end-to-end specs: what a partner user does on more than one page,
// done as a user would (labels, button names, data-testid hooks). Helpers one spec needs stay in it.
import { mkdirSync } from "node:fs";
import { expect } from "./fixture.js";

/** Where the specs' screenshots go (created on import). */
export const shots = "target/screenshots";
mkdirSync(shots, { recursive: true });

let unique = 0;

/** Picks the acting role in the header. */
export async function actAs(page, role) {
  await page.getByLabel("Acting as").selectOption({ label: role });
}

/** The app clock's date (header, data-testid="app-clock") as YYYY-MM-DD. */
export async function appToday(page) {
  return (await page.getByTestId("app-clock").getAttribute("datetime")) ?? "";
}

/** A YYYY-MM-DD date as the English UI shows it ("2 Dec 2026"); data (CSV, JSON, inputs,
 *  `<time datetime>`) keeps the ISO date. */
export function shownDate(iso) {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

/** Sets the app clock on the Microsoft (simulated) page. */
export async function setAppDate(page, date) {
  await page.goto("microsoft");
  await page.getByLabel("App date", { exact: true }).fill(date);
  await page.getByRole("button", { name: "Set date" }).click();
  await expect(page.getByTestId("app-clock")).toHaveAttribute("datetime", date);
}

/** Fills the open Add customer form with valid data for a US customer (Education, K-12, when
 *  `education`); `email` replaces the company's address it@<prefix>.edu. */
export async function fillCustomer(page, { name, prefix, education = false, email = `it@${prefix}.edu` }) {
  await page.getByLabel("Special qualifications").selectOption({ label: education ? "Education" : "None" });
  await page.getByLabel("Company name").fill(name);
  await page.getByLabel("Country/region").selectOption({ label: "United States" });
  await page.getByLabel("Address line 1").fill("1 School Road");
  await page.getByLabel("City").fill("Redmond");
  await page.getByLabel("State/province").selectOption({ label: "Washington" });
  await page.getByLabel("Postal code").fill("98052");
  await page.getByLabel("Email address", { exact: true }).fill(email);
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Contact email").fill(`ada@${prefix}.edu`);
  await page.getByLabel("Phone number").fill("+1 425 555 0100");
  await page.getByLabel("Primary domain name").fill(prefix);
  if (education) {
    await page.getByLabel("Education segment").selectOption({ label: "K-12" });
    await page.getByLabel("Education website").fill(`https://www.${prefix}.edu`);
  }
}

/** Adds a customer through Add customer, Review and Submit, ending on its account page; without
 *  a `prefix`, a domain prefix unique in the test is made from the name. Returns `{ id, name, prefix }`. */
export async function addCustomer(page, { name, prefix, education = false }) {
  unique += 1;
  prefix ??= `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}${Date.now().toString(36)}${unique}`.slice(0, 27);
  await page.goto("customers/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add customer" })).toBeVisible();
  await fillCustomer(page, { name, prefix, education });
  await page.getByRole("button", { name: "Next: Review" }).click();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return { id: new URL(page.url()).pathname.split("/").pop(), name, prefix };
}

/** Adds an Education (K-12) customer with valid data; returns `{ id, name, prefix }`. */
export async function addEducationCustomer(page, name, prefix) {
  return addCustomer(page, { name, prefix, education: true });
}

/** Opens Microsoft (simulated) from the main navigation, where `name` has one review item; with a
 *  decision ("approve" or a vetting reason to deny with) decides it and sees it leave the queue. */
export async function review(page, name, decision) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Microsoft (simulated)" }).click();
  const item = page.getByTestId("review-item").filter({ hasText: name });
  await expect(item).toHaveCount(1);
  if (!decision) return;
  if (decision === "approve") {
    await item.getByRole("button", { name: "Approve" }).click();
  } else {
    await item.getByLabel("Vetting reason").selectOption({ label: decision });
    await item.getByRole("button", { name: "Deny" }).click();
  }
  await expect(page.getByTestId("review-item").filter({ hasText: name })).toHaveCount(0);
}

/** Buys `offerId` for the customer `id` on the term named `term` ("1 month", "1 year"), through
 *  Discover, the cart and its review; ends on the customer's subscriptions. */
export async function subscribe(page, id, offerId, term) {
  await page.goto(`customers/${id}/subscriptions/new`);
  await page.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`).getByRole("button", { name: "Add to cart" }).click();
  await page.locator(`[data-testid="cart-line"][data-offer-id="${offerId}"]`).getByLabel("Term").selectOption({ label: term });
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("cart-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}/subscriptions$`));
}
