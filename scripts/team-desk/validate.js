function (newDoc, oldDoc, userCtx, secObj) {
  // The team desk's validate_doc_update: every write to the desk database passes through here,
  // on Apache CouchDB 3 and on pouchdb-server alike (ES5 only, no helpers from outside). This
  // file is the design document's function as it is stored: scripts/team-desk/setup.mjs sends
  // it unchanged, so it must start with `function` (a comment above it would, on pouchdb-server,
  // turn `return <source>` into `return;`).
  //
  // Refusals throw {forbidden: "<sentence>"}: HTTP 403 with that sentence as the reason.
  //
  // Server admins (`_admin`) may do what a Global admin may and create audit entries of any
  // actor (restoring a backup replicates them as written), but the audit log is append-only
  // for them too: no server admin edits or deletes an entry through the database; only
  // deleting the whole database removes it.
  //
  // What CouchDB itself does before this runs (and pouchdb-server likewise): `_security`
  // keeps non-members from reading or writing at all, and only admins write `_design/`
  // documents (this function is not even called for them).

  var MEMBER_ROLES = ["global-admin", "admin-agent", "sales-agent"];
  // The app's Role enum as it appears in an audit entry's actor, and the CouchDB role of each.
  var ACTOR_ROLES = { GlobalAdmin: "global-admin", AdminAgent: "admin-agent", SalesAgent: "sales-agent" };
  var KINDS = ["partner", "customer", "subscription", "catalog", "audit"];

  var roles = (userCtx && userCtx.roles) || [];
  function has(role) { return roles.indexOf(role) !== -1; }
  function forbid(reason) { throw ({ forbidden: reason }); }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }
  // Deep equality of JSON values, whatever the order of the keys.
  function same(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    var keysA = Object.keys(a), keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    for (var i = 0; i < keysA.length; i++) {
      if (!Object.prototype.hasOwnProperty.call(b, keysA[i])) return false;
      if (!same(a[keysA[i]], b[keysA[i]])) return false;
    }
    return true;
  }
  // A document's own fields, without CouchDB's (_id, _rev, _revisions, ...).
  function content(doc) {
    var out = {};
    for (var key in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, key) && key.charAt(0) !== "_") out[key] = doc[key];
    }
    return out;
  }
  // The kind an _id belongs to, or null.
  function kindOfId(id) {
    if (id === "partner" || id === "catalog") return id;
    var colon = id.indexOf(":");
    var prefix = colon > 0 ? id.substring(0, colon) : "";
    if ((prefix === "customer" || prefix === "subscription" || prefix === "audit") && colon < id.length - 1) {
      return prefix;
    }
    return null;
  }

  var id = String(newDoc._id);
  var serverAdmin = has("_admin");
  var globalAdmin = serverAdmin || has("global-admin");

  // 1. Members only. _security already keeps others out; this holds even if it were loosened.
  var member = serverAdmin;
  for (var r = 0; r < MEMBER_ROLES.length; r++) member = member || has(MEMBER_ROLES[r]);
  if (!member) {
    forbid("Only members of the team desk (global-admin, admin-agent or sales-agent) may write to it.");
  }
  if (id.indexOf("_design/") === 0) {
    if (!serverAdmin) forbid("Only a server admin may change the design documents.");
    return;
  }

  // A document deleted before is no document: its tombstone has no kind.
  var old = oldDoc && !oldDoc._deleted ? oldDoc : null;

  // A write without _rev to a document that exists is a conflict (409), whatever it holds.
  // CouchDB answers so before it calls this function; pouchdb-server calls it first, so the
  // write is let through to meet the same 409 there (the app counts on it: a 409 on an audit
  // entry it sent means an earlier attempt reached the server).
  if (old && !newDoc._rev && !newDoc._deleted) return;

  // A revision with a history but no previous version here: a replicated write
  // (new_edits=false) whose parent revision this database does not have. CouchDB would keep it
  // as a conflicting branch, which could win over the current version unseen by the rules
  // below; only a server admin (restoring a backup) may write one.
  if (!oldDoc && newDoc._revisions && !serverAdmin) {
    forbid("Only a server admin may write a revision whose earlier revisions this database does not have.");
  }

  // 2. The kind and the _id. A deletion carries no content of its own (CouchDB sends only
  // _id, _rev and _deleted), so it is judged by the document it deletes, or by its _id.
  var kind;
  if (newDoc._deleted) {
    kind = old ? old.kind : kindOfId(id);
    if (KINDS.indexOf(kind) === -1) forbid("The document \"" + id + "\" is not one of the desk's.");
  } else {
    kind = newDoc.kind;
    if (KINDS.indexOf(kind) === -1) {
      forbid("The kind \"" + kind + "\" is not one of partner, customer, subscription, catalog or audit.");
    }
    if (!isObject(newDoc.record)) forbid("A " + kind + " document needs a record object.");
    var recordId = newDoc.record.id;
    var expected = kind === "partner" || kind === "catalog" ? kind
      : kind === "audit" ? null
      : kind + ":" + recordId;
    if (kind === "customer" || kind === "subscription") {
      if (typeof recordId !== "string" || recordId === "") forbid("A " + kind + " record needs an id.");
    }
    if (expected !== null ? id !== expected : kindOfId(id) !== "audit") {
      forbid("The _id \"" + id + "\" does not match a " + kind + " document: it must be \"" +
        (expected !== null ? expected : "audit:<key>") + "\".");
    }
    if (newDoc._attachments) forbid("Documents of the desk carry no attachments.");
  }

  // 4. The audit log is append-only.
  if (kind === "audit") {
    if (old || newDoc._deleted) forbid("Audit entries are never changed or deleted.");
    // 3. The actor is the writer's own role, or the app's clock. A local desk's history sent
    // up on its first sync (`uploaded`) keeps the roles that acted in it: uploading a desk is
    // a Global admin's, as importing one is in the app.
    var actor = newDoc.record.actor;
    if (newDoc.uploaded !== undefined && newDoc.uploaded !== true) {
      forbid("An audit entry's \"uploaded\" is true or absent.");
    }
    if (newDoc.uploaded === true && !globalAdmin) {
      forbid("Only a Global admin may upload a desk's audit log.");
    }
    if (actor !== "Clock") {
      var known = isObject(actor) && Object.prototype.hasOwnProperty.call(ACTOR_ROLES, actor.Role);
      var role = known ? ACTOR_ROLES[actor.Role] : undefined;
      if (!role) forbid("An audit entry's actor must be \"Clock\" or a role of the desk.");
      if (!serverAdmin && newDoc.uploaded !== true && !has(role)) {
        forbid("An audit entry may name only the writer's own role as its actor, not " + actor.Role + ".");
      }
    }
    return;
  }

  // 5. A customer's account information is a Global admin's to change, and so is deleting one.
  if (kind === "customer" && !globalAdmin) {
    if (newDoc._deleted) forbid("Only a Global admin may delete a customer.");
    if (old && !same(old.record && old.record.account, newDoc.record.account)) {
      forbid("Only a Global admin may change a customer's account information.");
    }
  }

  // 6. The partner profile and the catalog are a Global admin's, but for one thing: any member
  // may use up a GCC validation code (its remaining_creates goes down, never up).
  if ((kind === "partner" || kind === "catalog") && !globalAdmin) {
    if (newDoc._deleted) forbid("Only a Global admin may delete the " + kind + ".");
    if (!old) forbid("Only a Global admin may create the " + kind + ".");
    if (kind === "catalog") forbid("Only a Global admin may change the catalog.");

    var oldCodes = isObject(old.record) ? old.record.gcc_validation_codes : undefined;
    var newCodes = newDoc.record.gcc_validation_codes;
    var codesComparable = Array.isArray(oldCodes) && Array.isArray(newCodes) &&
      oldCodes.length === newCodes.length;
    // The new document with each code's remaining_creates put back as it was must be the old one.
    var restored = content(newDoc);
    if (codesComparable) {
      restored = JSON.parse(JSON.stringify(restored));
      for (var i = 0; i < newCodes.length; i++) {
        if (isObject(restored.record.gcc_validation_codes[i]) && isObject(oldCodes[i])) {
          restored.record.gcc_validation_codes[i].remaining_creates = oldCodes[i].remaining_creates;
        }
      }
    }
    if (!codesComparable || !same(restored, content(old))) {
      forbid("Only a Global admin may change the partner profile; others may only use up GCC validation codes.");
    }
    for (var j = 0; j < newCodes.length; j++) {
      if (!isObject(oldCodes[j]) || !isObject(newCodes[j])) continue; // equal, as compared above
      var before = oldCodes[j].remaining_creates, after = newCodes[j].remaining_creates;
      if (after === before) continue;
      if (typeof after !== "number" || typeof before !== "number" || after > before) {
        forbid("A GCC validation code's remaining creates may only go down, except by a Global admin.");
      }
      if (after < 0 || Math.floor(after) !== after) {
        forbid("A GCC validation code's remaining creates must be a whole number, 0 or more.");
      }
    }
  }
}
