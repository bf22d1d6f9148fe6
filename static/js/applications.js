// The application form (Appendix): branches, dependent fields, effect totals, NCALayer signing.
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
        output.textContent = row === "jobs" ? String(Math.round(sum)) : sum.toFixed(2);
      });
    }
    $all("[data-effect-row]").forEach(function (input) { input.addEventListener("input", update); });
    update();
  }

  function signMethods() {
    var form = $("#sign-form");
    if (!form) { return; }
    var radios = $all("input[name='method']", form);
    function chosen() {
      var r = radios.filter(function (x) { return x.checked; })[0];
      return r ? r.value : "";
    }
    function update() {
      $all("[data-sign-method]", form).forEach(function (el) {
        show(el, el.getAttribute("data-sign-method") === chosen());
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", update); });
    update();
    form.addEventListener("submit", function (event) {
      if (chosen() !== "ncalayer" || $("#id_cms").value) { return; }
      event.preventDefault();
      signWithNcaLayer(form);
    });
  }

  function toBase64(text) {
    var bytes = new TextEncoder().encode(text);
    var binary = "";
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return window.btoa(binary);
  }

  // NCALayer: module kz.gov.pki.knca.basics, method sign, CMS (detached) over the canonical document.
  function signWithNcaLayer(form) {
    var status = $("#ncalayer-status");
    fetch(form.getAttribute("data-canonical-url"), { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (document_) {
        var socket = new WebSocket("wss://127.0.0.1:13579/");
        socket.onerror = function () { status.textContent = status.getAttribute("data-error") || "NCALayer?"; };
        socket.onopen = function () {
          socket.send(JSON.stringify({
            module: "kz.gov.pki.knca.basics", method: "sign",
            args: {
              allowedStorages: ["PKCS12", "AKKaztokenStore", "AKKZIDCardStore"], format: "cms",
              data: toBase64(document_),
              signingParams: { decode: true, encapsulate: false, digested: false },
              signerParams: { extKeyUsageOids: ["1.3.6.1.5.5.7.3.4"] },
              locale: document.documentElement.lang || "kk"
            }
          }));
        };
        socket.onmessage = function (message) {
          var answer = JSON.parse(message.data);
          if (answer.status && answer.body && answer.body.result) {
            var result = answer.body.result;
            $("#id_cms").value = Array.isArray(result) ? result[0] : result;
            socket.close();
            form.submit();
          }
        };
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    applicantBranches();
    profileDirection();
    infrastructure();
    babo();
    effectTotals();
    signMethods();
  });
})();
