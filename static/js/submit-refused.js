// htmx leaves 4xx answers unswapped. A refused Run/Submit (400: bad code; 429: a rate limit
// or the judge's queue is full) carries its message for the result area, next to the code,
// which stays in the editor untouched.
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr.status;
    if (detail.target && detail.target.id === "result" && (status === 400 || status === 429)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
