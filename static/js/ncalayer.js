/*
 * ЭЦҚ signing through NCALayer (the desktop app of NCA RK on wss://127.0.0.1:13579).
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
 * On submit the document is signed (CMS, detached) and the base64 CMS is put
 * into the hidden "cms" field, then the form is submitted to the server, which
 * verifies the signature.
 */
(function () {
  "use strict";

  var NCALAYER_URL = "wss://127.0.0.1:13579/";
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

  function signRequest(form) {
    var lang = (document.documentElement.lang || "kk").slice(0, 2);
    return {
      module: "kz.gov.pki.knca.basics",
      method: "sign",
      args: {
        allowedStorages: ["AKKaztokenStore", "AKKZIDCardStore", "AKEToken72KStore", "AKJaCartaStore", "PKCS12"],
        format: "cms",
        data: form.dataset.document,
        signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
        signerParams: {
          extKeyUsageOids: ["1.3.6.1.5.5.7.3.4"],
          iin: form.dataset.iin || "",
          bin: form.dataset.bin || "",
          chain: []
        },
        locale: lang === "kk" ? "kk" : (lang === "en" ? "en" : "ru")
      }
    };
  }

  // Reads the CMS out of the answers seen across NCALayer versions.
  function cmsFrom(answer) {
    var body = answer.body || {};
    var result = body.result !== undefined ? body.result : answer.responseObject;
    if (Array.isArray(result)) {
      result = result[0];
    }
    return typeof result === "string" && result ? result : null;
  }

  function sign(form) {
    return new Promise(function (resolve, reject) {
      var opened = false;
      var socket;
      try {
        socket = new WebSocket(NCALAYER_URL);
      } catch (error) {
        reject("absent");
        return;
      }
      var timer = window.setTimeout(function () {
        if (!opened) {
          socket.close();
          reject("absent");
        }
      }, CONNECT_TIMEOUT_MS);
      socket.onopen = function () {
        opened = true;
        window.clearTimeout(timer);
        socket.send(JSON.stringify(signRequest(form)));
      };
      socket.onerror = function () {
        reject(opened ? "error" : "absent");
      };
      socket.onmessage = function (event) {
        var answer;
        try {
          answer = JSON.parse(event.data);
        } catch (error) {
          return; // heartbeats and other non-JSON frames
        }
        if (answer.result && answer.result.version) {
          return; // the greeting NCALayer sends on connect
        }
        socket.close();
        var cms = cmsFrom(answer);
        if (answer.status === false || answer.code === "500") {
          reject(answer.code === "USER_CANCELED" || answer.code === "USER_CANCELLED" ? "cancelled" : "error");
        } else if (cms) {
          resolve(cms);
        } else {
          reject("cancelled"); // NCALayer answers an empty body when the dialog is closed
        }
      };
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
