"""Fixtures for the application tests: reference data, drafts and a stand-in verifier.

The stand-in accepts a CMS of the form ``b"ok:" + sha256(document)`` and
refuses anything else, so the submission flow is tested without generating
keys; the real verifier has its own tests (test_signing.py, test_submit_signed.py).
"""
import hashlib
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from tests.applications.factories import complete_draft, reference_data


@pytest.fixture
def ref(region):
    return reference_data(region)


@pytest.fixture
def draft(entrepreneur, region, ref):
    return complete_draft(entrepreneur, region, ref)


def good_cms(document: bytes) -> bytes:
    return b"ok:" + hashlib.sha256(document).hexdigest().encode()


class StandInVerifier:
    def verify(self, *, document, cms, expected_iin, expected_bin, at):
        from applications.signing import SignatureError

        if cms != good_cms(document):
            raise SignatureError("digest", "The signature does not match the document.")
        now = datetime(2026, 1, 1, tzinfo=UTC)
        return SimpleNamespace(
            signer_iin=expected_iin, signer_bin=expected_bin, subject=f"SERIALNUMBER=IIN{expected_iin}",
            serial_number="1234", issuer="CN=Test CA", not_before=now, not_after=now + timedelta(days=365),
            signing_time=at, certificate_pem="-----BEGIN CERTIFICATE-----",
            document_sha256=hashlib.sha256(document).hexdigest(),
        )


@pytest.fixture
def stand_in_verifier(monkeypatch):
    monkeypatch.setattr("applications.services.submission._verifier", lambda: StandInVerifier())
    return good_cms


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _kazakh_by_default():
    """Each test starts in Kazakh (a request to a /ru/ page leaves Russian active in the thread)."""
    from django.utils import translation

    with translation.override("kk"):
        yield
