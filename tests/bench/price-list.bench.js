// The price-list half of `make bench` (issue budgets in docs/PERFORMANCE.md): a new-commerce
// license-based price list of 30,000 rows, generated here in Microsoft's documented columns, is
// chosen on the Data page; the app marks the file chosen → its dry run painted
// (`sd:price-list-read`, src/ui/components/price_list_import.rs) and the catalog's replace
// (`sd:catalog-replace`). Then the stored catalog's size is read from localStorage. Figures go
// to target/bench/price-list.json for scripts/bench-report.mjs; none is asserted.
import { test, expect } from "@playwright/test";
import { RUNS, figureSet } from "./figures.js";

const { figures, record, save } = figureSet("target/bench/price-list.json");

const HEADER =
  "ProductTitle,ProductId,SkuId,SkuTitle,Publisher,SkuDescription,UnitOfMeasure,TermDuration,BillingPlan,Market,Currency,UnitPrice,PricingTierRangeMin,PricingTierRangeMax,EffectiveStartDate,EffectiveEndDate,EndofSaleDate,Tags,ERP Price,Segment";

/** Each SKU's rows: the term and billing plans a license-based SKU is sold with. */
const PLANS = [
  ["P1Y", "Annual", 1],
  ["P1Y", "Monthly", 1 / 12],
  ["P1M", "Monthly", 1.2 / 12],
  ["P3Y", "Triennial", 3],
  ["P3Y", "Annual", 1],
];
/** Each product's SKUs, as Microsoft's lists have them: commercial, education, charity, GCC. */
const SKUS = [
  ["0001", "", "Commercial", 1],
  ["0002", " for faculty", "Education", 0.4],
  ["0003", " (Nonprofit Staff Pricing)", "Charity", 0.25],
  ["0004", " GCC", "Government", 0.9],
];

/** A price list of `products` × 4 SKUs × 5 plans rows (1,500 products: 30,000 rows), with the
 *  byte-order mark, CRLF line ends and quoted commas that Partner Center's files have. */
function priceList(products) {
  const lines = ["\uFEFF" + HEADER];
  for (let p = 0; p < products; p++) {
    const id = `CFQ7TTC${p.toString(36).toUpperCase().padStart(5, "0")}`;
    const title = `Microsoft 365 Plan ${p}`;
    const annual = 60 + (p % 40) * 3;
    for (const [sku, suffix, segment, factor] of SKUS) {
      for (const [term, billing, share] of PLANS) {
        const price = (annual * factor * share).toFixed(2);
        const erp = (annual * factor * share * 1.25).toFixed(2);
        lines.push(
          `${title},${id},${sku},${title}${suffix},Microsoft Corporation,"Email, files, and meetings for plan ${p}.",,${term},${billing},US,USD,${price},,,10/1/2021 0:00,11/30/9999 23:59,,License,${erp},${segment}`,
        );
      }
    }
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}

/** The duration of the newest `performance` measure named `name`. */
async function lastMeasure(page, name) {
  await expect.poll(() => page.evaluate((n) => performance.getEntriesByName(n, "measure").length, name), { timeout: 120_000 }).toBeGreaterThan(0);
  return page.evaluate((n) => performance.getEntriesByName(n, "measure").at(-1).duration, name);
}

test("a price list of 30,000 rows", async ({ page }) => {
  test.setTimeout(10 * 60_000);
  const file = { name: "price-list-30000.csv", mimeType: "text/csv", buffer: priceList(1500) };

  await page.goto("data");
  await page.getByLabel("Acting as").selectOption({ label: "Global admin" });
  const input = page.getByLabel("Price list file (.zip or .csv)");
  const preview = page.getByTestId("price-list-preview");
  const reads = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => performance.clearMeasures());
    await input.setInputFiles(file);
    reads.push(await lastMeasure(page, "sd:price-list-read"));
    // Every row read: 1,500 products × 4 SKUs, each SKU one offer with its five prices.
    await expect(page.getByTestId("price-list-summary")).toHaveText("Offers in the new catalog: 6,000 (market US, prices in USD)");
    if (i < RUNS - 1) await preview.getByRole("button", { name: "Cancel" }).click();
  }
  // Rows the dry run refuses (none are meant to be: every generated row is sellable).
  const refused = await page.getByTestId("price-list-refused").locator("tbody tr").count();
  record("browser.price_list_read_30k", reads, { rows: 30_000, bytes: file.buffer.length, refused });

  await page.evaluate(() => performance.clearMeasures());
  await preview.getByRole("button", { name: "Replace the catalog" }).click();
  await expect(page.getByText("Catalog replaced. Offers: 6,000.")).toBeVisible();
  record("browser.catalog_replace_30k", [await lastMeasure(page, "sd:catalog-replace")]);

  // The stored catalog: the quota counts UTF-16 code units, 2 bytes each.
  const units = await page.evaluate(() => {
    const key = "segment-desk/catalog";
    return key.length + (localStorage.getItem(key) ?? "").length;
  });
  figures["browser.catalog_stored_30k"] = { bytes: units * 2, quota_bytes: 10 * 1024 * 1024 };
  console.log(`catalog stored: ${units * 2} bytes`);
  save();
});
