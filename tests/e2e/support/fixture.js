// The `test` and `expect` every spec imports. Each test is watched as support/watch.js watches a
// page (console errors, CSP violations among them, page errors, requests to any other host, any
// fetch/XHR) in every page of every context it opens, and fails after its last step on any
// problem it did not allow.
import { test as base, expect } from "@playwright/test";
import { watch } from "./watch.js";

export { expect };

export const test = base.extend({
  /** Problems a test provokes on purpose: a RegExp (or a list of them in `[[…], { option: true }]`,
   *  as Playwright reads a bare array as a fixture's value and options) matched against
   *  watch.js's lines ("console: …", "page error: …", "foreign request: …", "network call: …"),
   *  e.g. `test.use({ allowedProblems: /^console: .*boom/ })` in a `test.describe`. */
  allowedProblems: [[], { option: true }],

  /** Automatic: watches the test's context, every page opened in it and every context opened with
   *  `browser.newContext`/`newPage`; after the test, fails it on any problem not allowed. Its value
   *  gives the problems seen so far, for a test that allows one and asserts it happened. */
  appProblems: [async ({ browser, context, allowedProblems }, use) => {
    const perPage = [];
    const watched = new Set();
    const watchPage = (page) => {
      if (watched.has(page)) return;
      watched.add(page);
      perPage.push(watch(page));
    };
    const watchContext = (ctx) => {
      ctx.on("page", watchPage);
      ctx.pages().forEach(watchPage);
    };
    watchContext(context);
    // Contexts the test opens itself (browser.newPage opens one through newContext as well).
    const own = Object.getOwnPropertyDescriptor(browser, "newContext");
    const newContext = browser.newContext;
    browser.newContext = async function (...args) {
      const ctx = await newContext.apply(this, args);
      watchContext(ctx);
      return ctx;
    };
    try {
      await use(() => perPage.flat());
    } finally {
      if (own) Object.defineProperty(browser, "newContext", own);
      else delete browser.newContext;
    }
    const allowed = [allowedProblems].flat();
    const unexpected = perPage.flat().filter((p) => !allowed.some((a) => a.test(p)));
    expect(unexpected, "console errors, page errors and requests that are not the app's own files").toEqual([]);
  }, { auto: true }],
});
