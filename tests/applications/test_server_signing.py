"""The .p12 upload (the server signs with the person's key) exists only where the demo signer is on (issue 13)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from applications.models import Status
from applications.signing import REASONS, SignatureError, sign_with_p12

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 9")]


def test_production_refuses_a_key_file_whoever_sends_it(settings):
    settings.SIGNATURE_DEMO_SIGNER = False
    with pytest.raises(SignatureError) as refused:
        sign_with_p12(b"not even read", "password", b"document")
    assert refused.value.code == "server_signing_off"


def test_production_check_page_offers_no_key_file_and_the_post_is_refused(
    client, settings, draft, entrepreneur, stand_in_verifier
):
    settings.SIGNATURE_DEMO_SIGNER = False
    client.force_login(entrepreneur)
    page = client.get(f"/kk/applications/{draft.pk}/check/").content.decode()
    assert 'name="p12"' not in page and 'value="demo"' not in page and "data-ncalayer-sign" in page
    response = client.post(
        f"/kk/applications/{draft.pk}/sign/",
        {
            "method": "p12",
            "password": "demo-test-only",
            "p12": SimpleUploadedFile("user.p12", b"0\x82\x01\x00", content_type="application/x-pkcs12"),
        },
    )
    assert response.status_code == 400
    with translation.override("kk"):
        assert str(REASONS["server_signing_off"]) in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.number is None


def test_the_demo_still_offers_the_key_file(client, settings, draft, entrepreneur):
    settings.SIGNATURE_DEMO_SIGNER = True
    client.force_login(entrepreneur)
    assert 'name="p12"' in client.get(f"/kk/applications/{draft.pk}/check/").content.decode()
