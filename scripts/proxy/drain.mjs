// The proxy drill's drain check (scripts/proxy-drill.sh): a reading POST that is in flight on an
// instance when it is told to stop must still be answered. Straight to the instance (nginx buffers a
// request body before it passes the request on, so through it no request would be half sent): the
// headers and half the form go out, the instance gets SIGTERM, a new connection is then refused
// (it stopped listening: nginx would send new requests elsewhere), and only then the rest of the form
// follows. Exit 0 when the reading was answered 200.
//   node scripts/proxy/drain.mjs PORT HOST_NAME PID
import http from "node:http";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { formToken, isReading as answeredWithReading, readingPost } from "./client.mjs";

const [portText, hostName, pidText] = process.argv.slice(2);
if (!pidText) {
  console.error("usage: node scripts/proxy/drain.mjs PORT HOST_NAME PID");
  process.exit(2);
}
const port = Number(portText);

function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path, headers: { host: hostName } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, text }));
    }).on("error", reject);
  });
}

/** Whether a new connection to the instance is refused (it stopped listening). */
function refused() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.on("connect", () => { socket.destroy(); resolve(false); });
    socket.on("error", (error) => resolve(error.code === "ECONNREFUSED"));
  });
}

const form = await get("/?form=number");
const cookies = (form.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
const { body, headers } = readingPost(`http://${hostName}`, formToken(form.text), "1111", "lite");
const half = Math.floor(body.length / 2);

const socket = net.connect({ host: "127.0.0.1", port });
await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
let answer = "";
socket.setEncoding("utf8");
socket.on("data", (chunk) => (answer += chunk));
const closed = new Promise((resolve) => socket.on("close", resolve));

const started = performance.now();
socket.write(
  `POST /Readings/Number HTTP/1.1\r\nHost: ${hostName}\r\nCookie: ${cookies}\r\n` +
  Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("") +
  `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`);
await sleep(500);
process.kill(Number(pidText), "SIGTERM");

let stoppedListening = false;
for (let attempt = 0; attempt < 100 && !stoppedListening; attempt++) {
  await sleep(50);
  stoppedListening = await refused();
}
const refusedAfter = Math.round(performance.now() - started);
await sleep(1000);
socket.write(body.slice(half));
await closed;
const status = Number(answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1]);
const isReading = answeredWithReading(answer);
console.log(`${status === 200 && isReading && stoppedListening ? "ok  " : "FAIL"} a reading POST in flight when SIGTERM came: ` +
  `new connections ${stoppedListening ? `refused ${refusedAfter} ms after the request began` : "still accepted"}, ` +
  `the rest of the form sent 1 s later, answered ${status || "nothing"}${isReading ? " with the reading" : ""} ` +
  `${Math.round(performance.now() - started)} ms after the request began`);
process.exit(status === 200 && isReading && stoppedListening ? 0 : 1);
