// Trunk post_build hook (runs in the staging dir before it becomes dist/).
// 1. Copy index.html to 404.html: static hosts (e.g. GitHub Pages) serve it for deep links.
// 2. Release builds: generate the service worker with Workbox (workbox-build from npm). It
//    precaches every file of the build, revisioned by content (Trunk's hashed names need no
//    revision), and answers every navigation under its scope with the cached index.html, so the
//    desk and its deep links open with no network, at the root or under --public-url. A new
//    build's worker waits until the page asks it to take over (the app's "A new version is
//    ready" → Reload), so a page never runs a mix of old and new files. The loader tag gets the
//    worker's address in data-sw; debug builds (trunk serve) get none and register no worker.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSW } from "workbox-build";

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
  const { count, size, warnings } = await generateSW({
    globDirectory: dir,
    globPatterns: ["**/*.{html,js,wasm,css,svg,png,webmanifest}"],
    globIgnores: ["404.html", "sw.js"],
    swDest: join(dir, "sw.js"),
    mode: "production",
    sourcemap: false,
    // One file: no workbox-*.js beside it to version.
    inlineWorkboxRuntime: true,
    // Relative to the worker's own address, so the same worker serves any public URL.
    navigateFallback: "index.html",
    // Trunk's file names carry the content hash already.
    dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
    // The release module is about 2 MB before compression.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    skipWaiting: false,
    clientsClaim: false,
  });
  for (const warning of warnings) console.warn(`post-build: ${warning}`);
  console.log(`post-build: sw.js precaches ${count} files, ${(size / 1024).toFixed(0)} KiB`);
}
