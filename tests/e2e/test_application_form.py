"""The whole Appendix form in Kazakh in a real Chromium: fill, attach, sign with the demo key, see the receipt."""
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.applications.factories import make_bin, pdf_bytes, reference_data
from tests.e2e.conftest import DEMO_PASSWORD, axe, login, screenshot

pytestmark = pytest.mark.e2e

IIN = "900101300017"


@pytest.fixture
def applicant(transactional_db, settings):
    from registry.models import Region
    from tests.factories import UserFactory

    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    region = Region.objects.get(code="61")
    user = UserFactory(username="e2e_applicant", role="entrepreneur", iin=IIN, language="kk")
    user.set_password(DEMO_PASSWORD)
    user.save()
    UserFactory(username="e2e_coordinator", role="coordinator", region=region)
    call_command("make_test_pki", verbosity=0)
    return user, region, reference_data(region)


def save_and_continue(page):
    page.get_by_test_id("save-continue").click()
    page.wait_for_load_state("domcontentloaded")


def fill_applicant(page, region):
    page.select_option("#id_region", str(region.pk))
    page.check("#id_kind_1")  # individual entrepreneur
    expect(page.locator("#id_bin")).to_be_hidden()  # the legal-entity branch is hidden
    page.fill("#id_name", "ЖК «Ақ сүт»")
    page.fill("#id_full_name", "Сәрсенбаев Ерлан")
    page.fill("#id_iin", IIN)
    page.fill("#id_id_number", "045678912")
    page.fill("#id_id_issuer", "ҚР ІІМ")
    page.fill("#id_id_issued_on", "2015-05-20")
    page.fill("#id_notice_place", "Түркістан қ.")
    page.fill("#id_notice_on", "2018-03-01")
    page.fill("#id_address", "Түркістан қ., Тәуке хан даңғылы, 1")
    page.fill("#id_phone", "+7 701 000 00 00")


def fill_bank(page):
    page.fill("#id_bank_name", "Halyk Bank")
    page.fill("#id_bic", "HSBKKZKX")
    page.fill("#id_iban", "KZ86 125K ZT50 0410 0100")
    page.fill("#id_bank_bin", make_bin(3))
    page.fill("#id_kbe", "17")


def fill_project(page, ref):
    page.fill("#id_description", "Сүт өңдеу цехы")
    page.fill("#id_place", "Кентау қ.")
    expect(page.locator("#profile-direction")).to_be_hidden()
    page.select_option("#id_category", str(ref["engineering"].pk))
    page.select_option("#id_infrastructure_type", str(ref["water"].pk))
    page.fill("#id_justification", "Цехқа су құбыры жетпейді")
    page.fill("#id_construction_cost", "12500.50")
    page.fill("#id_project_cost", "30000")
    page.select_option("#id_tax_regime", str(ref["tax"].pk))
    page.select_option("#id_sector", str(ref["sector"].pk))
    page.fill("#id_oked", "10.51")
    page.fill("#id_employees", "12")
    page.fill("#id_term_months", "24")
    page.check("#id_aul_amanaty")


def fill_effect(page):
    for row, values in {"jobs": ("2", "4", "6", "8"), "tax": ("100", "200.5", "300", "400"),
                        "output": ("1000", "2000", "3000", "4000")}.items():
        for year, value in zip("0123", values):
            page.fill(f"#id_{row}_{year}", value)
    # Totals as you type (years 1-3), before anything reaches the server.
    expect(page.get_by_test_id("total-jobs")).to_have_text("18")
    expect(page.get_by_test_id("total-tax")).to_have_text("900.50")
    page.fill("#id_other_1", "Жергілікті фермерлерден сүт сатып алу")


def attach_documents(page):
    for kind in ("business_plan", "ten", "design"):
        page.set_input_files(f"#file-{kind}", files=[{"name": f"{kind}.pdf", "mimeType": "application/pdf",
                                                       "buffer": pdf_bytes(kind)}])
        page.get_by_test_id(f"upload-{kind}").click()
        page.wait_for_load_state("domcontentloaded")
        expect(page.locator(f"tr[data-kind={kind}]")).to_contain_text(f"{kind}.pdf")
    page.get_by_test_id("documents-continue").click()


def test_entrepreneur_fills_signs_and_gets_the_receipt_in_kazakh(page, live_server, applicant):
    user, region, ref = applicant
    login(page, live_server, user.username)
    page.get_by_test_id("new-application").first.click()
    page.select_option("#id_region", str(region.pk))
    page.fill("#id_project_name", "Сүт цехына су құбыры")
    page.get_by_test_id("start").click()
    expect(page.get_by_test_id("task-list")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Өтінім жобасы (черновик)")
    axe(page, "task list (kk)")

    page.locator("[data-section=applicant] a").click()
    save_and_continue(page)  # empty: errors in Kazakh, nothing saved
    expect(page.get_by_test_id("error-summary")).to_contain_text("Бұл өрісті толтыру міндетті.")
    fill_applicant(page, region)
    save_and_continue(page)
    fill_bank(page)
    save_and_continue(page)
    fill_project(page, ref)
    save_and_continue(page)
    fill_effect(page)
    screenshot(page, "application-effect-kk")
    save_and_continue(page)
    attach_documents(page)
    for box in page.locator("form.application-section input[type=checkbox]").all():
        box.check()
    save_and_continue(page)

    expect(page.locator("h1")).to_have_text("Жауаптарыңызды тексеріңіз")
    expect(page.locator('[data-rule="§5"]')).to_have_attribute("data-outcome", "pass")
    axe(page, "check your answers (kk)")
    screenshot(page, "application-check-kk")
    page.get_by_test_id("demo-sign").click()

    expect(page).to_have_url(re.compile(r"/receipt/$"))
    expect(page.get_by_test_id("receipt-title")).to_have_text("Өтініміңіз қабылданды")
    expect(page.get_by_test_id("registry-number")).to_have_text(re.compile(r"^61-\d{4}-000001$"))
    expect(page.get_by_test_id("review-due")).not_to_be_empty()
    screenshot(page, "application-receipt-kk")

    from applications.models import Application

    application = Application.objects.get(applicant=user)
    assert application.status == "submitted" and application.priority
    assert application.signature.signer_iin == IIN
