"""403, 404, 500 and CSRF-failure pages: the portal's layout, the reader's language, a way back."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TITLE = {
    404: {"kk": "Бет табылмады", "ru": "Страница не найдена"},
    403: {"kk": "Бұл бетке қолжетімділігіңіз жоқ", "ru": "У вас нет доступа к этой странице"},
    500: {"kk": "Біз жақта қате шықты", "ru": "На нашей стороне произошла ошибка"},
    "csrf": {"kk": "Форманың мерзімі өтіп кетті", "ru": "Срок действия формы истёк"},
}


def _in_layout(page: str, language: str) -> None:
    assert f'<html lang="{language}">' in page
    assert 'data-testid="way-back"' in page
    assert 'aria-label="' in page and "navbar" in page  # the portal's header, not Django's bare page
    assert "Not Found" not in page and "Server Error" not in page and "CSRF verification failed" not in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_404_in_the_portal_layout_and_language(client, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    _in_layout(page, language)
    assert TITLE[404][language] in page


def test_404_of_a_signed_in_user_leads_back_to_the_cabinet(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/ru/applications/999999/").content.decode()
    assert TITLE[404]["ru"] in page and 'href="/ru/cabinet/"' in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_403_and_500_in_the_portal_layout_and_language(settings, language):
    settings.ROOT_URLCONF = "tests.registry.error_urls"
    client = Client(raise_request_exception=False)
    forbidden = client.get(f"/{language}/forbidden/")
    assert forbidden.status_code == 403
    _in_layout(forbidden.content.decode(), language)
    assert TITLE[403][language] in forbidden.content.decode()
    broken = client.get(f"/{language}/boom/")
    assert broken.status_code == 500
    _in_layout(broken.content.decode(), language)
    assert TITLE[500][language] in broken.content.decode()


def test_500_page_is_drawn_plain_when_the_layout_itself_fails(settings, monkeypatch):
    import registry.views_errors as errors

    settings.ROOT_URLCONF = "tests.registry.error_urls"

    def layout_fails(*args, **kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr(errors, "render", layout_fails)
    response = Client(raise_request_exception=False).get("/ru/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert TITLE[500]["ru"] in page and 'href="/ru/"' in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_csrf_failure_in_the_portal_layout_and_language(coordinator, language):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    response = client.post(f"/{language}/notifications/read/", {})
    assert response.status_code == 403
    page = response.content.decode()
    _in_layout(page, language)
    assert TITLE["csrf"][language] in page
