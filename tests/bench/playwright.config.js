// The in-browser benchmark (`make bench`): the release build, served like the e2e tests, in
// Debian's Chromium, one worker so nothing else competes for the 2 cores. Not part of `make test`.
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config.js";

const port = Number(process.env.BENCH_PORT ?? 4175);
const dist = process.env.BENCH_DIST ?? "target/e2e-dist";
const basePath = "/segment-desk/";
const teamDeskPort = Number(process.env.BENCH_TEAM_DESK_PORT ?? 5987);

export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /.*\.bench\.js$/,
  outputDir: "../../target/playwright-bench",
  workers: 1,
  timeout: 15 * 60_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}${basePath}`, acceptDownloads: true },
  webServer: [
    {
      command: `node tests/e2e/serve.mjs ${dist} ${port} ${basePath}`,
      url: `http://127.0.0.1:${port}${basePath}`,
      cwd: "../..",
      env: { TEAM_DESK_URL: `http://127.0.0.1:${teamDeskPort}` },
      reuseExistingServer: false,
    },
    // The team desk's server for team-desk.bench.js, as the e2e tests run it.
    {
      command: `node tests/team-desk/server.mjs ${teamDeskPort}`,
      url: `http://127.0.0.1:${teamDeskPort}/team-desk-ready`,
      cwd: "../..",
      reuseExistingServer: false,
    },
  ],
});
