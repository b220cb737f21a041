// The mock interview's countdown, and the small bits of behaviour its page needs.
//
// Remaining time is always computed from the server's deadline, never by counting ticks:
// at load we measure the offset between this device's clock and the server's (the server
// rendered `data-remaining` seconds before `data-deadline`), then every 250 ms
//   remaining = deadline - (device now + offset).
// A reload, a second tab, a throttled background tab or a sleeping laptop all agree.
// The interview's own page reloads at zero (data-reload-at-zero: the server then shows the
// report); the banner other pages show while an interview runs only says that time is up.
(function () {
  "use strict";

  var WARNING_MS = 5 * 60 * 1000;

  // When the server's response began to arrive, on this device's clock: the moment the
  // server's `data-remaining` was (nearly) true.
  function responseTime() {
    try {
      var nav = performance.getEntriesByType("navigation")[0];
      if (nav && nav.responseStart > 0 && performance.timeOrigin) {
        return performance.timeOrigin + nav.responseStart;
      }
    } catch (e) { /* older browsers: fall through */ }
    return Date.now();
  }

  function pad(n) {
    return n < 10 ? "0" + n : String(n);
  }

  // mm:ss, minutes unbounded (a 90-minute interview starts at 90:00); rounded up, so 00:00 means over.
  function format(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    return pad(Math.floor(total / 60)) + ":" + pad(total % 60);
  }

  function startTimer(el) {
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    var remainingAtRender = parseFloat(el.getAttribute("data-remaining")) * 1000;
    if (isNaN(deadline) || isNaN(remainingAtRender)) return;
    var serverNowAtRender = deadline - remainingAtRender;
    var offset = serverNowAtRender - responseTime();
    var announcer = document.getElementById("timer-alert");
    var warned = false;
    var reloading = false;

    function tick() {
      var left = deadline - (Date.now() + offset);
      el.textContent = format(left);
      el.setAttribute("data-left-ms", String(Math.max(0, Math.round(left))));
      var warning = left <= WARNING_MS;
      el.classList.toggle("warning", warning);
      if (warning && !warned && left > 0) {
        warned = true;
        if (announcer) announcer.textContent = "Less than five minutes left.";
      }
      if (left <= 0 && !reloading) {
        reloading = true;
        if (el.hasAttribute("data-reload-at-zero")) {
          // Time is up: the server ends the interview and shows the report.
          window.location.reload();
        } else {
          var banner = el.closest(".interview-banner");
          if (banner) banner.classList.add("over");
        }
      }
    }

    tick();
    window.setInterval(tick, 250);
  }

  // "Next", "Skip" and "End interview" cannot be undone: ask first.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  }, true);

  // htmx leaves 4xx responses unswapped; a refused submission (400, 409 once time is up, 429
  // past a rate limit) carries its message for the result area, next to the code, which stays.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr.status;
    if (detail.target && detail.target.id === "result" && (status === 400 || status === 409 || status === 429)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  function init() {
    var timers = document.querySelectorAll("[role=timer][data-deadline]");
    for (var i = 0; i < timers.length; i++) startTimer(timers[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
