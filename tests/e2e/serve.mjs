// A static file server for the built app under a subpath, like a static host with an SPA
// fallback (nginx `try_files $uri /segment-desk/index.html`): any path under the subpath that is
// not a file gets index.html, so deep links and reloads work. Like such a host it gzips what it
// sends and lets the browser keep the hashed files (README, "Hosting").
// Usage: node tests/e2e/serve.mjs <dist> <port> <base path>
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const [dist = "dist", port = "4173", base = "/"] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

// Compressed once per file version, as a host's static gzip would serve it.
const gzipped = new Map();
async function gzip(file, body) {
  const key = `${file}:${(await stat(file)).mtimeMs}`;
  if (!gzipped.has(key)) gzipped.set(key, gzipSync(body));
  return gzipped.get(key);
}

async function isFile(path) {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (!url.pathname.startsWith(base)) {
    res.writeHead(302, { location: base }).end();
    return;
  }
  const rel = normalize(decodeURIComponent(url.pathname.slice(base.length))).replace(/^(\.\.[/\\])+/, "");
  let file = join(dist, rel);
  if (!rel || !(await isFile(file))) file = join(dist, "index.html");
  let body = await readFile(file);
  // As a host should serve a build: the hashed files forever, the rest (index.html, the worker,
  // the manifest) revalidated, so a new build is seen at once.
  const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
  const cache = hashed ? "public, max-age=31536000, immutable" : "no-cache";
  const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": cache, vary: "accept-encoding" };
  if (extname(file) !== ".png" && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
    body = await gzip(file, body);
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(200, headers).end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(`serving ${dist} at http://127.0.0.1:${port}${base}`));
