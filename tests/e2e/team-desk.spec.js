// The team desk: two browsers (two contexts) on one desk through a real CouchDB-protocol server
// (pouchdb-server from npm, set up by scripts/team-desk/setup.mjs and proxied at /couchdb/ by
// tests/e2e/serve.mjs, as the README's nginx example does). The server is shared by the run:
// every test makes names of its own.
import { test, expect } from "./support/fixture.js";
import { addCustomer, addEducationCustomer, review, shots } from "./support/pages.js";
import { teamDeskUrl } from "../../playwright.config.js";

// The browser itself reports a refused or unreachable request on the console (a 409 is how
// CouchDB says "conflict", a 401 how `_session` says "signed out", and offline fetches fail):
// those are the protocol working, not the app breaking.
test.use({
  allowedProblems: [[/^console: Failed to load resource: the server responded with a status of (401|403|409)/, /^console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED/], { option: true }],
});

/** A primary domain prefix no other test of the run (they share the server's desk) has. */
const prefix = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const ADMIN = "Basic " + Buffer.from("admin:admin-pass").toString("base64");

/** Opens the app in a new context and signs in on the Data page as `user`. */
async function signedIn(browser, user, password = `${user}-pass`) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("data");
  const panel = page.getByTestId("team-desk");
  await panel.getByLabel("User name").fill(user);
  await panel.getByLabel("Password").fill(password);
  await panel.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("team-signed-in")).toContainText(`Signed in as ${user}`);
  await expect(page.getByTestId("team-status")).toHaveAttribute("data-status", "InStep");
  return { context, page };
}

/** Waits until this browser has sent everything. */
async function allSent(page) {
  await expect(page.getByTestId("header-waiting")).toHaveText("", { timeout: 10_000 });
}

/** Goes to a customer's account page from the customers list (a client-side navigation,
 *  which works offline too). */
async function openCustomer(page, name) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** Requests state-owned entity on the open customer account page. */
async function requestSoe(page) {
  await page.getByLabel("The customer meets Microsoft's criteria for state-owned entities").check();
  await page.getByRole("button", { name: "Request state-owned entity" }).click();
  await expect(page.locator('[data-qualification="StateOwnedEntity"]')).toContainText("State-owned entity");
}

test("a customer added in one browser appears in the other; the role comes from the server", async ({ browser }) => {
  const a = await signedIn(browser, "ada");
  const b = await signedIn(browser, "bo");
  // Signed in, the role switch is gone: the server's role acts.
  await expect(a.page.getByLabel("Acting as")).toHaveCount(0);
  await expect(a.page.getByTestId("acting-as")).toHaveText("ada · Global admin");
  await expect(b.page.getByTestId("acting-as")).toHaveText("bo · Sales agent");
  // A refusal for the role says how to get another one: there is no switch to point at.
  await b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partner settings" }).click();
  const refused = b.page.locator(".ps-role");
  await expect(refused).toContainText("sign in as a user with that role");
  await expect(refused).not.toContainText("Switch the acting role");

  const name = `Northwind Traders ${Date.now()}`;
  await addCustomer(a.page, { name, prefix: prefix() });
  await allSent(a.page);
  await b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(b.page.getByRole("link", { name })).toBeVisible({ timeout: 10_000 });
  await b.page.screenshot({ path: `${shots}/team-desk-colleague-customer.png`, fullPage: true });

  // The audit entry came with it, naming who made it.
  await b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(b.page.getByTestId("audit-row").filter({ hasText: name }).first()).toContainText("Global admin");
  await a.context.close();
  await b.context.close();
});

