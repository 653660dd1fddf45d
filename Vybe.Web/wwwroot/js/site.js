// Vybe's small behaviour layer. Loaded with defer; the CSP forbids inline scripts.
(function () {
  "use strict";

  var tokenMeta = 'meta[name="request-verification-token"]';
  var tokenPattern = /<meta name="request-verification-token" content="([^"]+)"/;

  function currentToken() {
    var meta = document.querySelector(tokenMeta);
    return meta ? meta.getAttribute("content") : null;
  }

  // Every non-GET htmx request carries the antiforgery token. A form that holds its own token
  // sends that one; other requests (buttons with hx-post, hx-delete) send the page's token.
  document.addEventListener("htmx:configRequest", function (event) {
    var detail = event.detail;
    if (detail.verb === "get") return;
    if (detail.formData && detail.formData.has("__RequestVerificationToken")) return;
    var token = currentToken();
    if (token) detail.headers["RequestVerificationToken"] = token;
  });

  // hx-boost swaps only the body, so the head's token would go stale when a login or logout
  // changes who the visitor is: take the new token from each full page that arrives.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var html = event.detail.serverResponse;
    if (typeof html !== "string") return;
    var match = tokenPattern.exec(html);
    var meta = document.querySelector(tokenMeta);
    if (match && meta) meta.setAttribute("content", match[1]); // base64url: nothing was HTML-escaped
  });

  // After a boosted navigation, move focus as a page load would: to the first field with an
  // error when the form came back invalid, else to the main region.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!event.detail.boosted) return;
    var invalid = document.querySelector('main [aria-invalid="true"]');
    var target = invalid || document.getElementById("main");
    if (target) target.focus();
  });

  // Toasts (such as the error reference after a failed htmx request) can be dismissed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-dismiss-toast]") : null;
    if (!button) return;
    var toast = button.closest(".toast");
    if (toast) toast.remove();
  });
})();
