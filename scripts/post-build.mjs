// Trunk post_build hook (runs in the staging dir before it becomes dist/).
// 1. Release: inline the wasm module into a script module, so the CSP can say
//    connect-src 'none' (fetching even our own .wasm is a connection). The bytes are
//    deflated before base64: base64 hides byte patterns from the server's gzip (+32% on the
//    wire), while base64 of deflated bytes gzips to within 2% of the bare module. boot.js
//    inflates them with the browser's own DecompressionStream. Debug builds keep the
//    fetch (a debug module is tens of MB) and relax connect-src to 'self' for that file.
// 2. Copy index.html to 404.html: static hosts (e.g. GitHub Pages) serve it for deep links.
import { readFileSync, writeFileSync, unlinkSync } from "node:fs";
import { createHash } from "node:crypto";
import { deflateRawSync, constants } from "node:zlib";
import { join, basename } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
const release = process.env.TRUNK_PROFILE === "release";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const tag = html.match(/<script type="module" id="sd-boot"[^>]*data-wasm="([^"]+)"[^>]*><\/script>/);
if (!tag) throw new Error("post-build: the sd-boot loader tag is missing from index.html");
const wasmUrl = tag[1];

if (release) {
  const wasmFile = join(dir, basename(wasmUrl));
  const bytes = readFileSync(wasmFile);
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const inlineName = `wasm-inline-${hash}.js`;
  const deflated = deflateRawSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(join(dir, inlineName), `export default "${deflated.toString("base64")}";\n`);
  unlinkSync(wasmFile);
  const inlineUrl = wasmUrl.slice(0, wasmUrl.length - basename(wasmUrl).length) + inlineName;
  html = html.replace(tag[0], tag[0].replace(`data-wasm="${wasmUrl}"`, `data-wasm-inline="${inlineUrl}"`));
} else {
  html = html.replaceAll("connect-src 'none'", "connect-src 'self'"); // the CSP, not only the comment above it
}

writeFileSync(indexPath, html);
writeFileSync(join(dir, "404.html"), html);
