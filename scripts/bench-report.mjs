// The table of `make bench`: reads what the three benchmark runs left behind, prints one table
// with the machine and date, and puts the same table into docs/PERFORMANCE.md between its
// `<!-- bench:start -->` and `<!-- bench:end -->` lines.
//   native: target/criterion/<group>/<name>/new/estimates.json (criterion, median)
//   wasm:   target/bench/wasm.log, lines `BENCH {"id":…,"median_ms":…,"runs":…}`
//   browser: target/bench/browser.json (tests/bench/app.bench.js)
//   price list: target/bench/price-list.json (tests/bench/price-list.bench.js)
//   network: target/bench/network.json (tests/bench/network.bench.js)
//   dist:   the release build the browser run used (gzip level 9 of every file)
//   floor:  target/bench/floor-{stack,crates} (`make bundle-floor`), and the texts and free-mail
//           list in the sources, for what the stack and the data cost before our own code
// Usage: node scripts/bench-report.mjs <dist dir>
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { execSync } from "node:child_process";
import os from "node:os";

const dist = process.argv[2] ?? "target/e2e-dist";
const missing = [];

function criterion(id) {
  // criterion names the folder of `group/name` so, and of a bare id with a `/` as `group_name`.
  const file = [join("target/criterion", id, "new/estimates.json"), join("target/criterion", id.replace("/", "_"), "new/estimates.json")].find(existsSync);
  if (!file) return missing.push(`native ${id}`), undefined;
  return JSON.parse(readFileSync(file, "utf8")).median.point_estimate / 1e6; // ns → ms
}
const wasm = {};
if (existsSync("target/bench/wasm.log")) {
  for (const line of readFileSync("target/bench/wasm.log", "utf8").split("\n")) {
    const m = line.match(/BENCH (\{.*\})/);
    if (m) {
      const f = JSON.parse(m[1]);
      wasm[f.id] = f;
    }
  }
}
const browser = existsSync("target/bench/browser.json")
  ? JSON.parse(readFileSync("target/bench/browser.json", "utf8")).figures
  : {};
const priceList = existsSync("target/bench/price-list.json")
  ? JSON.parse(readFileSync("target/bench/price-list.json", "utf8")).figures
  : {};
const network = existsSync("target/bench/network.json")
  ? JSON.parse(readFileSync("target/bench/network.json", "utf8")).figures
  : {};
const teamDesk = existsSync("target/bench/team-desk.json")
  ? JSON.parse(readFileSync("target/bench/team-desk.json", "utf8")).figures
  : {};
const w = (id) => wasm[id]?.median_ms ?? (missing.push(id), undefined);
const t = (id) => teamDesk[id]?.median_ms ?? (missing.push(id), undefined);
const b = (id) => browser[id]?.median_ms ?? (missing.push(id), undefined);
const p = (id) => priceList[id]?.median_ms ?? (missing.push(id), undefined);
const n = (id) => network[id]?.median_ms ?? (missing.push(id), undefined);

/** Gzip -9 size of every file of the build (its icons included), but 404.html, which is
 *  index.html again for static hosts. */
function distGzip(dir) {
  if (!existsSync(dir)) return missing.push(`dist ${dir}`), undefined;
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const path = join(dir, name);
    if (statSync(path).isFile() && name !== "404.html") total += gzipSync(readFileSync(path), { level: 9 }).length;
  }
  return total;
}

/** Gzip -9 size of every file the floor build `variant` left (its module and JS glue). */
function floorGzip(variant) {
  const dir = `target/bench/floor-${variant}`;
  if (!existsSync(dir)) return missing.push(`bundle floor ${variant}`), undefined;
  return readdirSync(dir).reduce((total, name) => total + gzipSync(readFileSync(join(dir, name)), { level: 9 }).length, 0);
}

