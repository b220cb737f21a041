// The editor's code is kept in this browser (localStorage) until the server has it, so a draft
// autosave that fails (signed out, offline, a server error: static/js/htmx-guard.js says so)
// loses nothing. On the next visit (after signing in again, say) the kept code goes back into
// the editor when it differs from the server's draft, and is then autosaved as usual.
//
// The form says where (problems/detail.html, interviews/active.html): data-keep-code names the
// user and the problem or interview, so nobody else signing in on this device gets it;
// data-saved-at is when the server's draft was saved. Kept code written against that same draft
// comes back by itself. If the draft changed since (saved from another device), or the editor
// was loaded with a submission's code, it is offered instead, with a button.
(function () {
  "use strict";

  var form = document.querySelector("form[data-keep-code]");
  if (!form) return;
  var KEY = "dojo.unsaved." + form.getAttribute("data-keep-code");
  var FIELDS = ["code", "custom_tests"].filter(function (name) { return form.elements[name]; });
  var serverSavedAt = form.getAttribute("data-saved-at") || ""; // the draft the editor holds a copy of
  var sending = null; // what the autosave in flight sent

  function read() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function write(entry) {
    try { window.localStorage.setItem(KEY, JSON.stringify(entry)); } catch (e) { /* storage off or full */ }
  }
  function drop() {
    try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
  }

  function values() {
    var out = {};
    FIELDS.forEach(function (name) { out[name] = form.elements[name].value; });
    return out;
  }
  function same(a, b) {
    return FIELDS.every(function (name) { return !(name in a) || !(name in b) || a[name] === b[name]; });
  }

  function isAutosave(elt) {
    return elt && FIELDS.indexOf(elt.name) !== -1 && elt.form === form;
  }

  // Every change (the editor fires its textarea's input event) is kept at once.
  form.addEventListener("input", function (event) {
    if (FIELDS.indexOf(event.target.name) === -1) return;
    write({ values: values(), at: Date.now(), base: serverSavedAt });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isAutosave(event.detail.elt)) sending = values();
  });

  // The server has it: forget the kept copy, unless the user typed on since it was sent.
  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail;
    if (!isAutosave(detail.elt) || !detail.successful || detail.xhr.status !== 200) return;
    var time = document.querySelector("#draft-status time[datetime]");
    if (time) serverSavedAt = time.getAttribute("datetime");
    var kept = read();
    if (kept && sending && same(kept.values, sending)) drop();
    else if (kept) write({ values: kept.values, at: kept.at, base: serverSavedAt });
  });

  function when(ms) {
    var d = new Date(ms);
    return d.toLocaleDateString() + " " + d.toLocaleTimeString();
  }

  function putBack(kept) {
    FIELDS.forEach(function (name) {
      if (!(name in kept.values)) return;
      var editor = window.DojoEditor && window.DojoEditor.get(name);
      if (editor) {
        editor.setValue(kept.values[name]); // fires the input event: the autosave sends it
      } else {
        form.elements[name].value = kept.values[name];
        form.elements[name].dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  }

  // A note above the editor that stays (the draft's status line changes with every autosave).
  function say(nodes) {
    var note = document.getElementById("kept-code-note");
    if (!note) {
      note = document.createElement("p");
      note.id = "kept-code-note";
      note.className = "flash";
      note.setAttribute("role", "status");
      form.insertBefore(note, form.firstChild);
    }
    note.textContent = "";
    nodes.forEach(function (node) { note.append(node); });
    document.dispatchEvent(new CustomEvent("dojo:show-code")); // a phone's Code tab (static/js/workspace.js)
  }

  function restore() {
    var kept = read();
    if (!kept || !kept.values) return;
    if (same(kept.values, values())) { drop(); return; }
    var text = "Code kept in this browser from " + when(kept.at) + " had not reached the server";
    if (kept.base === serverSavedAt && !form.hasAttribute("data-loaded-from")) {
      putBack(kept);
      say([text + ": it is back in the editor and being saved. (Ctrl+Z puts back the saved draft.)"]);
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.id = "restore-kept-code";
    button.textContent = "Put it in the editor";
    button.addEventListener("click", function () {
      putBack(kept);
      say(["Kept code put back in the editor; it is being saved. (Ctrl+Z puts back what was there.)"]);
    });
    say([text + "; the editor shows " + (form.hasAttribute("data-loaded-from") ? "a submission's code" :
         "a draft saved since") + ". ", button]);
  }

  // Once htmx has set up the autosave (at DOMContentLoaded, after this deferred script runs), so
  // that the code put back is saved like any other change.
  if (document.readyState === "complete") restore();
  else document.addEventListener("DOMContentLoaded", restore);
})();
