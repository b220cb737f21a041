// The solving workspace of the problem page and the interview (problems/detail.html,
// interviews/active.html; the layout is site.css's).
//
// Wide screens: the statement and the solution side by side, each scrolling on its own. The
// handle between them resizes them: drag it, or focus it and press the arrow keys (Shift for
// big steps, Home and End for the limits; a double click goes back to half). The split is kept
// in this browser's localStorage per signed-in user: "per user" on this device; another device
// starts at half.
// Narrow screens (900 px and less): two tabs, Problem and Code, one pane at a time.
// Both: once Run or Submit (a button or its shortcut) has an answer, the result panel is
// scrolled into view; the buttons show their shortcuts once the editor that makes them work runs;
// a compile error's link moves the editor's cursor to its line.
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 900px)");
  var MIN = 20, MAX = 80, STEP = 2, BIG_STEP = 10, HALF = 50;

  var split = document.getElementById("split");
  if (!split) return;
  var handle = document.getElementById("split-handle");
  var KEY = "dojo.split." + (split.getAttribute("data-split-user") || "anonymous");

  // ---- the split ----

  function clamp(n) { return Math.min(MAX, Math.max(MIN, n)); }

  function stored() {
    var n = NaN;
    try { n = parseFloat(window.localStorage.getItem(KEY)); } catch (e) { /* storage off */ }
    return isNaN(n) ? HALF : clamp(n);
  }

  function store(n) {
    try { window.localStorage.setItem(KEY, String(n)); } catch (e) { /* applied, not kept */ }
  }

  var current = HALF;
  function apply(n) {
    current = clamp(Math.round(n * 10) / 10);
    // A custom property set through the CSSOM: the Content-Security-Policy forbids style=""
    // attributes in the page, not this.
    split.style.setProperty("--split", current + "%");
    handle.setAttribute("aria-valuenow", String(Math.round(current)));
    handle.setAttribute("aria-valuetext", "statement " + Math.round(current) + "% of the width");
  }

  if (handle) {
    apply(stored());
    handle.hidden = false;

    handle.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault(); // no text selection while dragging
      handle.setPointerCapture(event.pointerId);
      split.classList.add("resizing");
    });
    handle.addEventListener("pointermove", function (event) {
      if (!handle.hasPointerCapture(event.pointerId)) return;
      var box = split.getBoundingClientRect();
      apply((event.clientX - box.left) / box.width * 100);
    });
    var endDrag = function (event) {
      if (!split.classList.contains("resizing")) return;
      if (handle.hasPointerCapture(event.pointerId)) handle.releasePointerCapture(event.pointerId);
      split.classList.remove("resizing");
      store(current);
    };
    handle.addEventListener("pointerup", endDrag);
    handle.addEventListener("pointercancel", endDrag);
    handle.addEventListener("dblclick", function () { apply(HALF); store(current); });

    handle.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? BIG_STEP : STEP;
      var next = { ArrowLeft: current - step, ArrowRight: current + step, Home: MIN, End: MAX }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      apply(next);
      store(current);
    });
  }

  // ---- the tabs of a narrow screen ----

  var tabs = Array.prototype.slice.call(document.querySelectorAll(".pane-tabs [role=tab]"));

  function panel(tab) { return document.getElementById(tab.getAttribute("aria-controls")); }

  function select(tab, focus) {
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      panel(t).classList.toggle("pane-hidden", !on); // hidden by site.css on narrow screens only
    });
    if (focus) tab.focus();
  }

  // Tab panels while they are tabs; the two sides of the split otherwise.
  function setMode() {
    tabs.forEach(function (t) {
      if (NARROW.matches) panel(t).setAttribute("role", "tabpanel");
      else panel(t).removeAttribute("role");
    });
  }

  if (tabs.length) {
    tabs[0].parentNode.hidden = false;
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        select(tabs[(to + tabs.length) % tabs.length], true);
      });
    });
    // The code first when there is something to see there: a refused submission's message, a
    // submission loaded into the editor; or, later, code put back from this browser (keep-code.js).
    var result = document.getElementById("result");
    var codeFirst = (result && result.textContent.trim()) || document.querySelector("form[data-loaded-from]");
    select(codeFirst ? workspaceTab() : tabs[0], false);
    setMode();
    NARROW.addEventListener("change", setMode);
    document.addEventListener("dojo:show-code", function () { showWorkspace(); });
  }

  function workspaceTab() {
    return tabs.filter(function (t) { return t.getAttribute("aria-controls") === "workspace"; })[0];
  }

  function showWorkspace() {
    var tab = workspaceTab();
    if (tab && tab.getAttribute("aria-selected") !== "true") select(tab, false);
  }

  // ---- the result comes into view ----

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "result") return;
    showWorkspace();
    target.scrollIntoView({ block: "nearest" });
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    // The shortcuts work from the Problem tab too: show where the answer will land.
    if (event.detail.target && event.detail.target.id === "result") showWorkspace();
  });
  // The verdict arrives by polling, in a card much taller than the "Queued" one: bring its
  // count line and failing tests into view once, when it is done.
  document.addEventListener("htmx:afterSettle", function () {
    var card = document.querySelector("#result .status-card[data-status=finished]");
    if (!card || card.hasAttribute("data-shown")) return;
    card.setAttribute("data-shown", "");
    card.scrollIntoView({ block: "nearest" });
  });

  // ---- a compile error's place (judge/_compile_output.html): the editor's cursor goes there ----

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.line-link[data-editor]") : null;
    if (!link || !window.DojoEditor) return;
    var id = link.getAttribute("data-editor");
    var editor = window.DojoEditor.get(id);
    if (!editor || !editor.goToLine) return; // no editor here: the link goes to the line on the page
    event.preventDefault();
    var folded = document.getElementById(id).closest("details"); // the user's own cases fold away
    if (folded) folded.open = true;
    showWorkspace();
    var box = document.querySelector(".dojo-editor[data-for='" + id + "']");
    if (box) box.scrollIntoView({ block: "nearest" });
    editor.goToLine(parseInt(link.getAttribute("data-line"), 10), parseInt(link.getAttribute("data-column"), 10));
  });

  // ---- shortcut hints, once the editor (which handles the shortcuts) runs ----

  if (window.DojoEditor && window.DojoEditor.get("code")) {
    Array.prototype.forEach.call(document.querySelectorAll(".run-submit kbd.shortcut"), function (kbd) {
      kbd.hidden = false;
    });
  }
})();
