// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Messages delivered with an htmx response are swapped into #messages out of band.
  document.addEventListener("htmx:afterSwap", function (event) {
    var focusTarget = event.detail.target.querySelector("[data-focus-after-swap]");
    if (focusTarget) { focusTarget.focus(); }
  });
  // Filters submit themselves as the user types or chooses, after a short pause.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && window.htmx) { window.htmx.trigger(form, "submit"); }
  });
})();
