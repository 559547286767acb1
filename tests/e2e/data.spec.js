// Data that is never lost: broken or foreign data in localStorage, a full quota, storage that
// throws, two tabs on one desk, and export/import with its dry run. Where a test is about storage
// itself it writes localStorage directly; otherwise the desk is seeded through Import, as a user
// would restore a backup.
import { readFileSync } from "node:fs";
import { test, expect } from "./support/fixture.js";
import { review, shots } from "./support/pages.js";

const XSS = "<img src=x onerror=alert(1)>";

/** A customer record of the export format (docs/DATA-FORMAT.md). */
function customer(id, name, prefix, qualifications = []) {
  return {
    id,
    created: "2026-01-05",
    account: {
      company_name: name, country: "US", address_line1: "1 School Road", address_line2: "",
      city: "Redmond", state: "WA", postal_code: "98052", email: `it@${prefix}.edu`,
      first_name: "Ada", last_name: "Lovelace", contact_email: `ada@${prefix}.edu`, phone: "+1 425 555 0100",
    },
    domain_prefix: prefix,
    qualifications,
    verification_requests: qualifications.length,
    nonprofit_review: null,
  };
}

function education(status) {
  return {
    kind: "Education", vetting_status: status, vetting_reason: null, created: "2026-01-05",
    decided: null, education_segment: "K12", website: null, validation_code: null,
  };
}

function exportFile(customers) {
  return JSON.stringify({
    format: "segment-desk",
    version: 1,
    exported_on: "2026-01-06",
    desk: {
      partner: { partner_type: "DirectBill", country: "US", reseller_qualifications: [], gcc_validation_codes: [] },
      customers,
      subscriptions: [],
      audit: [],
    },
  });
}

async function openData(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data");
}

/** Chooses a file on the Data page and waits for the dry run or the refusal. */
async function chooseImport(page, text, name = "desk.json") {
  await page.getByLabel("File to import").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
}

async function importDesk(page, text) {
  await openData(page);
  await chooseImport(page, text);
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await page.getByRole("button", { name: "Import and replace the desk" }).click();
  await expect(page.getByText(/^Imported:/)).toBeVisible();
}

function desk_keys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("segment-desk/")).sort());
}

// Every file read from here on waits in `window.sdReads` until the test lets it go: fail (as
// when the file changed on disk after it was chosen) or finish, through the browser's own read.
function holdFileReads(page) {
  return page.evaluate(() => {
    const read = Blob.prototype.arrayBuffer;
    window.sdReads = [];
    Blob.prototype.arrayBuffer = function () {
      return new Promise((resolve, reject) => window.sdReads.push({ file: this, read, resolve, reject }));
    };
  });
}

test("a corrupt key is set aside with a notice and offered for download, and the app still runs", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers"); // the app has loaded
  await page.evaluate(() => {
    localStorage.setItem("segment-desk/schema", "2");
    localStorage.setItem("segment-desk/c/07", "{not json at all");
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  const notice = page.getByTestId("storage-problems");
  await expect(notice).toContainText("could not be read");
  const stored = await page.evaluate(() => ({
    original: localStorage.getItem("segment-desk/c/07"),
    quarantined: localStorage.getItem("segment-desk/quarantine/segment-desk/c/07"),
  }));
  expect(stored).toEqual({ original: null, quarantined: "{not json at all" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    notice.getByRole("button", { name: "Download the set-aside data" }).click(),
  ]);
  const saved = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(saved["segment-desk/quarantine/segment-desk/c/07"]).toBe("{not json at all");
  await page.screenshot({ path: `${shots}/data-corrupt-key.png`, fullPage: true });
});

test("data of a newer version is left untouched and the tab says it keeps nothing", async ({ page }) => {
  await page.goto("customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  await page.evaluate(() => {
    localStorage.setItem("segment-desk/schema", "99");
    localStorage.setItem("segment-desk/c/00", "written by the future");
  });
  await page.reload();
  await expect(page.getByTestId("storage-problems")).toContainText("newer version of Segment Desk (schema 99)");
  await expect(page.getByRole("button", { name: "Download the saved data" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("segment-desk/c/00"))).toBe("written by the future");
  await openData(page);
  await expect(page.getByText("Nothing is kept: this tab runs in memory.")).toBeVisible();
});

test("storage that throws: the app runs in memory and warns that nothing is kept", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });
  });
  await page.goto("customers");
  await expect(page.getByTestId("storage-memory-only")).toContainText("nothing you do here is kept");
  await importDesk(page, exportFile([customer("c-1", "Contoso School", "contososchool")]));
  await expect(page.getByText("1 customer, 0 subscriptions, 0 audit entries")).toBeVisible();
  await page.screenshot({ path: `${shots}/data-memory-only.png`, fullPage: true });
});

