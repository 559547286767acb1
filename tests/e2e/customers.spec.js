// Customers, Add customer and Customer account, as a new partner user meets them: inputs are
// reached through their labels, buttons by their names.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixture.js";
import { actAs, addEducationCustomer, appToday, fillCustomer, review, shots, shownDate } from "./support/pages.js";

/** `iso` plus `n` business days (Saturday and Sunday skipped), as YYYY-MM-DD. */
function addBusinessDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

test("an Education customer: refused at the field, fixed, reviewed, submitted, approved", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  await expect(page.getByText("No customers yet")).toBeVisible();
  await page.screenshot({ path: `${shots}/customers-list-empty.png`, fullPage: true });

  await page.getByRole("link", { name: "Add customer" }).first().click();
  await expect(page).toHaveURL(/\/customers\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add customer");
  await fillCustomer(page, { name: "Contoso High School", prefix: "contosohs", education: true, email: "contoso.school@gmail.com" });

  // A free-mail address is refused for Education, at the field, saying what to fix.
  const email = page.getByLabel("Email address", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  const message = page.locator(`#${await email.getAttribute("aria-describedby")}`);
  await expect(message).toContainText("gmail.com");
  await expect(message).toBeVisible();
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fix the marked fields" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Review" })).toHaveCount(0);
  await expect(email).toBeFocused();
  await page.screenshot({ path: `${shots}/customers-add-error.png`, fullPage: true });

  await email.fill("it@contosohs.edu");
  await expect(email).toHaveAttribute("aria-invalid", "false");
  await expect(message).not.toContainText("gmail.com");

  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(page.getByText("contosohs.onmicrosoft.com")).toBeVisible();
  await page.screenshot({ path: `${shots}/customers-add-review.png`, fullPage: true });

  // Back keeps everything; then on to submit.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Company name")).toHaveValue("Contoso High School");
  await expect(page.getByLabel("Education segment")).toHaveValue("K12");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await page.getByRole("button", { name: "Submit" }).click();

  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contoso High School");
  const today = await appToday(page);
  const expected = addBusinessDays(today, 3);
  const education = page.locator('[data-qualification="Education"]');
  await expect(education).toContainText("In review");
  await expect(education).toContainText(`since ${shownDate(today)}`);
  await expect(education).toContainText(`expected by ${shownDate(expected)}`);
  // Only the accepted submission counts: the refused one used no request.
  await expect(page.getByTestId("requests-used")).toHaveText("1 of 3 verification requests used");
  await expect(page.getByRole("main").getByRole("link", { name: "Subscriptions", exact: true })).toHaveAttribute("href", /\/customers\/[0-9a-f-]{36}\/subscriptions$/);
  await expect(page.getByRole("main").getByRole("link", { name: "New subscription" })).toHaveAttribute("href", /\/subscriptions\/new$/);
  await page.screenshot({ path: `${shots}/customers-account-in-review.png`, fullPage: true });
  const account = page.url();

  await review(page, "Contoso High School", "approve");
  await page.goto(account);
  await page.reload();
  await expect(page.locator('[data-qualification="Education"]')).toContainText("Approved");
  await expect(page.getByTestId("requests-used")).toHaveText("1 of 3 verification requests used");
  await page.screenshot({ path: `${shots}/customers-account-approved.png`, fullPage: true });

  // The list shows the customer with its qualification; filters and the export follow.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  const rows = page.getByTestId("customer-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Education (Approved)");
  await page.getByLabel("Verification status").selectOption({ label: "Denied" });
  await expect(rows).toHaveCount(0);
  await page.getByLabel("Verification status").selectOption({ label: "Approved" });
  await page.getByLabel("Search").fill("contosohs.onmicrosoft");
  await expect(rows).toHaveCount(1);
  await page.screenshot({ path: `${shots}/customers-list-rows.png`, fullPage: true });
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`customers-${today}.csv`);
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv).toContain("Special qualifications");
  expect(csv).toContain("Contoso High School,contosohs.onmicrosoft.com,US,it@contosohs.edu,Education (Approved)");

  await rows.first().getByRole("link", { name: "Contoso High School" }).click();
  await expect(page).toHaveURL(account);
});

