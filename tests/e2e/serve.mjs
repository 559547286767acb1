// A static file server for the built app under a subpath, like a static host with an SPA
// fallback (nginx `try_files $uri /segment-desk/index.html`): any path under the subpath that is
// not a file gets index.html, so deep links and reloads work.
// Usage: node tests/e2e/serve.mjs <dist> <port> <base path>
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, extname, normalize } from "node:path";

const [dist = "dist", port = "4173", base = "/"] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

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
  const body = await readFile(file);
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(`serving ${dist} at http://127.0.0.1:${port}${base}`));
