// Starts a team desk test server: pouchdb-server (npm) in memory, with a server admin, the desk
// database set up by scripts/team-desk/setup.mjs (its _security and validate_doc_update), and
// one user of each desk role. Used by server.mjs (the CLI the e2e tests start) and by
// server.test.mjs. Nothing is kept: each start is a fresh, empty server.
import { spawn, execFile } from "node:child_process";
import { connect } from "node:net";
import { mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../../", import.meta.url));
const pouchdbServer = join(root, "node_modules/pouchdb-server/bin/pouchdb-server");
const setupScript = join(root, "scripts/team-desk/setup.mjs");

export const DB = "desk";
// A database made last, readable by anyone: it answers 200 only once the server is set up, so
// a readiness check on its URL (playwright.config.js) does not let tests in early.
export const READY_DB = "team-desk-ready";
export const ADMIN = { name: "admin", password: "admin-pass" };
export const USERS = [
  { name: "ada", password: "ada-pass", role: "global-admin" },
  { name: "cy", password: "cy-pass", role: "admin-agent" },
  { name: "bo", password: "bo-pass", role: "sales-agent" },
];

// The Authorization header of a user.
export const basic = ({ name, password }) => `Basic ${Buffer.from(`${name}:${password}`).toString("base64")}`;

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

async function waitUntilUp(url, child, deadline) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`pouchdb-server exited (${child.exitCode ?? child.signalCode}) before answering`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`pouchdb-server did not answer at ${url} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the server on 127.0.0.1:`port`. Resolves, once it is set up, to
 * { url, port, db, admin, users, readyUrl, stop, child } — stop() ends pouchdb-server and
 * resolves when it has.
 * pouchdb-server writes config.json and log.txt into target/pouchdb-server/<port>/, which is
 * emptied first (a config.json left over would still name the admin of the last run), and
 * with `removeOnStop` removed by stop() (the tests' servers, on ports of their own).
 */
export async function startTeamDeskServer({ port = 5985, log = () => {}, removeOnStop = false } = {}) {
  const url = `http://127.0.0.1:${port}`;
  // Else the checks below would talk to whatever holds the port.
  if (await portInUse(port)) throw new Error(`127.0.0.1:${port} is already in use`);
  const cwd = join(root, "target/pouchdb-server", String(port));
  await rm(cwd, { recursive: true, force: true });
  await mkdir(cwd, { recursive: true });

  const child = spawn(
    process.execPath,
    [pouchdbServer, "--in-memory", "--host", "127.0.0.1", "--port", String(port), "--no-stdout-logs", "--no-color"],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    if (removeOnStop) await rm(cwd, { recursive: true, force: true });
  };

  try {
    await waitUntilUp(`${url}/`, child, Date.now() + 30_000);
    // The end of the "admin party": from here on only the admin is a server admin.
    const admin = await fetch(`${url}/_config/admins/${ADMIN.name}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ADMIN.password),
    });
    if (!admin.ok) throw new Error(`PUT /_config/admins/${ADMIN.name}: ${admin.status} ${await admin.text()}`);

    const server = `http://${ADMIN.name}:${ADMIN.password}@127.0.0.1:${port}`;
    const args = [setupScript, "--server", server, "--db", DB];
    for (const user of USERS) args.push("--user", `${user.name}:${user.password}:${user.role}`);
    const setupOutput = await new Promise((resolve, reject) => {
      execFile(process.execPath, args, { cwd: root }, (error, stdout, stderr) => {
        if (error) reject(new Error(`setup failed:\n${stdout}${stderr}`));
        else resolve(stdout);
      });
    });
    log(setupOutput.trimEnd());
    const ready = await fetch(`${url}/${READY_DB}`, { method: "PUT", headers: { authorization: basic(ADMIN) } });
    if (ready.status !== 201) throw new Error(`PUT /${READY_DB}: ${ready.status} ${await ready.text()}`);
  } catch (error) {
    await stop();
    error.message += `\npouchdb-server output:\n${output}`;
    throw error;
  }

  return { url, port, db: DB, admin: ADMIN, users: USERS, readyUrl: `${url}/${READY_DB}`, stop, child };
}

