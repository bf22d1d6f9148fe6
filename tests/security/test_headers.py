"""Every page the portal serves carries a strict CSP and the secure headers.

The pages are found by walking the URL configuration (every route without a
parameter), so a new page is checked without anyone adding it here. Routes
with an object id are the IDOR matrix's business. ``check --deploy`` under the
production environment is proven in ``tests/test_settings.py``; the download
headers of generated documents in ``tests/registry/test_documents.py``.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("admin/",)  # Django's admin: its own pages, reached by superusers only


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "^" not in route:
            yield route


def parameterless_paths(language="kk") -> list[str]:
    with translation.override(language):
        routes = sorted(set(_routes(get_resolver().url_patterns)))
    return ["/" + r for r in routes if not r.removeprefix(f"{language}/").startswith(SKIPPED_PREFIXES)]


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = (part.strip().split() for part in header.split(";") if part.strip())
    return {d[0]: d[1:] for d in directives}


def assert_strict(response, path):
    csp = policy(response)
    assert csp, f"{path}: no Content-Security-Policy header"
    for directive in ("script-src", "style-src", "default-src"):
        if directive in csp:
            assert "'unsafe-inline'" not in csp[directive], f"{path}: {directive} {csp[directive]}"
            assert "'unsafe-eval'" not in csp[directive], f"{path}: {directive} {csp[directive]}"
    assert csp.get("script-src", csp.get("default-src")) == ["'self'"], path
    assert csp.get("object-src") == ["'none'"] and csp.get("frame-ancestors") == ["'none'"], path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["X-Frame-Options"] == "DENY", path


def test_the_walk_finds_the_portals_pages():
    paths = parameterless_paths()
    assert {"/kk/login/", "/kk/cabinet/", "/kk/notifications/", "/healthz"} <= set(paths)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_page_for_a_visitor_has_strict_csp_and_secure_headers(client, language):
    for path in parameterless_paths(language):
        assert_strict(client.get(path), path)


@pytest.mark.parametrize("persona", ["entrepreneur", "coordinator", "budget_admin", "planning", "central"])
def test_every_page_for_each_role_has_strict_csp_and_secure_headers(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for path in parameterless_paths():
        response = client.get(path)
        assert response.status_code < 500, f"{path} as {persona}: {response.status_code}"
        assert_strict(response, path)


def test_council_member_pages_have_strict_csp(client, council_member):
    client.force_login(council_member)
    for path in parameterless_paths():
        assert_strict(client.get(path), path)
