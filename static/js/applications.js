// The application form (Appendix): branches, dependent fields, effect totals.
// Signing through NCALayer is ncalayer.js (h3b).
// No inline scripts: the CSP forbids them, so the pages carry data-* attributes instead.
(function () {
  "use strict";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function show(el, visible) { if (el) { el.hidden = !visible; } }

  // Appendix item 3: a legal entity and an individual entrepreneur give different details.
  function applicantBranches() {
    var radios = $all("input[name='kind']");
    if (!radios.length) { return; }
    function update() {
      var chosen = radios.filter(function (r) { return r.checked; })[0];
      $all("[data-branch]").forEach(function (block) {
        show(block, !chosen || block.getAttribute("data-branch") === chosen.value);
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", update); });
    update();
  }

  // Appendix item 5: profile direction only in a regional centre or a city of republican significance.
  function profileDirection() {
    var block = $("#profile-direction");
    if (!block) { return; }
    var always = block.getAttribute("data-profile-always") === "1";
    var tick = $("#id_in_centre");
    function update() { show(block, always || (tick && tick.checked)); }
    if (tick) { tick.addEventListener("change", update); }
    update();
  }

  // §6: object types of the chosen category; §7: users are asked for a common-use object.
  function infrastructure() {
    var category = $("#id_category");
    var type = $("#id_infrastructure_type");
    if (!category || !type) { return; }
    function update() {
      $all("option[data-category]", type).forEach(function (option) {
        option.hidden = !!category.value && option.getAttribute("data-category") !== category.value;
      });
      var selected = type.options[type.selectedIndex];
      show($("#planned-users"), !!selected && selected.getAttribute("data-common-use") === "1");
    }
    category.addEventListener("change", update);
    type.addEventListener("change", update);
    update();
  }

  function babo() {
    var tick = $("#id_babo");
    if (!tick) { return; }
    function update() { show($("#babo-criteria"), tick.checked); }
    tick.addEventListener("change", update);
    update();
  }

  // Appendix item 6: forecast totals over years 1-3, the same sum the server shows.
  function effectTotals() {
    var outputs = $all("[data-effect-total]");
    if (!outputs.length) { return; }
    function update() {
      outputs.forEach(function (output) {
        var row = output.getAttribute("data-effect-total");
        var sum = 0;
        ["1", "2", "3"].forEach(function (year) {
          var input = $("#id_" + row + "_" + year);
          var value = input ? parseFloat(String(input.value).replace(",", ".")) : NaN;
          if (!isNaN(value)) { sum += value; }
        });
        // Thousands separated by a (non-breaking) space, a decimal comma: as the server writes amounts.
        output.textContent = row === "jobs" ? String(Math.round(sum))
          : sum.toLocaleString("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\s/g, "\u00a0");
      });
    }
    $all("[data-effect-row]").forEach(function (input) { input.addEventListener("input", update); });
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    applicantBranches();
    profileDirection();
    infrastructure();
    babo();
    effectTotals();
  });
})();
