// Prints the gzip size (level 9) of every file in a directory and the total.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dir = process.argv[2] ?? "dist";
let raw = 0, gz = 0;
const rows = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length; gz += g;
  rows.push([name, bytes.length, g]);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
for (const [name, r, g] of rows) console.log(`${kb(r)} ${kb(g)} gzip  ${name}`);
console.log(`${kb(raw)} ${kb(gz)} gzip  total (${dir}/)`);
