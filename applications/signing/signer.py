"""Producing CMS signatures for the demo and the tests (real applicants sign in NCALayer)."""

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from django.conf import settings

from .base import SignatureError
from .pki import user_key_dir


def sign_cms(document: bytes, key, cert: x509.Certificate) -> bytes:
    """A detached CMS SignedData (DER) over ``document``: SHA-256, signed attributes, certificate included."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(document)
        .add_signer(cert, key, hashes.SHA256())
        .sign(
            serialization.Encoding.DER,
            # Binary: sign the exact bytes (no MIME line-ending canonicalisation).
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )


def sign_with_p12(p12: bytes, password: str | bytes, document: bytes) -> bytes:
    """DEMO ONLY: signs with the key of an uploaded .p12 container; a wrong password is a clear refusal.

    Only where the demo signer is on (``SIGNATURE_DEMO_SIGNER``): in production the private key
    never leaves the person's device, so the server refuses a key file whoever sends one.
    """
    if not getattr(settings, "SIGNATURE_DEMO_SIGNER", False):
        raise SignatureError("server_signing_off")
    if isinstance(password, str):
        password = password.encode()
    try:
        key, cert, _chain = pkcs12.load_key_and_certificates(p12, password or None)
    except (ValueError, TypeError):
        raise SignatureError("wrong_password") from None
    if key is None or cert is None:
        raise SignatureError("wrong_password")
    return sign_cms(document, key, cert)


def demo_sign(user, document: bytes) -> bytes:
    """DEMO ONLY: signs with the test key ``make_test_pki`` seeded for ``user``.

    Switched on by ``SIGNATURE_DEMO_SIGNER``; a production portal leaves it off,
    and its verifier does not trust the demo CA anyway.
    """
    if not getattr(settings, "SIGNATURE_DEMO_SIGNER", False):
        raise SignatureError("demo_disabled")
    folder = user_key_dir(user.username)
    try:
        key = serialization.load_pem_private_key((folder / "key.pem").read_bytes(), password=None)
        cert = x509.load_pem_x509_certificate((folder / "cert.pem").read_bytes())
    except (OSError, ValueError):
        raise SignatureError("no_demo_key") from None
    return sign_cms(document, key, cert)
