// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Keep keyboard focus in a swapped-in panel. After an outerHTML swap detail.target is the
  // detached old element, so look the panel up again by its id.
  document.addEventListener("htmx:afterSwap", function (event) {
    var old = event.detail.target;
    var panel = (old && old.id && document.getElementById(old.id)) || event.target;
    var focusTarget = panel && panel.querySelector && panel.querySelector("[data-focus-after-swap]");
    if (focusTarget) { focusTarget.focus(); }
  });
  // Filters submit themselves when a choice changes.
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-autosubmit]");
    if (form && window.htmx) { window.htmx.trigger(form, "submit"); }
  });
})();
