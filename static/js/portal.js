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

  // Typed text survives a session that ends (idle timeout) or a page left by mistake:
  // each changed form is kept in this tab's sessionStorage as the user types, put back
  // into the empty fields when the same page opens again (after signing in again the
  // login sends the user back here), and forgotten when the form is sent.
  var SKIP = /^(file|password|hidden|submit|button)$/;
  function storageKey(form) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form"));
    return "typed:" + location.pathname + ":" + forms.indexOf(form);
  }
  function keep(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.type) || el.name === "csrfmiddlewaretoken") { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) { values[el.name + "=" + el.value] = true; }
      } else { values[el.name] = el.value; }
    });
    try { sessionStorage.setItem(storageKey(form), JSON.stringify(values)); } catch (e) { /* storage full or off */ }
  }
  function restore(form) {
    var raw = null;
    try { raw = sessionStorage.getItem(storageKey(form)); } catch (e) { return; }
    if (!raw) { return; }
    var values = JSON.parse(raw), restored = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.type) || el.name === "csrfmiddlewaretoken") { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        if (values[el.name + "=" + el.value] && !el.checked) { el.checked = true; restored = true; }
      } else if (!el.value && values[el.name]) { el.value = values[el.name]; restored = true; }
    });
    if (restored) { changed = form; form.dispatchEvent(new Event("change", { bubbles: true })); }
  }
  document.addEventListener("input", function (event) {
    var form = event.target && event.target.form;
    if (watched(form)) { keep(form); }
  });
  document.addEventListener("submit", function (event) {
    try { sessionStorage.removeItem(storageKey(event.target)); } catch (e) { /* nothing kept */ }
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      if (watched(form)) { restore(form); }
    });
  });

  // Idle timeout: two minutes before the session ends, offer to stay signed in.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("idle-warning");
    if (!box) { return; }
    var idle = parseInt(box.getAttribute("data-idle-seconds"), 10) * 1000;
    var warnAt = Math.max(idle - 120000, 0);
    var stay = box.querySelector("[data-idle-stay]");
    var warnTimer = null;
    function csrf() {
      try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
    }
    function arm() {
      clearTimeout(warnTimer);
      box.hidden = true;
      warnTimer = setTimeout(function () { box.hidden = false; stay.focus(); }, warnAt);
    }
    stay.addEventListener("click", function () {
      fetch(box.getAttribute("data-keepalive"), {
        method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() }
      }).then(function (response) { if (response.ok) { arm(); } else { location.reload(); } });
    });
    document.addEventListener("htmx:afterRequest", arm);
    arm();
  });

  // Amounts typed in thousands of tenge: show the value in tenge as it is typed.
  document.addEventListener("DOMContentLoaded", function () {
    var unit = document.body.getAttribute("data-tenge-label") || "";
    Array.prototype.forEach.call(document.querySelectorAll("input[data-thousand-tenge]"), function (input) {
      var out = document.createElement("output");
      out.className = "form-text d-block tenge-value";
      out.setAttribute("for", input.id);
      out.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", out);
      function update() {
        var value = parseFloat((input.value || "").replace(/\s/g, "").replace(",", "."));
        out.textContent = isNaN(value) ? "" : "= " + Math.round(value * 1000).toLocaleString("ru-RU").replace(/,/g, " ") + " " + unit;
      }
      input.addEventListener("input", update);
      update();
    });
  });
})();
