// Offline-first: the release build's service worker (scripts/service-worker.mjs), the update
// prompt, the manifest, and the loader's failure page. The worker is allowed here only (see
// playwright.config.js). Tests that take the network away or serve a new build start their own
// server on a copy of the build, so the shared server and the other tests are untouched.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect } from "./support/fixture.js";
import { watch } from "./support/watch.js";
import { addCustomer, shots } from "./support/pages.js";
import { basePath } from "../../playwright.config.js";
import { writeServiceWorker } from "../../scripts/service-worker.mjs";

const dist = process.env.E2E_DIST ?? "target/e2e-dist";

/** A server of its own for a copy of the build: `{ url, dir, stop }`. `stop` takes the network
 *  away for real: nothing answers on that port afterwards. */
async function ownServer(port) {
  const dir = mkdtempSync(join(tmpdir(), "segment-desk-build-"));
  cpSync(dist, dir, { recursive: true });
  const server = spawn("node", ["tests/e2e/serve.mjs", dir, String(port), basePath], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    server.stdout.once("data", resolve);
    server.once("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill();
    await exited;
  };
  return { url: `http://127.0.0.1:${port}${basePath}`, dir, stop, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits until the page's worker is active (it has precached the whole build). */
async function workerReady(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return registration.active?.state;
  });
}

/** Runs `steps(page, server)` with a page on a server of its own on `port` (see ownServer) that
 *  has opened the customers list and whose worker has precached the build; stops and removes the
 *  server afterwards. The page's context sends relative addresses there, as the config's go to
 *  the shared server; the fixture watches it like any other. */
async function onOwnServer(browser, port, steps) {
  const server = await ownServer(port);
  try {
    const context = await browser.newContext({ baseURL: server.url, locale: "en-GB", serviceWorkers: "allow" });
    const page = await context.newPage();
    await page.goto("customers");
    await workerReady(page);
    await steps(page, server);
  } finally {
    await server.stop();
    server.remove();
  }
}

// Each test here opens its own context or profile with the worker allowed.
test.describe("with the service worker", () => {
  test("the desk opens with its data and its deep links with no network", async ({ browser }) => {
    await onOwnServer(browser, 4271, async (page, server) => {
      const { id, name } = await addCustomer(page, { name: "Offline Falls Academy" });
      await server.stop();

      // A reload and a deep link, with nothing listening on the app's address.
      await page.goto("customers");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
      await expect(page.getByRole("link", { name })).toBeVisible();
      await page.goto(`customers/${id}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
      await page.screenshot({ path: `${shots}/offline-account.png` });
    });
  });

  test("a new build is announced, and Reload brings it without touching the desk", async ({ browser }) => {
    await onOwnServer(browser, 4272, async (page, server) => {
      const { name } = await addCustomer(page, { name: "Update Hill School" });
      // The first worker takes over from the next load on; no update is offered for it.
      await page.goto("customers");
      await expect(page.getByRole("link", { name })).toBeVisible();
      await expect(page.getByTestId("update-banner")).toHaveCount(0);

      // A new build: another index.html, so another worker.
      const index = join(server.dir, "index.html");
      writeFileSync(index, readFileSync(index, "utf8").replace("<head>", '<head><meta name="segment-desk-build" content="next" />'));
      await writeServiceWorker(server.dir);

      // The browser finds it on the next navigation and installs it in the background; the old
      // version keeps serving the page until the user chooses.
      await page.goto("customers");
      const banner = page.getByTestId("update-banner");
      await expect(banner).toContainText("A new version of Segment Desk is ready");
      await expect(page.locator('meta[name="segment-desk-build"]')).toHaveCount(0);
      await page.screenshot({ path: `${shots}/update-ready.png` });
      // In the partner's staff's languages too (the language select's label changes with them).
      const languageSelect = page.locator("header select:has(option[value='sv'])");
      for (const [language, text, button] of [
        ["Svenska", "En ny version av Segment Desk finns", "Läs in igen"],
        ["Polski", "Dostępna jest nowa wersja aplikacji Segment Desk", "Załaduj ponownie"],
      ]) {
        await languageSelect.selectOption({ label: language });
        await expect(banner).toContainText(text);
        await expect(banner.getByRole("button", { name: button })).toBeVisible();
        await page.screenshot({ path: `${shots}/update-ready-${language.toLowerCase()}.png` });
      }
      await languageSelect.selectOption({ label: "English" });

      await banner.getByRole("button", { name: "Reload" }).click();
      await expect(page.locator('meta[name="segment-desk-build"]')).toHaveCount(1);
      await expect(page.getByRole("link", { name })).toBeVisible();
      await expect(page.getByTestId("update-banner")).toHaveCount(0);
    });
  });

  test("the manifest is valid and Chromium finds the app installable", async () => {
    // Chromium never offers to install from an incognito profile, which every Playwright
    // context is; a persistent profile is what a user has.
    const profile = mkdtempSync(join(tmpdir(), "segment-desk-profile-"));
    const context = await chromium.launchPersistentContext(profile, {
      ...test.info().project.use.launchOptions,
      baseURL: test.info().project.use.baseURL,
      serviceWorkers: "allow",
    });
    try {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto("customers");
      await workerReady(page);
      const manifest = await (await page.request.get("manifest.webmanifest")).json();
      expect(manifest.start_url).toBe("./");
      expect(manifest.scope).toBe("./");
      expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
      const cdp = await context.newCDPSession(page);
      const { errors } = await cdp.send("Page.getAppManifest");
      expect(errors).toEqual([]);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      expect(installabilityErrors).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

test.describe("when the app cannot start", () => {
  test.use({ allowedProblems: /^console: (Segment Desk could not start|Failed to load resource)/ });

  test("a module that fails to load says so, in the user's language, with a way to retry", async ({ page }) => {
    await page.route(/_bg\.wasm$/, (route) => route.abort("failed"));
    await page.goto("customers");
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { level: 1 })).toHaveText("Segment Desk could not start");
    await expect(alert).toContainText("Check the network connection and reload the page");
    await expect(alert.getByRole("button", { name: "Reload" })).toBeVisible();

    // The language the user chose in the app (kept in localStorage) words it next time.
    await page.evaluate(() => localStorage.setItem("segment-desk/locale", "sv"));
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Segment Desk kunde inte starta");
    await expect(page.getByRole("button", { name: "Läs in igen" })).toBeVisible();
    await page.screenshot({ path: `${shots}/boot-failure-sv.png` });
  });

  test("a browser without WebAssembly is told which browsers run the desk", async ({ page }) => {
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto("customers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Segment Desk could not start");
    await expect(page.getByRole("alert")).toContainText("cannot run WebAssembly");
  });
});
