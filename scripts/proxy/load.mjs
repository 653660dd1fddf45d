// The proxy drill's load (scripts/proxy-drill.sh): a few concurrent guests send readings (the home
// page's htmx number form) and page views through nginx while the drill restarts the instances one
// after the other, until the drill creates STOP_FILE, and never longer than MAX_SECONDS. Prints the
// figures and writes them as JSON; exits 1 when a request failed (a network error, a 5xx, a 429 or
// any other answer than the page's own).
//   node scripts/proxy/load.mjs ORIGIN CA_FILE CLIENT_ADDRESS MAX_SECONDS CONCURRENCY RESULT_JSON STOP_FILE
import { existsSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient, createJar, formToken, isReading, readingPost } from "./client.mjs";

const [origin, caFile, clientAddress, secondsText, concurrencyText, resultFile, stopFile] = process.argv.slice(2);
if (!stopFile) {
  console.error("usage: node scripts/proxy/load.mjs ORIGIN CA_FILE CLIENT_ADDRESS MAX_SECONDS CONCURRENCY RESULT_JSON STOP_FILE");
  process.exit(2);
}
const startedAt = Date.now();
const deadline = startedAt + Number(secondsText) * 1000;
const goOn = () => Date.now() < deadline && !existsSync(stopFile);
const client = createClient({ origin, caFile, clientAddress });
const kinds = {};
const failures = [];

function record(kind, started, failure) {
  const entry = (kinds[kind] ??= { requests: 0, failed: 0, latencies: [] });
  entry.requests++;
  entry.latencies.push(performance.now() - started);
  if (failure) {
    entry.failed++;
    failures.push({ kind, at: new Date().toISOString(), failure });
  }
}

async function timed(kind, method, path, options, isRight) {
  const started = performance.now();
  try {
    const response = await client.request(method, path, options);
    record(kind, started, isRight(response) ? null : `status ${response.status}: ${response.text.slice(0, 160).replace(/\s+/g, " ")}`);
    return response;
  } catch (error) {
    record(kind, started, error.message);
    return null;
  }
}

// Numbers people see: repeated digits, mirrored pairs, a sequence.
const numbers = ["1111", "444", "1212", "777", "2222", "1234", "5555", "333"];

// Each guest pauses between requests, as a person does (far less than a person): unpaced, six
// guests kept both of the drill machine's cores busy, and an instance starting under that took
// 22 s instead of 6 s to be ready.
const pauseMs = 25;

// A guest's history keeps the newest 20 readings (Vybe:History:GuestCap); a worker becomes a new
// guest (a fresh cookie jar) before that (every 24 turns: 18 readings), so every reading answered
// must still be in the database when the load ends.
const turnsPerGuest = 24;

async function guest(index) {
  let jar = createJar();
  const withCookies = (headers = {}) => ({ ...headers, cookie: jar.header() });
  let token = null;
  for (let turn = 0; goOn(); turn++) {
    await sleep(pauseMs);
    if (turn > 0 && turn % turnsPerGuest === 0) {
      jar = createJar();
      token = null;
    }
    if (token === null || turn % 4 === 0) {
      const home = await timed("GET /", "GET", "/?form=number", { headers: withCookies() }, (r) => r.status === 200 && r.text.includes("__RequestVerificationToken"));
      if (!home) {
        continue;
      }
      jar.take(home.headers);
      try {
        token = formToken(home.text);
      } catch {
        continue;
      }
    }
    if (turn % 4 === 2) {
      await timed("GET /Readings/Photo", "GET", "/Readings/Photo", { headers: withCookies() }, (r) => r.status === 200);
      continue;
    }
    const post = readingPost(origin, token, numbers[(index + turn) % numbers.length], "standard");
    const reading = await timed("POST /Readings/Number", "POST", "/Readings/Number",
      { headers: withCookies(post.headers), body: post.body }, (r) => r.status === 200 && isReading(r.text));
    if (reading) {
      jar.take(reading.headers);
    }
  }
}

const percentile = (values, share) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};

await Promise.all(Array.from({ length: Number(concurrencyText) }, (_, index) => guest(index)));
client.close();

const all = Object.values(kinds).flatMap((entry) => entry.latencies);
const summary = {
  seconds: Math.round((Date.now() - startedAt) / 100) / 10,
  requests: Object.values(kinds).reduce((sum, entry) => sum + entry.requests, 0),
  failed: failures.length,
  p50Ms: Math.round(percentile(all, 0.5)),
  p99Ms: Math.round(percentile(all, 0.99)),
  maxMs: Math.round(Math.max(0, ...all)),
  readingsAnswered: (kinds["POST /Readings/Number"]?.requests ?? 0) - (kinds["POST /Readings/Number"]?.failed ?? 0),
  kinds: Object.fromEntries(Object.entries(kinds).map(([kind, entry]) => [kind, {
    requests: entry.requests,
    failed: entry.failed,
    p50Ms: Math.round(percentile(entry.latencies, 0.5)),
    p99Ms: Math.round(percentile(entry.latencies, 0.99)),
  }])),
  failures: failures.slice(0, 20),
};
writeFileSync(resultFile, JSON.stringify(summary, null, 2));
for (const [kind, entry] of Object.entries(summary.kinds)) {
  console.log(`  ${kind.padEnd(24)} ${String(entry.requests).padStart(6)} requests, ${entry.failed} failed, p50 ${entry.p50Ms} ms, p99 ${entry.p99Ms} ms`);
}
console.log(`  ${"all".padEnd(24)} ${String(summary.requests).padStart(6)} requests, ${summary.failed} failed, p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms, in ${summary.seconds} s`);
for (const failure of summary.failures) {
  console.log(`  failed: ${failure.at} ${failure.kind}: ${failure.failure}`);
}
process.exit(failures.length === 0 ? 0 : 1);
