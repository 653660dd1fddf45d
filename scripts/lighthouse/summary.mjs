// Prints one line per audited page from lhci's filesystem upload (manifest.json + the JSON reports):
// the representative run's performance and accessibility scores, its Web Vitals and bytes transferred.
//   node scripts/lighthouse/summary.mjs artifacts/lighthouse
import { readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2] ?? "artifacts/lighthouse";
const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));

const label = (url) => {
  const path = new URL(url).pathname;
  return path.startsWith("/s/") ? "/s/{token} (shared reading)" : path;
};
const score = (value) => (value == null ? "  -" : String(Math.round(value * 100)).padStart(3));
const milliseconds = (report, audit) => `${Math.round(report.audits[audit].numericValue)} ms`;

const rows = manifest
  .filter((entry) => entry.isRepresentativeRun)
  .map((entry) => {
    const report = JSON.parse(readFileSync(entry.jsonPath, "utf8"));
    return [
      label(entry.url),
      score(entry.summary.performance),
      score(entry.summary.accessibility),
      milliseconds(report, "largest-contentful-paint"),
      milliseconds(report, "first-contentful-paint"),
      milliseconds(report, "total-blocking-time"),
      report.audits["cumulative-layout-shift"].numericValue.toFixed(3),
      milliseconds(report, "interactive"),
      `${(report.audits["total-byte-weight"].numericValue / 1024).toFixed(1)} KiB`,
    ];
  });

const header = ["page", "perf", "a11y", "LCP", "FCP", "TBT", "CLS", "TTI", "transferred"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
for (const row of [header, ...rows]) {
  console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  "));
}
console.log(`(scores out of 100; one representative run per page of ${manifest.length / rows.length} runs; reports in ${folder})`);
