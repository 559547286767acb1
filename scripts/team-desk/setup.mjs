#!/usr/bin/env node
// Sets up the team desk's database on an Apache CouchDB 3 server (or pouchdb-server): creates
// the database when missing, PUTs its _security (members: the three desk roles; admins: server
// admins), PUTs the design document _design/segment-desk with validate.js as its
// validate_doc_update, and creates or updates each --user in _users. Safe to run again.
// Node 18 or later, no npm packages. README, "Team desk (optional): Apache CouchDB".
//
// Usage: node scripts/team-desk/setup.mjs --server http://admin:secret@127.0.0.1:5984
//          [--db desk] [--user name:password:role ...]
// The credentials must be a server admin's; role is global-admin, admin-agent or sales-agent.
import { readFile } from "node:fs/promises";

const ROLES = ["global-admin", "admin-agent", "sales-agent"];
const DESIGN_ID = "_design/segment-desk";
const USAGE =
  "usage: node scripts/team-desk/setup.mjs --server http://admin:password@127.0.0.1:5984 " +
  "[--db desk] [--user name:password:role ...]\n  role: " + ROLES.join(", ");

class SetupError extends Error {}

function parseArgs(argv) {
  const options = { server: null, db: "desk", users: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new SetupError(`${flag} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (flag === "--server") options.server = value();
    else if (flag === "--db") options.db = value();
    else if (flag === "--user") options.users.push(parseUser(value()));
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new SetupError(`unknown argument ${flag}\n${USAGE}`);
  }
  if (!options.server) throw new SetupError(`--server is required\n${USAGE}`);
  // CouchDB's rule for database names.
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(options.db)) {
    throw new SetupError(`"${options.db}" is not a CouchDB database name (lower case letter first, then a-z 0-9 _$()+-/)`);
  }
  return options;
}

// name:password:role; the password may itself contain colons.
function parseUser(spec) {
  const first = spec.indexOf(":");
  const last = spec.lastIndexOf(":");
  if (first <= 0 || last === first) throw new SetupError(`--user ${spec}: expected name:password:role`);
  const user = { name: spec.slice(0, first), password: spec.slice(first + 1, last), role: spec.slice(last + 1) };
  if (!user.password) throw new SetupError(`--user ${user.name}: the password is empty`);
  if (!ROLES.includes(user.role)) {
    throw new SetupError(`--user ${user.name}: the role "${user.role}" is not one of ${ROLES.join(", ")}`);
  }
  return user;
}

// Node's fetch refuses URLs with credentials: they move into an Authorization header.
function parseServer(server) {
  let url;
  try {
    url = new URL(server);
  } catch {
    throw new SetupError(`--server ${server} is not a URL`);
  }
  const headers = { accept: "application/json" };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { base: url.href.replace(/\/+$/, ""), headers };
}

function client({ base, headers }) {
  return async function request(method, path, body) {
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new SetupError(`cannot reach CouchDB at ${base}: ${error.cause?.message ?? error.message}`);
    }
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { reason: text.slice(0, 200) };
    }
    return { status: response.status, json };
  };
}

function fail(method, path, { status, json }) {
  const why = [json.error, json.reason].filter(Boolean).join(": ");
  return new SetupError(`${method} ${path} answered ${status}${why ? ` (${why})` : ""}`);
}

async function setup({ server, db, users }, log = console.log) {
  const target = parseServer(server);
  const request = client(target);
  const dbPath = `/${encodeURIComponent(db)}`;

  const welcome = await request("GET", "/");
  if (welcome.status !== 200) throw fail("GET", "/", welcome);
  const session = await request("GET", "/_session");
  if (session.status !== 200) throw fail("GET", "/_session", session);
  const ctx = session.json.userCtx ?? {};
  if (!(ctx.roles ?? []).includes("_admin")) {
    throw new SetupError(
      `${target.base}: ${ctx.name ? `"${ctx.name}" is not a server admin` : "no valid server admin credentials"}` +
        " (give them in the URL: http://admin:password@host:5984)",
    );
  }
  const vendor = welcome.json.couchdb ? `CouchDB ${welcome.json.version}` : `${Object.keys(welcome.json)[0]} ${welcome.json.version}`;
  log(`${vendor} at ${target.base}, as server admin ${ctx.name ?? "(admin party)"}`);

  // The database and the authentication database (a fresh CouchDB may not have _users yet).
  for (const [name, path] of [[db, dbPath], ["_users", "/_users"]]) {
    const created = await request("PUT", path);
    if (created.status === 201 || created.status === 202) log(`database ${name}: created`);
    else if (created.status === 412) log(`database ${name}: exists`);
    else throw fail("PUT", path, created);
  }

  const security = {
    members: { names: [], roles: ROLES },
    admins: { names: [], roles: ["_admin"] },
  };
  const secPut = await request("PUT", `${dbPath}/_security`, security);
  if (secPut.status !== 200 && secPut.status !== 201) throw fail("PUT", `${dbPath}/_security`, secPut);
  log(`${db}/_security: members are the roles ${ROLES.join(", ")}; admins the server admins`);

  const source = (await readFile(new URL("./validate.js", import.meta.url), "utf8")).trim();
  const designPath = `${dbPath}/${DESIGN_ID}`;
  const current = await request("GET", designPath);
  if (current.status !== 200 && current.status !== 404) throw fail("GET", designPath, current);
  const design = { _id: DESIGN_ID, language: "javascript", validate_doc_update: source };
  if (current.status === 200 && current.json.validate_doc_update === source && current.json.language === "javascript") {
    log(`${db}/${DESIGN_ID}: unchanged`);
  } else {
    if (current.status === 200) design._rev = current.json._rev;
    const put = await request("PUT", designPath, design);
    if (put.status !== 201 && put.status !== 202) throw fail("PUT", designPath, put);
    log(`${db}/${DESIGN_ID}: ${current.status === 200 ? "updated" : "created"} (validate_doc_update from validate.js)`);
  }

  for (const user of users) {
    const path = `/_users/${encodeURIComponent(`org.couchdb.user:${user.name}`)}`;
    const existing = await request("GET", path);
    if (existing.status !== 200 && existing.status !== 404) throw fail("GET", path, existing);
    const doc = {
      _id: `org.couchdb.user:${user.name}`,
      name: user.name,
      type: "user",
      roles: [user.role],
      password: user.password,
    };
    if (existing.status === 200) doc._rev = existing.json._rev;
    const put = await request("PUT", path, doc);
    if (put.status !== 201 && put.status !== 202) throw fail("PUT", path, put);
    log(`user ${user.name} (${user.role}): ${existing.status === 200 ? "updated" : "created"}`);
  }
}

try {
  await setup(parseArgs(process.argv.slice(2)));
} catch (error) {
  console.error(`team desk setup failed: ${error instanceof SetupError ? error.message : error.stack}`);
  process.exit(1);
}
