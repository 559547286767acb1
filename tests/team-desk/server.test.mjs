// The team desk's server side against a real server: pouchdb-server set up by
// scripts/team-desk/setup.mjs (tests/team-desk/launch.mjs), spoken to in raw HTTP as the app
// and a forger would. Every forged write must be refused with a status and a reason, and must
// leave the database as it was. Run: node --test tests/team-desk/   (make test-team-desk)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startTeamDeskServer, basic, ADMIN } from "./launch.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const ada = { name: "ada", password: "ada-pass" }; // global-admin
const cy = { name: "cy", password: "cy-pass" }; // admin-agent
const bo = { name: "bo", password: "bo-pass" }; // sales-agent, signed in with a session cookie
const eve = { name: "eve", password: "eve-pass" }; // signed herself up: no role
const admin = ADMIN;

const SECURITY = {
  members: { names: [], roles: ["global-admin", "admin-agent", "sales-agent"] },
  admins: { names: [], roles: ["_admin"] },
};
// CouchDB answers 401 to the anonymous and 403 "You are not allowed to access this db." to a
// signed-in non-member; pouchdb-server answers 401 "You are not authorized to access this db."
// to both. Either keeps them out.
const NOT_A_MEMBER = /not (authorized|allowed) to access this db/;

let server;
let base;
let boCookie;

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

// One HTTP request: `as` is a user (basic auth), a cookie string, or nobody.
async function http(method, path, { as, body } = {}) {
  const headers = { accept: "application/json" };
  if (typeof as === "string") headers.cookie = as;
  else if (as) headers.authorization = basic(as);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null, headers: response.headers };
}

const docPath = (id) => `/desk/${encodeURIComponent(id)}`;
const put = (as, doc) => http("PUT", docPath(doc._id), { as, body: doc });
const get = (id, as = admin) => http("GET", docPath(id), { as });
const remove = (as, doc) => http("DELETE", `${docPath(doc._id)}?rev=${doc._rev}`, { as });

// Writes `doc` as `as` and expects it stored; returns the stored document.
async function create(as, doc) {
  const answer = await put(as, doc);
  assert.equal(answer.status, 201, `${doc._id}: ${JSON.stringify(answer.json)}`);
  return (await get(doc._id)).json;
}

// A refused write: the status, the reason, and nothing stored.
async function assertRefused(answer, reason, id, storedRev) {
  assert.equal(answer.status, 403, JSON.stringify(answer.json));
  assert.equal(answer.json.error, "forbidden");
  assert.match(answer.json.reason, reason);
  if (id) {
    const stored = await get(id);
    if (storedRev) assert.equal(stored.json._rev, storedRev, `${id} was changed`);
    else assert.equal(stored.status, 404, `${id} was stored`);
  }
}

function customer(id, fields = {}) {
  return {
    _id: `customer:${id}`,
    kind: "customer",
    record: {
      id,
      created: "2025-08-09",
      account: { company_name: "Academy Zero", country: "PL", address_line1: "Rynek 1" },
      domain_prefix: "academy0",
      qualifications: [],
      verification_requests: 1,
      nonprofit_review: null,
      ...fields,
    },
  };
}

let auditKey = 0;
function audit(actor, change = { CustomerCreated: { company_name: "Academy Zero", domain_prefix: "academy0" } }) {
  auditKey += 1;
  const hex = auditKey.toString(16).padStart(8, "0");
  return {
    _id: `audit:${String(1754697600000 + auditKey).padStart(13, "0")}-${hex}`,
    kind: "audit",
    record: { seq: auditKey, date: "2025-08-09", actor, entity: { Customer: { id: "c1" } }, change },
  };
}

const partner = {
  _id: "partner",
  kind: "partner",
  record: {
    partner_type: "DirectBill",
    country: "US",
    reseller_qualifications: [],
    gcc_validation_codes: [
      { validation_id: "gcc-1", organization_name: "City of Springfield", max_creates: 3, remaining_creates: 2 },
      { validation_id: "gcc-2", organization_name: "County of Shelby", max_creates: 1, remaining_creates: 1 },
    ],
  },
};
const clone = (value) => JSON.parse(JSON.stringify(value));