test("a full quota refuses the change with the space used, and memory equals storage", async ({ page }) => {
  await page.goto("customers");
  await importDesk(page, exportFile([customer("c-1", "Contoso School", "contososchool", [education("InReview")])]));
  // Fill the origin's quota with a foreign key, to the last few characters.
  await page.evaluate(() => {
    let chunk = "x".repeat(1 << 20);
    let n = 0;
    while (chunk.length >= 1) {
      try {
        localStorage.setItem(`filler-${n}`, chunk);
        n += 1;
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
  const before = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("segment-desk/")).map((k) => [k, localStorage.getItem(k)])));
  await chooseImport(page, exportFile([customer("c-1", "Contoso School", "contososchool", [education("InReview")]), customer("c-2", "Fabrikam Academy", "fabrikamacademy")]));
  await expect(page.getByTestId("import-preview")).toContainText("1 added");
  await page.getByRole("button", { name: "Import and replace the desk" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not imported" })).toContainText("not enough free space");
  const after = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("segment-desk/")).map((k) => [k, localStorage.getItem(k)])));
  expect(after).toEqual(before);
  await expect(page.getByText("1 customer, 0 subscriptions")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "over 80% full" })).toBeVisible();
  await page.screenshot({ path: `${shots}/data-quota-full.png`, fullPage: true });
  // A desk change through apply() is refused with how much is used and what to do.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Microsoft (simulated)" }).click();
  await page.getByTestId("review-item").filter({ hasText: "Contoso School" }).getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("storage-full")).toContainText(/storage for Segment Desk is full \([\d.]+ MB of 10\.0 MB used\)/);
  await expect(page.getByTestId("storage-full")).toContainText("Export your desk");
  await expect(page.getByTestId("review-item").filter({ hasText: "Contoso School" })).toHaveCount(1);
  const still = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("segment-desk/")).map((k) => [k, localStorage.getItem(k)])));
  expect(still).toEqual(before);
  await page.screenshot({ path: `${shots}/data-quota-apply.png`, fullPage: true });
});

test("two tabs: a change in one appears in the other; an edit over the other's change asks", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  // Lets the test make tab A deaf to other tabs' saves, as if B's save had not reached it yet.
  await a.addInitScript(() => {
    const add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      if (type !== "storage") return add.call(this, type, listener, options);
      return add.call(this, type, (e) => { if (!window.__deafToStorage) listener(e); }, options);
    };
  });
  await a.goto("customers");
  await importDesk(a, exportFile([customer("c-1", "Contoso School", "contososchool", [education("InReview")])]));
  await b.goto("customers");
  await expect(b.getByRole("link", { name: "Contoso School" })).toBeVisible();
  // A change in B appears in A without a reload.
  await importDesk(b, exportFile([
    customer("c-1", "Contoso School", "contososchool", [education("InReview")]),
    customer("c-2", "Fabrikam Academy", "fabrikamacademy"),
  ]));
  await a.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(a.getByRole("link", { name: "Fabrikam Academy" })).toBeVisible();

  // A stops hearing B (as if B's save had not reached it yet); both decide the same review.
  await a.evaluate(() => { window.__deafToStorage = true; });
  await review(a, "Contoso School", null);
  await review(b, "Contoso School", "approve");
  await expect(b.getByTestId("review-item").filter({ hasText: "Contoso School" })).toHaveCount(0);
  await a.getByTestId("review-item").filter({ hasText: "Contoso School" }).getByLabel("Vetting reason").selectOption({ index: 1 });
  await a.getByTestId("review-item").filter({ hasText: "Contoso School" }).getByRole("button", { name: "Deny" }).click();
  const conflict = a.getByTestId("storage-conflict");
  await expect(conflict).toContainText("Another tab changed Contoso School (c-1)");
  await a.screenshot({ path: `${shots}/data-two-tabs-conflict.png`, fullPage: true });
  // Not overwritten: B's approval is what is stored, and A now shows it.
  await conflict.getByRole("button", { name: "Reload theirs (drop my change)" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(a.getByTestId("review-item").filter({ hasText: "Contoso School" })).toHaveCount(0);
  const stored = await b.evaluate(() => localStorage.getItem("segment-desk/schema"));
  expect(stored).toBe("3");
  await b.reload();
  await b.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await b.getByRole("link", { name: "Contoso School" }).click();
  await expect(b.getByText("Approved").first()).toBeVisible();
});

