// End-to-end tests against the release build served under a subpath (see Makefile test-e2e).
// Playwright drives Debian's Chromium; it never downloads a browser of its own.
import { defineConfig } from "@playwright/test";

// E2E_DIST / E2E_PORT let a debug build be tested on another port while iterating
// (`make test-e2e-debug`); `make test` always tests the release build.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = process.env.E2E_DIST ?? "target/e2e-dist";
export const basePath = "/segment-desk/";
// The team desk's CouchDB (tests/team-desk/server.mjs: pouchdb-server in memory, set up with
// its users), which the static server proxies at /couchdb/ on the app's origin.
const teamDeskPort = Number(process.env.TEAM_DESK_PORT ?? 5985);
export const teamDeskUrl = `http://127.0.0.1:${teamDeskPort}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "target/playwright-results",
  reporter: [["list"]],
  workers: 2,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    locale: "en-GB",
    // The release build's service worker is proven in offline.spec.js, which allows it; elsewhere
    // it would only add its precaching to every test (and keep page.route from seeing requests).
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      // Quiet on a closed network: no background requests, no component updates.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs ${dist} ${port} ${basePath}`,
      url: `http://127.0.0.1:${port}${basePath}`,
      env: { TEAM_DESK_URL: teamDeskUrl },
      reuseExistingServer: false,
    },
    {
      command: `node tests/team-desk/server.mjs ${teamDeskPort}`,
      // Not the root, which answers as soon as pouchdb-server listens: this database is made
      // once the desk and its users are set up (tests/team-desk/launch.mjs).
      url: `${teamDeskUrl}/team-desk-ready`,
      reuseExistingServer: false,
    },
  ],
});
