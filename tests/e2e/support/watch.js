// What shows the app breaking its promises; support/fixture.js watches every page of every test
// with it.
const port = process.env.E2E_PORT ?? "4173";
// A debug build (make test-e2e-debug) fetches its .wasm; the release build inlines it.
const debugBuild = !!process.env.E2E_DEBUG;

/** Collects console errors (CSP violations among them), page errors, requests to any other
 *  host, and any fetch/XHR the app makes, as lines; the fixture expects none after each test. */
export function watch(page) {
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.host !== `127.0.0.1:${port}`) {
      problems.push(`foreign request: ${req.url()}`);
    }
    const call = req.resourceType() === "fetch" || req.resourceType() === "xhr";
    if (call && !(debugBuild && url.pathname.endsWith(".wasm"))) problems.push(`network call: ${req.url()}`);
  });
  return problems;
}
