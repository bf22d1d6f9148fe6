// The council's live item page. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // The tally is polled every 2 s (htmx). When the item's status changes
  // (the vote opens or closes), reload so the right forms are shown.
  document.addEventListener("htmx:afterSwap", function (event) {
    var box = event.detail.target;
    if (!box || box.id !== "tally") { return; }
    var fresh = box.querySelector("[data-item-status]");
    if (fresh && fresh.getAttribute("data-item-status") !== box.getAttribute("data-page-status")) {
      window.location.reload();
    }
  });
})();
