// The editor bundle (CodeMirror) styles itself through a <style> element it creates, and the
// Content-Security-Policy refuses inline styles that lack this page's nonce (config/security.py).
// The bundle is not told the nonce (platform/editor/src sets no EditorView.cspNonce), so here every
// <style> a script creates on this page gets it. Load before the bundle; the nonce comes on this
// script's own tag, where browsers hide it from CSS selectors and getAttribute.
(function () {
  "use strict";
  var nonce = document.currentScript && document.currentScript.nonce;
  if (!nonce) return;
  var createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (name) {
    var element = createElement.apply(this, arguments);
    if (String(name).toLowerCase() === "style") element.setAttribute("nonce", nonce);
    return element;
  };
})();
