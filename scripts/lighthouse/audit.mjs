// Audits pages with Lighthouse at one preset, in this process and one Chromium: lhci collect starts a
// Lighthouse process per page, which on this 2-core machine cost about 5 s a page on top of the
// audit itself. The run count and settings are lighthouserc.json's (ci.collect); the results
// go where lhci collect puts them (.lighthouseci/lhr-*.json), so lhci assert and lhci upload read
// them as their own. Public pages are audited as a guest; before the first page that needs an
// account (needsAccount in browser.cjs) the browser logs in once through the login form; Lighthouse
// keeps cookies between pages.
//
// The mobile preset emulates a phone by running the page unthrottled and multiplying its main-thread
// time by 4, a factor Lighthouse chose for a host whose benchmark index (its own CPU benchmark) is
// about 1500. This 2-core machine measures anywhere from 800 to 1500 from one minute to the next, so
// a fixed 4 would audit a slower phone whenever the host is busier. The factor is calibrated instead
// (Lighthouse's docs/throttling.md, "calibrating multipliers"): 4 × index / 1500, from the median of
// the last five indices Lighthouse measured (a warm-up audit of the first page, thrown away, then each
// audit's own), so every page is held to the same phone. The warm-up also takes the app's cold start
// off the first page. Desktop runs unthrottled; there is nothing to calibrate.
//
// One run of a page can miss a timing budget with nothing wrong in the page: a CI run saw the shared
// reading's TBT at 303 ms once where runs here measured 38–49 ms. A run that misses a budget of
// lighthouserc.json is followed by two more of the same page, and lhci assert judges the median of
// the three (ci.assert.aggregationMethod): a page that is really over budget misses it at least
// twice in three, noise rarely does. Pages within budget keep their one run.
//   node scripts/lighthouse/audit.mjs mobile|desktop URL...
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as constants from "lighthouse/core/config/constants.js";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const { chromiumArgs, logIn, needsAccount } = require("./browser.cjs");

const [preset, ...urls] = process.argv.slice(2);
if (!["mobile", "desktop"].includes(preset) || urls.length === 0) {
  console.error("usage: node scripts/lighthouse/audit.mjs mobile|desktop URL...");
  process.exit(2);
}

const { collect, assert: budgets } = JSON.parse(await readFile("lighthouserc.json", "utf8")).ci;
// Lighthouse's default configuration is the mobile preset (a mid-range phone on a slow 4G link, simulated).
const config = preset === "desktop" ? desktopConfig : undefined;
const outputFolder = ".lighthouseci";
await mkdir(outputFolder, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  args: chromiumArgs,
});
const port = Number(new URL(browser.wsEndpoint()).port);

const referenceBenchmarkIndex = 1500;
const mobileSlowdown = 4;
const recentIndices = [];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function calibratedSettings() {
  if (preset !== "mobile") {
    return collect.settings;
  }
  const multiplier = Math.min(8, Math.max(1, mobileSlowdown * median(recentIndices.slice(-5)) / referenceBenchmarkIndex));
  return {
    ...collect.settings,
    throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: Math.round(multiplier * 100) / 100 },
  };
}
/** Lighthouse's own benchmark index of this host now, from an audit of the page that is thrown away. */
async function warmUp(url) {
  const result = await lighthouse(url, { ...collect.settings, port, output: "json", logLevel: "error" }, config);
  return result?.lhr.environment.benchmarkIndex;
}
// Lighthouse's own failures to record a page load (the trace came without its navigation start, the
// protocol timed out) say nothing about the page: such a run is made again, up to twice. A page that
// fails to load (no paint, an error status) is not retried; lhci assert and the summary report it.
const lighthouseFailures = new Set(["NO_NAVSTART", "NO_TRACING_STARTED", "TRACING_ALREADY_STARTED", "PROTOCOL_TIMEOUT", "NO_RESOURCE_REQUEST"]);
const attempts = 3;
async function audit(url) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const result = await lighthouse(url, { ...calibratedSettings(), port, output: "json", logLevel: "error" }, config);
      const code = result?.lhr.runtimeError?.code;
      if (result && (!lighthouseFailures.has(code) || attempt === attempts)) {
        return result;
      }
      console.log(`${preset} ${url}: Lighthouse failed to record the load (${code ?? "no result"}); again (${attempt + 1} of ${attempts})`);
    } catch (error) {
      console.error(`${preset} ${url}: Lighthouse could not audit it: ${error.stack ?? error}`);
      if (attempt === attempts) {
        return null;
      }
    }
  }
  return null;
}

