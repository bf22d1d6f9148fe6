"""Idle timeout: the warning comes two minutes before the end, "stay signed in" keeps the session,
and typed text comes back when the page opens again."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


def test_warning_before_the_idle_end_and_stay_signed_in(page, live_server, e2e_data, settings):
    settings.SESSION_COOKIE_AGE = 123  # the warning shows 3 s after a page opens
    login(page, live_server, "entrepreneur")
    warning = page.get_by_test_id("idle-warning")
    expect(warning).to_be_hidden()
    expect(warning).to_be_visible(timeout=8000)
    expect(page.get_by_test_id("idle-stay")).to_be_focused()
    with page.expect_response(re.compile(r"/session/keepalive/$")) as answer:
        page.get_by_test_id("idle-stay").click()
    assert answer.value.status == 204
    expect(warning).to_be_hidden()


def test_typed_text_comes_back_after_the_page_is_opened_again(page, live_server, e2e_data):
    login(page, live_server, "entrepreneur")
    page.goto(f"{live_server.url}/kk/applications/new/")
    page.fill("#id_project_name", "Сүт цехына су құбыры")
    page.once("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/kk/cabinet/")  # as if the session ended and the user signed in again
    page.goto(f"{live_server.url}/kk/applications/new/")
    expect(page.locator("#id_project_name")).to_have_value("Сүт цехына су құбыры")
    page.get_by_test_id("start").click()  # sent (it may fail for the region): the kept text is forgotten
    page.goto(f"{live_server.url}/kk/applications/new/")
    expect(page.locator("#id_project_name")).to_have_value("")
