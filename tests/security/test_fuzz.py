"""Hostile input never breaks the portal: validators only ever say "invalid", pages never answer 500.

Hypothesis generates overlong strings, control characters, HTML/JS, NUL bytes
and numbers of any size; a page must answer with a message or a redirect,
and nothing half-made may be saved.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from applications.models import Application
from registry import validators

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '" onmouseover="alert(1)',
            "' OR 1=1 --",
            "\x00",
            "\u202e\u200b",
            "9" * 400,
            "-1",
            "1e309",
            "KZ00 0000 0000 0000 0000",
            "000000000000",
            "９００１０１３０００１７",
        ]
    ),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(value=HOSTILE)
def test_identifier_and_bank_validators_only_ever_raise_validation_error(value):
    for check in (
        validators.validate_iin,
        validators.validate_bin,
        validators.validate_iin_or_bin,
        validators.validate_kz_iban,
        validators.validate_bic,
        validators.validate_kbe,
    ):
        try:
            check(value)
        except ValidationError as error:
            assert error.messages  # a message the form shows next to the field


def _url(name: str) -> str:
    with translation.override("kk"):
        return reverse(name)


@pytest.mark.django_db
def test_hostile_login_attempts_answer_with_the_form_never_500(client):
    @FUZZ
    @given(username=HOSTILE, password=HOSTILE)
    def attempt(username, password):
        response = client.post(_url("login"), {"username": username, "password": password})
        assert response.status_code in (200, 429)

    attempt()


@pytest.mark.django_db
def test_hostile_new_application_is_refused_with_a_message_and_nothing_saved(client, entrepreneur):
    client.force_login(entrepreneur)

    @FUZZ
    @given(project_name=HOSTILE, region=HOSTILE)
    def post(project_name, region):
        before = Application.objects.count()
        response = client.post(_url("applications:new"), {"project_name": project_name, "region": region})
        if response.status_code == 302:
            assert Application.objects.count() == before + 1  # a valid name and region: one draft
        else:
            assert response.status_code == 200
            assert 'data-testid="error-summary"' in response.content.decode()
            assert Application.objects.count() == before

    post()


@pytest.mark.django_db
def test_hostile_searches_and_language_switches_never_500(client, entrepreneur):
    client.force_login(entrepreneur)

    @FUZZ
    @given(query=HOSTILE, language=HOSTILE)
    def ask(query, language):
        expected = 400 if "\x00" in query else 200  # NUL is refused before any view (NulQueryMiddleware)
        assert client.get(_url("applications:oked_search"), {"q": query}).status_code == expected
        assert client.post(reverse("set_language"), {"language": language, "next": query}).status_code < 500

    ask()


@pytest.mark.django_db
def test_nul_in_a_query_string_is_a_bad_request_on_any_page(client):
    response = client.get(_url("login"), {"next": "/kk/\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_overlong_username_is_a_form_error_not_a_server_error(client):
    response = client.post(_url("login"), {"username": "u" * 300, "password": "x"})
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in response.content.decode()
