// Times in the visitor's own zone. The server writes <time datetime="…Z" data-local-time> in the zone
// it knows (the account's, the browser's from the vybe-tz cookie, else UTC); here, where JavaScript
// runs, each one is rewritten in the browser's zone (or the account's, named in data-zone), and the
// browser's zone is kept in the vybe-tz cookie so the next page the server writes is already right.
// A sighting form's datetime-local field moves to the same zone, together with the zone it is read in.
// Loaded with defer; the CSP forbids inline scripts.
(function () {
  "use strict";

  var cookieName = "vybe-tz";
  var browserZone = null;
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch (e) {
    browserZone = null;
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }

  if (browserZone && readCookie(cookieName) !== browserZone) {
    document.cookie = cookieName + "=" + encodeURIComponent(browserZone) +
      "; path=/; max-age=31536000; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
  }

  var formats = {};
  function formatter(kind, zone) {
    var key = kind + "|" + (zone || "");
    if (!formats[key]) {
      var options = kind === "date"
        ? { day: "numeric", month: "short", year: "numeric" }
        : { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
      if (zone) options.timeZone = zone;
      try {
        formats[key] = new Intl.DateTimeFormat(undefined, options);
      } catch (e) {
        formats[key] = null; // an unknown zone: the server's text stays
      }
    }
    return formats[key];
  }

  function localize(root) {
    var times = root.querySelectorAll ? root.querySelectorAll("time[data-local-time]") : [];
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      var instant = new Date(time.getAttribute("datetime"));
      if (isNaN(instant.getTime())) continue;
      var format = formatter(time.getAttribute("data-local-time"), time.getAttribute("data-zone") || browserZone);
      if (!format) continue;
      if (!time.title) time.title = time.textContent.trim();
      time.textContent = format.format(instant);
    }
  }

  function pad(number) { return number < 10 ? "0" + number : String(number); }

  // The wall-clock reading of an instant in a zone, as a datetime-local value (yyyy-MM-ddTHH:mm).
  function wallClock(instant, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(instant).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + "-" + parts.month + "-" + parts.day + "T" + pad(Number(parts.hour) % 24) + ":" + parts.minute;
  }

  // A sighting form the server wrote in UTC or another zone: show its time in this browser's zone,
  // and say so, so that what the person edits and what the server reads agree.
  function moveFields(root) {
    var fields = root.querySelectorAll ? root.querySelectorAll("input[data-utc][data-zone-field]") : [];
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var form = field.form;
      var zoneField = form ? form.querySelector(field.getAttribute("data-zone-field")) : null;
      var instant = new Date(field.getAttribute("data-utc"));
      var zone = browserZone;
      if (!zoneField || !zone || zoneField.value === zone || isNaN(instant.getTime())) continue;
      try {
        field.value = wallClock(instant, zone);
      } catch (e) {
        continue;
      }
      zoneField.value = zone;
      var label = form.querySelector("[data-zone-label]");
      if (label) label.textContent = zone;
    }
  }

  function enhance(root) {
    localize(root);
    moveFields(root);
  }

  enhance(document);
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt.parentNode || document); });
})();