test("deny, correct as Global admin and resubmit until the third request; the fourth is refused", async ({ page }) => {
  const name = "Fabrikam Academy";
  const { id } = await addEducationCustomer(page, name, "fabrikamacademy");
  const account = `customers/${id}`;
  const used = page.getByTestId("requests-used");
  await expect(used).toHaveText("1 of 3 verification requests used");

  await review(page, name, "Not an Academic Domain");
  await page.goto(account);
  const education = page.locator('[data-qualification="Education"]');
  await expect(education).toContainText("Denied");
  await expect(education).toContainText("Not an Academic Domain");
  await page.screenshot({ path: `${shots}/customers-account-denied.png`, fullPage: true });

  // A Sales agent may not correct the account information: the domain says why.
  await actAs(page, "Sales agent");
  await page.getByRole("button", { name: "Correct information and resubmit" }).click();
  await expect(page.getByTestId("request-checklist")).toContainText("Global admin");
  await page.getByLabel("Company name").fill("Fabrikam Academy of Science");
  await page.getByRole("button", { name: "Resubmit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Global admin" })).toBeVisible();
  await expect(used).toHaveText("1 of 3 verification requests used");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.screenshot({ path: `${shots}/customers-account-correct-refused.png`, fullPage: true });
  await page.getByRole("button", { name: "Cancel" }).click();

  // As Global admin: correct and resubmit, twice, each time denied again.
  await actAs(page, "Global admin");
  for (const [n, newName] of [[2, "Fabrikam Academy North"], [3, "Fabrikam Academy South"]]) {
    await page.getByRole("button", { name: "Correct information and resubmit" }).click();
    await expect(page.getByTestId("request-checklist")).toContainText("Nothing would fail");
    await page.getByLabel("Company name").fill(newName);
    await page.getByLabel("Education website").fill(`https://www.fabrikam${n}.edu`);
    await page.getByRole("button", { name: "Resubmit" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(newName);
    await expect(page.locator('[data-qualification="Education"]')).toContainText("In review");
    await expect(used).toHaveText(`${n} of 3 verification requests used`);
    await review(page, newName, "Not an Education Customer");
    await page.goto(account);
    await expect(page.locator('[data-qualification="Education"]')).toContainText("Denied");
  }

  // The fourth is refused with the reason, before anything is sent.
  await page.getByRole("button", { name: "Correct information and resubmit" }).click();
  const checklist = page.getByTestId("request-checklist");
  await expect(checklist).toContainText("3 of 3");
  await page.getByLabel("Company name").fill("Fabrikam Academy West");
  await page.getByRole("button", { name: "Resubmit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "3 of 3" })).toBeVisible();
  await expect(used).toHaveText("3 of 3 verification requests used");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fabrikam Academy South");
  await page.reload();
  await expect(page.locator('[data-qualification="Education"]')).toContainText("Denied");
  await expect(used).toHaveText("3 of 3 verification requests used");
});

test("a draft of Add customer survives leaving the page", async ({ page }) => {
  await page.goto("customers/new");
  await page.getByLabel("Company name").fill("Northwind Traders");
  await page.getByLabel("City").fill("Oslo");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name: "Add customer" }).first().click();
  await expect(page.getByLabel("Company name")).toHaveValue("Northwind Traders");
  await expect(page.getByLabel("City")).toHaveValue("Oslo");
  await page.reload();
  await expect(page.getByLabel("Company name")).toHaveValue("Northwind Traders");
});

test("Swedish on the customer pages", async ({ page }) => {
  await page.goto("customers");
  await page.getByLabel("Language").selectOption({ label: "Svenska" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await page.getByRole("link", { name: "Lägg till kund" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lägg till kund");
  await page.getByLabel("Specialkvalifikationer").selectOption({ label: "Utbildning" });
  await expect(page.getByLabel("Företagsnamn")).toBeVisible();
  await expect(page.getByLabel("Utbildningssegment")).toBeVisible();
  await page.getByLabel("E-postadress", { exact: true }).fill("skola@gmail.com");
  await expect(page.getByLabel("E-postadress", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: "Nästa: Granska" })).toBeVisible();
  await page.screenshot({ path: `${shots}/customers-sv-add.png`, fullPage: true });
});

test("Add customer: a US Education customer without a state is refused with the state error; a Polish postal code says its form", async ({ page }) => {
  await page.goto("customers/new");
  await fillCustomer(page, { name: "Fabrikam Academy", prefix: "fabrikamacademy", education: true });
  const state = page.getByLabel("State/province");
  await state.selectOption({ index: 0 });
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fix the marked fields" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Review" })).toHaveCount(0);
  await expect(state).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await state.getAttribute("aria-describedby")}`)).toHaveText(
    "A state or province is required for an address in US: enter it.",
  );

  await page.getByLabel("Country/region").selectOption({ label: "Poland" });
  const postal = page.getByLabel("Postal code");
  await postal.fill("00950");
  await expect(postal).toHaveAttribute("aria-invalid", "true");
  const postalMessage = page.locator(`#${await postal.getAttribute("aria-describedby")}`);
  await expect(postalMessage).toHaveText("Postal codes in PL are written NN-NNN, where N is a digit.");
  await postal.fill("00-950");
  await expect(postal).toHaveAttribute("aria-invalid", "false");
  await expect(postalMessage).toHaveText("");
  await page.screenshot({ path: `${shots}/customers-add-address.png`, fullPage: true });
});

