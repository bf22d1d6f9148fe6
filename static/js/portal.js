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
})();
