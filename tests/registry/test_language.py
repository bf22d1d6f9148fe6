"""Language: the switch builds the chosen language's URL whatever the browser says; the stored
language changes only by the user's choice; ``/`` opens in Kazakh, the state language."""

import pytest

from registry.i18n import url_in_language

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§2")]


@pytest.mark.parametrize("browser", ["ru", "en", "kk", "ru-RU,ru;q=0.9,en;q=0.8"])
def test_switch_from_a_kazakh_page_goes_to_russian_whatever_the_browser_language(client, coordinator, browser):
    client.force_login(coordinator)
    response = client.post(
        "/i18n/setlang/", {"language": "ru", "next": "/kk/cabinet/?page=2"}, HTTP_ACCEPT_LANGUAGE=browser
    )
    assert response.status_code == 302 and response["Location"] == "/ru/cabinet/?page=2"
    assert "Личный кабинет" in client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=browser).content.decode()


@pytest.mark.parametrize("browser", ["ru", "en"])
def test_switch_back_to_kazakh_from_a_russian_page_in_a_foreign_browser(client, browser):
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/ru/login/"}, HTTP_ACCEPT_LANGUAGE=browser)
    assert response["Location"] == "/kk/login/"
    assert client.cookies["django_language"].value == "kk"


def test_switch_on_a_page_that_does_not_exist_still_changes_the_prefix(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/no-such-page/"})
    assert response["Location"] == "/ru/no-such-page/"


def test_switch_refuses_a_foreign_next_and_an_unknown_language(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "https://evil.example/kk/"})
    assert response["Location"] == "/ru/"
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/kk/cabinet/"})
    assert response["Location"] == "/kk/cabinet/"
    assert client.cookies["django_language"].value == "ru"  # the first, valid choice stays


@pytest.mark.parametrize(
    ("url", "language", "expected"),
    [
        ("/kk/", "ru", "/ru/"),
        ("/ru/applications/5/#top", "kk", "/kk/applications/5/#top"),
        ("/", "ru", "/ru/"),
        ("/kkk/x/", "ru", "/ru/kkk/x/"),
        ("/en/review/?q=a%20b", "kk", "/kk/review/?q=a%20b"),
    ],
)
def test_url_in_language(url, language, expected):
    assert url_in_language(url, language) == expected


def test_switch_is_remembered_on_the_user(client, coordinator):
    client.force_login(coordinator)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/cabinet/"})
    coordinator.refresh_from_db()
    assert coordinator.language == "ru"


@pytest.mark.parametrize("path", ["/favicon.ico", "/", "/kk/cabinet/", "/ru/cabinet/", "/robots.txt"])
def test_opening_a_url_never_rewrites_the_stored_language(client, coordinator, path):
    coordinator.language = "ru"
    coordinator.save(update_fields=["language"])
    client.force_login(coordinator)
    client.get(path, HTTP_ACCEPT_LANGUAGE="kk")
    client.get("/kk/cabinet/")
    coordinator.refresh_from_db()
    assert coordinator.language == "ru"


def test_favicon_is_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")


@pytest.mark.parametrize("browser", ["ru", "en", "ru-RU,ru;q=0.9", ""])
def test_root_opens_in_kazakh_whatever_the_browser_says(client, browser):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=browser)
    assert response.status_code == 302 and response["Location"] == "/kk/"


def test_root_opens_in_the_language_chosen_before(client):
    client.post("/i18n/setlang/", {"language": "ru", "next": "/kk/"})
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="kk").headers["Location"] == "/ru/"


def test_unprefixed_page_without_a_choice_is_kazakh_in_a_russian_browser(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Location"] == "/kk/login/"


# --- Idle timeout: "stay signed in" -------------------------------------------------------------


def test_stay_signed_in_pushes_the_idle_end_forward(client, coordinator):
    import time

    client.force_login(coordinator)
    session = client.session
    session["_idle_touched"] = 1  # as if the last push was long ago
    session.save()
    response = client.post("/kk/session/keepalive/")
    assert response.status_code == 204
    assert abs(client.session["_idle_touched"] - time.time()) < 5
    assert client.get("/kk/session/keepalive/").status_code == 405


def test_stay_signed_in_needs_a_session(client):
    response = client.post("/kk/session/keepalive/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_pages_carry_the_idle_warning_for_signed_in_users_only(client, coordinator, settings):
    assert 'data-testid="idle-warning"' not in client.get("/kk/").content.decode()
    client.force_login(coordinator)
    page = client.get("/kk/cabinet/").content.decode()
    assert 'data-testid="idle-warning"' in page and f'data-idle-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert "Жүйеде қалу" in page
