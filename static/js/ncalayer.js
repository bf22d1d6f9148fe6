/*
 * ЭЦҚ signing through NCALayer (the desktop app of NCA RK on wss://127.0.0.1:13579), with the
 * maintained client `ncalayer-js-client` (static/vendor/ncalayer-js-client, loaded before this file).
 *
 * Markup (all texts come translated from the server):
 *   <form method="post" data-ncalayer-sign
 *         data-document="<base64 of the canonical document>"
 *         data-iin="<applicant's IIN, optional>" data-bin="<legal entity's BIN, optional>"
 *         data-msg-absent="..." data-msg-cancelled="..." data-msg-error="..." data-msg-signing="...">
 *     <input type="hidden" name="cms">
 *     <p data-ncalayer-status role="status" aria-live="polite" hidden></p>
 *     <button type="submit">...</button>
 *   </form>
 *
 * On submit the document is signed (CMS, detached) and the base64 CMS is put into the
 * hidden "cms" field, then the form is submitted to the server, which verifies it.
 */
(function () {
  "use strict";

  var NCALAYER_URL = "wss://127.0.0.1:13579";
  var CONNECT_TIMEOUT_MS = 5000;

  function showStatus(form, text, isError) {
    var status = form.querySelector("[data-ncalayer-status]");
    if (!status) {
      return;
    }
    status.textContent = text || "";
    status.hidden = !text;
    status.classList.toggle("text-danger", !!isError);
  }

  function withTimeout(promise) {
    return Promise.race([promise, new Promise(function (resolve, reject) {
      window.setTimeout(function () { reject(new Error("timeout")); }, CONNECT_TIMEOUT_MS);
    })]);
  }

  function sign(form) {
    var Client = window.NCALayerClient;
    if (!Client) {
      return Promise.reject("absent");
    }
    // The KAZTOKEN HTTP API is not used: the document is small and NCALayer signs it.
    var client = new Client(NCALAYER_URL, false);
    var lang = (document.documentElement.lang || "kk").slice(0, 2);
    var signer = {
      extKeyUsageOids: ["1.3.6.1.5.5.7.3.4"],
      iin: form.dataset.iin || "",
      bin: form.dataset.bin || "",
      chain: []
    };
    return withTimeout(client.connect()).catch(function () {
      throw "absent";
    }).then(function () {
      return client.basicsSignCMS(
        Client.basicsStorageAll, form.dataset.document, Client.basicsCMSParamsDetached, signer,
        lang === "kk" ? "kk" : (lang === "en" ? "en" : "ru")
      ).catch(function (error) {
        throw error && error.canceledByUser ? "cancelled" : "error";
      });
    }).then(function (cms) {
      if (typeof cms !== "string" || !cms) {
        throw "cancelled";
      }
      return cms;
    });
  }

  function onSubmit(event) {
    var form = event.target;
    var field = form.querySelector("input[name='cms']");
    if (!field || field.value) {
      return; // already signed: let the browser post it
    }
    event.preventDefault();
    var buttons = form.querySelectorAll("button[type='submit']");
    buttons.forEach(function (button) { button.disabled = true; });
    showStatus(form, form.dataset.msgSigning, false);
    sign(form).then(function (cms) {
      field.value = cms;
      form.submit();
    }, function (reason) {
      reason = typeof reason === "string" ? reason : "error";
      var key = "msg" + reason.charAt(0).toUpperCase() + reason.slice(1);
      showStatus(form, form.dataset[key] || form.dataset.msgError, true);
      buttons.forEach(function (button) { button.disabled = false; });
    });
  }

  function bind() {
    document.querySelectorAll("form[data-ncalayer-sign]").forEach(function (form) {
      form.addEventListener("submit", onSubmit);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bind);
  } else {
    bind();
  }
}());
