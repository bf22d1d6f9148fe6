"""The language switch in a browser whose language is Russian: the Kazakh page switches to Russian,
and a changed form warns before the switch so typed text is not lost."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.rule("§2")]


@pytest.fixture
def russian_page(browser):
    context = browser.new_context(
        locale="ru-RU",
        extra_http_headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"},
        viewport={"width": 1280, "height": 900},
    )
    yield context.new_page()
    context.close()


def test_root_is_kazakh_and_the_switch_goes_to_russian_in_a_russian_browser(russian_page, live_server, e2e_data):
    page = russian_page
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/kk/$"))
    login(page, live_server, "entrepreneur")
    page.goto(f"{live_server.url}/kk/applications/new/")
    page.get_by_test_id("lang-ru").click()
    expect(page).to_have_url(re.compile(r"/ru/applications/new/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.get_by_test_id("lang-kk").click()
    expect(page).to_have_url(re.compile(r"/kk/applications/new/$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")


def test_a_changed_form_warns_before_the_switch_and_keeps_the_text(russian_page, live_server, e2e_data):
    page = russian_page
    login(page, live_server, "entrepreneur")
    page.goto(f"{live_server.url}/kk/applications/new/")
    page.fill("#id_project_name", "Сүт цехына су құбыры")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_test_id("lang-ru").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page).to_have_url(re.compile(r"/kk/applications/new/$"))
    expect(page.locator("#id_project_name")).to_have_value("Сүт цехына су құбыры")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("lang-ru").click()
    expect(page).to_have_url(re.compile(r"/ru/applications/new/$"))
