// Microsoft's price list as the catalog (docs/RULES.md §9a): the Data page reads the compressed
// file Partner Center downloads, shows the dry run with the rows it will not sell and why, and
// replaces the catalog; Discover then shows the real SKUs with their prices and the right
// eligibility. A file that is not a price list is refused with what is missing.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixture.js";
import { actAs, addEducationCustomer, review, shots } from "./support/pages.js";

const FIXTURES = new URL("../fixtures/price-lists/", import.meta.url);
const LABEL = "Price list file (.zip or .csv)";

function file(name, mimeType) {
  return { name, mimeType, buffer: readFileSync(new URL(name, FIXTURES)) };
}

async function openData(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data");
}

test("a price list replaces the catalog: Discover shows its SKUs with prices and eligibility for an Education customer", async ({ page }) => {
  await page.goto("customers");
  await actAs(page, "Global admin");
  const school = await addEducationCustomer(page, "Fabrikam School", `fabrikamschool${Date.now().toString(36)}`);
  await review(page, school.name, "approve");

  await openData(page);
  await page.getByLabel(LABEL).setInputFiles(file("nce-license-based.zip", "application/zip"));
  const preview = page.getByTestId("price-list-preview");
  await expect(page.getByTestId("price-list-summary")).toHaveText("Offers in the new catalog: 7 (market US, prices in USD)");
  await expect(page.getByTestId("price-list-trials")).toContainText("Trials, kept apart");
  const refused = page.getByTestId("price-list-refused");
  await expect(refused.locator("tr").filter({ hasText: "CFQ7TTC0GRNT:0001" })).toContainText("A nonprofit SKU needs a commercial SKU");
  await expect(refused.locator("tr").filter({ hasText: "DZH318Z0BPS6:0001" })).toContainText("is not available for");
  // The broken row by its line, in words (not the CSV reader's English message).
  await expect(refused).toContainText("The row could not be read: the number of fields is 4, the header's is 20");
  await page.screenshot({ path: `${shots}/price-list-dry-run.png`, fullPage: true });
  await preview.getByRole("button", { name: "Replace the catalog" }).click();
  await expect(page.getByText("Catalog replaced. Offers: 7.")).toBeVisible();

  await page.goto(`customers/${school.id}/subscriptions/new`);
  const offer = (id) => page.locator(`[data-testid="offer"][data-offer-id="${id}"]`);
  await expect(page.getByTestId("offer")).toHaveCount(7);
  const faculty = offer("CFQ7TTC0LCHC:0005");
  await expect(faculty).toHaveAttribute("data-eligible", "true");
  await expect(faculty.getByTestId("list-price")).toContainText("$79.20 (ERP $99.00)");
  await expect(offer("CFQ7TTC0LH18:0001")).toHaveAttribute("data-eligible", "true");
  await expect(offer("CFQ7TTC0LCHC:0009")).toHaveAttribute("data-eligible", "false");
  await expect(offer("CFQ7TTC0LGZT:0003")).toHaveAttribute("data-eligible", "false");
  await page.screenshot({ path: `${shots}/price-list-discover.png`, fullPage: true });
});

test("a file that is not a price list is refused with the columns it lacks, and the catalog stays", async ({ page }) => {
  await page.goto("customers");
  await actAs(page, "Global admin");
  await openData(page);
  const customers = { name: "Customers.csv", mimeType: "text/csv", buffer: Buffer.from("Microsoft ID,Company name,Primary domain name,Relationship\r\n1,Contoso,contoso.onmicrosoft.com,Cloud Reseller\r\n") };
  await page.getByLabel(LABEL).setInputFiles(customers);
  await expect(page.locator("#price-list-error")).toContainText("This is not a price list: the columns ProductId, SkuId");
  await expect(page.getByTestId("price-list-preview")).toHaveCount(0);
});
