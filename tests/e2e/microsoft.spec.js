// Microsoft (simulated), Partner settings and Audit log, as a partner user meets them.
import { test, expect } from "./support/fixture.js";
import { actAs, addCustomer, setAppDate, shots, subscribe } from "./support/pages.js";

test("the app clock is set and advanced, by business days too, and kept after a reload", async ({ page }) => {
  await page.goto("microsoft");
  await expect(page.getByRole("note")).toContainText("Simulation");
  // 2025-03-07 is a Friday: one business day later is Monday.
  await setAppDate(page, "2025-03-07");
  await expect(page.getByRole("status").filter({ hasText: "Today on the app clock" })).toContainText("7 Mar 2025 (Friday)");
  await page.getByRole("button", { name: "+1 business day" }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("10 Mar 2025");
  await page.getByRole("button", { name: "+1 day", exact: true }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("11 Mar 2025");
  await page.getByRole("button", { name: "+30 days" }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("10 Apr 2025");
  await page.getByRole("button", { name: "+90 days" }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("9 Jul 2025");
  await expect(page.getByLabel("App date", { exact: true })).toHaveValue("2025-07-09");
  // A Saturday + 1 business day is Monday as well.
  await setAppDate(page, "2025-03-08");
  await page.getByRole("button", { name: "+1 business day" }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("10 Mar 2025");
  await page.reload();
  await expect(page.getByTestId("app-clock")).toHaveText("10 Mar 2025");
  await page.screenshot({ path: `${shots}/microsoft-en-clock.png`, fullPage: true });
});

test("partner settings are refused for a Sales agent, and a Global admin's settings persist across reload", async ({ page }) => {
  await page.goto("partner-settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner settings");
  const type = page.getByLabel("Partner type");
  await expect(type).toHaveValue("DirectBill");
  // Sales agent (the default role) may not change the legal profile: refused next to the control.
  await type.selectOption({ label: "Indirect provider" });
  const typeField = page.locator(".field").filter({ has: type });
  await expect(typeField.getByRole("alert")).toBeVisible();
  // On the local desk the role is the header's switch, and the refusal says so.
  await expect(page.locator(".ps-role")).toContainText("Switch the acting role if you are one.");
  await expect(type).toHaveValue("DirectBill");
  await expect(type).toHaveAttribute("aria-invalid", "true");
  // Refused: the box goes back to the stored state.
  await page.getByLabel("GCC Moderate").click();
  await expect(page.getByRole("group", { name: "Reseller qualifications" }).getByRole("alert")).toBeVisible();
  await expect(page.getByLabel("GCC Moderate")).not.toBeChecked();
  await page.screenshot({ path: `${shots}/partner-en-refused.png`, fullPage: true });

  await actAs(page, "Global admin");
  await type.selectOption({ label: "Indirect provider" });
  await expect(typeField.getByRole("alert")).toHaveCount(0);
  await page.getByLabel("Country/region").selectOption({ label: "Sweden (SE)" });
  await page.getByLabel("GCC Moderate").check();
  await expect(page.getByText("By invitation only")).toBeVisible();
  await page.getByLabel("Validation code").fill("GCC-100");
  await page.getByLabel("Organization name").fill("Contoso Government");
  await page.getByLabel("Maximum uses").fill("5");
  await page.getByRole("button", { name: "Add validation code" }).click();
  await expect(page.getByTestId("gcc-code-row")).toHaveCount(1);
  // The same code twice is refused next to the code field.
  await page.getByLabel("Validation code").fill("GCC-100");
  await page.getByLabel("Maximum uses").fill("3");
  await page.getByRole("button", { name: "Add validation code" }).click();
  await expect(page.getByLabel("Validation code")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("gcc-code-row")).toHaveCount(1);

  await page.reload();
  await expect(page.getByLabel("Partner type")).toHaveValue("IndirectProvider");
  await expect(page.getByLabel("Country/region")).toHaveValue("SE");
  await expect(page.getByLabel("GCC Moderate")).toBeChecked();
  await expect(page.getByLabel("GCC High and DoD")).not.toBeChecked();
  const row = page.getByTestId("gcc-code-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("GCC-100");
  await expect(row.getByTestId("max-creates")).toHaveText("5");
  await expect(row.getByTestId("remaining-creates")).toHaveText("5");
  await page.screenshot({ path: `${shots}/partner-en.png`, fullPage: true });
});

test("the audit log shows a partner change with role, app date and before → after", async ({ page }) => {
  await setAppDate(page, "2025-05-02");
  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("Partner type").selectOption({ label: "Indirect reseller" });
  await page.getByLabel("GCC High and DoD").check();
  await page.goto("audit-log");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  // Newest first.
  await expect(rows.nth(0)).toContainText("Reseller qualifications changed");
  await expect(rows.nth(0).getByTestId("audit-before-after")).toHaveText("None → GCC High and DoD");
  const typeRow = rows.nth(1);
  await expect(typeRow.getByTestId("audit-role")).toHaveText("Global admin");
  await expect(typeRow).toContainText("2 May 2025");
  await expect(typeRow.getByTestId("audit-entity")).toHaveText("Partner profile");
  await expect(typeRow.getByTestId("audit-what")).toHaveText("Partner type changed");
  await expect(typeRow.getByTestId("audit-before-after")).toHaveText("Direct-bill partner → Indirect reseller");
  await page.screenshot({ path: `${shots}/audit-en-partner.png`, fullPage: true });
});

test("the review queue approves one Education request and denies another with a vetting reason", async ({ page }) => {
  await setAppDate(page, "2025-03-07");
  const approved = await addCustomer(page, { name: "Fabrikam Academy", prefix: "fabrikamacademy", education: true });
  await addCustomer(page, { name: "Northwind Museum", prefix: "northwindmuseum", education: true });
  await addCustomer(page, { name: "Tailspin Toys", prefix: "tailspintoys" });

  await page.goto("microsoft");
  const items = page.getByTestId("review-item");
  await expect(items).toHaveCount(2);
  const fabrikam = items.filter({ hasText: "Fabrikam Academy" });
  // Submitted on a Friday: expected within 3 business days, by Wednesday.
  await expect(fabrikam).toContainText("In review since 7 Mar 2025, expected by 12 Mar 2025");
  await expect(fabrikam).toContainText("K-12");
  await expect(fabrikam).toContainText("fabrikamacademy.edu");
  const northwind = items.filter({ hasText: "Northwind Museum" });
  await expect(northwind.getByLabel("Vetting reason").locator("option")).toHaveCount(7);
  await page.screenshot({ path: `${shots}/microsoft-en-queue.png`, fullPage: true });

  await fabrikam.getByRole("button", { name: "Approve" }).click();
  await expect(items).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Education approved" })).toContainText("Fabrikam Academy");
  await northwind.getByLabel("Vetting reason").selectOption({ label: "Not an eligible Museum" });
  await northwind.getByRole("button", { name: "Deny" }).click();
  await expect(items).toHaveCount(0);
  await expect(page.getByText("No Education request is in review.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Education denied" })).toContainText("Not an eligible Museum");

  // The decisions are in the audit log, filtered by customer.
  await page.goto("audit-log");
  await page.getByLabel("Customer").selectOption({ label: "Northwind Museum" });
  const rows = page.getByTestId("audit-row");
  await expect(rows.first().getByTestId("audit-what")).toHaveText("Education review decided");
  await expect(rows.first().getByTestId("audit-before-after")).toHaveText("In review → Denied: Not an eligible Museum");
  await expect(rows.first().getByTestId("audit-role")).toHaveText("Sales agent, as Microsoft (simulated)");
  await expect(rows.filter({ hasText: "Fabrikam" })).toHaveCount(0);
  await page.getByLabel("Customer").selectOption({ label: "Fabrikam Academy" });
  await expect(rows.first().getByTestId("audit-before-after")).toHaveText("In review → Approved");
  await page.screenshot({ path: `${shots}/audit-en-customer.png`, fullPage: true });
  await page.goto(`customers/${approved.id}`);
  await expect(page.getByText("Approved").first()).toBeVisible();
});

test("the nonprofit programme registers a customer, gives notice, and the clock removes it after 90 days; the subscription it stopped renewing expires at its term end", async ({ page }) => {
  await setAppDate(page, "2025-01-10");
  const { id } = await addCustomer(page, { name: "Litware Relief", prefix: "litwarerelief" });
  await page.goto("microsoft");
  await page.getByLabel("Customer to register").selectOption({ label: "Litware Relief" });
  await page.getByRole("button", { name: "Register as nonprofit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "registered" })).toContainText("Litware Relief is registered");
  // Registered customers are no longer offered for registration.
  await expect(page.getByLabel("Customer to register").locator("option", { hasText: "Litware Relief" })).toHaveCount(0);

  // A one-year nonprofit subscription, renewing on 2026-01-10.
  await subscribe(page, id, "m365-business-premium-npo", "1 year");
  const row = page.getByTestId("subscription-row");
  await expect(row.locator(".dates")).toContainText("Renews on 10 Jan 2026");

  await page.goto("microsoft");
  await page.getByLabel("Customer to review").selectOption({ label: "Litware Relief" });
  await page.getByRole("button", { name: "Send notice: no longer eligible" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Notice sent" })).toContainText("removed on 10 Apr 2025");
  await expect(page.getByTestId("nonprofit-notice")).toContainText("removal on 10 Apr 2025");
  await page.screenshot({ path: `${shots}/microsoft-en-nonprofit.png`, fullPage: true });

  await page.getByRole("button", { name: "+90 days" }).click();
  await expect(page.getByTestId("app-clock")).toHaveText("10 Apr 2025");
  await expect(page.getByTestId("nonprofit-notice")).toHaveCount(0);
  await page.goto("audit-log");
  const removal = page.getByTestId("audit-row").filter({ hasText: "Nonprofit qualification removed" });
  await expect(removal.getByTestId("audit-role")).toHaveText("Microsoft (simulated): app clock");
  await expect(removal).toContainText("Litware Relief");

  // The removal switched auto-renew off: the subscription now ends at its term end…
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row.locator(".dates")).toContainText("Ends on 10 Jan 2026");
  await expect(row.getByTestId("subscription-status")).toHaveText("Active");
  await setAppDate(page, "2026-01-09");
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row.getByTestId("subscription-status")).toHaveText("Active");
  // …and once the clock passes it, it has expired.
  await setAppDate(page, "2026-01-10");
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row.getByTestId("subscription-status")).toHaveText("Expired on 10 Jan 2026");
  await expect(row.locator(".dates")).toContainText("Ends on 10 Jan 2026");
  await expect(row.getByRole("button", { name: "Cancel subscription" })).toHaveCount(0);
  await page.goto("audit-log");
  const expiry = page.getByTestId("audit-row").first();
  await expect(expiry.getByTestId("audit-role")).toHaveText("Microsoft (simulated): app clock");
  await expect(expiry.getByTestId("audit-what")).toHaveText("Subscription expired: auto-renew was off");
  await expect(expiry.getByTestId("audit-before-after")).toHaveText("Ends on 10 Jan 2026 → Expired on 10 Jan 2026");
});

test("Microsoft finds a nonprofit customer eligible again within the notice: the notice is lifted, nothing is removed, audited", async ({ page }) => {
  await setAppDate(page, "2025-01-10");
  const { id } = await addCustomer(page, { name: "Northwind Food Bank" });
  await page.goto("microsoft");
  await page.getByLabel("Customer to register").selectOption({ label: "Northwind Food Bank" });
  await page.getByRole("button", { name: "Register as nonprofit" }).click();
  await page.getByLabel("Customer to review").selectOption({ label: "Northwind Food Bank" });
  await page.getByRole("button", { name: "Send notice: no longer eligible" }).click();
  await expect(page.getByTestId("nonprofit-notice")).toContainText("removal on 10 Apr 2025");

  // During the notice the customer's page says what the customer can do.
  await page.goto(`customers/${id}`);
  const banner = page.getByTestId("nonprofit-notice-banner");
  await expect(banner).toContainText("The qualification is removed on 10 Apr 2025.");
  await expect(banner).toContainText("dispute the finding through Microsoft support");
  await expect(banner).toContainText("consider the commercial equivalents");

  await page.goto("microsoft");
  await page.getByRole("button", { name: "+30 days" }).click();
  await expect(page.getByTestId("app-clock")).toHaveAttribute("datetime", "2025-02-09");
  const notice = page.getByTestId("nonprofit-notice").filter({ hasText: "Northwind Food Bank" });
  await notice.getByRole("button", { name: "Eligible again: lift the notice" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Notice lifted" })).toContainText("Northwind Food Bank stays a nonprofit");
  await expect(page.getByTestId("nonprofit-notice")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/microsoft-en-notice-lifted.png`, fullPage: true });

  // Past the 90 days: nothing is removed.
  await page.getByRole("button", { name: "+90 days" }).click();
  await expect(page.getByTestId("app-clock")).toHaveAttribute("datetime", "2025-05-10");
  await page.goto(`customers/${id}`);
  await expect(page.getByTestId("nonprofit-notice-banner")).toHaveCount(0);
  await expect(page.locator(".qualification-list")).toContainText("Nonprofit");
  await page.goto("audit-log");
  const lifted = page.getByTestId("audit-row").first();
  await expect(lifted.getByTestId("audit-what")).toHaveText("Nonprofit periodic review: eligible again, notice lifted, nothing removed");
  await expect(lifted.getByTestId("audit-role")).toContainText("as Microsoft (simulated)");
  await expect(lifted).toContainText("Northwind Food Bank");
  await expect(page.getByTestId("audit-row").filter({ hasText: "Nonprofit qualification removed" })).toHaveCount(0);
});

test("a subscription with auto-renew on renews when the clock passes its term end: 'Renews on' moves a term on, audited", async ({ page }) => {
  await setAppDate(page, "2025-01-10");
  const { id } = await addCustomer(page, { name: "Fabrikam Bakery" });
  await subscribe(page, id, "m365-business-premium", "1 month");
  const row = page.getByTestId("subscription-row");
  await expect(row.locator(".dates")).toContainText("Renews on 10 Feb 2025");
  await setAppDate(page, "2025-02-09");
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row.locator(".dates")).toContainText("Renews on 10 Feb 2025");
  await page.goto("microsoft");
  await page.getByRole("button", { name: "+1 day" }).click();
  await expect(page.getByTestId("app-clock")).toHaveAttribute("datetime", "2025-02-10");
  await page.goto(`customers/${id}/subscriptions`);
  await expect(row.locator(".dates")).toContainText("Renews on 10 Mar 2025");
  await expect(row.getByTestId("subscription-status")).toHaveText("Active");
  await expect(row.getByLabel("Auto-renew")).toBeChecked();
  await page.screenshot({ path: `${shots}/microsoft-en-renewed.png`, fullPage: true });
  await page.goto("audit-log");
  const renewal = page.getByTestId("audit-row").first();
  await expect(renewal.getByTestId("audit-role")).toHaveText("Microsoft (simulated): app clock");
  await expect(renewal.getByTestId("audit-what")).toHaveText("Subscription renewed by the app clock");
  await expect(renewal.getByTestId("audit-before-after")).toHaveText("Renews on 10 Feb 2025 → Renews on 10 Mar 2025");
  await expect(renewal).toContainText("Fabrikam Bakery");
});

test("GCC without a partner GCC qualification is refused; with one and a code it is accepted and the code's remaining creates drops by one", async ({ page }) => {
  const { id } = await addCustomer(page, { name: "Contoso County", prefix: "contosocounty" });
  const account = `customers/${id}`;
  let gcc = page.getByRole("group", { name: "Government Community Cloud" });
  await gcc.getByRole("button", { name: "Request GCC" }).click();
  // Refused, with the reason next to the button: no partner GCC qualification, no code.
  await expect(gcc.getByRole("alert")).toBeVisible();
  await expect(gcc.getByRole("alert")).toContainText(/\S/);
  await page.screenshot({ path: `${shots}/partner-en-gcc-refused.png`, fullPage: true });

  await actAs(page, "Global admin");
  await page.goto("partner-settings");
  await page.getByLabel("GCC Moderate").check();
  await page.getByLabel("Validation code").fill("GCC-200");
  await page.getByLabel("Organization name").fill("Contoso County");
  await page.getByLabel("Maximum uses").fill("5");
  await page.getByRole("button", { name: "Add validation code" }).click();
  await expect(page.getByTestId("gcc-code-row").getByTestId("remaining-creates")).toHaveText("5");

  await page.goto(account);
  gcc = page.getByRole("group", { name: "Government Community Cloud" });
  await gcc.getByLabel("GCC validation code").selectOption("GCC-200");
  await gcc.getByRole("button", { name: "Request GCC" }).click();
  await expect(gcc.getByRole("status")).toBeVisible();
  await expect(gcc.getByRole("alert")).toHaveCount(0);

  await page.goto("partner-settings");
  await expect(page.getByTestId("gcc-code-row").getByTestId("remaining-creates")).toHaveText("4");
  await page.goto("audit-log");
  const used = page.getByTestId("audit-row").filter({ hasText: "GCC validation code GCC-200 used" });
  await expect(used.getByTestId("audit-before-after")).toHaveText("5 uses left → 4 uses left");
});

test("the three pages in Swedish", async ({ page }) => {
  await page.goto("microsoft");
  await actAs(page, "Global admin");
  await page.getByLabel("Language").selectOption({ label: "Svenska" });
  await page.goto("partner-settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partnerinställningar");
  await page.getByLabel("Partnertyp").selectOption({ label: "Indirekt återförsäljare" });
  await page.getByLabel("Valideringskod").fill("GCC-300");
  await page.getByLabel("Organisationsnamn").fill("Kommunen");
  await page.getByLabel("Högsta antal användningar").fill("2");
  await page.getByRole("button", { name: "Lägg till valideringskod" }).click();
  await expect(page.getByTestId("gcc-code-row")).toHaveCount(1);
  await page.screenshot({ path: `${shots}/partner-sv.png`, fullPage: true });
  await page.goto("microsoft");
  await expect(page.getByRole("button", { name: "+1 arbetsdag" })).toBeVisible();
  await expect(page.getByRole("note")).toBeVisible();
  await page.screenshot({ path: `${shots}/microsoft-sv.png`, fullPage: true });
  await page.goto("audit-log");
  const first = page.getByTestId("audit-row").first();
  await expect(first.getByTestId("audit-what")).toContainText("GCC-valideringskod GCC-300 tillagd");
  await expect(page.getByTestId("audit-row").nth(1).getByTestId("audit-before-after")).toHaveText("Direktfaktureringspartner → Indirekt återförsäljare");
  await page.screenshot({ path: `${shots}/audit-sv.png`, fullPage: true });
});

test("the audit log renders the newest 200 entries and shows more on request", async ({ page }) => {
  await page.goto("partner-settings");
  await actAs(page, "Global admin");
  const type = page.getByLabel("Partner type");
  const labels = ["Indirect provider", "Direct-bill partner"];
  for (let i = 0; i < 205; i++) {
    await type.selectOption({ label: labels[i % 2] });
  }
  await expect(type).toHaveValue("IndirectProvider");
  await page.goto("audit-log");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(200);
  await expect(page.getByText("Showing the newest 200 of 205 entries.")).toBeVisible();
  await expect(rows.first().getByTestId("audit-before-after")).toHaveText("Direct-bill partner → Indirect provider");
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(rows).toHaveCount(205);
  await expect(page.getByRole("button", { name: "Show more" })).toHaveCount(0);
});
