// The validate function alone, called as CouchDB calls it, for what pouchdb-server never shows
// it: CouchDB's deletion stubs ({_id, _rev, _deleted}), tombstones as the old document, and
// replicated revisions (new_edits=false) whose parent the database lacks. Also that the source
// is ES5 and a bare function, as CouchDB 3's query servers need it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { parse } from "acorn";

const source = readFileSync(new URL("../../scripts/team-desk/validate.js", import.meta.url), "utf8");
// A fresh context, as couchjs has: no Node globals.
const validate = runInNewContext(`(${source})`);

const as = (...roles) => ({ db: "desk", name: roles[0] ?? null, roles });
const SEC = { members: { roles: ["global-admin", "admin-agent", "sales-agent"] }, admins: { roles: ["_admin"] } };

function refusal(newDoc, oldDoc, userCtx) {
  try {
    validate(newDoc, oldDoc, userCtx, SEC);
  } catch (thrown) {
    assert.equal(typeof thrown.forbidden, "string", `threw ${thrown}`);
    return thrown.forbidden;
  }
  return null;
}

const customer = {
  _id: "customer:c1", _rev: "1-a", kind: "customer",
  record: { id: "c1", account: { company_name: "Academy Zero", country: "PL" }, qualifications: [] },
};
const entry = { _id: "audit:1754697600000-0a1b2c3d", _rev: "1-b", kind: "audit", record: { seq: 1, actor: { Role: "SalesAgent" } } };
const stub = (doc) => ({ _id: doc._id, _rev: doc._rev, _deleted: true });
const tombstone = (doc) => ({ _id: doc._id, _rev: "2-dead", _deleted: true });

test("the source is one ES5 function expression, nothing before it", () => {
  assert.match(source, /^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
  assert.doesNotThrow(() => parse(`(${source})`, { ecmaVersion: 5 }));
  assert.equal(typeof validate, "function");
});

test("a deletion stub is judged by the document it deletes", () => {
  assert.match(refusal(stub(customer), customer, as("sales-agent")), /^Only a Global admin may delete a customer\.$/);
  assert.equal(refusal(stub(customer), customer, as("global-admin")), null);
  assert.match(refusal(stub(entry), entry, as("global-admin")), /^Audit entries are never changed or deleted\.$/);
  assert.match(refusal(stub(entry), entry, as("_admin")), /^Audit entries are never changed or deleted\.$/);
  const subscription = { _id: "subscription:s1", _rev: "1-c", kind: "subscription", record: { id: "s1" } };
  assert.equal(refusal(stub(subscription), subscription, as("sales-agent")), null);
  assert.match(refusal(stub({ _id: "notes", _rev: "1-d" }), { _id: "notes", _rev: "1-d", text: "x" }, as("global-admin")), /is not one of the desk's/);
  // With nothing to look at, the _id says what it was.
  assert.match(refusal(stub(entry), null, as("global-admin")), /^Audit entries are never changed or deleted\.$/);
  assert.match(refusal(stub(customer), null, as("admin-agent")), /^Only a Global admin may delete a customer\.$/);
});

test("a document deleted before is created anew, from its tombstone", () => {
  const again = { ...customer, _rev: "2-dead" };
  assert.equal(refusal(again, tombstone(customer), as("sales-agent")), null);
  const partner = { _id: "partner", _rev: "2-dead", kind: "partner", record: { country: "US", gcc_validation_codes: [] } };
  assert.match(refusal(partner, tombstone(partner), as("sales-agent")), /^Only a Global admin may create the partner\.$/);
});

test("a replicated revision whose parent the database lacks is a server admin's", () => {
  // new_edits=false with a made-up history: CouchDB passes oldDoc null.
  const forged = {
    ...customer, _rev: "5-f", _revisions: { start: 5, ids: ["f", "e"] },
    record: { ...customer.record, account: { company_name: "Someone Else" } },
  };
  assert.match(refusal(forged, null, as("sales-agent")), /earlier revisions this database does not have/);
  assert.match(refusal(forged, null, as("global-admin")), /earlier revisions this database does not have/);
  assert.equal(refusal(forged, null, as("_admin")), null);
  // With its parent on disk it is judged against the parent.
  assert.match(refusal(forged, customer, as("sales-agent")), /account information/);
});

test("server admins restore audit entries of any actor, but never change one", () => {
  assert.equal(refusal({ ...entry, _rev: undefined, record: { actor: { Role: "GlobalAdmin" } } }, null, as("_admin")), null);
  const edited = { ...entry, record: { ...entry.record, seq: 2 } };
  assert.match(refusal(edited, entry, as("_admin")), /never changed/);
});

test("roles are matched exactly, and only the desk's", () => {
  assert.match(refusal(customer, null, as()), /^Only members of the team desk/);
  assert.match(refusal(customer, null, as("sales")), /^Only members of the team desk/);
  assert.match(refusal(customer, null, { name: null, roles: [] }), /^Only members/);
  const odd = { ...entry, _rev: undefined, record: { actor: { Role: "hasOwnProperty" } } };
  assert.match(refusal(odd, null, as("sales-agent")), /actor must be "Clock" or a role of the desk/);
  assert.match(refusal({ ...entry, _rev: undefined, record: { actor: "clock" } }, null, as("sales-agent")), /actor must be/);
});

test("documents of the desk carry no attachments", () => {
  const withFile = { ...customer, _rev: undefined, _attachments: { "a.txt": { content_type: "text/plain", data: "eA==" } } };
  assert.match(refusal(withFile, null, as("global-admin")), /no attachments/);
});

test("a partner whose codes list holds something odd is compared, not crashed on", () => {
  const partner = { _id: "partner", _rev: "1-p", kind: "partner", record: { country: "US", gcc_validation_codes: [null, { remaining_creates: 2 }] } };
  const used = { ...partner, record: { country: "US", gcc_validation_codes: [null, { remaining_creates: 1 }] } };
  assert.equal(refusal(used, partner, as("sales-agent")), null);
  const filled = { ...partner, record: { country: "US", gcc_validation_codes: [{ remaining_creates: 9 }, { remaining_creates: 2 }] } };
  assert.match(refusal(filled, partner, as("sales-agent")), /^Only a Global admin may change the partner profile/);
  const missing = { ...partner, record: { country: "US" } };
  assert.match(refusal(missing, partner, as("admin-agent")), /^Only a Global admin may change the partner profile/);
});
