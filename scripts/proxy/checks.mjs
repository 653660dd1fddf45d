// The proxy drill's checks through nginx over HTTPS (scripts/proxy-drill.sh): what the app must do
// when it sits behind the TLS-terminating proxy of deploy/nginx/vybe.conf. Prints one line per check
// and exits 1 when one fails. The error-log check needs the database: this posts a browser error
// report with the marker given and the drill then reads the address the row recorded.
//   node scripts/proxy/checks.mjs ORIGIN CA_FILE CLIENT_ADDRESS MARKER PHOTO_LIMIT_BYTES REQUEST_LIMIT_BYTES
import { createClient, createJar, formToken, isReading, readingPost } from "./client.mjs";

const [origin, caFile, clientAddress, marker, photoLimitText, requestLimitText] = process.argv.slice(2);
if (!requestLimitText) {
  console.error("usage: node scripts/proxy/checks.mjs ORIGIN CA_FILE CLIENT_ADDRESS MARKER PHOTO_LIMIT_BYTES REQUEST_LIMIT_BYTES");
  process.exit(2);
}
const photoLimit = Number(photoLimitText);
const requestLimit = Number(requestLimitText);
const client = createClient({ origin, caFile, clientAddress });
const jar = createJar();
let failures = 0;

function check(name, ok, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  if (!ok) {
    failures++;
  }
}

async function get(path) {
  const response = await client.request("GET", path, { headers: { cookie: jar.header() } });
  jar.take(response.headers);
  return response;
}

/** A PNG of exactly `size` bytes: one white pixel, padded with a private ancillary chunk decoders skip. */
function paddedPng(size) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const byte of bytes) {
      c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit grey, no interlace
  // zlib stream of one scanline: filter byte 0, one white pixel (stored block, no compression).
  const pixels = Buffer.from([0x78, 0x01, 0x01, 0x02, 0x00, 0xfd, 0xff, 0x00, 0xff, 0x01, 0x00, 0x01, 0x00]);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const fixed = Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
  const padding = size - fixed.length - 12;
  const ihdrEnd = signature.length + 25;
  return Buffer.concat([fixed.subarray(0, ihdrEnd), chunk("vyBe", Buffer.alloc(padding)), fixed.subarray(ihdrEnd)]);
}

/** Posts the photo form with a file of `fileBytes` bytes, padded in the form to a body of `bodyBytes` when given. */
async function uploadPhoto(fileBytes, bodyBytes) {
  const form = await get("/Readings/Photo");
  const token = formToken(form.text);
  const boundary = `----vybe-drill-${Date.now()}`;
  const part = (headers, content) => Buffer.concat([Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), content, Buffer.from("\r\n")]);
  const parts = [
    part('Content-Disposition: form-data; name="__RequestVerificationToken"', Buffer.from(token)),
    part('Content-Disposition: form-data; name="Input.Depth"', Buffer.from("lite")),
    part('Content-Disposition: form-data; name="Input.Photo"; filename="limit.png"\r\nContent-Type: image/png', paddedPng(fileBytes)),
  ];
  const end = Buffer.from(`--${boundary}--\r\n`);
  let body = Buffer.concat([...parts, end]);
  if (bodyBytes && bodyBytes > body.length) {
    const filler = part('Content-Disposition: form-data; name="filler"', Buffer.alloc(0));
    const extra = bodyBytes - body.length - filler.length;
    body = Buffer.concat([...parts, part('Content-Disposition: form-data; name="filler"', Buffer.alloc(extra, 0x61)), end]);
  }
  const response = await client.request("POST", "/Readings/Photo?handler=Upload", {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length, cookie: jar.header() },
    body,
  });
  jar.take(response.headers);
  return { ...response, bodyBytes: body.length };
}

try {
  const home = await get("/");
  check("the home page answers 200 through nginx", home.status === 200, `status ${home.status}`);
  const hsts = home.headers["strict-transport-security"];
  check("HSTS is sent", /max-age=\d+/.test(hsts ?? ""), hsts ?? "no Strict-Transport-Security header");

  await get("/Account/Login");
  // A guest's first reading sets the guest-history cookie.
  const numberForm = await get("/?form=number");
  const post = readingPost(origin, formToken(numberForm.text), "1111", "lite");
  const reading = await client.request("POST", "/Readings/Number", { headers: { ...post.headers, cookie: jar.header() }, body: post.body });
  jar.take(reading.headers);
  check("a guest's reading is answered through nginx", reading.status === 200 && isReading(reading.text), `status ${reading.status}`);
  const names = [...new Set(jar.seen.map((line) => line.split("=")[0]))];
  check("the antiforgery and guest cookies were set", names.includes("vybe.af") && names.includes("vybe.guest"), names.join(", "));
  const insecure = jar.seen.filter((line) => !/;\s*secure/i.test(line));
  check("every cookie is Secure", insecure.length === 0, insecure.map((line) => line.split(";")[0].split("=")[0]).join(", ") || "all Secure");

  const stylesheet = home.text.match(/href="(\/css\/site\.[a-z0-9]{10}\.css)"/)?.[1];
  if (!stylesheet) {
    check("the page links its stylesheet by its fingerprinted name", false, "no /css/site.<fingerprint>.css in the page");
  } else {
    await get(stylesheet);
    const again = await get(stylesheet);
    check("nginx serves a fingerprinted file from its cache", again.headers["x-cache-status"] === "HIT",
      `${stylesheet}: X-Cache-Status ${again.headers["x-cache-status"]}, Cache-Control ${again.headers["cache-control"]}`);
  }

  // A browser error report, sent with a forged X-Forwarded-For: the row must record the address
  // nginx saw (clientAddress), not the forged one. The drill reads the row by the marker.
  const report = await client.request("POST", "/errors/client", {
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7", origin },
    body: JSON.stringify({ kind: "error", message: marker, page: `${origin}/` }),
  });
  check("a browser error report is taken", report.status === 204, `status ${report.status}`);

  const atLimit = await uploadPhoto(photoLimit);
  // The padded picture holds no number, so the app reads it and says so (422): read, not refused for its size.
  const said = atLimit.text.match(/id="Input_Photo-error"[^>]*>([^<]*)</)?.[1]?.trim();
  check("a photo of exactly the limit gets through to the app", atLimit.status !== 413 && atLimit.status < 500 && !/too large/i.test(atLimit.text),
    `${atLimit.bodyBytes} bytes sent, status ${atLimit.status}${said ? `: "${said}"` : ""}`);
  const aboveLimit = await uploadPhoto(photoLimit, requestLimit + 1);
  const appsPage = /too large/i.test(aboveLimit.text) && !/<center>nginx/i.test(aboveLimit.text);
  check("an upload just above the limit gets the app's 413 page", aboveLimit.status === 413 && appsPage,
    `${aboveLimit.bodyBytes} bytes sent, status ${aboveLimit.status}, ${appsPage ? "the app's page" : "not the app's page: " + aboveLimit.text.slice(0, 120)}`);
} catch (error) {
  check("the checks ran", false, error.stack ?? String(error));
} finally {
  client.close();
}
process.exit(failures === 0 ? 0 : 1);
