// Portal behaviour that needs script. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // Focus the error summary of a failed form so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });

  // Warn before leaving a form with unsaved input: the language switch, a link,
  // closing the tab. The form's own submit (and forms marked data-no-unsaved,
  // such as the switcher itself) leave without a warning.
  var changed = null;
  function watched(form) {
    return form && form.method && form.method.toLowerCase() === "post" && !form.hasAttribute("data-no-unsaved");
  }
  function markChanged(event) {
    var form = event.target && event.target.form;
    if (watched(form)) { changed = form; }
  }
  document.addEventListener("input", markChanged, true);
  document.addEventListener("change", markChanged, true);
  document.addEventListener("submit", function (event) {
    if (event.target === changed) { changed = null; }
  }, true);
  window.addEventListener("beforeunload", function (event) {
    if (!changed) { return; }
    event.preventDefault();
    event.returnValue = "";  // older browsers need a value to show their own question
  });

  // 390 px phones: a table wider than the screen scrolls inside its own region, never
  // the page. Shared here so no template needs its own wrapper; a region that
  // scrolls is focusable (keyboard users scroll it) and named by the table's caption.
  function scrollableTables() {
    var label = document.body.getAttribute("data-table-label") || "";
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      var parent = table.parentElement;
      if (parent.classList.contains("table-scroll") || parent.classList.contains("table-responsive")) { return; }
      var region = document.createElement("div");
      region.className = "table-scroll";
      var caption = table.querySelector("caption");
      region.setAttribute("data-label", (caption && caption.textContent.trim()) || label);
      parent.insertBefore(region, table);
      region.appendChild(table);
    });
    markScrolling();
  }
  function markScrolling() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll, .table-responsive"), function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", region.getAttribute("data-label") || region.textContent.trim().slice(0, 40));
      } else if (region.classList.contains("table-scroll")) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", scrollableTables);
  window.addEventListener("resize", markScrolling);
  document.addEventListener("htmx:afterSettle", scrollableTables);
})();
