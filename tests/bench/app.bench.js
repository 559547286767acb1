// The in-browser half of `make bench`: a desk of 10,000 customers, 30,000 subscriptions and 300
// offers is stored through "Load sample data", then each figure is taken several times and its
// median written to target/bench/browser.json for scripts/bench-report.mjs. The app marks what
// only it knows (src/ui/perf.rs): the list painted, an edit persisted, export and import. No
// figure is asserted: budgets are read off the report, never checked by a test.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { RUNS, figureSet } from "./figures.js";

const { figures, record, save } = figureSet("target/bench/browser.json");

/** The duration of the newest `performance` measure named `name`. */
async function lastMeasure(page, name) {
  await expect.poll(() => page.evaluate((n) => performance.getEntriesByName(n, "measure").length, name)).toBeGreaterThan(0);
  return page.evaluate((n) => performance.getEntriesByName(n, "measure").at(-1).duration, name);
}
async function clearMeasures(page) {
  await page.evaluate(() => performance.clearMeasures());
}

test("a desk of 10,000 customers", async ({ page }, testInfo) => {
  test.setTimeout(15 * 60_000);

  // The desk: generated and stored by the app itself.
  await page.goto("data");
  await page.getByLabel("10,000 customers").check();
  await page.getByRole("button", { name: "Load sample data…" }).click();
  const started = Date.now();
  await page.getByRole("button", { name: "Yes, replace the desk" }).click();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByTestId("sample-status")).toContainText("Loaded 10,000 customers and 30,000 subscriptions", { timeout: 10 * 60_000 });
  record("browser.sample_load_10k", [Date.now() - started]);
  record("browser.sample_save_10k", [await lastMeasure(page, "sd:sample-save")]);

  // What the desk takes in localStorage (the quota counts UTF-16 code units, 2 bytes each).
  const stored = await page.evaluate(() => {
    let units = 0, keys = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k.startsWith("segment-desk/")) continue;
      keys++;
      units += k.length + localStorage.getItem(k).length;
    }
    return { units, keys };
  });
  figures["browser.stored"] = { bytes: stored.units * 2, keys: stored.keys, quota_bytes: 10 * 1024 * 1024 };
  console.log(`stored: ${stored.units * 2} bytes in ${stored.keys} keys`);

  // Cold start: a new navigation to the customers list, until the list is painted.
  // Its parts: the module ready to compile (boot.js) and the customers read from storage. The
  // subscriptions, with the newest audit chunk, are read after that first paint: then every
  // page can be shown ("whole desk read"), and the rest of the audit log is read when a page
  // shows it (below).
  const starts = [], ready = [], loads = [], whole = [], busy = [], rowsBuilt = [];
  // The browser's own record of tasks over 50 ms (Long Tasks API), from the page's start.
  await page.addInitScript(() => {
    window.sdLongTasks = [];
    new PerformanceObserver((list) => window.sdLongTasks.push(...list.getEntries())).observe({ type: "longtask" });
  });
  for (let i = 0; i < RUNS; i++) {
    await page.goto("customers");
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:customers-painted").length), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:desk-load-records", "measure").length), { timeout: 60_000 }).toBeGreaterThan(0);
    // Long tasks are reported a moment after they end.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const [painted, wasmReady, deskLoad, rest, longestBusy, rows] = await page.evaluate(() => {
      const painted = performance.getEntriesByName("sd:customers-painted")[0].startTime;
      const endOf = (name) => {
        const measure = performance.getEntriesByName(name, "measure")[0];
        return measure.startTime + measure.duration;
      };
      const end = endOf("sd:desk-load-records");
      return [
        painted,
        performance.getEntriesByName("sd:wasm-ready")[0].startTime,
        performance.getEntriesByName("sd:desk-load", "measure")[0].duration,
        end,
        // The longest the page did not answer input between the paint and the whole desk: the
        // read's slices as the app measures them, and any task over 50 ms the browser saw then
        // (that one includes the list's update once the desk is whole).
        Math.max(
          ...["sd:desk-load-rest-slice", "sd:desk-load-rest-finish"].flatMap((name) =>
            performance.getEntriesByName(name, "measure").map((m) => m.duration),
          ),
          ...window.sdLongTasks.filter((t) => t.startTime >= painted && t.startTime <= end).map((t) => t.duration),
        ),
        // How often the customers list built its 10,000 rows in this navigation (once is right:
        // the subscriptions and the log arriving later do not rebuild it).
        performance.getEntriesByName("sd:customer-rows", "measure").length,
      ];
    });
    starts.push(painted);
    ready.push(wasmReady);
    loads.push(deskLoad);
    whole.push(rest);
    busy.push(longestBusy);
    rowsBuilt.push(rows);
  }
  await expect(page.getByTestId("customer-row")).toHaveCount(25);
  record("browser.cold_start", starts);
  record("browser.cold_start.wasm_ready", ready);
  record("browser.cold_start.desk_load", loads);
  record("browser.cold_start.whole_desk", whole, { rows_built: Math.max(...rowsBuilt) });
  record("browser.cold_start.longest_busy", busy);

  // The rest of the audit log, read when a page shows it: the Audit log link followed once the
  // desk is read after a new navigation, until the log is read (`sd:desk-load-log`), and the
  // longest slice of that read.
  const logRead = [], logBusy = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto("customers");
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:desk-load-records", "measure").length), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.evaluate(() => performance.clearMeasures("sd:desk-load-rest-slice"));
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:desk-load-log", "measure").length), { timeout: 60_000 }).toBeGreaterThan(0);
    const [read, longest] = await page.evaluate(() => [
      performance.getEntriesByName("sd:desk-load-log", "measure")[0].duration,
      Math.max(...["sd:desk-load-rest-slice", "sd:desk-load-rest-finish"].flatMap((name) => performance.getEntriesByName(name, "measure").map((m) => m.duration))),
    ]);
    logRead.push(read);
    logBusy.push(longest);
  }
  record("browser.audit_log_read", logRead);
  record("browser.audit_log_read.longest_busy", logBusy);

  // Back to the customers list, its desk read, for the keystrokes and the edit.
  await page.goto("customers");
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:desk-load-records", "measure").length), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId("customer-row")).toHaveCount(25);

  // A search keystroke: the input event to the list updated in the DOM and laid out. The app's
  // updates run in microtasks; a message-channel task runs after them, then layout is forced.
  const keystroke = (text) =>
    page.evaluate(async (value) => {
      const input = document.getElementById("customers-search");
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = resolve;
        channel.port2.postMessage(0);
      });
      void document.body.offsetHeight;
      return performance.now() - t0;
    }, text);
  const keys = [];
  const typed = ["u", "up", "upp", "uppsala", "uppsala 1", "uppsala 12", ""]; // narrowing, then cleared
  for (let round = 0; round < Math.ceil(RUNS / 2); round++) {
    for (const text of typed) keys.push(await keystroke(text));
  }
  await keystroke("uppsala 12");
  await expect(page.getByText(/^Showing \d+ of 10,000 customers$/)).toBeVisible();
  const shown = Number((await page.getByText(/^Showing \d+ of 10,000 customers$/).textContent()).match(/\d+/)[0]);
  expect(shown).toBeLessThan(10000); // the search did filter
  await keystroke("");
  await expect(page.getByTestId("customer-row")).toHaveCount(25);
  record("browser.search_keystroke", keys);

  // One edit persisted: auto-renew switched on a customer's subscription (the domain's check,
  // the change, its audit entry and the save of the two buckets it touched).
  await page.getByTestId("customer-row").first().getByRole("link").first().click();
  const customerUrl = page.url();
  await page.goto(customerUrl.replace(/\/?$/, "/subscriptions"));
  const renew = page.getByTestId("subscription-row").locator('input[type="checkbox"]:enabled').first();
  await expect(renew).toBeVisible();
  const edits = [];
  for (let i = 0; i < RUNS; i++) {
    await clearMeasures(page);
    const before = await renew.isChecked();
    await renew.click();
    await expect(renew).toBeChecked({ checked: !before });
    edits.push(await lastMeasure(page, "sd:edit-persisted"));
  }
  record("browser.edit_persisted", edits);

  // Export: the whole desk to a JSON file.
  await page.goto("data");
  const exports = [];
  let file;
  for (let i = 0; i < 3; i++) {
    await clearMeasures(page);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export desk" }).click();
    file = testInfo.outputPath(`export-${i}.json`);
    await (await download).saveAs(file);
    exports.push(await lastMeasure(page, "sd:export"));
  }
  const text = readFileSync(file, "utf8");
  record("browser.export", exports, { bytes: Buffer.byteLength(text) });

  // The references in the same browser: bare JSON.parse of the desk as JSON (what an app keeping
  // plain JSON would parse at start), and bare localStorage.setItem of the bytes we store (our
  // keys read out, removed, and written back as they were).
  const reference = await page.evaluate(({ json, runs }) => {
    const parse = [], stringify = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const desk = JSON.parse(json);
      parse.push(performance.now() - t0);
      // The same desk written back as the export writes it (indented by two spaces).
      const t1 = performance.now();
      JSON.stringify(desk, null, 2);
      stringify.push(performance.now() - t1);
    }
    const ours = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith("segment-desk/")) ours.push([k, localStorage.getItem(k)]);
    }
    const set = [];
    for (let i = 0; i < runs; i++) {
      for (const [k] of ours) localStorage.removeItem(k);
      const t0 = performance.now();
      for (const [k, v] of ours) localStorage.setItem(k, v);
      set.push(performance.now() - t0);
    }
    return { parse_all: parse, stringify_all: stringify, set_all: set };
  }, { json: text, runs: RUNS });
  record("ref.json_parse", reference.parse_all, { bytes: Buffer.byteLength(text) });
  record("ref.json_stringify", reference.stringify_all, { bytes: Buffer.byteLength(text) });
  record("ref.set_item", reference.set_all, { bytes: stored.units * 2 });

  // Import the export back: the check (dry run) and the save. First over the desk it came
  // from, as a user restores a backup (only the keys that differ are journaled and written);
  // then after a reset, so that every key is written.
  const importFile = async (parts) => {
    await clearMeasures(page);
    await page.locator("#data-import-file").setInputFiles(file);
    await expect(page.getByTestId("import-preview")).toBeVisible({ timeout: 120_000 });
    const check = await lastMeasure(page, "sd:import-check");
    await page.getByRole("button", { name: "Import and replace the desk" }).click();
    await expect(page.getByText(/holds the file.s 10,000 customers/)).toBeVisible({ timeout: 120_000 });
    const saved = await lastMeasure(page, "sd:import-save");
    parts.check.push(check);
    parts.save.push(saved);
    return check + saved;
  };
  const bytes = { bytes: Buffer.byteLength(text) };
  const recordImport = (name, runs, parts) => {
    record(name, runs, bytes);
    record(`${name}.check`, parts.check, bytes);
    record(`${name}.save`, parts.save, bytes);
  };
  const imports = [], importParts = { check: [], save: [] };
  for (let i = 0; i < 3; i++) imports.push(await importFile(importParts));
  recordImport("browser.import", imports, importParts);
  const afterReset = [], afterResetParts = { check: [], save: [] };
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "Reset desk…" }).click();
    await page.getByRole("button", { name: "Yes, delete the desk" }).click();
    await expect(page.getByText("The desk was reset.")).toBeVisible();
    afterReset.push(await importFile(afterResetParts));
  }
  recordImport("browser.import_after_reset", afterReset, afterResetParts);

  save();
});
