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
  // A table wider than the screen scrolls inside its wrapper; make that wrapper reachable
  // and scrollable by keyboard (WCAG 2.1.1), named after the table's caption.
  function scrollableTables(root) {
    var wraps = (root.querySelectorAll ? root : document).querySelectorAll(".table-wrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        if (caption && caption.textContent.trim()) {
          wrap.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  scrollableTables(document);
  window.addEventListener("resize", function () { scrollableTables(document); });
  document.addEventListener("htmx:afterSettle", function (event) { scrollableTables(event.target); });
})();