test("both change one customer offline: the conflict is offered, both versions kept until chosen", async ({ browser }) => {
  const a = await signedIn(browser, "ada");
  const b = await signedIn(browser, "cy");
  const name = `Tailspin Utilities ${Date.now()}`;
  await addCustomer(a.page, { name, prefix: prefix() });
  await allSent(a.page);
  await b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  await expect(b.page.getByRole("link", { name })).toBeVisible({ timeout: 10_000 });
  await openCustomer(b.page, name);

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await requestSoe(a.page);
  await requestSoe(b.page);
  await expect(a.page.getByTestId("header-waiting")).toHaveText(/changes? waiting/);
  await expect(a.page.getByTestId("team-status").or(a.page.getByTestId("header-waiting")).first()).toBeVisible();

  // B is back first: its change reaches the server.
  await b.context.setOffline(false);
  await allSent(b.page);
  // A is back: the server has another version of the customer. Nothing is overwritten.
  await a.context.setOffline(false);
  const conflict = a.page.getByTestId("team-conflict");
  await expect(conflict).toContainText(`${name} was changed by a colleague and by you`, { timeout: 10_000 });
  const soeA = a.page.locator('[data-qualification="StateOwnedEntity"]');
  const soeB = b.page.locator('[data-qualification="StateOwnedEntity"]');
  await expect(soeA).toContainText("confirmed by Global admin");
  await expect(soeB).toContainText("confirmed by Admin agent");
  await expect(a.page.getByTestId("header-waiting")).toHaveText(/waiting/);
  await a.page.screenshot({ path: `${shots}/team-desk-conflict.png`, fullPage: true });

  // A keeps mine: it is sent as an update of the server's version, and B then sees it.
  await conflict.getByRole("button", { name: "Keep mine (replace theirs)" }).click();
  await expect(conflict).toHaveCount(0);
  await allSent(a.page);
  await expect(soeB).toContainText("confirmed by Global admin", { timeout: 10_000 });
  await a.context.close();
  await b.context.close();
});

test("the server refuses a correction by a user who is no longer a Global admin, and the app says so", async ({ browser, request }) => {
  // A Global admin whose role is taken away on the server while the app is open.
  const user = `eve${Date.now()}`;
  const created = await request.put(`${teamDeskUrl}/_users/org.couchdb.user:${user}`, {
    headers: { authorization: ADMIN },
    data: { name: user, password: "eve-pass", roles: ["global-admin"], type: "user" },
  });
  expect(created.status()).toBe(201);
  const eve = await signedIn(browser, user, "eve-pass");
  const name = `Fourth Coffee School ${Date.now()}`;
  await addEducationCustomer(eve.page, name, prefix());
  await review(eve.page, name, "Not an Academic Domain");
  await allSent(eve.page);

  const doc = await (await request.get(`${teamDeskUrl}/_users/org.couchdb.user:${user}`, { headers: { authorization: ADMIN } })).json();
  const demoted = await request.put(`${teamDeskUrl}/_users/org.couchdb.user:${user}`, {
    headers: { authorization: ADMIN },
    data: { ...doc, roles: ["sales-agent"] },
  });
  expect(demoted.status()).toBe(201);

  // The open app still has eve as a Global admin (a reload would ask the server again) and
  // lets the correction through; the server does not.
  await openCustomer(eve.page, name);
  await eve.page.getByRole("button", { name: "Correct information and resubmit" }).click();
  await eve.page.getByLabel("Company name").fill(`${name} of Science`);
  await eve.page.getByRole("button", { name: "Resubmit" }).click();
  const refused = eve.page.getByTestId("team-refused");
  await expect(refused).toContainText("The server refused your change", { timeout: 10_000 });
  await expect(refused).toContainText("Global admin");
  await expect(eve.page.getByRole("heading", { level: 1 })).toHaveText(name);
  // From now on the app acts with the role the server gives.
  await expect(eve.page.getByTestId("acting-as")).toHaveText(`${user} · Sales agent`);
  await eve.page.screenshot({ path: `${shots}/team-desk-refused.png`, fullPage: true });
  await eve.context.close();
});

