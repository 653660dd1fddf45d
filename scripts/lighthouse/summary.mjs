// Prints one line per audited page and preset from lhci's filesystem uploads (a manifest.json and the
// JSON reports in one folder per preset): the representative (median) run's scores, its Web Vitals
// and bytes transferred, and which pages were audited again after missing a budget. Exits non-zero when a report shows another page than the one asked for (a login form
// where a signed-in page was meant) or a document status other than the page's own (200 everywhere,
// 404 on the not-found status page: lighthouserc.json lets Lighthouse audit a non-2xx document, so
// this is where a page that failed is caught), which no score budget would notice.
//   node scripts/lighthouse/summary.mjs artifacts/lighthouse mobile desktop
import { readFileSync } from "node:fs";
import { join } from "node:path";

const [folder = "artifacts/lighthouse", ...presets] = process.argv.slice(2);
if (presets.length === 0) {
  presets.push("mobile", "desktop");
}

const label = (url) => {
  const path = new URL(url).pathname;
  return path
    .replace(/^\/s\/[^/]+$/, "/s/{token}")
    .replace(/^\/r\/[^/]+$/, "/r/{id}")
    .replace(/^\/history\/[^/]+\/sighting$/, "/history/{id}/sighting")
    .replace(/\/(Issues|Details)\/\d+$/, "/$1/{id}");
};
const score = (value) => (value == null ? "  -" : String(Math.round(value * 100)).padStart(3));
const numeric = (report, audit) => report.audits[audit]?.numericValue;
// A run Lighthouse could not finish has no metrics; it is listed as a wrong page below.
const milliseconds = (report, audit) => (numeric(report, audit) == null ? "-" : `${Math.round(numeric(report, audit))} ms`);

/** The not-found page answers 404 by design; every other audited page must answer 200. */
const expectedStatus = (url) => (/^\/status\/404$/i.test(new URL(url).pathname) ? 404 : 200);
/** The main document's status, from the network-requests audit (its first request is the document). */
const documentStatus = (report) => {
  const requests = report.audits["network-requests"]?.details?.items ?? [];
  const shown = report.finalDisplayedUrl;
  return (requests.find((request) => request.url === shown) ?? requests[0])?.statusCode;
};

const rows = [];
const wrongPages = [];
const rerun = [];
for (const preset of presets) {
  const manifest = JSON.parse(readFileSync(join(folder, preset, "manifest.json"), "utf8"));
  const runs = new Map();
  for (const entry of manifest) {
    runs.set(entry.url, (runs.get(entry.url) ?? 0) + 1);
  }
  for (const [url, count] of runs) {
    if (count > 1) {
      rerun.push(`${label(url)} ${preset} (${count} runs)`);
    }
  }
  for (const entry of manifest) {
    const report = JSON.parse(readFileSync(entry.jsonPath, "utf8"));
    const asked = new URL(report.requestedUrl).pathname.toLowerCase();
    const shown = new URL(report.finalDisplayedUrl).pathname.toLowerCase();
    const status = documentStatus(report);
    if (asked !== shown || report.runtimeError || status !== expectedStatus(report.requestedUrl)) {
      wrongPages.push(`${preset}: asked for ${report.requestedUrl}, shown ${report.finalDisplayedUrl}, ` +
        `status ${status}` + (report.runtimeError ? ` (${report.runtimeError.code})` : ""));
    }
    if (!entry.isRepresentativeRun) {
      continue;
    }
    rows.push([
      label(entry.url),
      preset,
      String(status),
      score(entry.summary.performance),
      score(entry.summary.accessibility),
      milliseconds(report, "largest-contentful-paint"),
      milliseconds(report, "first-contentful-paint"),
      milliseconds(report, "total-blocking-time"),
      numeric(report, "cumulative-layout-shift")?.toFixed(3) ?? "-",
      `×${report.configSettings.throttling.cpuSlowdownMultiplier}`,
      numeric(report, "total-byte-weight") == null ? "-" : `${(numeric(report, "total-byte-weight") / 1024).toFixed(1)} KiB`,
    ]);
  }
}

const header = ["page", "preset", "status", "perf", "a11y", "LCP", "FCP", "TBT", "CLS", "CPU", "transferred"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
for (const row of [header, ...rows]) {
  console.log(row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
}
console.log(`(scores out of 100; ${rows.length / presets.length} pages at ${presets.length} presets, one run per page and ` +
  `preset, three where the first missed a budget, and then the median run is shown and judged: ` +
  `${rerun.length === 0 ? "none" : rerun.join(", ")}; CPU: the slowdown audited at, calibrated to this host at ` +
  `the mobile preset (scripts/lighthouse/audit.mjs); reports in ${folder}/{${presets.join(",")}})`);
if (wrongPages.length > 0) {
  console.error(`${wrongPages.length} report(s) of another page or status than the one asked for, or of a load Lighthouse could not finish:`);
  for (const wrong of wrongPages) {
    console.error(`  - ${wrong}`);
  }
  process.exit(1);
}
