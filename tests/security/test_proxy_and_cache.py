"""Behind the proxy, login lockouts key on the client's address (from the trusted proxy's header
only) and the username; pages for a signed-in user carry Cache-Control: no-store, private."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from registry.middleware import client_ip

pytestmark = pytest.mark.django_db
PASSWORD = "Correct-horse-42"
PROXY = "10.0.0.2"  # every request reaches gunicorn from the proxy


@pytest.fixture
def official(coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save(update_fields=["password"])
    return coordinator


def _login(client, username, password, *, forwarded_for: str):
    with translation.override("kk"):
        url = reverse("login")
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "203.0.113.9", PROXY),  # no trusted proxy: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the client's own entry on the left is not believed
        (2, "1.2.3.4, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "203.0.113.9", PROXY),  # fewer hops than proxies: something is wrong, use the socket
        (1, "not-an-ip", PROXY),
    ],
)
def test_client_ip_only_from_the_trusted_proxy(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected


def test_a_stranger_cannot_lock_an_official_out(client, official, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, official.username, "wrong", forwarded_for="198.51.100.7")
    assert _login(client, official.username, PASSWORD, forwarded_for="198.51.100.7").status_code == 429
    # The official, from their own address behind the same proxy, still signs in.
    response = _login(client, official.username, PASSWORD, forwarded_for="203.0.113.20")
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(official.pk)


def test_a_spoofed_header_does_not_escape_the_lockout(client, official, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes a fresh address each time; the proxy appends the real one.
        _login(client, official.username, "wrong", forwarded_for=f"192.0.2.{i}, 198.51.100.7")
    assert _login(client, official.username, PASSWORD, forwarded_for="192.0.2.99, 198.51.100.7").status_code == 429


def test_authenticated_html_is_not_stored(client, entrepreneur):
    client.force_login(entrepreneur)
    with translation.override("kk"):
        response = client.get(reverse("registry:cabinet"))
    assert response.status_code == 200
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache


def test_anonymous_pages_are_left_alone(client):
    with translation.override("kk"):
        response = client.get(reverse("registry:home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