test("a desk made before the team desk: uploaded on the first sync, or replaced by the server's", async ({ browser }) => {
  /** A browser with a desk of its own, signing in: the first sync asks what to do. */
  async function withLocalDesk(user) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const local = await addCustomer(page, { name: `Local ${user} ${Date.now()}`, prefix: prefix() });
    await page.goto("data");
    const panel = page.getByTestId("team-desk");
    await panel.getByLabel("User name").fill(user);
    await panel.getByLabel("Password").fill(`${user}-pass`);
    await panel.getByRole("button", { name: "Sign in" }).click();
    await expect(panel.getByRole("group", { name: "First sync with this server" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "Export this desk first" })).toBeVisible();
    return { context, page, panel, local };
  }
  const up = await withLocalDesk("ada");
  await up.page.screenshot({ path: `${shots}/team-desk-first-sync.png`, fullPage: true });
  await up.panel.getByRole("button", { name: "Upload this desk" }).click();
  await expect(up.page.getByTestId("team-signed-in")).toBeVisible();
  await allSent(up.page);

  const down = await withLocalDesk("cy");
  await down.panel.getByRole("button", { name: "Replace it with the server's desk" }).click();
  await down.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Customers" }).click();
  // The server's desk, with the customer ada uploaded; cy's own local one is gone.
  await expect(down.page.getByRole("link", { name: up.local.name })).toBeVisible({ timeout: 10_000 });
  await expect(down.page.getByRole("link", { name: down.local.name })).toHaveCount(0);
  await up.context.close();
  await down.context.close();
});

test("two tabs of one browser: one syncs, a change made in the other reaches the server once", async ({ browser }) => {
  const { context, page: first } = await signedIn(browser, "ada");
  const second = await context.newPage();
  await second.goto("data");
  await expect(second.getByTestId("team-status")).toContainText("Another open tab of this browser syncs this desk");
  await expect(second.getByTestId("acting-as")).toHaveText("ada · Global admin");
  const name = `Proseware ${Date.now()}`;
  const { id } = await addCustomer(second, { name, prefix: prefix() });
  await allSent(first);
  await expect.poll(async () => {
    const all = await (await first.request.get(`/couchdb/desk/_all_docs?include_docs=true&startkey="audit:"&endkey="audit:\uffff"`)).json();
    return all.rows.filter((r) => r.doc.record.entity?.Customer?.id === id).length;
  }, { timeout: 10_000 }).toBe(1);
  // The syncing tab closed: the other takes over.
  await first.close();
  await second.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data" }).click();
  await expect(second.getByTestId("team-status")).toHaveAttribute("data-status", "InStep", { timeout: 10_000 });
  await context.close();
});

test("a forged request gets 403: a Sales agent's correction, and any change to an audit entry", async ({ browser, playwright }) => {
  const a = await signedIn(browser, "ada");
  const name = `Litware ${Date.now()}`;
  const { id } = await addCustomer(a.page, { name, prefix: prefix() });
  await allSent(a.page);
  await a.context.close();

  // Raw HTTP through the app's origin, signed in as bo (a Sales agent) with CouchDB's cookie.
  const api = await playwright.request.newContext({ baseURL: new URL("/", test.info().project.use.baseURL).href });
  const session = await api.post("couchdb/_session", { data: { name: "bo", password: "bo-pass" } });
  expect(session.status()).toBe(200);
  const customer = await (await api.get(`couchdb/desk/customer:${id}`)).json();
  const corrected = await api.put(`couchdb/desk/customer:${id}`, {
    data: { ...customer, record: { ...customer.record, account: { ...customer.record.account, company_name: "Forged" } } },
  });
  expect(corrected.status()).toBe(403);
  expect((await corrected.json()).error).toBe("forbidden");

  // ada's audit entry of that customer cannot be altered or deleted, not even by ada.
  const adaApi = await playwright.request.newContext({ baseURL: new URL("/", test.info().project.use.baseURL).href });
  await adaApi.post("couchdb/_session", { data: { name: "ada", password: "ada-pass" } });
  const all = await (await adaApi.get(`couchdb/desk/_all_docs?include_docs=true&startkey="audit:"&endkey="audit:\uffff"`)).json();
  const entry = all.rows.map((r) => r.doc).find((d) => d.record.entity?.Customer?.id === id);
  expect(entry).toBeTruthy();
  const altered = await adaApi.put(`couchdb/desk/${entry._id}`, {
    data: { ...entry, record: { ...entry.record, actor: { Role: "SalesAgent" } } },
  });
  expect(altered.status()).toBe(403);
  const deleted = await adaApi.delete(`couchdb/desk/${entry._id}?rev=${entry._rev}`);
  expect(deleted.status()).toBe(403);
  await api.dispose();
  await adaApi.dispose();
});