/** The budgets of lighthouserc.json this run missed, as "name: value", the way lhci assert checks them. */
function missedBudgets(lhr) {
  const missed = [];
  for (const [name, [, { minScore, maxNumericValue }]] of Object.entries(budgets.assertions)) {
    const value = name.startsWith("categories:")
      ? lhr.categories[name.slice("categories:".length)]?.score
      : lhr.audits[name]?.numericValue;
    if ((minScore != null && !(value >= minScore)) || (maxNumericValue != null && !(value <= maxNumericValue))) {
      missed.push(`${name} ${typeof value === "number" ? Math.round(value * 1000) / 1000 : value}`);
    }
  }
  return missed;
}
const runsWhenOverBudget = 3;

/** When a page shifted, what moved: the shift's score, the element and its box before and after. */
function printLayoutShifts(result) {
  const shift = result.lhr.audits["cumulative-layout-shift"]?.numericValue;
  if (!(shift > 0)) {
    return;
  }
  const traced = Array.isArray(result.artifacts.TraceElements) ? result.artifacts.TraceElements : [];
  const elements = new Map(traced
    .filter((element) => element.traceEventType === "layout-shift")
    .map((element) => [element.nodeId, element.node?.selector ?? element.node?.snippet]));
  for (const event of result.artifacts.Trace.traceEvents.filter((e) => e.name === "LayoutShift")) {
    const data = event.args?.data ?? {};
    for (const node of data.impacted_nodes ?? []) {
      console.log(`    shifted ${data.score?.toFixed(5)}: ${elements.get(node.node_id) ?? `node ${node.node_id}`} ` +
        `from ${JSON.stringify(node.old_rect)} to ${JSON.stringify(node.new_rect)}${data.had_recent_input ? " (after input)" : ""}`);
    }
  }
}

let failed = false;
try {
  if (preset === "mobile") {
    recentIndices.push(await warmUp(urls[0]));
  }
  let signedIn = false;
  for (const [index, url] of urls.entries()) {
    if (!signedIn && needsAccount(url)) {
      const loginPage = await browser.newPage();
      await logIn(loginPage, new URL(url).origin);
      await loginPage.close();
      signedIn = true;
    }
    let runs = collect.numberOfRuns;
    for (let run = 0; run < runs; run++) {
      const result = await audit(url);
      if (!result) {
        failed = true;
        continue;
      }
      // lhci's own name for a run: lhr-<digits>.json, in the order the runs were made.
      const name = `lhr-${Date.now()}${String(index).padStart(3, "0")}${run}.json`;
      await writeFile(`${outputFolder}/${name}`, JSON.stringify(result.lhr));
      const score = (category) => (category?.score == null ? "-" : Math.round(category.score * 100));
      const { performance, accessibility } = result.lhr.categories;
      const { benchmarkIndex } = result.lhr.environment;
      recentIndices.push(benchmarkIndex);
      console.log(`${preset} ${url}: performance ${score(performance)}, accessibility ${score(accessibility)}, ` +
        `benchmark index ${Math.round(benchmarkIndex)}, CPU ×${result.lhr.configSettings.throttling.cpuSlowdownMultiplier}` +
        (result.lhr.runtimeError ? ` (${result.lhr.runtimeError.code})` : ""));
      printLayoutShifts(result);
      const missed = missedBudgets(result.lhr);
      if (missed.length > 0 && runs < runsWhenOverBudget) {
        runs = runsWhenOverBudget;
        console.log(`    over budget (${missed.join(", ")}): ${runs - run - 1} more run(s), lhci assert takes the median`);
      }
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