test("Add customer: a Polish customer of a direct-bill partner needs the company registration ID", async ({ page }) => {
  await page.goto("customers/new");
  await fillCustomer(page, { name: "Fabrikam Szkoła", prefix: "fabrikamszkola" });
  await page.getByLabel("Country/region").selectOption({ label: "Poland" });
  await page.getByLabel("State/province").fill("Małopolskie");
  await page.getByLabel("Postal code").fill("31-004");
  const id = page.getByLabel("Company registration ID");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("heading", { name: "Review" })).toHaveCount(0);
  await expect(id).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await id.getAttribute("aria-describedby")}`)).toContainText(
    "A company registration ID is required for customers in PL",
  );
  await id.fill("0000012345");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
  await expect(page.getByText("0000012345")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fabrikam Szkoła");
  await expect(page.locator(".company-info")).toContainText("0000012345");
});

test("a customer without special qualification requests state-owned entity; the list filters and sorts", async ({ page }) => {
  await page.goto("customers/new");
  await expect(page.getByLabel("Education segment")).toHaveCount(0);
  await page.getByLabel("Company name").fill("Alpine Utilities");
  await page.getByLabel("Country/region").selectOption({ label: "Sweden" });
  await page.getByLabel("Address line 1").fill("Storgatan 1");
  await page.getByLabel("City").fill("Stockholm");
  await page.getByLabel("Postal code").fill("111 22");
  await page.getByLabel("Email address", { exact: true }).fill("info@gmail.com");
  // Without Education a free-mail address is only a warning.
  await expect(page.getByLabel("Email address", { exact: true })).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByText("Warning:")).toBeVisible();
  await page.getByLabel("First name").fill("Bo");
  await page.getByLabel("Last name").fill("Ek");
  await page.getByLabel("Contact email").fill("bo@alpine.se");
  await page.getByLabel("Primary domain name").fill("alpineutilities");
  await page.getByRole("button", { name: "Next: Review" }).click();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alpine Utilities");
  await expect(page.getByTestId("requests-used")).toHaveText("0 of 3 verification requests used");
  // State-owned entity: refused until the user confirms Microsoft's criteria; then granted,
  // with who confirmed it and when.
  await expect(page.getByTestId("request-checklist")).toContainText("State-owned entities must meet Microsoft's eligibility criteria");
  await page.getByRole("button", { name: "Request state-owned entity" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "confirm that the customer meets them" })).toBeVisible();
  await expect(page.getByTestId("requests-used")).toHaveText("0 of 3 verification requests used");
  await expect(page.locator('[data-qualification="StateOwnedEntity"]')).toHaveCount(0);
  await page.getByLabel("The customer meets Microsoft's criteria for state-owned entities").check();
  await expect(page.getByTestId("request-checklist")).toContainText("Nothing would fail");
  await page.getByRole("button", { name: "Request state-owned entity" }).click();
  const soe = page.locator('[data-qualification="StateOwnedEntity"]');
  await expect(soe).toContainText("State-owned entity");
  const today = await appToday(page);
  await expect(soe).toContainText(`Criteria confirmed by Sales agent on ${today}`);
  await expect(page.getByTestId("requests-used")).toHaveText("1 of 3 verification requests used");
  // Requesting it again is refused with the reason and uses nothing.
  await page.getByRole("button", { name: "Request state-owned entity" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already holds" })).toBeVisible();
  await expect(page.getByTestId("requests-used")).toHaveText("1 of 3 verification requests used");
  await page.goto("audit-log");
  await page.getByLabel("Customer").selectOption({ label: "Alpine Utilities" });
  const requested = page.getByTestId("audit-row").filter({ hasText: "State-owned entity requested" });
  await expect(requested).toHaveCount(1);
  await expect(requested.getByTestId("audit-before-after")).toContainText(`Held (criteria confirmed by Sales agent on ${today})`);

  await addEducationCustomer(page, "Bellows College", "bellowscollege");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  const rows = page.getByTestId("customer-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("Alpine Utilities");
  await page.getByLabel("Sort by").selectOption({ label: "Name Z–A" });
  await expect(rows.nth(0)).toContainText("Bellows College");
  await page.getByLabel("Qualification").selectOption({ label: "State-owned entity" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Alpine Utilities");
  await page.getByLabel("Qualification").selectOption({ label: "All" });
  await page.getByLabel("Verification status").selectOption({ label: "In review" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Education (In review)");
  await page.getByLabel("Verification status").selectOption({ label: "All" });
  await page.getByLabel("Search").fill("nothing like this");
  await expect(rows).toHaveCount(0);
  await expect(page.getByText("No customer matches")).toBeVisible();
  await page.getByLabel("Search").fill("");
  await page.screenshot({ path: `${shots}/customers-list-two-rows.png`, fullPage: true });
});
