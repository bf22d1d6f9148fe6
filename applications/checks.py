"""Deploy checks: production trusts only real certification authorities (Appendix 9: ЭЦҚ)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def signature_trust_check(app_configs=None, **kwargs):
    """Outside DEBUG the demo CA (its key lies beside it) is never trusted: a real CA or NCANode must be set."""
    if settings.DEBUG:
        return []
    if settings.SIGNATURE_VERIFIER.endswith("NcaNodeVerifier"):
        if not settings.NCANODE_URL:
            return [Error("SIGNATURE_VERIFIER is NCANode but NCANODE_URL is empty.", id="applications.E002")]
        return []
    configured = [Path(p) for p in settings.SIGNATURE_TRUSTED_CA_FILES]
    demo = (Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki").resolve()
    if not configured:
        return [
            Error(
                "No trusted certification authority: set SIGNATURE_TRUSTED_CA_FILES to the PEM files of the "
                "real CAs (NCA RK), or SIGNATURE_VERIFIER=applications.signing.NcaNodeVerifier.",
                hint="Outside DEBUG the demo CA made by make_test_pki is never trusted.",
                id="applications.E001",
            )
        ]
    if any(demo in p.resolve().parents for p in configured):
        return [
            Error("SIGNATURE_TRUSTED_CA_FILES points at the demo CA made by make_test_pki.", id="applications.E003")
        ]
    return []


@register(Tags.security, deploy=True)
def audit_key_check(app_configs=None, **kwargs):
    if settings.DEBUG or settings.AUDIT_HMAC_KEY:
        return []
    return [
        Warning(
            "AUDIT_HMAC_KEY is not set: the audit journal's chain is keyed by a key derived from "
            "SECRET_KEY, and rotating SECRET_KEY would break its verification.",
            hint="Set AUDIT_HMAC_KEY (or AUDIT_HMAC_KEY_FILE) to a long random secret kept outside the "
            "database and its backups.",
            id="registry.W001",
        )
    ]