/** Gzip -9 size of every text of every language, without the keys and JSON around them. */
function textsGzip() {
  const texts = [];
  const collect = (value) => (typeof value === "string" ? texts.push(value) : Object.values(value).forEach(collect));
  for (const lang of readdirSync("locales")) {
    for (const file of readdirSync(join("locales", lang))) collect(JSON.parse(readFileSync(join("locales", lang, file), "utf8")));
  }
  return gzipSync(texts.join("\n"), { level: 9 }).length;
}

const ms = (x) => (x === undefined ? "not measured" : x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(0)} ms`);
const kb = (bytes) => `${(bytes / 1000).toFixed(0)} KB`;
const within = (x, limit) => (x === undefined ? "" : x <= limit ? "within" : "**missed**");

const parse = b("ref.json_parse");
const setItem = b("ref.set_item");
const cold = b("browser.cold_start");
const imported = b("browser.import");
const importedAfterReset = b("browser.import_after_reset");
const exported = b("browser.export");
const stringify = b("ref.json_stringify");
const wholeDesk = b("browser.cold_start.whole_desk");
const longestBusy = b("browser.cold_start.longest_busy");
const rowsBuilt = browser["browser.cold_start.whole_desk"]?.rows_built;
const ratio = (x, ref) => (x && ref ? x / ref : undefined);
const times = (r) => (r === undefined ? "" : `${r.toFixed(2)}×`);
const importRatio = ratio(imported, parse + setItem);
const importAfterResetRatio = ratio(importedAfterReset, parse + setItem);
const exportRatio = ratio(exported, stringify);
const stored = browser["browser.stored"];
const exportBytes = browser["browser.export"]?.bytes;
const gz = distGzip(dist);
const gzipOf = (name) => name && gzipSync(readFileSync(join(dist, name)), { level: 9 }).length;
const distFiles = existsSync(dist) ? readdirSync(dist) : [];
const moduleGz = gzipOf(distFiles.find((name) => name.endsWith("_bg.wasm")));
const workerGz = gzipOf(distFiles.find((name) => name === "sw.js"));
const firstVisit = n("network.first_visit");
const repeatOffline = n("network.repeat_visit_offline");
const firstVisitBytes = network["network.first_visit"]?.bytes;
const floorStack = floorGzip("stack");
const floorCrates = floorGzip("crates");
const texts = textsGzip();
const freeMail = gzipSync(readFileSync("src/domain/free_mail_domains.txt"), { level: 9 }).length;
const floorTotal = floorCrates === undefined ? undefined : floorCrates + texts + freeMail;
const priceListRead = p("browser.price_list_read_30k");
const priceListBytes = priceList["browser.price_list_read_30k"]?.bytes;
const catalogStored = priceList["browser.catalog_stored_30k"];
const logRead = b("browser.audit_log_read");
// What a whole read in wasm leaves besides the parts measured beside it.
const remainder = (whole, parts) => {
  const times = [whole, ...parts].map(w);
  return times.includes(undefined) ? undefined : times[0] - times.slice(1).reduce((a, x) => a + x, 0);
};
const remainderText = (r) => (r < 0 ? "within noise (the parts' medians add up to more than the whole)" : ms(r));
const recordsOther = remainder("wasm.store.rest_records", ["wasm.store.inflate_subscriptions", "wasm.store.parse_subscriptions", "wasm.store.rest_order_step"]);
const auditOther = remainder("wasm.store.rest_audit", ["wasm.store.inflate_audit", "wasm.store.parse_audit"]);
const keystrokeMax = browser["browser.search_keystroke"]?.max_ms;

const rows = [
  ["**Rules (native, criterion)**", "", "", ""],
  ["Every offer (300) for one customer", ms(criterion("eligibility/every_offer_one_customer")), "", ""],
  ["Every customer × every offer (10,000 × 300)", ms(criterion("eligibility/every_customer_every_offer")), "", ""],
  ["Cart check, 20 lines", ms(criterion("cart/check_20_lines")), "", ""],
  ["Account form validation", ms(criterion("account/validate_form")), "", ""],
  ["**Rules (wasm in Chromium, release)**", "", "", ""],
  ["Every offer (300) for one customer", ms(w("wasm.every_offer_one_customer")), "≤ 1 ms", within(wasm["wasm.every_offer_one_customer"]?.median_ms, 1)],
  ["3 million customer × offer decisions", ms(w("wasm.every_customer_every_offer")), "≤ 100 ms", within(wasm["wasm.every_customer_every_offer"]?.median_ms, 100)],
  ["Cart check, 20 lines", ms(w("wasm.cart_check_20_lines")), "", ""],
  ["Account form validation", ms(w("wasm.validate_form")), "", ""],
  ["**The whole desk in wasm, by part (release, not wasm-opt'd; the same 10,000 customers, 30,000 subscriptions and audit log; an in-memory store for `localStorage`)**", "", "", ""],
  ["Read the partner and the customers, in their stored creation order (`load_first`: what the first paint waits for)", ms(w("wasm.store.read_first")), "", ""],
  ["Then read the subscriptions (`RestRead` until `take_records`, with the newest audit chunk: what every page waits for)", ms(w("wasm.store.rest_records")), "", ""],
  ["  of which: inflating their stored values", ms(w("wasm.store.inflate_subscriptions")), "", ""],
  ["  of which: parsing them", ms(w("wasm.store.parse_subscriptions")), "", ""],
  ["  of which: the step that puts them in their stored creation order", ms(w("wasm.store.rest_order_step")), "", ""],
  ["  of which: the rest (reading each value, ids, revisions, the hand-over)", remainderText(recordsOther), "", ""],
  ["The rest of the audit log (`RestRead` from `take_records` to `finish`: read when the log's page or the Data page is opened, or for an export)", ms(w("wasm.store.rest_audit")), "", ""],
  ["  of which: inflating its stored chunks", ms(w("wasm.store.inflate_audit")), "", ""],
  ["  of which: parsing it", ms(w("wasm.store.parse_audit")), "", ""],
  ["  of which: the rest (reading each value, the check of its order)", remainderText(auditOther), "", ""],
  ["Save the whole desk into an empty store (an import's save after a reset, but `setItem`)", ms(w("wasm.store.save_after_reset")), "", ""],
  ["  of which: deflating every stored value", ms(w("wasm.store.deflate_all")), "", ""],
  ["**The app in Chromium (release; 10,000 customers, 30,000 subscriptions, 300 offers stored)**", "", "", ""],
  ["Cold start: navigation → customers list painted", ms(cold), "≤ 500 ms", within(cold, 500)],
  ["  of which: the loader and the module's JS glue loaded, before the module is fetched and compiled (`sd:wasm-ready`)", ms(b("browser.cold_start.wasm_ready")), "", ""],
  ["  of which: the partner and customers read from localStorage (`sd:desk-load`)", ms(b("browser.cold_start.desk_load")), "", ""],
  ["Navigation → whole desk read: the subscriptions and the newest audit chunk follow the first paint (`sd:desk-load-records`); the rest of the log is read when a page shows it", ms(wholeDesk), "≤ 500 ms", within(wholeDesk, 500)],
  ["  while it is read, the longest the page does not answer input (a slice of the read, or any task over 50 ms)", ms(longestBusy), "≤ 50 ms", within(longestBusy, 50)],
  ["  times the customers list built its 10,000 rows in one navigation (`sd:customer-rows`)", rowsBuilt === undefined ? "not measured" : String(rowsBuilt), "1", rowsBuilt === undefined ? "" : within(rowsBuilt, 1)],
  ["The Audit log page opened after start: the rest of the log read (`sd:desk-load-log`), with a progress bar", ms(logRead), "", ""],
  ["  while it is read, the longest slice of the read", ms(b("browser.audit_log_read.longest_busy")), "≤ 50 ms", within(b("browser.audit_log_read.longest_busy"), 50)],
  ["Cold start ÷ bare `JSON.parse` of the desk", cold && parse ? `${(cold / parse).toFixed(2)}×` : "", "≤ 3×", cold && parse ? within(cold / parse, 3) : ""],
  [`Search keystroke → list updated (max ${ms(keystrokeMax)})`, ms(b("browser.search_keystroke")), "≤ 16 ms", within(browser["browser.search_keystroke"]?.median_ms, 16)],
  ["One edit persisted (auto-renew: rule, change, audit, save)", ms(b("browser.edit_persisted")), "≤ 5 ms", within(browser["browser.edit_persisted"]?.median_ms, 5)],
  [`Export the whole desk (${exportBytes ? kb(exportBytes) : "?"} of JSON)`, ms(exported), "", ""],
  ["Export ÷ bare `JSON.stringify` of the same desk", times(exportRatio), "≤ 2×", within(exportRatio, 2)],
  ["Import the whole desk over the desk it was exported from (check + save; the keys that differ are written)", ms(imported), "", ""],
  ["  ÷ (bare `JSON.parse` + bare `setItem`)", times(importRatio), "≤ 5×", within(importRatio, 5)],
  ["Import the whole desk after a reset (check + save; every key written)", ms(importedAfterReset), "", ""],
  ["  ÷ (bare `JSON.parse` + bare `setItem`)", times(importAfterResetRatio), "≤ 5×", within(importAfterResetRatio, 5)],
  ["  of which: the check (the file read into the desk, every rule checked; the preview's dry run)", ms(b("browser.import_after_reset.check")), "", ""],
  ["  of which: the save (every key serialized, packed and written)", ms(b("browser.import_after_reset.save")), "", ""],
  ["Load sample data, 10,000 customers (generate + save)", ms(b("browser.sample_load_10k")), "", ""],
  ["**Microsoft's price list in Chromium (release; 30,000 rows, 6,000 SKUs; tests/bench/price-list.bench.js)**", "", "", ""],
  [`Import: the file chosen (${priceListBytes ? kb(priceListBytes) : "?"} of CSV) → its dry run painted, with the progress bar between steps`, ms(priceListRead), "≤ 2 s", within(priceListRead, 2000)],
  ["Replace the catalog (the change, its audit entry, the save)", ms(p("browser.catalog_replace_30k")), "", ""],
  [
    "The stored catalog (`segment-desk/catalog`)",
    catalogStored ? `${kb(catalogStored.bytes)} = ${((catalogStored.bytes / catalogStored.quota_bytes) * 100).toFixed(1)}% of 10 MiB` : "not measured",
    "≤ 10%",
    catalogStored ? within(catalogStored.bytes / catalogStored.quota_bytes, 0.1) : "",
  ],
  ["**The team desk (release; pouchdb-server in memory behind the /couchdb/ proxy; tests/bench/team-desk.bench.js)**", "", "", ""],
  ["First sync of a desk that was local: 10,000 customers, 30,000 subscriptions and their audit log uploaded", ms(t("team.upload_10k")), "", ""],
  ["First sync of an empty browser: that desk from the server, sign-in → in step", ms(t("team.first_sync_10k")), "≤ 15 s", within(teamDesk["team.first_sync_10k"]?.median_ms, 15_000)],
  ["One change (a customer added) → seen in the colleague's browser (rounds every 2 s)", ms(t("team.change_seen_by_colleague")), "≤ 2 s", within(teamDesk["team.change_seen_by_colleague"]?.median_ms, 2000)],
  ["**Over the network (release build; DevTools network emulation)**", "", "", ""],
  ["First visit at 10 Mbit/s, 40 ms round trip, cold cache: navigation → customers list painted", ms(firstVisit), "≤ 1.2 s", within(firstVisit, 1200)],
  ["  bytes on the wire until then (gzip, headers included)", firstVisitBytes ? kb(firstVisitBytes) : "not measured", "", ""],
  ["Repeat visit with no network, 10,000 customers stored (every file from the service worker)", ms(repeatOffline), "≤ 400 ms", within(repeatOffline, 400)],
  ["**References, same browser, same run**", "", "", ""],
  [`Bare \`JSON.parse\` of the desk as JSON (${exportBytes ? kb(exportBytes) : "?"})`, ms(parse), "", ""],
  ["Bare `JSON.stringify` of that desk, indented as the export is", ms(stringify), "", ""],
  [`Bare \`localStorage.setItem\` of the stored bytes (${stored ? kb(stored.bytes) : "?"})`, ms(setItem), "", ""],
  ["**Sizes**", "", "", ""],
  [
    `The desk in localStorage (${stored ? `${stored.keys} keys` : "?"})`,
    stored ? `${kb(stored.bytes)} = ${((stored.bytes / stored.quota_bytes) * 100).toFixed(1)}% of 10 MiB` : "not measured",
    "≤ 60%",
    stored ? within(stored.bytes / stored.quota_bytes, 0.6) : "",
  ],
  ["Release `dist/`, gzip -9", gz === undefined ? "not measured" : kb(gz), "≤ 600 KB", gz === undefined ? "" : within(gz, 600_000)],
  ["  the same against its size before the service worker, the manifest and the icons", gz === undefined ? "" : kb(gz), "≤ 718 KB", gz === undefined ? "" : within(gz, 718_000)],
  ["  of which: the wasm module", moduleGz ? kb(moduleGz) : "not measured", "", ""],
  ["  of which: the service worker (Workbox, its precache list)", workerGz ? kb(workerGz) : "not measured", "", ""],
  ["  the module ÷ the floor (the stack under two tiny pages, below)", times(ratio(moduleGz, floorStack)), "≤ 2× (over time)", within(ratio(moduleGz, floorStack), 2)],
  ["**What the stack and the data cost before any page or rule of ours (gzip -9)**", "", "", ""],
  ["Leptos, its router and leptos_i18n under two tiny pages (`benches/bundle-floor`: module and JS glue)", floorStack === undefined ? "not measured" : kb(floorStack), "", ""],
  ["  the same, plus one use of each other crate the app uses (serde_json, chrono, csv, flate2 with zlib-rs, email_address, uuid)", floorCrates === undefined ? "not measured" : kb(floorCrates), "", ""],
  ["The app's texts, three languages (the strings in `locales/`)", kb(texts), "", ""],
  ["The free-mail domain list (`src/domain/free_mail_domains.txt`)", kb(freeMail), "", ""],
  [
    "Stack, crates, texts and list together; what that leaves of the `dist/` budget for every page and rule of ours",
    floorTotal === undefined ? "not measured" : `${kb(floorTotal)}; leaves ${kb(600_000 - floorTotal).replace("-", "−")}`,
    "",
    "",
  ],
];

function sh(cmd) {
  try { return execSync(cmd, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(); } catch { return "?"; }
}
const machine = [
  `${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  sh("/usr/bin/chromium --version"),
  sh("rustc --version"),
].join("; ");
const date = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";

const table = [
  `Run on ${date}. Machine: ${machine}.`,
  `Medians of several runs (native: criterion; wasm: ${wasm["wasm.every_offer_one_customer"]?.runs ?? "?"} runs and more; browser: ${browser["browser.cold_start"]?.runs ?? "?"} runs).`,
  "",
  "| Figure | Measured | Budget | |",
  "|---|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");

console.log(`\n${table}\n`);
if (missing.length) console.log(`Not measured: ${missing.join(", ")}`);

const doc = "docs/PERFORMANCE.md";
const text = readFileSync(doc, "utf8");
const start = "<!-- bench:start -->";
const end = "<!-- bench:end -->";
if (!text.includes(start) || !text.includes(end)) throw new Error(`${doc} lacks the ${start} … ${end} lines`);
writeFileSync(doc, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
console.log(`Written to ${doc}.`);