before(async () => {
  server = await startTeamDeskServer({ port: await freePort(), removeOnStop: true });
  base = server.url;
  // bo signs in as the app does: POST /_session, then the AuthSession cookie.
  const session = await fetch(`${base}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(bo),
  });
  assert.equal(session.status, 200);
  boCookie = session.headers.getSetCookie().find((c) => c.startsWith("AuthSession=")).split(";")[0];
  // eve signs herself up, as anyone may in _users; no role is hers to give.
  const signup = await http("PUT", `/_users/org.couchdb.user:${eve.name}`, {
    body: { _id: `org.couchdb.user:${eve.name}`, name: eve.name, password: eve.password, type: "user", roles: [] },
  });
  assert.equal(signup.status, 201, JSON.stringify(signup.json));
  const selfPromotion = await http("PUT", "/_users/org.couchdb.user:mallory", {
    body: { _id: "org.couchdb.user:mallory", name: "mallory", password: "m", type: "user", roles: ["global-admin"] },
  });
  assert.equal(selfPromotion.status, 403, "a sign-up gave itself a role");
});

after(async () => {
  await server?.stop();
});

test("the session cookie names the user and the role setup.mjs gave", async () => {
  const session = await http("GET", "/_session", { as: boCookie });
  assert.equal(session.status, 200);
  assert.deepEqual(session.json.userCtx, { name: "bo", roles: ["sales-agent"] });
  const anonymous = await http("GET", "/_session");
  assert.equal(anonymous.json.userCtx.name, null);
});

test("nobody outside the desk's roles reads or writes it", async () => {
  for (const as of [undefined, eve]) {
    for (const path of ["/desk", "/desk/_all_docs", "/desk/_changes", docPath("partner")]) {
      const read = await http("GET", path, { as });
      assert.ok([401, 403].includes(read.status), `${as?.name ?? "anonymous"} GET ${path}: ${read.status}`);
      assert.match(read.json.reason, NOT_A_MEMBER);
    }
    const write = await put(as, customer("from-outside"));
    assert.ok([401, 403].includes(write.status), `${as?.name ?? "anonymous"} PUT: ${write.status}`);
    assert.match(write.json.reason, NOT_A_MEMBER);
  }
  assert.equal((await get("customer:from-outside")).status, 404);
  // Members read; the cookie is enough.
  assert.equal((await http("GET", "/desk/_changes", { as: boCookie })).status, 200);
  assert.equal((await http("GET", "/desk/_all_docs", { as: cy })).status, 200);
});

test("validate_doc_update refuses non-members even if _security is loosened, and setup.mjs puts it back", async () => {
  const loosened = await http("PUT", "/desk/_security", { as: admin, body: {} });
  assert.equal(loosened.status, 200);
  try {
    await assertRefused(await put(eve, customer("by-eve")), /^Only members of the team desk/, "customer:by-eve");
  } finally {
    const { stdout } = await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ["scripts/team-desk/setup.mjs", "--server", `http://${admin.name}:${admin.password}@${new URL(base).host}`, "--user", "cy:cy-pass:admin-agent"],
        { cwd: root },
        (error, stdout, stderr) => (error ? reject(new Error(stdout + stderr)) : resolve({ stdout })),
      );
    });
    // Run again, it changes only what differs.
    assert.match(stdout, /database desk: exists/);
    assert.match(stdout, /_design\/segment-desk: unchanged/);
    assert.match(stdout, /user cy \(admin-agent\): updated/);
  }
  assert.deepEqual((await http("GET", "/desk/_security", { as: admin })).json, SECURITY);
  const again = await http("GET", "/desk/_all_docs", { as: eve });
  assert.ok([401, 403].includes(again.status), `eve reads after setup: ${again.status}`);
});

test("setup.mjs fails clearly without a server admin's credentials", async () => {
  const result = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/team-desk/setup.mjs", "--server", `http://ada:ada-pass@${new URL(base).host}`],
      { cwd: root },
      (error, stdout, stderr) => resolve({ code: error?.code ?? 0, stderr }),
    );
  });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /team desk setup failed: .*"ada" is not a server admin/);
});

test("a Sales agent creates a customer and audit entries in its own name or the clock's", async () => {
  await create(boCookie, customer("c1"));
  const entry = await create(boCookie, audit({ Role: "SalesAgent" }));
  assert.deepEqual(entry.record.actor, { Role: "SalesAgent" });
  await create(boCookie, audit("Clock", { SubscriptionRenewed: { id: "s1" } }));
  await create(cy, audit({ Role: "AdminAgent" }));
});

test("an audit entry in another role's name is refused", async () => {
  for (const [as, role] of [[boCookie, "GlobalAdmin"], [boCookie, "AdminAgent"], [cy, "GlobalAdmin"], [ada, "SalesAgent"]]) {
    const forged = audit({ Role: role });
    await assertRefused(await put(as, forged), new RegExp(`only the writer's own role as its actor, not ${role}\\.$`), forged._id);
  }
  const nobody = audit({ Role: "Root" });
  await assertRefused(await put(ada, nobody), /actor must be "Clock" or a role of the desk/, nobody._id);
  const none = audit(undefined);
  await assertRefused(await put(ada, none), /actor must be "Clock" or a role of the desk/, none._id);
});

