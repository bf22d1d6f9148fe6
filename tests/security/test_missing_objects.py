"""Every URL with an object id, asked about an object that does not exist, answers like a foreign one.

The routes are walked from the URL configuration, so a new page is covered at
once. For each role, GET and POST with an unknown id must answer 404 (or 403,
405 for a wrong method, or the login redirect for a visitor): never 200 and
never a server error. The per-role IDOR matrix with real foreign objects is
issue 7's next step; this is its floor.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

pytestmark = pytest.mark.django_db

UNKNOWN = {"int": "987654", "str": "zz", "slug": "zz", "path": "zz", "uuid": "00000000-0000-0000-0000-000000000000"}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?\w+>")
ALLOWED = {403, 404, 405}


def _routes(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" in route and "^" not in route:
            yield route


def object_paths(language="kk") -> list[str]:
    with translation.override(language):
        routes = sorted(set(_routes(get_resolver().url_patterns)))

    def fill(m: re.Match) -> str:
        return UNKNOWN.get(m.group("kind") or "str", "zz")

    return ["/" + CONVERTER.sub(fill, r) for r in routes if not r.startswith(f"{language}/admin/")]


def test_the_walk_finds_object_pages():
    paths = object_paths()
    assert "/kk/documents/987654/download/" in paths and "/kk/applications/987654/" in paths


@pytest.mark.parametrize(
    "persona", ["entrepreneur", "coordinator", "budget_admin", "planning", "central", "council_member"]
)
def test_unknown_object_is_never_shown_and_never_a_server_error(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    wrong = {}
    for path in object_paths():
        for method in (client.get, client.post):
            status = method(path).status_code
            if status not in ALLOWED:
                wrong[f"{method.__name__.upper()} {path}"] = status
    assert wrong == {}


def test_visitor_is_sent_to_login_or_refused(client):
    wrong = {}
    for path in object_paths():
        for method in (client.get, client.post):
            response = method(path)
            redirected_to_login = response.status_code == 302 and "/login/" in response["Location"]
            if not (redirected_to_login or response.status_code in ALLOWED):
                wrong[f"{method.__name__.upper()} {path}"] = response.status_code
    assert wrong == {}
