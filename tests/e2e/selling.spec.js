// Selling under the purchase rules: Discover, cart, checkout, subscriptions, nonprofit effects,
// what-if. Every customer is set up through the UI as a user would (Add customer, account
// requests, Partner settings, Microsoft (simulated)).
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixture.js";
import { actAs, addCustomer, appToday, review, setAppDate, shots, shownDate, subscribe } from "./support/pages.js";

// The catalog's data (ids, segments, product types) — not the app's decisions.
const catalog = JSON.parse(readFileSync(new URL("../../src/domain/catalog.json", import.meta.url), "utf8"));
const offers = catalog.offers.map((o) => ({
  id: o.id,
  segment: o.segment,
  productType: o.product_type,
  // docs/RULES.md §4: absent means Moderate.
  gccEnvironment: o.segment === "GovernmentCommunityCloud" ? (o.gcc_environment ?? "Moderate") : undefined,
}));
const SPECIAL_PRODUCT_TYPES = ["LicenseBased", "PerpetualSoftware"];

// The purchase matrix of the seed (docs/RULES.md, S2): what each row of qualifications may buy.
const MATRIX = {
  None: ["Commercial"],
  Nonprofit: ["Commercial", "Nonprofit"],
  Education: ["Commercial", "Education"],
  "Nonprofit+Education": ["Commercial", "Education", "Nonprofit"],
  GCC: ["GovernmentCommunityCloud"],
  SOE: ["Commercial"],
  "Education+SOE": ["Commercial", "Education"],
  "SOE+GCC": ["GovernmentCommunityCloud"],
};

/** Expected eligibility of an offer for a matrix row, for a direct-bill partner with the GCC
 *  Moderate reseller qualification only: the row allows the segment, special segments only for
 *  license-based services and perpetual software, and GCC offers only in the Moderate
 *  environment (docs/RULES.md §4). */
function expectedEligible(row, offer) {
  const segmentOk = MATRIX[row].includes(offer.segment);
  const productOk = offer.segment === "Commercial" || SPECIAL_PRODUCT_TYPES.includes(offer.productType);
  const environmentOk = offer.segment !== "GovernmentCommunityCloud" || offer.gccEnvironment === "Moderate";
  return segmentOk && productOk && environmentOk;
}

/** Picks the option of a select whose text contains `text`. */
async function selectOptionContaining(select, text) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value);
}

/** Microsoft (simulated) registers the customer in the nonprofit programme. */
async function registerNonprofit(page, name) {
  await page.goto("microsoft");
  await selectOptionContaining(page.getByLabel("Customer to register"), name);
  await page.getByRole("button", { name: "Register as nonprofit" }).click();
}

/** Partner settings: GCC Moderate and a validation code (as Global admin). */
async function enableGcc(page, code) {
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  const moderate = page.getByLabel("GCC Moderate");
  if (!(await moderate.isChecked())) await moderate.check();
  await page.getByLabel("Validation code", { exact: true }).fill(code);
  await page.getByLabel("Organization name").fill("Contoso Government");
  await page.getByLabel("Maximum uses").fill("10");
  await page.getByRole("button", { name: "Add validation code" }).click();
  await expect(page.getByTestId("gcc-code-row").filter({ hasText: code })).toBeVisible();
  await actAs(page, "Sales agent");
}