test("import refuses hostile files and rule breaks with reasons, saving nothing", async ({ page }) => {
  await page.goto("customers");
  await openData(page);
  const keys = await desk_keys(page);
  await chooseImport(page, "{\"format\": \"segment-desk\", \"version\": 7}");
  await expect(page.getByRole("alert").filter({ hasText: "format version (7)" })).toBeVisible();
  await chooseImport(page, "[".repeat(5000) + "]".repeat(5000));
  await expect(page.getByRole("alert").filter({ hasText: "nested more than" })).toBeVisible();
  await chooseImport(page, "not json");
  await expect(page.getByRole("alert").filter({ hasText: "not valid JSON" })).toBeVisible();
  const gccEducation = customer("c-1", "Contoso Government School", "contosogov", [
    { ...education("Approved"), kind: "GovernmentCommunityCloud", education_segment: null, validation_code: "X1" },
    education("Approved"),
  ]);
  const dup = customer("c-2", "Twin", "twin1");
  await chooseImport(page, exportFile([gccEducation, dup, { ...dup, domain_prefix: "twin2" }, { id: "c-9", created: 5 }]));
  const rejected = page.getByTestId("import-rejected");
  await expect(rejected.filter({ hasText: "Contoso Government School" })).toContainText("not a row of the purchase matrix");
  await expect(rejected.filter({ hasText: "c-2" })).toContainText("same id");
  await expect(rejected.filter({ hasText: "c-9" })).toContainText("wrong or missing fields");
  await expect(page.getByRole("button", { name: "Import and replace the desk" })).toBeDisabled();
  await page.screenshot({ path: `${shots}/data-import-rejected.png`, fullPage: true });
  expect(await desk_keys(page)).toEqual(keys);
});

