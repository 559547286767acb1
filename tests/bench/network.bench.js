// The network half of `make bench`: a first visit over a slow link with nothing cached, and a
// repeat visit with no network at all, served by the release build's service worker, with
// 10,000 customers stored. Figures go to target/bench/network.json for scripts/bench-report.mjs;
// none is asserted.
import { test, expect } from "@playwright/test";
import { RUNS, figureSet, median } from "./figures.js";

const { record, save } = figureSet("target/bench/network.json");

/** Navigates to the customers list; the time from the navigation's start to the list painted. */
async function paintedAfterNavigation(page) {
  await page.goto("customers");
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName("sd:customers-painted").length), { timeout: 60_000 }).toBeGreaterThan(0);
  return page.evaluate(() => performance.getEntriesByName("sd:customers-painted")[0].startTime);
}

test.afterAll(save);

test("first visit at 10 Mbit/s and 40 ms round trip, cold cache", async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  const times = [], wire = [];
  for (let i = 0; i < RUNS; i++) {
    // A new profile each time: no HTTP cache, no worker, no stored desk.
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, serviceWorkers: "allow" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    // DevTools' emulation: bytes per second each way, and latency added to every request.
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 40,
      downloadThroughput: (10 * 1000 * 1000) / 8,
      uploadThroughput: (10 * 1000 * 1000) / 8,
    });
    let bytes = 0;
    cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
    times.push(await paintedAfterNavigation(page));
    wire.push(bytes);
    await context.close();
  }
  record("network.first_visit", times, { bytes: median(wire) });
});

test("repeat visit with no network, 10,000 customers stored", async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, serviceWorkers: "allow" });
  const page = await context.newPage();
  await page.goto("data");
  await page.getByLabel("10,000 customers").check();
  await page.getByRole("button", { name: "Load sample data…" }).click();
  await page.getByRole("button", { name: "Yes, replace the desk" }).click();
  await expect(page.getByTestId("sample-status")).toContainText("Loaded 10,000 customers", { timeout: 10 * 60_000 });
  await page.evaluate(() => navigator.serviceWorker.ready);

  await context.setOffline(true);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(await paintedAfterNavigation(page));
    // The page came from the worker's cache: nothing could come from the network.
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  }
  await expect(page.getByTestId("customer-row")).toHaveCount(25);
  record("network.repeat_visit_offline", times);
  await context.close();
});
