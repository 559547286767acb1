// The e2e static server's same-origin proxy (tests/e2e/serve.mjs): /couchdb/… reaches the team
// desk server, a session cookie set through it is good for the database through it, and
// without TEAM_DESK_URL /couchdb/… is a 502.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTeamDeskServer } from "./launch.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
let couch, dist;
const statics = [];

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts serve.mjs on a free port; resolves to its origin once it listens.
async function serve(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ["tests/e2e/serve.mjs", dist, String(port), "/segment-desk/"], {
    cwd: root,
    env: { ...process.env, TEAM_DESK_URL: "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  statics.push(child);
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => String(chunk).includes("serving") && resolve());
    child.once("exit", (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  dist = await mkdtemp(join(tmpdir(), "team-desk-dist-"));
  await writeFile(join(dist, "index.html"), "<!doctype html><title>desk</title>");
  couch = await startTeamDeskServer({ port: await freePort(), removeOnStop: true });
});

after(async () => {
  for (const child of statics) child.kill();
  await couch?.stop();
  if (dist) await rm(dist, { recursive: true, force: true });
});

test("a session cookie set through /couchdb/ opens the database through /couchdb/", async () => {
  const origin = await serve({ TEAM_DESK_URL: couch.url });
  const signIn = await fetch(`${origin}/couchdb/_session`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ name: "bo", password: "bo-pass" }),
  });
  assert.equal(signIn.status, 200);
  assert.deepEqual(await signIn.json(), { ok: true, name: "bo", roles: ["sales-agent"] });
  const setCookie = signIn.headers.getSetCookie().find((c) => c.startsWith("AuthSession="));
  assert.ok(setCookie, "no AuthSession cookie");
  // The server's Path=/ is the proxy's /couchdb/: the browser sends it to the database's URLs.
  assert.match(setCookie, /; Path=\/couchdb\/(;|$)/);
  const cookie = setCookie.split(";")[0];

  const changes = await fetch(`${origin}/couchdb/desk/_changes?include_docs=true`, { headers: { cookie, accept: "application/json" } });
  assert.equal(changes.status, 200);
  assert.ok((await changes.json()).results.some((row) => row.id === "_design/segment-desk"));
  assert.equal(changes.headers.get("content-encoding"), null);

  // A write and its refusal come back as the server gave them, with the document's URL under /couchdb/.
  const doc = { _id: "customer:p1", kind: "customer", record: { id: "p1", account: {} } };
  const created = await fetch(`${origin}/couchdb/desk/customer%3Ap1`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(doc),
  });
  assert.equal(created.status, 201);
  assert.match(created.headers.get("location"), /^\/couchdb\/desk\/customer(:|%3A)p1$/);
  const forged = await fetch(`${origin}/couchdb/desk/_bulk_docs`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ docs: [{ _id: "audit:1-x", kind: "audit", record: { actor: { Role: "GlobalAdmin" } } }] }),
  });
  const [result] = await forged.json();
  assert.equal(result.error, "forbidden");

  const anonymous = await fetch(`${origin}/couchdb/desk/_changes`);
  assert.equal(anonymous.status, 401);
  // The app itself is still served as before.
  const page = await fetch(`${origin}/segment-desk/customers`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<title>desk<\/title>/);
});

test("without TEAM_DESK_URL, /couchdb/ answers 502 with a JSON error", async () => {
  const origin = await serve({});
  const answer = await fetch(`${origin}/couchdb/desk/_changes`);
  assert.equal(answer.status, 502);
  assert.equal((await answer.json()).error, "bad_gateway");
  assert.equal((await fetch(`${origin}/segment-desk/`)).status, 200);
});

test("a team desk server that does not answer is a 502", async () => {
  const origin = await serve({ TEAM_DESK_URL: `http://127.0.0.1:${await freePort()}` });
  const answer = await fetch(`${origin}/couchdb/_session`);
  assert.equal(answer.status, 502);
  assert.match((await answer.json()).reason, /did not answer: ECONNREFUSED/);
});