test("a file the browser cannot read: each importer says so, and the desk import shows it reading", async ({ page }) => {
  await page.goto("customers");
  await openData(page);
  const keys = await desk_keys(page);
  await holdFileReads(page);
  const failRead = () =>
    page.evaluate(() => window.sdReads.shift().reject(new DOMException("The file changed", "NotReadableError")));
  const notRead = "The browser could not read the file. Choose it again.";

  await chooseImport(page, exportFile([customer("c-1", "Fabrikam Academy", "fabrikamacademy")]));
  await expect(page.getByRole("status").filter({ hasText: "Reading and checking the file…" })).toBeVisible();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await failRead();
  await expect(page.locator("#data-import-error")).toHaveText(notRead);
  await expect(page.getByRole("progressbar")).toHaveCount(0);

  await page.getByLabel("Price list file (.zip or .csv)").setInputFiles({ name: "prices.csv", mimeType: "text/csv", buffer: Buffer.from("ProductId\r\n") });
  await failRead();
  await expect(page.locator("#price-list-error")).toHaveText(notRead);

  await page.getByLabel("Partner Center file (JSON or Customers.csv)").setInputFiles({ name: "customers.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await failRead();
  await expect(page.locator("#pc-import-error")).toHaveText(notRead);
  expect(await desk_keys(page)).toEqual(keys);

  // Chosen again and read: the dry run, and the message gone.
  await chooseImport(page, exportFile([customer("c-1", "Fabrikam Academy", "fabrikamacademy")]));
  await page.evaluate(() => {
    const r = window.sdReads.shift();
    r.read.call(r.file).then(r.resolve, r.reject);
  });
  await expect(page.getByTestId("import-preview")).toContainText("1 added");
  await expect(page.locator("#data-import-error")).toBeEmpty();
});

test("two files chosen one after the other: each importer shows the latest, whichever read finishes first", async ({ page }) => {
  await page.goto("customers");
  await openData(page);
  const keys = await desk_keys(page);
  await holdFileReads(page);
  // Lets the held read of the file named `name` finish, and the page act on it.
  const finishRead = (name) =>
    page.evaluate(async (name) => {
      const i = window.sdReads.findIndex((r) => r.file.name === name);
      const [r] = window.sdReads.splice(i, 1);
      r.resolve(await r.read.call(r.file));
      await new Promise((done) => setTimeout(done, 200));
    }, name);

  // A big backup is still being read when the user picks the right one.
  await chooseImport(page, exportFile([customer("c-1", "Fabrikam Academy", "fabrikamacademy"), customer("c-2", "Contoso School", "contososchool")]), "wrong.json");
  await chooseImport(page, exportFile([customer("c-3", "Northwind College", "northwindcollege")]), "right.json");
  await finishRead("right.json");
  await expect(page.getByTestId("import-preview")).toContainText("1 added");
  await finishRead("wrong.json");
  await expect(page.getByTestId("import-preview")).toContainText("1 added");
  await expect(page.getByTestId("import-preview")).not.toContainText("2 added");

  const prices = (name) => ({ name, mimeType: "application/zip", buffer: readFileSync(new URL("../fixtures/price-lists/nce-license-based.zip", import.meta.url)) });
  await page.getByLabel("Price list file (.zip or .csv)").setInputFiles(prices("prices.zip"));
  await page.getByLabel("Price list file (.zip or .csv)").setInputFiles({ name: "not-prices.csv", mimeType: "text/csv", buffer: Buffer.from("ProductId\r\n") });
  await finishRead("not-prices.csv");
  await expect(page.locator("#price-list-error")).toContainText("This is not a price list");
  await finishRead("prices.zip");
  await expect(page.locator("#price-list-error")).toContainText("This is not a price list");
  await expect(page.getByTestId("price-list-preview")).toHaveCount(0);

  const partnerCenter = readFileSync(new URL("../fixtures/partner-center/customers.json", import.meta.url));
  await page.getByLabel("Partner Center file (JSON or Customers.csv)").setInputFiles({ name: "customers.json", mimeType: "application/json", buffer: partnerCenter });
  await page.getByLabel("Partner Center file (JSON or Customers.csv)").setInputFiles({ name: "empty.json", mimeType: "application/json", buffer: Buffer.from("{}") });
  await finishRead("empty.json");
  const refusal = await page.locator("#pc-import-error").textContent();
  expect(refusal).not.toBe("");
  await finishRead("customers.json");
  await expect(page.locator("#pc-import-error")).toHaveText(refusal);
  await expect(page.getByTestId("pc-import-preview")).toHaveCount(0);
  expect(await desk_keys(page)).toEqual(keys);
});

test("names with markup, imported, are shown as text; export then import gives the same desk", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs += 1; d.dismiss(); });
  await page.goto("customers");
  await importDesk(page, exportFile([customer("c-1", XSS, "xss"), customer("c-2", "Fabrikam Academy", "fabrikamacademy", [education("Approved")])]));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(page.getByText(XSS)).toBeVisible();
  expect(await page.locator("main img").count()).toBe(0);
  expect(dialogs).toBe(0);

  await openData(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export desk" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^segment-desk-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = readFileSync(await download.path(), "utf8");
  expect(JSON.parse(exported).desk.customers.map((c) => c.account.company_name)).toEqual([XSS, "Fabrikam Academy"]);

  await page.getByRole("button", { name: "Reset desk…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Delete every customer");
  await page.getByRole("button", { name: "Yes, delete the desk" }).click();
  await expect(page.getByText("0 customers, 0 subscriptions, 0 audit entries")).toBeVisible();

  await chooseImport(page, exported);
  await expect(page.getByTestId("import-preview")).toContainText("2 added");
  await page.getByRole("button", { name: "Import and replace the desk" }).click();
  await page.reload();
  await openData(page);
  const [again] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export desk" }).click()]);
  expect(JSON.parse(readFileSync(await again.path(), "utf8")).desk).toEqual(JSON.parse(exported).desk);
  expect(dialogs).toBe(0);
  await page.screenshot({ path: `${shots}/data-page.png`, fullPage: true });
});

test("a name with markup typed into Add customer is shown as text and exported as text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs += 1; d.dismiss(); });
  await page.goto("customers/new");
  await page.getByLabel("Special qualifications").selectOption({ label: "Education" });
  await page.getByLabel("Company name").fill(XSS);
  await page.getByLabel("Country/region").selectOption({ label: "United States" });
  await page.getByLabel("Address line 1").fill("1 School Road");
  await page.getByLabel("City").fill("Redmond");
  await page.getByLabel("State/province").selectOption({ label: "Washington" });
  await page.getByLabel("Postal code").fill("98052");
  await page.getByLabel("Email address", { exact: true }).fill("it@xssschool.edu");
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Contact email").fill("ada@xssschool.edu");
  await page.getByLabel("Phone number").fill("+1 425 555 0100");
  await page.getByLabel("Primary domain name").fill("xssschool");
  await page.getByLabel("Education segment").selectOption({ label: "K-12" });
  await page.getByRole("button", { name: "Next: Review" }).click();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(XSS);
  expect(await page.locator("img").count()).toBe(0);
  await openData(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export desk" }).click()]);
  const file = JSON.parse(readFileSync(await download.path(), "utf8"));
  expect(file.desk.customers[0].account.company_name).toBe(XSS);
  expect(dialogs).toBe(0);
});

test("load sample data: progress, then 1,000 customers with 300 offers that survive a reload and travel in the export", async ({ page }) => {
  await page.goto("data");
  await page.getByLabel("1,000 customers").check();
  await page.getByRole("button", { name: "Load sample data…" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("Replace the whole desk");
  // Loading 1,000 is quicker than a screenshot: the progress bar's states are recorded as they come.
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"], progress');
      const words = bar && document.getElementById(bar.getAttribute("aria-labelledby"));
      if (bar) window.progressSeen.push(`${bar.getAttribute("value")}/${bar.getAttribute("max")} ${words?.textContent}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole("button", { name: "Yes, replace the desk" }).click();
  await expect(page.getByTestId("sample-status")).toHaveText("Loaded 1,000 customers and 3,000 subscriptions.", { timeout: 60_000 });
  const seen = await page.evaluate(() => window.progressSeen);
  expect(seen).toContain("250/1000 Generating customers: 250 of 1,000…");
  expect(seen).toContain("750/1000 Generating customers: 750 of 1,000…");
  expect(seen).toContain("null/1000 Saving…");
  await expect(page.getByRole("progressbar")).toHaveCount(0);
  await page.getByRole("region", { name: "Sample data" }).screenshot({ path: `${shots}/data-sample.png` });

  await page.reload();
  await expect(page.getByText("1,000 customers, 3,000 subscriptions")).toBeVisible();
  // Counts follow the language's digit grouping: a no-break space in Swedish; Polish groups
  // only from five digits on.
  const counts = page.getByTestId("desk-counts");
  await page.getByLabel("Language").selectOption({ label: "Svenska" });
  await expect.poll(() => counts.textContent()).toContain("1\u00a0000 kunder, 3\u00a0000 prenumerationer");
  await page.getByLabel("Språk").selectOption({ label: "Polski" });
  await expect.poll(() => counts.textContent()).toContain("1000 klientów, 3000 subskrypcji,");
  await page.getByLabel("Język").selectOption({ label: "English" });
  await page.goto("customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(25);

  // Start-up reads the customers first and the subscriptions just after the first paint, a few
  // buckets per task. A page opened directly waits for them with a status line and a progress
  // bar that moves; it never shows the desk half read.
  await page.addInitScript(() => {
    window.mainTexts = [];
    window.readProgress = [];
    new MutationObserver(() => {
      const main = document.querySelector("main");
      if (main) window.mainTexts.push(main.textContent);
      const bar = document.querySelector("main [role=status] progress");
      if (bar?.hasAttribute("max")) window.readProgress.push([Number(bar.getAttribute("value")), Number(bar.getAttribute("max"))]);
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.goto("subscriptions");
  await expect(page.getByTestId("subscription-row").first()).toBeVisible();
  const texts = await page.evaluate(() => window.mainTexts);
  expect(texts.some((t) => t.includes("Reading subscriptions and the audit log…"))).toBe(true);
  expect(texts.some((t) => t.includes("No subscriptions yet."))).toBe(false);
  const progress = await page.evaluate(() => window.readProgress);
  expect(progress.some(([read, all]) => read > 0 && read < all), `progress seen: ${JSON.stringify(progress)}`).toBe(true);

  // The 300 offers were stored with the desk: Discover lists them for a customer.
  await page.goto("customers");
  await page.getByTestId("customer-row").first().getByRole("link").first().click();
  await page.goto(page.url().replace(/\/?$/, "/subscriptions/new"));
  await expect(page.getByText(/of 300 offers/)).toBeVisible();

  // ...and the export carries them.
  await page.goto("data");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export desk" }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(file.desk.customers).toHaveLength(1000);
  expect(file.catalog).toHaveLength(300);
});
