// Copies the browser files of our npm dependencies into Vybe.Web/wwwroot/lib, where the app serves them
// (no CDN). The copies are committed so that `dotnet run` works without npm; the build refreshes them
// when node_modules is present, and a test checks they match package.json.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "Vybe.Web/wwwroot/lib/htmx/htmx.min.js"],
  // The IIFE build defines one global, webVitals, read by wwwroot/js/web-vitals-reporter.js.
  ["node_modules/web-vitals/dist/web-vitals.iife.js", "Vybe.Web/wwwroot/lib/web-vitals/web-vitals.iife.js"],
  // Apache-2.0 asks that the licence travel with the copy.
  ["node_modules/web-vitals/LICENSE", "Vybe.Web/wwwroot/lib/web-vitals/LICENSE"],
];
for (const [from, to] of files) {
  mkdirSync(dirname(join(root, to)), { recursive: true });
  copyFileSync(join(root, from), join(root, to));
  console.log(`vendored ${from} -> ${to}`);
}
