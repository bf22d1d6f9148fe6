"""Smoke: Chromium opens /kk/, logs in as the coordinator, reads Kazakh, switches to Russian."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe, login, screenshot

pytestmark = pytest.mark.e2e


def test_coordinator_logs_in_in_kazakh_and_switches_to_russian(page, live_server, e2e_data):
    page.goto(f"{live_server.url}/kk/")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    screenshot(page, "smoke-01-home-kk")

    page.goto(f"{live_server.url}/kk/login/")
    axe(page, "login page (kk)")
    screenshot(page, "smoke-02-login-kk")

    login(page, live_server, "coordinator")
    expect(page).to_have_url(re.compile(r"/kk/cabinet/$"))
    expect(page.get_by_test_id("cabinet-title")).to_have_text("Жеке кабинет")
    expect(page.get_by_test_id("role")).to_have_text("Өңірлік үйлестіруші")
    expect(page.get_by_test_id("region")).to_contain_text("Түркістан")
    axe(page, "cabinet (kk)")
    screenshot(page, "smoke-03-cabinet-kk")

    page.get_by_test_id("lang-ru").click()
    expect(page).to_have_url(re.compile(r"/ru/cabinet/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_test_id("cabinet-title")).to_have_text("Личный кабинет")
    expect(page.get_by_test_id("role")).to_have_text("Региональный координатор")
    axe(page, "cabinet (ru)")
    screenshot(page, "smoke-04-cabinet-ru")


def test_language_choice_is_remembered(page, live_server, e2e_data):
    from registry.models import User

    login(page, live_server, "coordinator")
    page.get_by_test_id("lang-ru").click()
    expect(page).to_have_url(re.compile(r"/ru/cabinet/$"))
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/ru/"))
    assert User.objects.get(username="coordinator").language == "ru"
