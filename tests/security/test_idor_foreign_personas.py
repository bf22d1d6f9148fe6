"""IDOR matrix: every URL with an object id answers 404/403 to every persona outside the object's reach.

The object is built in region A (Turkistan) for ``entrepreneur``; it is then
requested by each role of region B (Astana) and by ``other_entrepreneur``.
POST-only views are posted to, and the database must be unchanged after it.
A URL pattern with a parameter and no row in ``matrix.MATRIX`` (or an explicit
reason in ``matrix.PUBLIC``) fails ``test_every_url_with_an_id_has_a_row``.
"""

from __future__ import annotations

import hashlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.security.matrix import MATRIX, PUBLIC, World

PORTAL_APPS = ("registry", "applications", "councils", "monitoring")
REFUSED = (403, 404)


def _patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry


def _id_patterns() -> dict[str, URLPattern]:
    """Every named pattern outside the Django admin whose route takes a parameter."""
    found = {}
    for name, pattern in _patterns(get_resolver()):
        if name.startswith("admin:") or name == "set_language":
            continue
        if pattern.pattern.regex.groupindex or "<" in str(pattern.pattern):
            found[name] = pattern
    return found


def test_every_url_with_an_id_has_a_row():
    missing = sorted(set(_id_patterns()) - set(MATRIX) - set(PUBLIC))
    assert not missing, f"URL patterns with an object id but no row in tests/security/matrix.py: {missing}"
    stale = sorted(set(MATRIX) - set(_id_patterns()))
    assert not stale, f"Rows in the IDOR matrix for URLs that no longer exist: {stale}"


def test_the_walk_sees_every_app():
    names = set(_id_patterns())
    for namespace in ("applications", "review", "councils", "monitoring", "registry"):
        assert any(name.startswith(f"{namespace}:") for name in names), namespace


def _database_state() -> str:
    """A digest of every row of the portal's tables (small in a test)."""
    digest = hashlib.sha256()
    for label in PORTAL_APPS:
        for model in apps.get_app_config(label).get_models():
            rows = model._default_manager.order_by("pk").values_list()
            digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _urls(name: str, world: World) -> list[str]:
    built = MATRIX[name].build(world)
    with translation.override("kk"):
        return [reverse(name, kwargs=kwargs) for kwargs in (built if isinstance(built, list) else [built])]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_foreign_persona_gets_404(name, world):
    row = MATRIX[name]
    urls = _urls(name, world)
    for persona, user in world.foreigners().items():
        client = _client(user)
        for url in urls:
            if row.post_only:
                before = _database_state()
                response = client.post(url, {"present": "1", "reason": "x", "choice": "for"})
                assert response.status_code in REFUSED, f"{persona} POST {url} → {response.status_code}"
                assert _database_state() == before, f"{persona} POST {url} changed the database"
            else:
                response = client.get(url)
                assert response.status_code in REFUSED, f"{persona} GET {url} → {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_owner_reaches_it(name, world):
    """The matrix is not passing by being broken: the owning persona gets through."""
    row = MATRIX[name]
    user = getattr(world, row.owner)
    client = _client(user)
    for url in _urls(name, world):
        if row.post_only:
            # A bare POST may be refused as invalid (400) or by state, but not as out of reach.
            response = client.post(url, {})
            assert response.status_code not in (404, 500), f"{row.owner} POST {url} → {response.status_code}"
        else:
            response = client.get(url)
            assert response.status_code in row.owner_sees, f"{row.owner} GET {url} → {response.status_code}"
