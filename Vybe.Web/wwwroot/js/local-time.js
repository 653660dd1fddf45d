// Times in the visitor's own zone. The server writes <time datetime="…Z" data-local-time
// data-written-in="ZONE"> in the zone it knows (the account's, the browser's from the vybe-tz cookie,
// else UTC); here, where JavaScript runs, a time written in another zone than the one it should be
// read in (the account's, named in data-zone, else the browser's) is rewritten in that zone, in the
// server's own format ("3 Dec 2026, 09:05"), so the text keeps its width and nothing shifts. The
// browser's zone is kept in the vybe-tz cookie so the next page the server writes is already right.
// A sighting form's datetime-local field moves to the same zone, together with the zone it is read in.
// Loaded with defer; the CSP forbids inline scripts.
(function () {
  "use strict";

  var cookieName = "vybe-tz";
  // Asking for the browser's zone starts the browser's time-zone data, the dearest step on the page
  // (60–75 ms of main thread on our test machine, four times that on a mid-range phone). A zone
  // confirmed within a day, at the UTC offset the clock still has, is trusted instead.
  var confirmationKey = "vybe-tz-confirmed";
  var confirmationLifetime = 24 * 60 * 60 * 1000;
  var monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return null;
  }

  function confirmedZone(cookieZone) {
    try {
      var confirmation = JSON.parse(window.localStorage.getItem(confirmationKey) || "null");
      if (confirmation && confirmation.zone === cookieZone &&
          confirmation.offset === new Date().getTimezoneOffset() &&
          Date.now() - confirmation.at < confirmationLifetime) {
        return cookieZone;
      }
    } catch (e) { /* no storage (private mode, blocked): ask the browser */ }
    return null;
  }

  function rememberConfirmation(zone) {
    try {
      window.localStorage.setItem(confirmationKey,
        JSON.stringify({ zone: zone, offset: new Date().getTimezoneOffset(), at: Date.now() }));
    } catch (e) { /* as above: the next page asks again */ }
  }

  var resolvedZone; // undefined until asked; null when the browser cannot say
  function browserZone() {
    if (resolvedZone !== undefined) return resolvedZone;
    var cookieZone = readCookie(cookieName);
    resolvedZone = cookieZone ? confirmedZone(cookieZone) : null;
    if (resolvedZone) return resolvedZone;
    try {
      resolvedZone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (e) {
      resolvedZone = null;
    }
    if (resolvedZone) {
      if (cookieZone !== resolvedZone) {
        document.cookie = cookieName + "=" + encodeURIComponent(resolvedZone) +
          "; path=/; max-age=31536000; samesite=lax" + (location.protocol === "https:" ? "; secure" : "");
      }
      rememberConfirmation(resolvedZone);
    }
    return resolvedZone;
  }

  function pad(number) { return number < 10 ? "0" + number : String(number); }

  var partFormats = {};
  // The wall-clock fields of an instant in a zone, as numbers; null for a zone the browser does not know.
  function wallClock(instant, zone) {
    if (!(zone in partFormats)) {
      try {
        partFormats[zone] = new Intl.DateTimeFormat("en-GB", {
          timeZone: zone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23"
        });
      } catch (e) {
        partFormats[zone] = null;
      }
    }
    if (!partFormats[zone]) return null;
    var parts = {};
    partFormats[zone].formatToParts(instant).forEach(function (part) { parts[part.type] = Number(part.value); });
    return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
  }

  // The server's formats (LocalTimeTagHelper.Text): "3 Dec 2026, 09:05", or "3 Dec 2026" for a date.
  function text(clock, kind) {
    var date = clock.day + " " + monthNames[clock.month - 1] + " " + clock.year;
    return kind === "date" ? date : date + ", " + pad(clock.hour) + ":" + pad(clock.minute);
  }

  function localize(root) {
    var times = root.querySelectorAll ? root.querySelectorAll("time[data-local-time]") : [];
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      var zone = time.getAttribute("data-zone") || browserZone();
      if (!zone || zone === time.getAttribute("data-written-in")) continue;
      var instant = new Date(time.getAttribute("datetime"));
      if (isNaN(instant.getTime())) continue;
      var clock = wallClock(instant, zone);
      if (!clock) continue; // an unknown zone: the server's text stays
      if (!time.title) time.title = time.textContent.trim();
      time.textContent = text(clock, time.getAttribute("data-local-time"));
      time.setAttribute("data-written-in", zone);
    }
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
      var zone = browserZone();
      if (!zoneField || !zone || zoneField.value === zone || isNaN(instant.getTime())) continue;
      var clock = wallClock(instant, zone);
      if (!clock) continue;
      field.value = clock.year + "-" + pad(clock.month) + "-" + pad(clock.day) + "T" + pad(clock.hour) + ":" + pad(clock.minute);
      zoneField.value = zone;
      var label = form.querySelector("[data-zone-label]");
      if (label) label.textContent = zone;
    }
  }

  function enhance(root) {
    browserZone(); // keeps the cookie current even on a page without times
    localize(root);
    moveFields(root);
  }

  enhance(document);
  document.addEventListener("htmx:load", function (event) { enhance(event.detail.elt.parentNode || document); });
})();
