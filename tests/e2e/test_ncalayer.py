"""The NCALayer signing script (static/js/ncalayer.js over the vendored ncalayer-js-client) in Chromium,
against a fake NCALayer socket.

Appendix item 9: the applicant signs in the browser through NCALayer when it is present.
"""

import json

import pytest

# --- the NCALayer script in a browser (NCALayer itself replaced by a fake socket) ----------

FAKE_NCALAYER = """
window.__ncaSent = [];
window.WebSocket = function (url) {
  var socket = this;
  socket.url = url;
  socket.close = function () {};
  socket.send = function (text) {
    var request = JSON.parse(text);
    if (request.module !== "kz.gov.pki.knca.basics") {
      // NCALayer without the KAZTOKEN extension refuses the client's probe for it.
      setTimeout(function () { socket.onmessage({data: JSON.stringify({status: false, code: "500", message: "no module"})}); }, 10);
      return;
    }
    window.__ncaSent.push(request);
    var answers = {
      present: {status: true, body: {result: ["TUlJRkFLRUNNUw=="]}},
      cancelled: {status: true, body: {}},
      failing: {status: false, code: "500", message: "boom"}
    };
    setTimeout(function () { socket.onmessage({data: JSON.stringify(answers[window.__ncaMode])}); }, 10);
  };
  setTimeout(function () {
    if (window.__ncaMode === "absent") { socket.onerror(new Event("error")); return; }
    if (socket.onopen) { socket.onopen(); }
    socket.onmessage({data: JSON.stringify({result: {version: "1.4"}})});
  }, 10);
};
"""

SIGN_PAGE = """<!doctype html><html lang="kk"><head><meta charset="utf-8">
<script src="/static/vendor/ncalayer-js-client/ncalayer-client.js" defer></script>
<script src="/static/js/ncalayer.js" defer></script></head><body>
<form method="post" action="/sign" data-ncalayer-sign data-document="eyJhIjogMX0=" data-iin="900101300017"
  data-msg-absent="NCALayer іске қосылмаған" data-msg-cancelled="Қол қою тоқтатылды."
  data-msg-error="NCALayer қол қоя алмады" data-msg-signing="Растаңыз…">
  <input type="hidden" name="cms">
  <p data-ncalayer-status role="status" hidden></p>
  <button type="submit">Қол қою</button>
</form></body></html>"""


def open_sign_page(browser, mode):
    """The page served with the portal's CSP; returns (page, list of posted bodies)."""
    from pathlib import Path

    from django.conf import settings as django_settings

    posted = []
    page = browser.new_page()
    page.add_init_script(FAKE_NCALAYER + f"window.__ncaMode = {json.dumps(mode)};")
    csp = "default-src 'self'; script-src 'self'; connect-src 'self' wss://127.0.0.1:13579"
    static = Path(django_settings.BASE_DIR) / "static"
    script = (static / "js" / "ncalayer.js").read_text()
    client = (static / "vendor" / "ncalayer-js-client" / "ncalayer-client.js").read_text()

    def serve(route):
        url = route.request.url
        if url.endswith("/static/js/ncalayer.js"):
            route.fulfill(body=script, content_type="text/javascript")
        elif url.endswith("/static/vendor/ncalayer-js-client/ncalayer-client.js"):
            route.fulfill(body=client, content_type="text/javascript")
        elif url.endswith("/sign"):
            posted.append(route.request.post_data)
            route.fulfill(body="<p>signed</p>", content_type="text/html")
        else:
            route.fulfill(body=SIGN_PAGE, content_type="text/html", headers={"Content-Security-Policy": csp})

    page.route("https://portal.test/**", serve)
    page.goto("https://portal.test/form")
    return page, posted


@pytest.mark.e2e
def test_ncalayer_script_signs_and_posts_the_cms(browser):
    page, posted = open_sign_page(browser, "present")
    page.get_by_role("button", name="Қол қою").click()
    page.wait_for_url("https://portal.test/sign")
    page.close()
    assert posted == ["cms=TUlJRkFLRUNNUw%3D%3D"]  # the base64 CMS in the hidden field


@pytest.mark.e2e
def test_ncalayer_script_asks_for_a_detached_cms_of_the_document(browser):
    page, _posted = open_sign_page(browser, "cancelled")
    page.get_by_role("button", name="Қол қою").click()
    page.get_by_text("Қол қою тоқтатылды.").wait_for()
    (request,) = page.evaluate("window.__ncaSent")
    page.close()
    assert request["module"] == "kz.gov.pki.knca.basics" and request["method"] == "sign"
    args = request["args"]
    assert args["format"] == "cms" and args["data"] == "eyJhIjogMX0="
    assert args["signingParams"]["encapsulate"] is False and args["signingParams"]["decode"] is True
    assert args["signerParams"]["iin"] == "900101300017" and args["locale"] == "kk"


@pytest.mark.e2e
@pytest.mark.parametrize(
    "mode, message", [("absent", "NCALayer іске қосылмаған"), ("failing", "NCALayer қол қоя алмады")]
)
def test_ncalayer_script_explains_when_it_cannot_sign(browser, mode, message):
    page, posted = open_sign_page(browser, mode)
    page.get_by_role("button", name="Қол қою").click()
    page.get_by_role("status").get_by_text(message).wait_for()
    assert page.get_by_role("button", name="Қол қою").is_enabled()
    assert posted == [] and page.url == "https://portal.test/form"
    page.close()
