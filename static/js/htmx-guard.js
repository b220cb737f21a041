// What an htmx request must never do: swap a whole page into a panel, or fail without a word.
//
// - 401 (signed out: config/signed_out.py answers an htmx request so) and 403 (a page made
//   before the user signed in again elsewhere: its CSRF token is stale): one message in
//   #session-alert (next to the workspace on the problem and interview pages), replaced, never
//   added to, however many requests fail (Submit and the draft autosave fail together).
// - An autosave's status line (draft, notes) says "Not saved", with the server's reason when it
//   has one (400: bad text; 409: the interview is over), instead of keeping its last "Saved".
// - An answer that is a whole HTML document is never swapped (say, a sign-in page reached
//   through a redirect): the panel keeps what it had.
// - A server error (5xx) or no answer at all: a message, and the page stays as it is.
// The next post that succeeds takes the message away. Loaded on every page (base.html).
(function () {
  "use strict";

  var STATUS_LINES = ["draft-status", "notes-status"];
  var KEPT = " Your code is kept in this browser and comes back into the editor when you return.";

  function codeKept() {
    return document.querySelector("form[data-keep-code]") ? KEPT : "";
  }

  // html: our own server's partial (config/signed_out.py); otherwise text, and a sign-in link back
  // to this page when `signIn`.
  function showMessage(html, text, signIn) {
    var box = document.getElementById("session-alert");
    if (!box) return;
    if (html) {
      box.innerHTML = html;
    } else {
      box.textContent = text;
      if (signIn) {
        var link = document.createElement("a");
        link.href = "/accounts/login/?next=" + encodeURIComponent(window.location.pathname);
        link.textContent = "Sign in again";
        box.append(" ", link, " to carry on here.");
      }
    }
    box.hidden = false;
    box.scrollIntoView({ block: "nearest" });
  }

  function clearMessage() {
    var box = document.getElementById("session-alert");
    if (box && !box.hidden) {
      box.hidden = true;
      box.textContent = "";
    }
  }

  function statusLine(target) {
    return target && STATUS_LINES.indexOf(target.id) !== -1 ? target : null;
  }

  function notSaved(target, why) {
    var line = statusLine(target);
    if (!line) return;
    line.textContent = "";
    var span = document.createElement("span");
    span.className = "error";
    span.textContent = "Not saved: " + why;
    line.appendChild(span);
  }

  function isWholePage(xhr) {
    return /^\s*(<!doctype|<html)/i.test(xhr.responseText || "");
  }

  function signedOut(xhr, target) {
    // Our own 401 carries the message and a sign-in link back here; anything else gets a plain one.
    if (xhr.status === 401 && /data-signed-out/.test(xhr.responseText || "") && !isWholePage(xhr)) {
      showMessage(xhr.responseText);
    } else {
      showMessage(null, "You are signed out, so this was not saved or sent." + codeKept(), true);
    }
    notSaved(target, "you are signed out.");
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var xhr = detail.xhr;
    var status = xhr.status;
    if (status === 401) {
      detail.shouldSwap = false;
      signedOut(xhr, detail.target);
    } else if (status === 403) {
      detail.shouldSwap = false;
      showMessage(null, "This page is out of date (did you sign in or out in another tab?), so this was not " +
                  "saved or sent." + codeKept() + " Reload the page to carry on.");
      notSaved(detail.target, "reload the page.");
    } else if (isWholePage(xhr)) {
      // A redirect followed to the sign-in page (XMLHttpRequest follows them silently), or some other page.
      detail.shouldSwap = false;
      detail.isError = true;
      if (/\/accounts\/login\//.test(xhr.responseURL || "")) {
        signedOut(xhr, detail.target);
      } else {
        showMessage(null, "The server answered with a whole page where a part was expected, so nothing " +
                    "changed here." + codeKept() + " Reload the page to carry on.");
        notSaved(detail.target, "reload the page.");
      }
    } else if (statusLine(detail.target) && (status === 400 || status === 409)) {
      detail.shouldSwap = true; // the server's one-line reason ("Not saved: ...")
      detail.isError = false;
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status >= 500) {
      showMessage(null, "The server could not answer (error " + status + "), so this was not saved or sent." +
                  codeKept() + " Try again in a moment.");
      notSaved(event.detail.target, "the server could not answer.");
    }
  });

  document.addEventListener("htmx:sendError", function (event) {
    showMessage(null, "The server cannot be reached (offline?), so this was not saved or sent." + codeKept() +
                " Try again in a moment.");
    notSaved(event.detail.target, "the server cannot be reached.");
  });

  // A post that worked proves the session and the page's CSRF token good again (a poll, a GET,
  // would not: it needs no token).
  document.addEventListener("htmx:afterRequest", function (event) {
    var detail = event.detail;
    var verb = detail.requestConfig && detail.requestConfig.verb;
    if (detail.successful && verb && verb !== "get" && !isWholePage(detail.xhr)) clearMessage();
  });
})();
