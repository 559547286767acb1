// Customers and qualifications from Partner Center (docs/RULES.md §11, docs/DATA-FORMAT.md):
// the Data page reads a file of Partner Center API resources, shows the dry run and merges it;
// the customer then appears in the list with its qualification status. A hostile file is
// refused with what is wrong, and the desk stays as it was.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixture.js";
import { actAs, addEducationCustomer, shots } from "./support/pages.js";

const FIXTURES = new URL("../fixtures/partner-center/", import.meta.url);
const LABEL = "Partner Center file (JSON or Customers.csv)";

function fixture(name) {
  return { name, mimeType: name.endsWith(".csv") ? "text/csv" : "application/json", buffer: readFileSync(new URL(name, FIXTURES)) };
}

async function openData(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data");
}

async function openCustomers(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
}

test("a customers file from Partner Center is merged: the customer is listed with its qualification status", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  await actAs(page, "Global admin");
  await openData(page);
  await page.getByLabel(LABEL).setInputFiles(fixture("customers.json"));
  const preview = page.getByTestId("pc-import-preview");
  await expect(preview).toContainText("new customers 2");
  await expect(page.getByTestId("pc-import-new")).toContainText("Contoso University (contosouniversity.onmicrosoft.com)");
  await page.screenshot({ path: `${shots}/partner-center-dry-run.png`, fullPage: true });
  await page.getByRole("button", { name: "Merge into the desk" }).click();
  await expect(page.getByTestId("pc-import-status")).toHaveText("Merged: new customers 2, updated 0, GCC validation codes 2.");

  await openCustomers(page);
  const row = page.getByTestId("customer-row").filter({ hasText: "Contoso University" });
  await expect(row).toContainText("contosouniversity.onmicrosoft.com");
  await expect(row).toContainText("Denied");
  // Partner Center gave no count of requests used: the list says it is a lower bound.
  await expect(row).toContainText("at least");
  await row.getByRole("link", { name: "Contoso University" }).click();
  const qualifications = page.getByRole("region", { name: "Special qualifications" });
  await expect(qualifications).toContainText("Denied");
  await expect(qualifications).toContainText("Not an Education Customer");
  await expect(page.getByTestId("requests-not-known")).toContainText("at least this many were used");

  // The same file again updates nothing and adds no second Contoso.
  await openData(page);
  await page.getByLabel(LABEL).setInputFiles(fixture("customers.json"));
  await expect(page.getByTestId("pc-import-preview")).toContainText("new customers 0, updated 0, unchanged 2");
  await expect(page.getByRole("button", { name: "Merge into the desk" })).toBeDisabled();
});

test("a hostile Partner Center file is refused with a clear message and the customers list is unchanged", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  await actAs(page, "Global admin");
  await openData(page);
  await page.getByLabel(LABEL).setInputFiles(fixture("Customers.csv"));
  await expect(page.getByTestId("pc-import-preview")).toBeVisible();
  // Tailspin is not on the desk and Customers.csv has no address: refused, with the reason.
  await expect(page.getByTestId("pc-import-refused").filter({ hasText: "Customers.csv, line 3" })).toContainText("no address");
  await expect(page.getByTestId("pc-import-refused").filter({ hasText: "line 4" })).toContainText("could not be read: the number of fields is 6, the header's is 5");
  await page.getByRole("button", { name: "Cancel" }).last().click();
  await openCustomers(page);
  const before = await page.getByTestId("customer-row").count();

  await openData(page);
  await page.getByLabel(LABEL).setInputFiles(fixture("hostile-deep.json"));
  await expect(page.locator("#pc-import-error")).toHaveText(
    "The file is nested more than 16 levels deep; Partner Center's resources are not. Nothing was merged.",
  );
  await expect(page.getByTestId("pc-import-preview")).toHaveCount(0);
  await page.getByLabel(LABEL).setInputFiles({ name: "customers.json", mimeType: "application/json", buffer: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) });
  await expect(page.locator("#pc-import-error")).toHaveText("The file is not text (UTF-8). Nothing was merged.");
  await page.screenshot({ path: `${shots}/partner-center-hostile.png`, fullPage: true });
  await openCustomers(page);
  await expect(page.getByTestId("customer-row")).toHaveCount(before);
});

test("a request made on the desk is downloaded as the body Partner Center's API takes", async ({ page }, testInfo) => {
  await page.goto("customers");
  await actAs(page, "Global admin");
  const school = await addEducationCustomer(page, "Northwind Academy", `northwind${Date.now().toString(36)}`);
  await openData(page);
  await expect(page.getByTestId("pc-requests-count")).toHaveText("Waiting: 1");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the requests (JSON)" }).click();
  const path = testInfo.outputPath("requests.json");
  await (await download).saveAs(path);
  const file = JSON.parse(readFileSync(path, "utf8"));
  expect(file.requests).toHaveLength(1);
  expect(file.requests[0]).toMatchObject({ companyName: "Northwind Academy", deskCustomerId: school.id });
  expect(file.requests[0].body).toMatchObject({ qualification: "Education" });
  expect(file.requests[0].body.educationSegment).toBeTruthy();
});
