// What shows the app breaking its promises; support/fixture.js watches every page of every test
// with it.

/** Collects console errors (CSP violations among them), page errors, requests to any host but
 *  the test servers on this machine (offline.spec.js starts its own beside the shared one), and
 *  any fetch/XHR the app makes but the loader's one fetch of the wasm module and a team desk's
 *  calls to its CouchDB under /couchdb/ on the app's origin, as lines; the fixture expects none
 *  after each test. */
export function watch(page) {
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console: ${msg.text()}`); });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.hostname !== "127.0.0.1") {
      problems.push(`foreign request: ${req.url()}`);
    }
    const call = req.resourceType() === "fetch" || req.resourceType() === "xhr";
    if (call && !url.pathname.endsWith(".wasm") && !url.pathname.startsWith("/couchdb/")) problems.push(`network call: ${req.url()}`);
  });
  return problems;
}
