// Gives the audited pages something to show, through the app's own forms in Chromium: signs the
// Lighthouse account up (an admin, by the app's configuration), makes readings so history has rows,
// shares one, and raises a browser error so the admin error log has entries. Prints the share link
// as JSON on stdout: {"sharedReading": "http://.../s/..."}.
//   node scripts/lighthouse/seed.mjs BASE_URL
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const { chromiumArgs, account, submitAccountForm } = require("./browser.cjs");

const baseUrl = process.argv[2];
if (!baseUrl) {
  console.error("usage: node scripts/lighthouse/seed.mjs BASE_URL");
  process.exit(2);
}

async function read(page, form, fields, depth) {
  await page.goto(new URL(`/?form=${form}`, baseUrl).href, { waitUntil: "load" });
  for (const [selector, value] of Object.entries(fields)) {
    await page.type(selector, value);
  }
  await page.click(`input[name=Depth][value=${depth}]`);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await page.click("form.reading-form button[type=submit]");
  const response = await answered;
  if (response.status() !== 200) {
    throw new Error(`a ${form} reading answered ${response.status()}`);
  }
  await page.waitForSelector("#result article.reading");
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage();
  const { email, password } = account();
  await submitAccountForm(page, baseUrl, "/Account/Signup", {
    "#Input_Email": email,
    "#Input_Password": password,
    "#Input_ConfirmPassword": password,
  });

  await read(page, "number", { "#Number": "444" }, "lite");
  await read(page, "compare", { "#First": "12:21", "#Second": "1212" }, "standard");
  await read(page, "time", { "#Time": "11:11" }, "deep");

  // The deep 11:11 reading is the one shared: the longest page a stranger can be sent.
  await page.click("#result a[href^='/r/']");
  await page.waitForSelector("#share-panel form button[type=submit]");
  await page.click("#share-panel form button[type=submit]");
  await page.waitForSelector("#share-url");
  const sharedReading = await page.$eval("#share-url", (input) => input.value);

  // An uncaught error in the page: the error reporter sends it to the admin error log.
  const reported = page.waitForResponse((response) => response.url().endsWith("/errors/client"));
  await page.evaluate(() => setTimeout(() => { throw new Error("Lighthouse seed: a browser error for the admin error log"); }, 0));
  if ((await reported).status() !== 204) {
    throw new Error("the browser error was not accepted");
  }

  process.stdout.write(`${JSON.stringify({ sharedReading })}\n`);
} finally {
  await browser.close();
}
