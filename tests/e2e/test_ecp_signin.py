"""A new entrepreneur signs in with ЭЦҚ in Chromium (NCALayer faked), signs up, and finds the form prefilled."""
import base64
import re
from datetime import UTC, datetime, timedelta

import pytest

from applications.signing import sign_cms
from applications.signing.pki import cert_pem, make_ca, make_person_cert

NEW_IIN = "880312400155"
BIN = "990540002276"

# NCALayer replaced by a socket whose answer the test puts into window.__ncaAnswer (a real CMS).
FAKE_NCALAYER = """
window.WebSocket = function (url) {
  var socket = this;
  socket.close = function () {};
  socket.send = function (text) {
    var sent = JSON.parse(text);
    var answer = sent.module === "kz.gov.pki.knca.basics"
      ? {status: true, body: {result: [window.__ncaAnswer]}}
      : {status: false, code: "500", message: "no module"};
    setTimeout(function () { socket.onmessage({data: JSON.stringify(answer)}); }, 10);
  };
  setTimeout(function () {
    if (socket.onopen) { socket.onopen(); }
    socket.onmessage({data: JSON.stringify({result: {version: "1.4"}})});
  }, 10);
};
"""


@pytest.mark.e2e
def test_a_new_legal_entity_head_signs_in_with_ecp_signs_up_and_gets_a_prefilled_form(
        page, live_server, e2e_data, settings, tmp_path):
    now = datetime.now(UTC)
    ca_key, ca = make_ca(now=now)
    key, cert = make_person_cert(
        ca_key=ca_key, ca_cert=ca, full_name="Жұмабаева Айгүл", iin=NEW_IIN, bin_=BIN,
        organisation="«Береке» ауыл шаруашылығы кооперативі", role="first_head",
        not_before=now - timedelta(days=1), not_after=now + timedelta(days=365),
    )
    trusted = tmp_path / "ca.pem"
    trusted.write_bytes(cert_pem(ca))
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(trusted)]
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"

    def ecp_sign_in():
        page.goto(f"{live_server.url}/kk/login/")
        document = base64.b64decode(page.locator("[data-testid=ecp-sign-in]").get_attribute("data-document"))
        page.evaluate("cms => { window.__ncaAnswer = cms; }", base64.b64encode(sign_cms(document, key, cert)).decode())
        page.locator("[data-testid=ecp-sign-in] button[type=submit]").click()

    page.add_init_script(FAKE_NCALAYER)
    ecp_sign_in()
    page.wait_for_url(re.compile(r"/signin/sign-up/"))
    assert NEW_IIN in page.get_by_test_id("from-certificate").inner_text()
    page.get_by_label("Электрондық пошта").fill("aigul@example.kz")
    page.get_by_label("Телефон").fill("+7 701 234 56 78")
    page.get_by_label("Порталдың мақсаттары үшін дербес деректерімді жинауға және өңдеуге келісемін.").check()
    page.get_by_role("button", name="Тіркелгіні ашу").click()
    page.wait_for_url(re.compile(r"/cabinet/"))
    assert "«Береке» ауыл шаруашылығы кооперативі" in page.content()

    from registry.models import Region

    page.goto(f"{live_server.url}/kk/applications/new/")
    page.select_option("#id_region", str(Region.objects.get(code="61").pk))
    page.locator("#id_project_name").fill("Сүт қабылдау пункті")
    page.get_by_test_id("start").click()
    page.wait_for_url(re.compile(r"/applications/\d+/$"))
    pk = re.search(r"/applications/(\d+)/", page.url).group(1)
    page.goto(f"{live_server.url}/kk/applications/{pk}/section/applicant/")
    assert page.locator("input[name=bin]").input_value() == BIN
    assert page.locator("input[name=head_iin]").input_value() == NEW_IIN
    assert page.locator("[data-from-certificate]").count() == 4

    # Signing out and in again reaches the same cabinet, with no sign-up.
    page.get_by_role("button", name="Шығу").click()
    page.wait_for_url(re.compile(r"/login/"))
    ecp_sign_in()
    page.wait_for_url(re.compile(r"/cabinet/"))
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(iin=NEW_IIN).count() == 1
