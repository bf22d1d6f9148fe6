"""Login throttling (django-axes) and the session's end after inactivity."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

PASSWORD = "Correct-horse-42"


@pytest.fixture
def member(entrepreneur):
    entrepreneur.set_password(PASSWORD)
    entrepreneur.save(update_fields=["password"])
    return entrepreneur


def login_url(language="kk") -> str:
    with translation.override(language):
        return reverse("login")


def attempt(client, username, password, language="kk"):
    return client.post(login_url(language), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_with_a_clear_message_in_kazakh(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, member.username, "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    response = attempt(client, member.username, "wrong-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'data-testid="lockout"' in page
    assert "Кіру бұғатталды" in page
    assert "Сәтсіз кіру әрекеттері тым көп: 5 рет қате құпиясөз" in page
    assert "_auth_user_id" not in client.session


def test_the_right_password_is_still_refused_until_the_cool_off(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, member.username, "wrong-password")
    response = attempt(client, member.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Once the cool-off has passed the right password works again.
    later = timezone.now() + timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    # axes stamps each attempt through its own import of ``now``.
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("axes.handlers.proxy.now", return_value=later),
    ):
        response = attempt(client, member.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_lockout_message_in_russian(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = attempt(client, member.username, "wrong-password", language="ru")
    assert response.status_code == 429
    assert "Вход заблокирован" in response.content.decode()


def test_a_locked_username_does_not_lock_another_user(client, member, other_entrepreneur):
    other_entrepreneur.set_password(PASSWORD)
    other_entrepreneur.save(update_fields=["password"])
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, member.username, "wrong-password")
    assert attempt(client, other_entrepreneur.username, PASSWORD).status_code == 302


class Clock:
    """Moves ``timezone.now`` forward for the session machinery."""

    def __init__(self):
        self.offset = timedelta()
        self._real = timezone.now

    def now(self):
        return self._real() + self.offset


@pytest.fixture
def clock():
    clock = Clock()
    with mock.patch("django.utils.timezone.now", clock.now):
        yield clock


def cabinet(client):
    with translation.override("kk"):
        return client.get(reverse("registry:cabinet"))


def test_session_ends_after_thirty_minutes_without_a_request(client, member, clock):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client.force_login(member)
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)

    clock.offset = age - timedelta(minutes=5)
    assert cabinet(client).status_code == 200
    # Each request pushes the end further: past the first half hour, still signed in.
    clock.offset += age - timedelta(minutes=5)
    assert cabinet(client).status_code == 200
    # Then a half hour of silence: the next request is sent to the login page.
    clock.offset += age + timedelta(seconds=1)
    response = cabinet(client)
    assert response.status_code == 302
    assert response["Location"].startswith(login_url())


def test_session_is_written_at_most_once_a_minute_while_the_user_clicks(client, member, clock):
    """Pushing the idle end forward costs a database write only once a minute, not on every page."""
    client.force_login(member)
    cabinet(client)
    stored = Session.objects.get().expire_date
    clock.offset = timedelta(seconds=settings.SESSION_IDLE_REFRESH_SECONDS - 5)
    assert cabinet(client).status_code == 200
    assert Session.objects.get().expire_date == stored
    clock.offset = timedelta(seconds=settings.SESSION_IDLE_REFRESH_SECONDS + 1)
    assert cabinet(client).status_code == 200
    assert Session.objects.get().expire_date > stored


def test_session_cookie_is_http_only_and_expires_with_the_session(client, member):
    attempt(client, member.username, PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
