"""The demo's ЭЦҚ sign-in with seed keys (issue 13): only where the demo signer is on."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_keys(settings, entrepreneur):
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = []  # the demo CA make_test_pki writes
    settings.SIGNATURE_DEMO_SIGNER = True
    call_command("make_test_pki", stdout=StringIO())


def test_a_demo_user_signs_in_with_the_demo_key_through_the_real_check(client, demo_keys, entrepreneur):
    client.get("/kk/login/")
    response = client.post("/kk/signin/demo/", {"username": entrepreneur.username})
    assert response.status_code == 302 and response["Location"] == "/kk/cabinet/"
    assert int(client.session["_auth_user_id"]) == entrepreneur.pk
    # The nonce is spent: the same post again (no new login page, so no new nonce) is refused.
    assert client.post("/kk/signin/demo/", {"username": entrepreneur.username}).status_code == 400


def test_the_demo_sign_in_does_not_exist_in_production(client, settings, entrepreneur):
    settings.SIGNATURE_DEMO_SIGNER = False
    client.get("/kk/login/")
    assert client.post("/kk/signin/demo/", {"username": entrepreneur.username}).status_code == 404
    assert 'data-testid="demo-sign-in"' not in client.get("/kk/login/").content.decode()
    assert "_auth_user_id" not in client.session
