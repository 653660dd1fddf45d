// Reports how this page load felt to the visitor: the Core Web Vitals (LCP, INP, CLS) and FCP and
// TTFB, measured by Google's web-vitals library (lib/web-vitals, loaded just before this file), sent
// to POST /vitals once per page view. The page is named by its route template (/r/{id}, never the URL
// with ids) and the request id that served it, both from meta tags the layout writes.
(function () {
  "use strict";

  var endpoint = "/vitals";

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  // Read once, now: hx-boost later swaps the body for other pages, but the values measured here
  // belong to this page load (htmx leaves the head, and these tags, as they were).
  var page = meta("vybe-page");
  var requestId = meta("vybe-request-id");
  if (!window.webVitals || !page || !requestId) return;

  var pending = {};   // metric name -> its latest value not yet sent
  var sent = {};      // metric id -> true once sent: later updates of the same measurement are dropped

  function remember(metric) {
    if (sent[metric.id]) return;
    pending[metric.name] = metric;
  }

  function send() {
    var names = Object.keys(pending);
    if (names.length === 0) return;
    var metrics = names.map(function (name) {
      var metric = pending[name];
      sent[metric.id] = true;
      return { name: metric.name, value: metric.value, rating: metric.rating };
    });
    pending = {};
    var body = JSON.stringify({ page: page, requestId: requestId, metrics: metrics });
    try {
      // A beacon outlives the page; the browser queues it even as the tab closes.
      if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "application/json" }))) return;
    } catch (ignored) { /* fall back to fetch below */ }
    try {
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: body,
        keepalive: true,
        credentials: "same-origin"
      }).catch(function () { /* reporting must never raise errors of its own */ });
    } catch (ignored) { /* as above */ }
  }

  webVitals.onLCP(remember);
  webVitals.onINP(remember);
  webVitals.onCLS(remember);
  webVitals.onFCP(remember);
  webVitals.onTTFB(remember);

  // When the page is hidden (tab switched or closed, or navigation away) web-vitals settles LCP, INP
  // and CLS in its own capturing listeners on window; this one listens in the bubbling phase, which
  // runs after them, so the one report carries everything measured so far.
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send();
  });
})();
