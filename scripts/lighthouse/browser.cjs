// Shared by the Lighthouse seed and audit scripts: how to launch Debian's Chromium, which pages need
// an account, and how to log in through the app's own form.
"use strict";

/** Flags for Chromium as root in a container with no route out (the same as the Playwright tests use). */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * How long to wait for a state (signed in, an e-mail arrived) before giving up: a ceiling, not an
 * expectation. A cold Production start makes its first sign-up slow (key ring, JIT), and a machine
 * with both cores busy slows it further; the wait ends as soon as the state is there.
 */
const stateTimeout = 90000;

function requiredEnvironment(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; scripts/lighthouse.sh sets it.`);
  }
  return value;
}

/** The account the seed creates and the signed-in pages are audited as. */
function account() {
  return { email: requiredEnvironment("LIGHTHOUSE_EMAIL"), password: requiredEnvironment("LIGHTHOUSE_PASSWORD") };
}

/**
 * Fills and submits one of the account forms (login or signup). hx-boost turns the submit into an
 * htmx request, so there is no navigation to wait for: the "Log out" button appearing is the sign
 * that the account is signed in.
 */
async function submitAccountForm(page, baseUrl, path, fields) {
  await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
  for (const [selector, value] of Object.entries(fields)) {
    await page.type(selector, value);
  }
  await page.click("main form button[type=submit]");
  await page.waitForFunction(
    () => [...document.querySelectorAll("button")].some((button) => button.textContent.trim() === "Log out"),
    { timeout: stateTimeout },
  );
}

// Everything else (home, the photo form, a shared reading, the account forms, a status page) is
// audited as a guest: the audit lists those first.
const signedInPaths = [/^\/r\//i, /^\/history/i, /^\/numbers/i, /^\/account\/manage/i, /^\/admin/i];

function needsAccount(url) {
  const { pathname } = new URL(url);
  return signedInPaths.some((pattern) => pattern.test(pathname));
}

async function logIn(page, baseUrl) {
  const { email, password } = account();
  await submitAccountForm(page, baseUrl, "/Account/Login", { "#Input_Email": email, "#Input_Password": password });
}

module.exports = { chromiumArgs, stateTimeout, account, submitAccountForm, needsAccount, logIn };
