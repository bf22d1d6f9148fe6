// Portal behaviour that needs script. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // Focus the error summary of a failed form so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
