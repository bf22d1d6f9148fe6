"""Appendix 9 (ЭЦҚ): production trusts only real CAs.

With DEBUG off and no SIGNATURE_TRUSTED_CA_FILES the demo CA (whose key lies beside it)
is not trusted; the deploy check stops the start-up at Error level; make_test_pki refuses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from applications.checks import signature_trust_check
from applications.signing import SignatureError, get_verifier
from applications.signing.signer import demo_sign
from tests.applications.test_signing import DOCUMENT, IIN, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 9")]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_signature(entrepreneur, settings):
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    settings.SIGNATURE_DEMO_SIGNER = True
    call_command("make_test_pki", stdout=StringIO())
    return demo_sign(entrepreneur, DOCUMENT)


def _verify(cms):
    return get_verifier().verify(document=DOCUMENT, cms=cms, expected_iin=IIN, expected_bin=None, at=NOW)


def test_demo_ca_trusted_in_debug(demo_signature):
    assert _verify(demo_signature).signer_iin == IIN


def test_demo_ca_never_trusted_outside_debug(demo_signature, settings):
    settings.DEMO_PKI_ALLOWED = False  # what DEBUG=false in the environment gives
    with pytest.raises(SignatureError) as refused:
        _verify(demo_signature)
    assert refused.value.code == "untrusted_ca"


@pytest.mark.parametrize(
    ("verifier", "cas", "ids"),
    [
        ("applications.signing.LocalCmsVerifier", [], ["applications.E001"]),
        ("applications.signing.LocalCmsVerifier", ["/etc/ssl/nca-rk/root.pem"], []),
        ("applications.signing.NcaNodeVerifier", [], []),
    ],
)
def test_deploy_check_needs_a_real_ca_or_ncanode(settings, verifier, cas, ids):
    settings.DEBUG = False
    settings.SIGNATURE_VERIFIER, settings.SIGNATURE_TRUSTED_CA_FILES = verifier, cas
    found = signature_trust_check()
    assert [e.id for e in found] == ids and all(e.level >= 40 for e in found)  # Error level


def test_deploy_check_refuses_the_demo_ca_as_configured_trust(settings):
    settings.DEBUG = False
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki" / "ca.pem")]
    assert [e.id for e in signature_trust_check()] == ["applications.E003"]


def test_make_test_pki_refuses_outside_debug(settings):
    settings.DEMO_PKI_ALLOWED = False
    with pytest.raises(CommandError, match="DEBUG=false"):
        call_command("make_test_pki", stdout=StringIO())
    assert not (Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki").exists()


def _prod_check(**extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_NAME", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DEBUG="false",
        SECRET_KEY="x" * 64 + "-prod-like-secret-key-for-the-check",
        ALLOWED_HOSTS="p.kz",
        CSRF_TRUSTED_ORIGINS="https://p.kz",
        AUDIT_HMAC_KEY="k" * 48,
        CELERY_BROKER_URL="memory://",
        SIGNATURE_VERIFIER="applications.signing.LocalCmsVerifier",
        SIGNATURE_TRUSTED_CA_FILES="",
    )
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_configuration_without_a_ca_fails_the_deploy_check():
    done = _prod_check()
    assert done.returncode != 0 and "applications.E001" in done.stderr
    assert _prod_check(SIGNATURE_VERIFIER="applications.signing.NcaNodeVerifier").returncode == 0
