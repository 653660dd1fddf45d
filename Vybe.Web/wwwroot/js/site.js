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

  // A result or a form with errors swapped in by htmx: move focus as a page load would, to the
  // first field with an error, else to the new reading's heading, so keyboard and screen-reader
  // users land on what changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.boosted) return;
    var invalid = document.querySelector('main [aria-invalid="true"]');
    var status = event.detail.xhr ? event.detail.xhr.status : 200;
    if (status === 422 && invalid) {
      invalid.focus();
      return;
    }
    var heading = event.detail.target && event.detail.target.querySelector
      ? event.detail.target.querySelector("[data-focus-on-swap]")
      : null;
    if (heading) heading.focus();
  });

  // Buttons that only work with JavaScript ("Now", "Copy") are hidden in the markup and shown
  // here, so without JavaScript nobody sees a button that does nothing.
  function revealEnhancements(root) {
    var buttons = (root || document).querySelectorAll("[data-fill-now][hidden], [data-copy][hidden]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  revealEnhancements(document);
  document.addEventListener("htmx:load", function (event) { revealEnhancements(event.detail.elt.parentNode || document); });
  // "Now" fills a time field with the visitor's local time.
  function pad(number) { return number < 10 ? "0" + number : String(number); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-fill-now]") : null;
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-fill-now"));
    if (!field) return;
    var now = new Date();
    field.value = pad(now.getHours()) + ":" + pad(now.getMinutes());
    field.focus();
  });

  // "Copy" buttons put a field's text (a share link) on the clipboard and say so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button || !navigator.clipboard) return;
    var field = document.querySelector(button.getAttribute("data-copy"));
    var status = button.closest("section") ? button.closest("section").querySelector(".copy-status") : null;
    navigator.clipboard.writeText(field.value).then(function () {
      if (status) status.textContent = "Link copied.";
    }, function () {
      field.select();
      if (status) status.textContent = "Select the link and copy it.";
    });
  });

  // Photo uploads: a preview of the chosen picture, and a progress bar while it uploads.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-photo-input]")) return;
    var preview = input.form ? input.form.querySelector("[data-photo-preview]") : null;
    if (!preview) return;
    if (preview.src) URL.revokeObjectURL(preview.src);
    var file = input.files && input.files[0];
    if (file && /^image\//.test(file.type)) {
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    } else {
      preview.removeAttribute("src");
      preview.hidden = true;
    }
  });
  function progressBarOf(event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    return form ? form.querySelector("[data-upload-progress]") : null;
  }
  var maxPhotoBytes = 5 * 1024 * 1024;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target && event.target.closest ? event.target.closest("form") : null;
    var input = form ? form.querySelector("[data-photo-input]") : null;
    var file = input && input.files ? input.files[0] : null;
    if (file && file.size > maxPhotoBytes) {
      // Say it now rather than upload 5 MB to be told the same.
      event.preventDefault();
      var error = document.getElementById(input.id + "-error");
      if (error) error.textContent = "That photo is too large: the limit is 5 MB. Resize it or take a screenshot of it, and upload that.";
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    var bar = progressBarOf(event);
    if (bar) { bar.value = 0; bar.hidden = false; }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = progressBarOf(event);
    if (bar && event.detail.lengthComputable) bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var bar = progressBarOf(event);
    if (bar) bar.hidden = true;
  });

  // A toast with a key replaces the one already shown with the same key, so a page that polls
  // (the admin live tail) while Vybe is unavailable shows one "briefly unavailable" toast, not one a poll.
  document.addEventListener("htmx:load", function (event) {
    var toast = event.detail.elt;
    var key = toast && toast.getAttribute ? toast.getAttribute("data-toast-key") : null;
    if (!key || !toast.parentNode) return;
    var shown = toast.parentNode.querySelectorAll(".toast[data-toast-key]");
    for (var i = 0; i < shown.length; i++) {
      if (shown[i] !== toast && shown[i].getAttribute("data-toast-key") === key) shown[i].remove();
    }
  });

  // Toasts (such as the error reference after a failed htmx request) can be dismissed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-dismiss-toast]") : null;
    if (!button) return;
    var toast = button.closest(".toast");
    if (toast) toast.remove();
  });
})();
