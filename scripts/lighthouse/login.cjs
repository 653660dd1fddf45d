// lhci's puppeteerScript: runs before every audited URL in the browser Lighthouse then uses. The
// public pages come first in the URL list and are audited as a guest; before the first page that
// needs an account it logs in once through the login form. Lighthouse keeps cookies between pages.
"use strict";
const { logIn } = require("./browser.cjs");

const signedInPaths = [/^\/history/i, /^\/numbers/i, /^\/admin/i];
let signedIn = false;

module.exports = async (browser, context) => {
  const url = new URL(context.url);
  if (signedIn || !signedInPaths.some((pattern) => pattern.test(url.pathname))) {
    return;
  }
  const page = await browser.newPage();
  try {
    await logIn(page, url.origin);
    signedIn = true;
  } finally {
    await page.close();
  }
};
