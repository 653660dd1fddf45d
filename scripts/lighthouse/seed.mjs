// Gives the audited pages something to show, through the app's own forms in Chromium: signs the
// Lighthouse account up and confirms its address with the link the app wrote to the pickup folder
// (the app's configuration makes a confirmed address an admin), makes readings so history has rows,
// shares one, and raises a browser error so the admin error log has entries. Prints the addresses of
// the audited pages that hold an id, as JSON on stdout:
// {"sharedReading": ".../s/...", "permalink": ".../r/...", "sighting": ..., "issue": ..., "logRow": ...}.
//   LIGHTHOUSE_MAIL_DIR=... node scripts/lighthouse/seed.mjs BASE_URL
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const { chromiumArgs, stateTimeout, account, submitAccountForm } = require("./browser.cjs");

const baseUrl = process.argv[2];
const mailDirectory = process.env.LIGHTHOUSE_MAIL_DIR;
if (!baseUrl || !mailDirectory) {
  console.error("usage: LIGHTHOUSE_MAIL_DIR=PICKUP_FOLDER node scripts/lighthouse/seed.mjs BASE_URL");
  process.exit(2);
}

const confirmationSubject = "Confirm your e-mail address for Vybe";

/** The decoded text/plain part of an .eml file (MimeKit writes quoted-printable or base64 bodies). */
function plainText(eml) {
  const decode = (headers, body) => {
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    if (encoding === "base64") {
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    }
    if (encoding === "quoted-printable") {
      const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    return body;
  };
  const split = (entity) => {
    const end = entity.search(/\r?\n\r?\n/);
    return end < 0 ? [entity, ""] : [entity.slice(0, end), entity.slice(end).replace(/^\r?\n\r?\n/, "")];
  };
  const [headers, body] = split(eml);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
  if (!boundary) {
    return decode(headers, body);
  }
  for (const part of body.split(`--${boundary}`)) {
    const [partHeaders, partBody] = split(part.replace(/^\r?\n/, ""));
    if (/^content-type:\s*text\/plain/im.test(partHeaders)) {
      return decode(partHeaders, partBody);
    }
  }
  throw new Error("no text/plain part in the e-mail");
}

/** Polls the pickup folder for the confirmation e-mail to this address and returns its link. */
async function confirmationLink(mailDirectory, email) {
  const deadline = Date.now() + stateTimeout;
  while (Date.now() < deadline) {
    const names = (await readdir(mailDirectory).catch(() => [])).filter((name) => name.endsWith(".eml")).sort();
    for (const name of names) {
      const eml = await readFile(join(mailDirectory, name), "utf8");
      const [headers] = eml.split(/\r?\n\r?\n/, 1);
      if (headers.includes(`Subject: ${confirmationSubject}`) && headers.toLowerCase().includes(email.toLowerCase())) {
        const link = /https?:\/\/\S+\/Account\/ConfirmEmail\?\S+/.exec(plainText(eml))?.[0];
        if (link) {
          return link;
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no confirmation e-mail to ${email} reached ${mailDirectory} within ${stateTimeout / 1000} s`);
}

async function read(page, form, fields, depth) {
  await page.goto(new URL(`/?form=${form}`, baseUrl).href, { waitUntil: "load" });
  for (const [selector, value] of Object.entries(fields)) {
    await page.type(selector, value);
  }
  await page.click(`input[name="Input.Depth"][value=${depth}]`);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await page.click("form.reading-form button[type=submit]");
  const response = await answered;
  if (response.status() !== 200) {
    throw new Error(`a ${form} reading answered ${response.status()}`);
  }
  await page.waitForSelector("#result article.reading");
}

/** The first link matching the selector on the page at path, reloading the page until there is one. */
async function linkOn(page, path, selector) {
  const deadline = Date.now() + stateTimeout;
  while (Date.now() < deadline) {
    await page.goto(new URL(path, baseUrl).href, { waitUntil: "load" });
    const href = await page.$eval(selector, (link) => link.href).catch(() => null);
    if (href) {
      return href;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no link ${selector} on ${path} within ${stateTimeout / 1000} s`);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: chromiumArgs,
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(stateTimeout);
  const { email, password } = account();
  await submitAccountForm(page, baseUrl, "/Account/Signup", {
    "#Input_Email": email,
    "#Input_Password": password,
    "#Input_ConfirmPassword": password,
  });

  // As the account's owner would: open the link from the e-mail and press its button. Only then is the
  // configured address an admin, which the audit of the admin error log needs.
  await page.goto(await confirmationLink(mailDirectory, email), { waitUntil: "load" });
  await page.click("main form button[type=submit]");
  await page.waitForSelector("header a[href='/Admin']", { timeout: stateTimeout });

  await read(page, "number", { "#Input_Number": "444" }, "lite");
  await read(page, "compare", { "#Input_First": "12:21", "#Input_Second": "1212" }, "standard");
  await read(page, "time", { "#Input_Time": "11:11" }, "deep");

  // The deep 11:11 reading is the one shared: the longest page a stranger can be sent.
  // Followed by address, not clicked: scripts still rewriting the answer (local times) can move the
  // link between the moment a click is aimed and the moment it lands.
  const permalink = await page.$eval("#result a[href^='/r/']", (link) => link.href);
  await page.goto(permalink, { waitUntil: "load" });
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

  // The pages whose address holds an id, read off the app's own links: a sighting of the journal,
  // the issue the browser error opened and its row in the log. The error log writes in batches, so
  // the admin pages are reloaded until the error is on them.
  const sighting = await linkOn(page, "/history", "a.history-log");
  const issue = await linkOn(page, "/Admin/Errors", "a[href*='/Admin/Errors/Issues/']");
  const logRow = await linkOn(page, "/Admin/Errors/Log", "a[href*='/Admin/Errors/Details/']");

  process.stdout.write(`${JSON.stringify({ sharedReading, permalink, sighting, issue, logRow })}\n`);
} finally {
  await browser.close();
}
