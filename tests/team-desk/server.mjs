// The team desk's test server, for the end-to-end tests (playwright.config.js starts it) and by
// hand: pouchdb-server in memory on 127.0.0.1, the desk database set up as on a real CouchDB
// (scripts/team-desk/setup.mjs), a server admin admin:admin-pass and the users
// ada:ada-pass (global-admin), cy:cy-pass (admin-agent), bo:bo-pass (sales-agent).
// Runs until it is killed; pouchdb-server goes with it.
// Usage: node tests/team-desk/server.mjs [port]   (or TEAM_DESK_PORT; default 5985)
import { startTeamDeskServer } from "./launch.mjs";

const port = Number(process.argv[2] ?? process.env.TEAM_DESK_PORT ?? 5985);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`not a port: ${process.argv[2] ?? process.env.TEAM_DESK_PORT}`);
  process.exit(2);
}

let server;
try {
  server = await startTeamDeskServer({ port, log: (text) => console.log(text) });
} catch (error) {
  console.error(`team desk server failed to start: ${error.message}`);
  process.exit(1);
}
console.log(`team desk server ready at ${server.url}`);

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(130));
process.on("SIGTERM", () => shutdown(143));
process.on("SIGHUP", () => shutdown(129));
// However this process ends, pouchdb-server does not outlive it.
process.on("exit", () => server.child.kill("SIGKILL"));
server.child.once("exit", (code, signal) => {
  if (!stopping) {
    console.error(`pouchdb-server exited (${code ?? signal})`);
    process.exit(1);
  }
});