async function requestGcc(page, id, code) {
  await page.goto(`customers/${id}`);
  await selectOptionContaining(page.getByLabel("GCC validation code"), code);
  await page.getByRole("button", { name: "Request GCC" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
}

async function requestSoe(page, id) {
  await page.goto(`customers/${id}`);
  await page.getByLabel("The customer meets Microsoft's criteria for state-owned entities").check();
  await page.getByRole("button", { name: "Request state-owned entity" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
}

async function openDiscover(page, id) {
  await page.goto(`customers/${id}/subscriptions/new`);
  await expect(page.getByRole("heading", { level: 1, name: "New subscription" })).toBeVisible();
  await expect(page.getByTestId("offer")).toHaveCount(offers.length);
}

/** Every offer's hooks in Discover: { id: { segment, eligible } }. */
async function discoverState(page) {
  return page.getByTestId("offer").evaluateAll((els) =>
    Object.fromEntries(
      els.map((el) => [el.dataset.offerId, { segment: el.dataset.segment, eligible: el.dataset.eligible }]),
    ),
  );
}

/** Adds offers to the cart, reviews and submits; back on the customer's subscriptions. */
async function buy(page, id, offerIds) {
  await openDiscover(page, id);
  for (const offerId of offerIds) {
    await page.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`).getByRole("button", { name: "Add to cart" }).click();
  }
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("cart-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${id}/subscriptions$`));
  await expect(page.getByTestId("subscription-row")).toHaveCount(offerIds.length);
}

/** Checkout refuses an ineligible line: the review names it with the reason the offer shows. */
async function expectCheckoutRefuses(page, offerId) {
  const card = page.locator(`[data-testid="offer"][data-offer-id="${offerId}"]`);
  await expect(card).toHaveAttribute("data-eligible", "false");
  const reason = (await card.locator(".reason").first().innerText()).trim();
  expect(reason.length).toBeGreaterThan(10);
  await card.getByRole("button", { name: "Add to cart" }).click();
  await page.getByRole("button", { name: "Review" }).click();
  const problems = page.getByTestId("cart-problems");
  await expect(problems).toHaveAttribute("role", "alert");
  await expect(problems).toContainText(reason);
  await expect(page.getByRole("button", { name: "Submit" })).toBeDisabled();
  return reason;
}

test("the purchase matrix, row by row, in Discover and at checkout", async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto("customers");
  const code = "246810";
  await enableGcc(page, code);

  const ids = {};
  ids.None = (await addCustomer(page, { name: "Tailspin Toys" })).id;
  ids.Nonprofit = (await addCustomer(page, { name: "Helping Hands Foundation" })).id;
  await registerNonprofit(page, "Helping Hands Foundation");
  ids.Education = (await addCustomer(page, { name: "Lakeside School", education: true })).id;
  await review(page, "Lakeside School", "approve");
  ids["Nonprofit+Education"] = (await addCustomer(page, { name: "Riverside Learning Trust", education: true })).id;
  await review(page, "Riverside Learning Trust", "approve");
  await registerNonprofit(page, "Riverside Learning Trust");
  ids.GCC = (await addCustomer(page, { name: "County Water Authority" })).id;
  await requestGcc(page, ids.GCC, code);
  ids.SOE = (await addCustomer(page, { name: "National Rail Company" })).id;
  await requestSoe(page, ids.SOE);
  ids["Education+SOE"] = (await addCustomer(page, { name: "State University Of Testland", education: true })).id;
  await review(page, "State University Of Testland", "approve");
  await requestSoe(page, ids["Education+SOE"]);
  ids["SOE+GCC"] = (await addCustomer(page, { name: "Municipal Power Agency" })).id;
  await requestSoe(page, ids["SOE+GCC"]);
  await requestGcc(page, ids["SOE+GCC"], code);

  for (const row of Object.keys(MATRIX)) {
    await openDiscover(page, ids[row]);
    const seen = await discoverState(page);
    const expected = Object.fromEntries(
      offers.map((o) => [o.id, { segment: o.segment, eligible: String(expectedEligible(row, o)) }]),
    );
    expect(seen, `Discover for ${row}`).toEqual(expected);
    if (row === "Education") {
      // Eligible Education offers next to blocked Nonprofit ones, with their reasons.
      await page.locator('[data-offer-id="minecraft-education-edu"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/selling-discover.png` });
    }
    // Checkout refuses an ineligible line with its reason.
    const blocked = offers.find((o) => !expectedEligible(row, o));
    await expectCheckoutRefuses(page, blocked.id);
    if (row === "None") {
      await page.getByTestId("cart-problems").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/selling-cart-problems.png` });
    }
  }
});

test("an indirect reseller goes through its provider; Azure and software subscriptions stay Commercial", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("customers");
  const { id } = await addCustomer(page, { name: "Harbor Charity Network" });
  await registerNonprofit(page, "Harbor Charity Network");
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("Partner type").selectOption({ label: "Indirect reseller" });
  await actAs(page, "Sales agent");

  await openDiscover(page, id);
  const seen = await discoverState(page);
  for (const o of offers) {
    const card = page.locator(`[data-testid="offer"][data-offer-id="${o.id}"]`);
    if (o.segment === "Commercial") {
      expect(seen[o.id].eligible, o.id).toBe("true");
    } else {
      expect(seen[o.id].eligible, o.id).toBe("false");
      if (o.segment === "Nonprofit") {
        // The customer qualifies: the only reason is the reseller's path through its provider.
        await expect(card.locator(".reason")).toHaveCount(1);
        await expect(card.locator(".reason")).toContainText(/provider/i);
      }
    }
  }
  // Azure and software-subscription offers never appear under a special segment.
  for (const segment of ["Education", "Nonprofit", "Government Community Cloud"]) {
    await page.getByLabel("Segment", { exact: true }).selectOption({ label: segment });
    for (const type of ["Azure", "Software subscription"]) {
      await page.getByLabel("Product type").selectOption({ label: type });
      await expect(page.getByTestId("offer")).toHaveCount(0);
    }
  }
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Commercial" });
  await page.getByLabel("Product type").selectOption({ label: "Azure" });
  await expect(page.getByTestId("offer")).toHaveCount(offers.filter((o) => o.productType === "Azure").length);
  for (const o of offers.filter((o) => ["Azure", "SoftwareSubscription"].includes(o.productType))) {
    expect(o.segment).toBe("Commercial");
  }
});

/** A nonprofit customer with a seat-based nonprofit subscription, a second nonprofit one and a
 *  commercial one. */
async function nonprofitWithSubscriptions(page, name) {
  // A fixed start: the removal 90 days later (2025-08-30) comes before the monthly terms'
  // third end (2025-09-01), so the subscriptions are still running after it (docs/RULES.md §7).
  await setAppDate(page, "2025-06-01");
  const { id } = await addCustomer(page, { name });
  await registerNonprofit(page, name);
  await buy(page, id, ["m365-business-premium-npo", "intune-plan-1-npo", "m365-e3"]);
  return id;
}

/** Microsoft (simulated): notice for the customer, then the clock +90 days. */
async function noticeAndNinetyDays(page, name) {
  await page.goto("microsoft");
  await selectOptionContaining(page.getByLabel("Customer to review"), name);
  await page.getByRole("button", { name: "Send notice: no longer eligible" }).click();
  await page.getByRole("button", { name: "+90 days" }).click();
}

/** Per subscription row: auto-renew checked/disabled and whether an equivalent is proposed. */
async function rowStates(page, expectedRows = 3) {
  const rows = page.getByTestId("subscription-row");
  await expect(rows).toHaveCount(expectedRows);
  const out = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const box = row.getByLabel("Auto-renew");
    out[await row.getAttribute("data-subscription-id")] = {
      offer: await row.getAttribute("data-offer-id"),
      autoRenew: await box.isChecked(),
      locked: await box.isDisabled(),
      equivalent: await row.getByRole("link", { name: "Add the commercial equivalent" }).count(),
    };
  }
  return out;
}

test("an indirect reseller cannot tag a customer GCC: refused with the reason, the code keeps its creates", async ({ page }) => {
  await page.goto("customers");
  await enableGcc(page, "135790");
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("Partner type").selectOption({ label: "Indirect reseller" });
  await actAs(page, "Sales agent");
  const { id } = await addCustomer(page, { name: "Bay County Clerk" });
  // The checklist says so before anything is tried.
  await expect(page.getByTestId("request-checklist")).toContainText("Indirect resellers go through their indirect provider for special offers");
  const gcc = page.getByRole("group", { name: "Government Community Cloud" });
  await selectOptionContaining(gcc.getByLabel("GCC validation code"), "135790");
  await gcc.getByRole("button", { name: "Request GCC" }).click();
  await expect(gcc.getByRole("alert")).toContainText("Indirect resellers go through their indirect provider for special offers");
  await expect(gcc.getByRole("status")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/selling-gcc-indirect-reseller.png`, fullPage: true });
  // Nothing consumed: the code still has all 10 creates, the customer no qualification.
  await page.goto("partner-settings");
  await expect(page.getByTestId("gcc-code-row").filter({ hasText: "135790" }).getByTestId("remaining-creates")).toHaveText("10");
  await page.goto(`customers/${id}`);
  await expect(page.getByText("No special qualification. Request one below.")).toBeVisible();
});

test("GCC Moderate, High and DoD offers: each needs its reseller qualification, and Discover says which is missing", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("customers");
  await enableGcc(page, "864200");
  const { id } = await addCustomer(page, { name: "Fort Liberty Garrison" });
  await requestGcc(page, id, "864200");
  const gccOffers = offers.filter((o) => o.segment === "GovernmentCommunityCloud");
  expect(new Set(gccOffers.map((o) => o.gccEnvironment))).toEqual(new Set(["Moderate", "High", "DoD"]));

  // GCC Moderate only: Moderate offers, not High or DoD, each naming the missing qualification.
  await openDiscover(page, id);
  await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Government Community Cloud" });
  for (const o of gccOffers) {
    const card = page.locator(`[data-testid="offer"][data-offer-id="${o.id}"]`);
    await expect(card).toHaveAttribute("data-gcc-environment", o.gccEnvironment);
    if (o.gccEnvironment === "Moderate") {
      await expect(card).toHaveAttribute("data-eligible", "true");
    } else {
      await expect(card).toHaveAttribute("data-eligible", "false");
      await expect(card.locator(".reason")).toHaveCount(1);
      await expect(card.locator(".reason")).toContainText(
        `${o.gccEnvironment === "High" ? "GCC High" : "DoD"} offers need your GCC High and DoD reseller qualification`,
      );
    }
  }
  await expect(page.locator('[data-offer-id="m365-g5-gcc-high"]').getByTestId("gcc-environment")).toHaveText("GCC High");
  await page.locator('[data-offer-id="m365-g5-gcc-high"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/selling-gcc-environments.png` });

  // GCC High and DoD instead: the other way round.
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("GCC Moderate").uncheck();
  await page.getByLabel("GCC High and DoD").check();
  await actAs(page, "Sales agent");
  await openDiscover(page, id);
  for (const o of gccOffers) {
    const card = page.locator(`[data-testid="offer"][data-offer-id="${o.id}"]`);
    await expect(card).toHaveAttribute("data-eligible", String(o.gccEnvironment !== "Moderate"));
    if (o.gccEnvironment === "Moderate") {
      await expect(card.locator(".reason")).toContainText("GCC Moderate offers need your GCC Moderate reseller qualification");
    }
  }
});

test("nonprofit notice, 90 days, removal: purchase blocked, auto-renew locked off, equivalent offered", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("customers");
  const name = "Greenfield Community Aid";
  const id = await nonprofitWithSubscriptions(page, name);
  const before = await rowStates(page);
  expect(Object.values(before).every((r) => r.autoRenew && !r.locked && r.equivalent === 0)).toBe(true);

  await noticeAndNinetyDays(page, name);

  // New nonprofit purchases are blocked, with the reason; Commercial still sells.
  await openDiscover(page, id);
  const seen = await discoverState(page);
  for (const o of offers) expect(seen[o.id].eligible, o.id).toBe(String(MATRIX.None.includes(o.segment)));
  await expectCheckoutRefuses(page, "m365-business-premium-npo");

  await page.goto(`customers/${id}/subscriptions`);
  await expect(page.getByRole("heading", { level: 1, name: "Subscriptions" })).toBeVisible();
  const after = await rowStates(page);
  for (const r of Object.values(after)) {
    if (r.offer.endsWith("-npo")) {
      expect(r).toMatchObject({ autoRenew: false, locked: true, equivalent: 1 });
    } else {
      expect(r).toMatchObject({ autoRenew: true, locked: false, equivalent: 0 });
    }
  }
  const npoRow = page.locator('[data-testid="subscription-row"][data-offer-id="m365-business-premium-npo"]');
  await expect(npoRow.locator(".locked-note .reason")).not.toHaveText("");
  await page.screenshot({ path: `${shots}/selling-subscriptions.png`, fullPage: true });

  // CSV export: named with the app-clock date, one line per subscription with its state.
  const appDate = await appToday(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^subscriptions-[a-z0-9]+-${appDate}\\.csv$`));
  const csv = readFileSync(await download.path(), "utf8").trim().split(/\r?\n/);
  expect(csv[0]).toContain("Proposed commercial equivalent");
  expect(csv).toHaveLength(4);
  expect(csv.find((l) => l.includes("m365-business-premium-npo"))).toContain(",No,Active,m365-business-premium");

  // The proposed commercial equivalent goes into a cart.
  await npoRow.getByRole("link", { name: "Add the commercial equivalent" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New subscription" })).toBeVisible();
  await expect(page.locator('[data-testid="cart-line"][data-offer-id="m365-business-premium"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("cart-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.locator('[data-testid="subscription-row"][data-offer-id="m365-business-premium"]')).toHaveCount(1);
});

test("the what-if for 'Nonprofit removed' lists exactly the subscriptions the removal then changes", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("customers");
  const name = "Oakwood Youth Charity";
  const id = await nonprofitWithSubscriptions(page, name);
  await page.goto(`customers/${id}/subscriptions`);
  const before = await rowStates(page);

  await page.goto(`customers/${id}`);
  await page.getByLabel("Qualification change").selectOption({ label: "Nonprofit removed" });
  const preview = page.getByTestId("what-if-preview");
  await expect(preview).toBeVisible();
  const previewed = await preview
    .getByTestId("what-if-subscription")
    .evaluateAll((els) => els.map((el) => el.dataset.subscriptionId).sort());
  await expect(preview.getByTestId("what-if-offers-lost")).toContainText("Microsoft 365 Business Premium");
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/selling-what-if.png`, fullPage: true });

  // The preview changed nothing.
  await page.goto(`customers/${id}/subscriptions`);
  expect(await rowStates(page)).toEqual(before);

  await noticeAndNinetyDays(page, name);
  await page.goto(`customers/${id}/subscriptions`);
  const after = await rowStates(page);
  const changed = Object.keys(after)
    .filter((sub) => JSON.stringify(after[sub]) !== JSON.stringify(before[sub]))
    .sort();
  expect(previewed.length).toBeGreaterThan(0);
  expect(previewed).toEqual(changed);

  // Across customers: the same rows under "Subscriptions", found by the company name.
  await page.goto("subscriptions");
  await expect(page.getByRole("heading", { level: 1, name: "Subscriptions" })).toBeVisible();
  await page.getByLabel("Search").fill(name);
  await expect(page.getByTestId("subscription-row")).toHaveCount(3);
  await expect(page.getByTestId("subscription-row").getByRole("link", { name: "Add the commercial equivalent" })).toHaveCount(2);
  await page.screenshot({ path: `${shots}/selling-subscriptions-all.png` });
});

test("the what-if 'Nonprofit removed' announces the auto-renew switch-off on a subscription already ineligible, and the removal then does it", async ({ page }) => {
  test.setTimeout(120_000);
  await setAppDate(page, "2025-06-01");
  const name = "Maple Street Shelter";
  const { id } = await addCustomer(page, { name });
  await registerNonprofit(page, name);
  await subscribe(page, id, "m365-business-premium-npo", "1 year");
  // The partner becomes an indirect reseller: the nonprofit offer is already ineligible for the
  // customer (an indirect reseller goes through its provider), yet the subscription still renews.
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("Partner type").selectOption({ label: "Indirect reseller" });
  await actAs(page, "Sales agent");
  await openDiscover(page, id);
  await expect(page.locator('[data-testid="offer"][data-offer-id="m365-business-premium-npo"]')).toHaveAttribute("data-eligible", "false");
  await page.goto(`customers/${id}/subscriptions`);
  const row = page.getByTestId("subscription-row");
  await expect(row.getByLabel("Auto-renew")).toBeChecked();
  // Auto-renew is on, but the term end will end it: the table says so.
  await expect(row.locator(".dates")).toContainText("Ends on 1 Jun 2026");

  // Removing Nonprofit changes nothing about that offer's eligibility, and still the preview
  // lists the switch-off the removal makes.
  await page.goto(`customers/${id}`);
  await page.getByLabel("Qualification change").selectOption({ label: "Nonprofit removed" });
  const item = page.getByTestId("what-if-preview").getByTestId("what-if-subscription");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Auto-renew switched off and locked");
  await expect(item).toContainText("commercial equivalent proposed: Microsoft 365 Business Premium");
  await page.getByTestId("what-if-preview").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/selling-what-if-already-ineligible.png`, fullPage: true });
  const previewed = await item.getAttribute("data-subscription-id");

  await noticeAndNinetyDays(page, name);
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row).toHaveAttribute("data-subscription-id", previewed);
  await expect(row.getByLabel("Auto-renew")).not.toBeChecked();
  await expect(row.getByLabel("Auto-renew")).toBeDisabled();
  await expect(row.getByRole("link", { name: "Add the commercial equivalent" })).toHaveCount(1);
  await expect(row.locator(".dates")).toContainText("Ends on 1 Jun 2026");
});

test("cancelling a subscription asks first: Escape and 'Keep it' keep it, 'Yes, cancel it' cancels it for good", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("customers");
  const { id } = await addCustomer(page, { name: "Birchwood Plumbing" });
  await buy(page, id, ["m365-business-premium"]);
  const row = page.getByTestId("subscription-row");
  const cancel = row.getByRole("button", { name: "Cancel subscription" });
  const question = row.getByRole("group", { name: "Cancel Microsoft 365 Business Premium? It ends today and cannot be undone." });
  const keep = question.getByRole("button", { name: "Keep it" });

  // Asked, with the safe answer focused; Escape keeps it and gives the focus back.
  await cancel.click();
  await expect(question).toBeVisible();
  await expect(keep).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(cancel).toBeFocused();
  await expect(row).not.toHaveClass(/cancelled/);

  // From the keyboard: Enter asks, Enter on the focused "Keep it" keeps it.
  await page.keyboard.press("Enter");
  await expect(keep).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(question).toHaveCount(0);
  await expect(row).toContainText("Active");

  // Confirmed: cancelled as of the app clock's date, focus on that status (the controls are
  // gone), and so it stays after a reload.
  const appDate = await appToday(page);
  await cancel.click();
  await question.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(row).toHaveClass(/cancelled/);
  await expect(row.getByTestId("subscription-status")).toHaveText(`Canceled on ${shownDate(appDate)}`);
  await expect(row.getByTestId("subscription-status")).toBeFocused();
  await expect(cancel).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("subscription-row")).toContainText(`Canceled on ${shownDate(appDate)}`);
});
