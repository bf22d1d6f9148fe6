"""390 px: every main page of every role fits a phone's width without sideways scrolling.

The pages are the parameterless pages every persona can open and every page
of the IDOR matrix (tests/security/matrix.py) opened by its owner, on the
objects the matrix's ``World`` builds. A page fits when
``document.documentElement.scrollWidth <= innerWidth``: a wide table may
scroll inside its own region, the page may not.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from tests.security.matrix import MATRIX, World

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = [
    "registry:cabinet",
    "registry:notifications",
    "registry:deadlines",
    "applications:list",
    "applications:new",
    "review:inbox",
    "councils:roster",
    "councils:session_list",
    "councils:session_new",
    "monitoring:public_plans",
    "monitoring:budget",
    "monitoring:projects",
    "monitoring:objects",
    "monitoring:object_create",
    "monitoring:retail_list",
    "monitoring:retail_create",
]
PERSONAS = ("entrepreneur", "coordinator", "council_member", "chair", "budget_admin", "planning", "central")
# Pages the matrix reaches that are files, not pages.
FILES = {
    "applications:attachment_download",
    "applications:canonical",
    "review:dossier_zip",
    "monitoring:s30_scan_download",
    "monitoring:s32_export",
    "registry:document_download",
}


@pytest.fixture
def world(
    monkeypatch,
    transactional_db,
    region,
    other_region,
    entrepreneur,
    other_entrepreneur,
    coordinator,
    coordinator_elsewhere,
    budget_admin,
    planning,
):
    import itertools

    from tests.monitoring import factories as monitoring_factories

    # The councils' and monitoring's factories number applications from 1 each; here both run in one test.
    monkeypatch.setattr(monitoring_factories, "_numbers", itertools.count(70000))
    return World(
        region=region,
        other_region=other_region,
        entrepreneur=entrepreneur,
        other_entrepreneur=other_entrepreneur,
        coordinator=coordinator,
        coordinator_elsewhere=coordinator_elsewhere,
        budget_admin=budget_admin,
        planning=planning,
    )


def _addresses(world: World, language: str) -> dict[str, list[str]]:
    """persona -> the URLs to open as that persona."""
    with translation.override(language):
        urls = {persona: [reverse(name) for name in PAGES] for persona in PERSONAS}
        urls["budget_admin"].append(reverse("monitoring:reports", args=[2026]))
        for name, row in MATRIX.items():
            if row.post_only or name in FILES:
                continue
            built = row.build(world)
            for kwargs in built if isinstance(built, list) else [built]:
                urls[row.owner].append(reverse(name, kwargs=kwargs))
        # The member's view of a session and an item: the vote buttons.
        urls["council_member"] += [
            reverse("councils:session", args=[world.session.pk]),
            reverse("councils:item", args=[world.item.pk]),
        ]
    return urls


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_main_page_of_every_role_fits_a_390px_phone(browser, live_server, world, language):
    addresses = _addresses(world, language)
    too_wide: list[str] = []
    opened = 0
    for persona, urls in addresses.items():
        client = Client()
        client.force_login(getattr(world, persona))
        context = browser.new_context(viewport=PHONE, locale="kk-KZ")
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
        page = context.new_page()
        for url in urls:
            try:
                response = page.goto(f"{live_server.url}{url}")
            except PlaywrightError:  # an empty refusal (405) or a download: not a page of this persona
                continue
            if (
                response is None
                or response.status != 200
                or "text/html" not in response.headers.get("content-type", "")
            ):
                continue
            opened += 1
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                wide = page.evaluate(
                    """() => Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                        .filter(e => !e.closest('.table-scroll'))
                        .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 30))"""
                )
                too_wide.append(f"{persona} {url}: {width[0]} > {width[1]} {wide}")
        context.close()
    assert opened > 40, f"only {opened} pages opened"
    assert not too_wide, f"{len(too_wide)} of {opened} pages scroll sideways at 390 px:\n" + "\n".join(too_wide)


@pytest.mark.parametrize("width", [1200, 1440])
def test_desktop_navbar_stays_on_one_line_with_a_long_name(browser, live_server, world, width):
    user = world.coordinator
    user.last_name, user.first_name, user.patronymic = "Жұмабайұлы-Сейітқасымов", "Нұрсұлтанбек", "Абдуллажанұлы"
    user.save(update_fields=["last_name", "first_name", "patronymic"])
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    for language in ("kk", "ru"):
        page.goto(f"{live_server.url}/{language}/cabinet/")
        brand = page.locator(".navbar-brand").bounding_box()
        for item in page.locator(".navbar .nav-item").all():
            box = item.bounding_box()
            # One line: every item's middle lies within the brand's line.
            assert abs((box["y"] + box["height"] / 2) - (brand["y"] + brand["height"] / 2)) < brand["height"], (
                language,
                item.inner_text(),
            )
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
