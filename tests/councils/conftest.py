from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.councils.factories import seat


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Dozens of members per test: a cheap hasher keeps the suite quick (not a security setting)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def chair_key(council, settings, monkeypatch):
    """The chair (and the secretary) hold demo ЭЦҚ keys; returns the chair, who signs the protocol (§23)."""
    settings.SIGNATURE_DEMO_SIGNER = True
    chair = seat(council, "chair").user
    chair.iin = "860904350504"
    chair.save(update_fields=["iin"])
    secretary = seat(council, "secretary").user
    secretary.iin = "900101300017"
    secretary.save(update_fields=["iin"])
    # The test keys are issued as of January 2026, so they are valid on the session's days.
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: datetime(2026, 1, 5, tzinfo=UTC))
        call_command("make_test_pki", stdout=StringIO())
    return chair
