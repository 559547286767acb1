// The app shell as a new user meets it: navigation, deep links, reload, language.
import { test, expect } from "./support/fixture.js";
import { shots } from "./support/pages.js";

const pages = [
  { link: "Customers", path: "customers", heading: "Customers" },
  { link: "Subscriptions", path: "subscriptions", heading: "Subscriptions" },
  { link: "Partner settings", path: "partner-settings", heading: "Partner settings" },
  { link: "Microsoft (simulated)", path: "microsoft", heading: "Microsoft (simulated)" },
  { link: "Audit log", path: "audit-log", heading: "Audit log" },
  { link: "Data", path: "data", heading: "Data" },
];

test("the root opens Customers and every nav link leads to its page", async ({ page }) => {
  await page.goto("./");
  await expect(page).toHaveURL(/\/segment-desk\/customers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const p of pages) {
    await nav.getByRole("link", { name: p.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/segment-desk/${p.path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(p.heading);
    await expect(nav.getByRole("link", { name: p.link, exact: true })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: `${shots}/shell-en-${p.path}.png`, fullPage: true });
  }
});

test("a deep link opens directly and survives a reload", async ({ page }) => {
  await page.goto("audit-log");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.goto("no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to Customers" }).click();
  await expect(page).toHaveURL(/\/segment-desk\/customers$/);
});

test("the Microsoft area is labelled as a simulation", async ({ page }) => {
  await page.goto("microsoft");
  await expect(page.getByRole("note")).toContainText("Simulation");
});

test("switching to Swedish translates the shell and is kept after a reload", async ({ page }) => {
  await page.goto("customers");
  await page.getByLabel("Language").selectOption({ label: "Svenska" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await expect(page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Partnerinställningar" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await page.screenshot({ path: `${shots}/shell-sv-customers.png`, fullPage: true });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kunder");
  await page.getByLabel("Språk").selectOption({ label: "Polski" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Klienci");
  await page.getByLabel("Język").selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
});

test("the acting role is chosen in the header and kept", async ({ page }) => {
  await page.goto("customers");
  const role = page.getByLabel("Acting as");
  await expect(role).toHaveValue("SalesAgent");
  await role.selectOption({ label: "Global admin" });
  await page.reload();
  await expect(page.getByLabel("Acting as")).toHaveValue("GlobalAdmin");
});
