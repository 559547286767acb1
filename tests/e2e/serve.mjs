// A static file server for the built app under a subpath, like a static host with an SPA
// fallback (nginx `try_files $uri /segment-desk/index.html`): any path under the subpath that is
// not a file gets index.html, so deep links and reloads work. Like such a host it gzips what it
// sends and lets the browser keep the hashed files (README, "Hosting").
// Usage: node tests/e2e/serve.mjs <dist> <port> <base path>
//
// Like the host of the README's "Team desk" it also proxies /couchdb/… to the CouchDB server
// in TEAM_DESK_URL (e.g. http://127.0.0.1:5985, tests/team-desk/server.mjs), so the app reaches
// its database on its own origin (the CSP's connect-src 'self'). Without TEAM_DESK_URL,
// /couchdb/… answers 502.
import { createServer, request as forwardHttp } from "node:http";
import { request as forwardHttps } from "node:https";
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

// The same-origin proxy: /couchdb/<path> → TEAM_DESK_URL/<path>, method, headers and body as
// they come, both ways streamed (a _changes longpoll waits as long as the client does), never
// gzipped here. Like nginx's `proxy_cookie_path / /couchdb/;` and `proxy_redirect`, the server's
// cookie paths and Location headers are moved under /couchdb/.
const COUCH_PREFIX = "/couchdb";
const couch = process.env.TEAM_DESK_URL ? new URL(process.env.TEAM_DESK_URL) : null;
const couchBase = couch ? `${couch.origin}${couch.pathname.replace(/\/+$/, "")}` : "";
// Hop-by-hop headers are the connection's, not the message's (RFC 9110, 7.6.1).
const hopByHop = new Set([
  "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
  "te", "trailer", "transfer-encoding", "upgrade",
]);

function badGateway(res, reason) {
  if (res.destroyed) return;
  if (res.headersSent) { res.destroy(); return; }
  res.writeHead(502, { "content-type": "application/json", "cache-control": "no-store" })
    .end(JSON.stringify({ error: "bad_gateway", reason }));
}

function proxyCookie(cookie) {
  return cookie
    .replace(/;\s*domain=[^;]*/gi, "")
    .replace(/;\s*path=([^;]*)/i, (_, path) => `; Path=${COUCH_PREFIX}${path.trim().startsWith("/") ? path.trim() : "/"}`);
}

function proxyLocation(location) {
  if (location.startsWith(`${couchBase}/`)) return COUCH_PREFIX + location.slice(couchBase.length);
  if (location.startsWith("/")) return COUCH_PREFIX + location;
  return location;
}

function proxyCouch(req, res) {
  if (!couch) {
    badGateway(res, "No team desk server: TEAM_DESK_URL is not set.");
    return;
  }
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!hopByHop.has(name)) headers[name] = value;
  }
  headers.host = couch.host;
  // Identity from the server too, so nothing buffers a streamed feed to compress it.
  delete headers["accept-encoding"];
  const forward = couch.protocol === "https:" ? forwardHttps : forwardHttp;
  const upstream = forward(
    {
      protocol: couch.protocol,
      hostname: couch.hostname,
      port: couch.port,
      method: req.method,
      path: couch.pathname.replace(/\/+$/, "") + req.url.slice(COUCH_PREFIX.length),
      headers,
    },
    (up) => {
      const out = {};
      for (const [name, value] of Object.entries(up.headers)) {
        if (hopByHop.has(name)) continue;
        if (name === "set-cookie") out[name] = value.map(proxyCookie);
        else if (name === "location") out[name] = proxyLocation(value);
        else out[name] = value;
      }
      res.writeHead(up.statusCode, up.statusMessage, out);
      up.pipe(res);
      up.on("error", () => res.destroy());
    },
  );
  upstream.on("error", (error) => badGateway(res, `The team desk server at ${couchBase} did not answer: ${error.code ?? error.message}.`));
  // A client that goes away (a longpoll given up) ends the request upstream too.
  res.on("close", () => { if (!res.writableFinished) upstream.destroy(); });
  req.pipe(upstream);
}

createServer(async (req, res) => {
  if (req.url.startsWith(`${COUCH_PREFIX}/`)) {
    proxyCouch(req, res);
    return;
  }
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
