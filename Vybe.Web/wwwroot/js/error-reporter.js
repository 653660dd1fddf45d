// Sends errors that happen in visitors' browsers to the server's error log (POST /errors/client),
// where admins see them as service "client". A page reports at most a few, and never the same twice.
(function () {
  "use strict";

  var endpoint = "/errors/client";
  var maxReports = 10;
  var sent = 0;
  var seen = {};

  // Never cuts an emoji (a surrogate pair) in two: the half left over is not text, and the server
  // refuses a report that holds one.
  function clip(text, max) {
    text = text == null ? "" : String(text);
    if (text.length <= max) return text;
    var last = text.charCodeAt(max - 1);
    return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
  }

  function report(kind, message, extra) {
    message = clip(message || "(no message)", 1000);
    var key = kind + "|" + message;
    if (sent >= maxReports || seen[key]) return;
    seen[key] = true;
    sent++;
    var body = {
      kind: kind,
      message: message,
      page: clip(location.pathname + location.search, 500)
    };
    extra = extra || {};
    if (extra.source) body.source = clip(extra.source, 500);
    if (typeof extra.line === "number") body.line = extra.line;
    if (typeof extra.column === "number") body.column = extra.column;
    if (extra.stack) body.stack = clip(extra.stack, 4000);
    if (typeof extra.status === "number") body.status = extra.status;
    try {
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        keepalive: true,
        credentials: "same-origin"
      }).catch(function () { /* reporting must never raise errors of its own */ });
    } catch (ignored) { /* as above */ }
  }

  window.addEventListener("error", function (event) {
    // Resource load failures (an <img> 404) arrive here without an error object; skip them.
    if (!event.message) return;
    report("error", event.message, {
      source: event.filename,
      line: event.lineno,
      column: event.colno,
      stack: event.error && event.error.stack
    });
  });

  window.addEventListener("unhandledrejection", function (event) {
    var reason = event.reason;
    report("unhandledrejection", reason && reason.message ? reason.message : String(reason), {
      stack: reason && reason.stack
    });
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    report("htmx:responseError", "htmx request failed: " + (xhr ? xhr.status : "?") + " " + (event.detail.pathInfo ? event.detail.pathInfo.requestPath : ""), {
      status: xhr ? xhr.status : undefined
    });
  });

  document.addEventListener("htmx:sendError", function (event) {
    report("htmx:sendError", "htmx request could not be sent: " + (event.detail.pathInfo ? event.detail.pathInfo.requestPath : ""));
  });
})();