test("a desk's history is uploaded with its roles by a Global admin only", async () => {
  // The first sync of a local desk sends its log as it was written, marked `uploaded`.
  const history = { ...audit({ Role: "SalesAgent" }), uploaded: true };
  const kept = await create(ada, history);
  assert.deepEqual(kept.record.actor, { Role: "SalesAgent" });
  const byAgent = { ...audit({ Role: "SalesAgent" }), uploaded: true };
  await assertRefused(await put(cy, byAgent), /^Only a Global admin may upload a desk's audit log\.$/, byAgent._id);
  const sloppy = { ...audit({ Role: "GlobalAdmin" }), uploaded: "yes" };
  await assertRefused(await put(ada, sloppy), /"uploaded" is true or absent/, sloppy._id);
  const nobody = { ...audit({ Role: "Root" }), uploaded: true };
  await assertRefused(await put(ada, nobody), /actor must be "Clock" or a role of the desk/, nobody._id);
});

test("audit entries are never updated or deleted, not even by a Global admin or a server admin", async () => {
  const entry = await create(boCookie, audit({ Role: "SalesAgent" }));
  for (const as of [boCookie, ada, admin]) {
    const edited = clone(entry);
    edited.record.change = { CustomerCreated: { company_name: "Someone Else", domain_prefix: "else" } };
    await assertRefused(await put(as, edited), /^Audit entries are never changed or deleted\.$/, entry._id, entry._rev);
    await assertRefused(await remove(as, entry), /^Audit entries are never changed or deleted\.$/, entry._id, entry._rev);
  }
  // Sent again without _rev (a retry of a write that did reach the server): a conflict, as on
  // CouchDB, which the app takes for "already there".
  const retry = await put(boCookie, { ...clone(entry), _rev: undefined });
  assert.equal(retry.status, 409, JSON.stringify(retry.json));
  assert.equal((await get(entry._id)).json._rev, entry._rev);
});

test("only a Global admin changes a customer's account information or deletes a customer", async () => {
  const stored = await create(boCookie, customer("c2"));

  for (const as of [boCookie, cy]) {
    const moved = clone(stored);
    moved.record.account.address_line1 = "Somewhere Else 2";
    await assertRefused(await put(as, moved), /^Only a Global admin may change a customer's account information\.$/, stored._id, stored._rev);
    const dropped = clone(stored);
    delete dropped.record.account;
    await assertRefused(await put(as, dropped), /account information/, stored._id, stored._rev);
    await assertRefused(await remove(as, stored), /^Only a Global admin may delete a customer\.$/, stored._id, stored._rev);
  }

  // The rest of the record is any member's: a qualification added, the account untouched
  // (its keys in another order are the same account).
  const qualified = clone(stored);
  qualified.record.qualifications = [{ segment: "Education", status: "Approved" }];
  qualified.record.account = Object.fromEntries(Object.entries(stored.record.account).reverse());
  const answer = await put(boCookie, qualified);
  assert.equal(answer.status, 201, JSON.stringify(answer.json));

  const current = (await get(stored._id)).json;
  const moved = clone(current);
  moved.record.account.company_name = "Academy One";
  assert.equal((await put(ada, moved)).status, 201);
  const renamed = (await get(stored._id)).json;
  assert.equal(renamed.record.account.company_name, "Academy One");
  assert.equal((await remove(ada, renamed)).status, 200);
});

test("the partner profile and the catalog are a Global admin's", async () => {
  await assertRefused(await put(boCookie, clone(partner)), /^Only a Global admin may create the partner\.$/, "partner");
  await create(ada, clone(partner));
  const catalog = { _id: "catalog", kind: "catalog", record: { offers: [] } };
  await assertRefused(await put(cy, catalog), /^Only a Global admin may create the catalog\.$/, "catalog");
  const storedCatalog = await create(ada, catalog);
  const repriced = { ...clone(storedCatalog), record: { offers: [{ id: "o1" }] } };
  await assertRefused(await put(boCookie, repriced), /^Only a Global admin may change the catalog\.$/, "catalog", storedCatalog._rev);
  await assertRefused(await remove(boCookie, storedCatalog), /^Only a Global admin may delete the catalog\.$/, "catalog", storedCatalog._rev);
});

test("any member may use up a GCC validation code, and nothing else of the partner", async () => {
  let stored = (await get("partner")).json;
  const refusedChange = /^Only a Global admin may change the partner profile/;

  const moved = clone(stored);
  moved.record.country = "CA";
  await assertRefused(await put(boCookie, moved), refusedChange, "partner", stored._rev);

  const renamed = clone(stored);
  renamed.record.gcc_validation_codes[0].organization_name = "Someone Else";
  renamed.record.gcc_validation_codes[0].remaining_creates = 1;
  await assertRefused(await put(boCookie, renamed), refusedChange, "partner", stored._rev);

  const added = clone(stored);
  added.record.gcc_validation_codes.push({ validation_id: "gcc-3", organization_name: "X", max_creates: 9, remaining_creates: 9 });
  await assertRefused(await put(cy, added), refusedChange, "partner", stored._rev);

  const used = clone(stored);
  used.record.gcc_validation_codes[0].remaining_creates = 1;
  assert.equal((await put(boCookie, used)).status, 201);
  stored = (await get("partner")).json;
  assert.equal(stored.record.gcc_validation_codes[0].remaining_creates, 1);

  const refilled = clone(stored);
  refilled.record.gcc_validation_codes[0].remaining_creates = 2;
  await assertRefused(await put(boCookie, refilled), /may only go down, except by a Global admin\.$/, "partner", stored._rev);

  const usedByCy = clone(stored);
  usedByCy.record.gcc_validation_codes[1].remaining_creates = 0;
  assert.equal((await put(cy, usedByCy)).status, 201);
  stored = (await get("partner")).json;

  const belowZero = clone(stored);
  belowZero.record.gcc_validation_codes[1].remaining_creates = -1;
  await assertRefused(await put(boCookie, belowZero), /whole number, 0 or more\.$/, "partner", stored._rev);

  await assertRefused(await remove(cy, stored), /^Only a Global admin may delete the partner\.$/, "partner", stored._rev);

  const refilledByAda = clone(stored);
  refilledByAda.record.gcc_validation_codes[0].remaining_creates = 3;
  refilledByAda.record.country = "CA";
  assert.equal((await put(ada, refilledByAda)).status, 201);
});

test("a document's _id must match its kind, and its kind must be the desk's", async () => {
  const cases = [
    [{ ...customer("c3"), _id: "customer:someone-else" }, /^The _id "customer:someone-else" does not match a customer document: it must be "customer:c3"\.$/],
    [{ ...customer("c3"), _id: "c3" }, /does not match a customer document/],
    [{ _id: "subscription:s1", kind: "subscription", record: { id: "s2", customer_id: "c1", offer_id: "o1", seats: 82 } }, /must be "subscription:s2"/],
    [{ _id: "customer:s1", kind: "subscription", record: { id: "s1", customer_id: "c1", offer_id: "o1", seats: 82 } }, /must be "subscription:s1"/],
    [{ ...clone(partner), _id: "partner:2" }, /must be "partner"/],
    [{ ...audit({ Role: "SalesAgent" }), _id: "customer:c9" }, /does not match a audit document/],
    [{ ...audit({ Role: "SalesAgent" }), _id: "audit:" }, /does not match a audit document/],
    [{ _id: "invoice:1", kind: "invoice", record: { id: "1" } }, /^The kind "invoice" is not one of/],
    [{ _id: "customer:c4", record: { id: "c4" } }, /^The kind "undefined" is not one of/],
    [{ _id: "customer:c5", kind: "customer", record: "c5" }, /needs a record object/],
    [{ _id: "customer:", kind: "customer", record: { id: "" } }, /needs an id/],
  ];
  for (const [doc, reason] of cases) {
    await assertRefused(await put(ada, doc), reason, doc._id);
  }
  // A subscription at its own _id is any member's.
  await create(boCookie, { _id: "subscription:s1", kind: "subscription", record: { id: "s1", customer_id: "c1", offer_id: "o1", seats: 82 } });
});

test("only a server admin writes design documents", async () => {
  for (const as of [boCookie, ada]) {
    const answer = await put(as, { _id: "_design/evil", validate_doc_update: "function () {}" });
    // pouchdb-server: 401 from its _security check; CouchDB: 403 "You are not a db or server admin."
    assert.ok([401, 403].includes(answer.status), `${answer.status} ${JSON.stringify(answer.json)}`);
    assert.match(answer.json.reason, /not (authorized to access this db|a db or server admin)/);
    assert.equal((await get("_design/evil")).status, 404);
  }
  const design = await get("_design/segment-desk");
  const replaced = { ...design.json, validate_doc_update: "function () {}" };
  assert.ok([401, 403].includes((await put(ada, replaced)).status));
  assert.equal((await get("_design/segment-desk")).json._rev, design.json._rev);
});

test("_bulk_docs, as the app sends records, is judged document by document", async () => {
  const good = customer("c6");
  const forged = audit({ Role: "GlobalAdmin" });
  const answer = await http("POST", "/desk/_bulk_docs", { as: boCookie, body: { docs: [good, forged] } });
  assert.equal(answer.status, 201);
  // pouchdb-server does not answer in the order of the request (CouchDB does): by id.
  const byId = Object.fromEntries(answer.json.map((result) => [result.id, result]));
  assert.ok(byId[good._id].ok, JSON.stringify(byId[good._id]));
  assert.equal(byId[forged._id].error, "forbidden");
  assert.match(byId[forged._id].reason, /not GlobalAdmin\.$/);
  assert.equal((await get(forged._id)).status, 404);
  assert.equal((await get(good._id)).status, 200);
});
