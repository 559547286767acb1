// Trunk post_build hook (runs in the staging dir before it becomes dist/).
// 1. Copy index.html to 404.html: static hosts (e.g. GitHub Pages) serve it for deep links.
// 2. Release builds: the loader tag gets the service worker's address in data-sw, and
//    service-worker.mjs writes the worker (Workbox). Debug builds (trunk serve) get neither and
//    register no worker, so nothing is cached while developing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeServiceWorker } from "./service-worker.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === "release";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const tag = html.match(/<script type="module" id="sd-boot"[^>]*data-wasm="([^"]+)"[^>]*><\/script>/);
if (!tag) throw new Error("post-build: the sd-boot loader tag is missing from index.html");

if (release) {
  const base = tag[1].slice(0, tag[1].lastIndexOf("/") + 1);
  html = html.replace(tag[0], tag[0].replace(" id=\"sd-boot\"", ` id="sd-boot" data-sw="${base}sw.js"`));
}
writeFileSync(indexPath, html);
writeFileSync(join(dir, "404.html"), html);

if (release) {
  const { count, size, warnings } = await writeServiceWorker(dir);
  for (const warning of warnings) console.warn(`post-build: ${warning}`);
  console.log(`post-build: sw.js precaches ${count} files, ${(size / 1024).toFixed(0)} KiB`);
}
