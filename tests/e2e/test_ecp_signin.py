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
    page, live_server, e2e_data, settings, tmp_path
):
    now = datetime.now(UTC)
    ca_key, ca = make_ca(now=now)
    key, cert = make_person_cert(
        ca_key=ca_key,
        ca_cert=ca,
        full_name="Жұмабаева Айгүл",
        iin=NEW_IIN,
        bin_=BIN,
        organisation="«Береке» ауыл шаруашылығы кооперативі",
        role="first_head",
        not_before=now - timedelta(days=1),
        not_after=now + timedelta(days=365),
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


@pytest.mark.e2e
def test_a_cooperative_signs_in_with_its_demo_key_and_signs_and_submits_its_application(
    page, live_server, settings, transactional_db
):
    """Issue 13: a legal entity's application signed with the demo signer (the key carries the БСН)."""
    from django.core.management import call_command
    from playwright.sync_api import expect

    from applications.models import Application, Status
    from registry.models import Region
    from tests.applications.factories import reference_data
    from tests.e2e.steps import attach_documents, fill_bank, fill_effect, fill_project, save_and_continue
    from tests.factories import UserFactory

    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    settings.SIGNATURE_CRL_FILES = []
    region = Region.objects.get(code="61")
    ref = reference_data(region)
    UserFactory(username="e2e_coordinator", role="coordinator", region=region)
    UserFactory(
        username="coop",
        role="entrepreneur",
        iin="780312300106",
        last_name="Байменов",
        first_name="Нұржан",
        patronymic="Асқарұлы",
        language="kk",
    )
    call_command("make_test_pki", "--bin", f"coop:{BIN}:«Береке» ауыл шаруашылығы кооперативі:first_head", verbosity=0)

    page.goto(f"{live_server.url}/kk/login/")
    page.locator("#demo-username").fill("coop")
    page.locator("[data-testid=demo-sign-in] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cabinet/"))
    expect(page.get_by_test_id("choose-entity")).to_contain_text("«Береке» ауыл шаруашылығы кооперативі")

    page.goto(f"{live_server.url}/kk/applications/new/")
    page.select_option("#id_region", str(region.pk))
    page.locator("#id_project_name").fill("Сүт қабылдау пункті")
    page.get_by_test_id("start").click()
    page.locator("[data-section=applicant] a").click()
    assert page.locator("#id_bin").input_value() == BIN and page.locator("#id_head_iin").input_value() == "780312300106"
    page.select_option("#id_region", str(region.pk))
    page.fill("#id_address", "Түркістан қ., Тәуке хан даңғылы, 1")
    page.fill("#id_phone", "+7 701 000 00 00")
    save_and_continue(page)
    fill_bank(page)
    save_and_continue(page)
    fill_project(page, ref)
    save_and_continue(page)
    fill_effect(page)
    save_and_continue(page)
    attach_documents(page)
    for selector in page.eval_on_selector_all(
        "form.application-section input[type=checkbox]", "boxes => boxes.map(b => '#' + CSS.escape(b.id))"
    ):
        page.check(selector)
    save_and_continue(page)
    page.get_by_test_id("demo-sign").click()
    expect(page).to_have_url(re.compile(r"/receipt/$"))
    application = Application.objects.get(applicant__username="coop")
    assert application.status == Status.SUBMITTED
    assert (application.signature.signer_bin, application.signature.signer_iin) == (BIN, "780312300106")
    assert application.account.identifier == BIN and application.account.kind == "legal"
