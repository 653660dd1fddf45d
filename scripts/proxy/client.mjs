// An HTTPS client for the proxy drill (scripts/proxy-drill.sh): every request goes to nginx on
// 127.0.0.1 under the drill's host name (vybe.test, which nothing resolves: the name is mapped here,
// as curl --resolve would), trusting only the drill's own certificate, and leaves from the drill's
// client address (127.0.0.2, so the address nginx passes on differs from nginx's own 127.0.0.1).
import { readFileSync } from "node:fs";
import https from "node:https";

export function createClient({ origin, caFile, clientAddress, keepAlive = true }) {
  const base = new URL(origin);
  const agent = new https.Agent({
    keepAlive,
    maxSockets: 64,
    ca: readFileSync(caFile),
    servername: base.hostname,
    localAddress: clientAddress,
    // The host name resolves to nginx on loopback and nowhere else.
    lookup: (hostname, options, callback) =>
      options?.all ? callback(null, [{ address: "127.0.0.1", family: 4 }]) : callback(null, "127.0.0.1", 4),
  });

  /** One request; resolves with status, headers and the body as text, or rejects on a network error. */
  function request(method, path, { headers = {}, body, timeoutMs = 30_000 } = {}) {
    return new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const outgoing = https.request(url, { method, agent, headers, timeout: timeoutMs }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({
          status: response.statusCode,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }));
        response.on("error", reject);
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  return { request, close: () => agent.destroy() };
}

/** A cookie jar of name=value pairs, filled from Set-Cookie headers; remembers every Set-Cookie seen. */
export function createJar() {
  const cookies = new Map();
  const seen = [];
  return {
    take(headers) {
      for (const line of headers["set-cookie"] ?? []) {
        seen.push(line);
        const [pair] = line.split(";");
        const at = pair.indexOf("=");
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
      }
    },
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; "),
    seen,
  };
}

/** The antiforgery token of the first form on a page. */
export function formToken(html) {
  const input = html.match(/<input[^>]*name="__RequestVerificationToken"[^>]*>/)?.[0];
  const value = input?.match(/value="([^"]*)"/)?.[1];
  if (!value) {
    throw new Error("no antiforgery token on the page");
  }
  return value;
}

/** The home page's number form as htmx posts it: the form body and the headers htmx sends with it. */
export function readingPost(origin, token, number, depth) {
  return {
    body: new URLSearchParams({ "Input.Number": number, "Input.Depth": depth, __RequestVerificationToken: token }).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "hx-request": "true",
      "hx-current-url": `${origin}/?form=number`,
      "hx-target": "result",
      "hx-trigger": "number-form",
    },
  };
}

/** Whether an answer to readingPost is the reading itself (not the form sent back with an error). */
export const isReading = (text) => text.includes('class="reading"');
