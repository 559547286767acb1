// The release build's service worker, generated with Workbox (workbox-build from npm): used by
// the post-build hook (post-build.mjs) and by the end-to-end test that serves a new build.
//
// It precaches every file of the build, revisioned by content (Trunk's hashed names need no
// revision), and answers every navigation under its scope with the cached index.html, so the
// desk and its deep links open with no network, at the root or under --public-url. A new
// build's worker installs in the background and waits until the page asks it to take over
// (the app's "A new version is ready" → Reload, src/ui/service_worker.rs), so a page never runs
// a mix of old and new files.
import { join } from "node:path";
import { generateSW } from "workbox-build";

/** Writes `<dir>/sw.js` for the build in `dir`; returns how many files it precaches and their
 *  size in bytes, and Workbox's warnings. */
export async function writeServiceWorker(dir) {
  return generateSW({
    globDirectory: dir,
    globPatterns: ["**/*.{html,js,wasm,css,svg,png,webmanifest}"],
    // 404.html is index.html again for static hosts; the worker does not precache itself.
    globIgnores: ["404.html", "sw.js"],
    swDest: join(dir, "sw.js"),
    mode: "production",
    sourcemap: false,
    // One file: no workbox-*.js beside it to version.
    inlineWorkboxRuntime: true,
    // Relative to the worker's own address, so the same worker serves any public URL.
    navigateFallback: "index.html",
    // Trunk's file names carry the content hash already (a 64-bit hash in hex, leading zeros
    // dropped: up to 16 digits).
    dontCacheBustURLsMatching: /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/,
    // The release module is about 2 MB before compression (Workbox's default limit is 2 MiB).
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    cleanupOutdatedCaches: true,
    // Wait for the page's SKIP_WAITING message; do not take over pages loaded without a worker.
    skipWaiting: false,
    clientsClaim: false,
  });
}
