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
            signer_iin=expected_iin,
            signer_bin=expected_bin,
            subject=f"SERIALNUMBER=IIN{expected_iin}",
            serial_number="1234",
            issuer="CN=Test CA",
            not_before=now,
            not_after=now + timedelta(days=365),
            signing_time=at,
            certificate_pem="-----BEGIN CERTIFICATE-----",
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


@pytest.fixture
def review_signer(monkeypatch):
    """The coordinator's ЭЦҚ in review tests: the stand-in verifier for ``applications.signing.get_verifier``.

    Returns ``sign(application, by, **refusal)`` -> the POST data of a signed §20 refusal.
    """
    import base64

    monkeypatch.setattr("applications.signing.get_verifier", lambda: StandInVerifier())

    def sign(application, by, *, category="unreliable", reason="Деректер анық емес", grounds=(), at=None):
        from django.utils import timezone

        from applications.review.services import refusal_grounds, refusal_notice_text

        application.refresh_from_db()
        document = refusal_notice_text(
            application=application,
            category=category,
            reason=reason,
            grounds=refusal_grounds(application, grounds),
            by=by,
            at=at or timezone.now(),
        )
        return {
            "category": category,
            "reason": reason,
            "grounds": [str(g) for g in grounds],
            "cms": base64.b64encode(good_cms(document)).decode(),
        }

    return sign


@pytest.fixture
def refuse(review_signer):
    """Call the §20 service as the coordinator would, signed with the stand-in key."""
    import base64

    def refuse_(application, *, by, at=None, **refusal):
        from django.utils import timezone

        from applications.review.services import application_refuse, refusal_grounds, refusal_notice_text

        at = at or timezone.now()
        data = review_signer(application, by, at=at, **refusal)
        document = refusal_notice_text(
            application=application,
            category=data["category"],
            reason=data["reason"],
            grounds=refusal_grounds(application, data["grounds"]),
            by=by,
            at=at,
        )
        return application_refuse(
            application=application,
            category=data["category"],
            reason=data["reason"],
            grounds=data["grounds"],
            document=document,
            cms=base64.b64decode(data["cms"]),
            by=by,
            at=at,
        )

    return refuse_
