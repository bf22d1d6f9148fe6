"""ЭЦҚ (electronic digital signature) of the application (issue 3, Appendix 9).

    from applications.signing import get_verifier, SignatureError
    signature = get_verifier().verify(document=..., cms=..., expected_iin=..., expected_bin=None, at=now)

The verifier class is ``settings.SIGNATURE_VERIFIER``: ``LocalCmsVerifier``
(RSA CMS, trusted CAs from ``SIGNATURE_TRUSTED_CA_FILES``) or ``NcaNodeVerifier``
(``NCANODE_URL``). ``sign_cms``, ``sign_with_p12`` and ``demo_sign`` produce
signatures for the demo and the tests.
"""

from .base import (
    NCALAYER_TEXTS,
    REASONS,
    CodedRefusal,
    SignatureError,
    VerifiedSignature,
    decode_cms,
    get_verifier,
    sha256_hex,
    signer_fields,
    verify_own,
)
from .local import LocalCmsVerifier
from .ncanode import NcaNodeVerifier
from .signer import demo_sign, sign_cms, sign_with_p12

__all__ = [
    "NCALAYER_TEXTS",
    "REASONS",
    "CodedRefusal",
    "LocalCmsVerifier",
    "NcaNodeVerifier",
    "SignatureError",
    "VerifiedSignature",
    "decode_cms",
    "demo_sign",
    "get_verifier",
    "sha256_hex",
    "sign_cms",
    "sign_with_p12",
    "signer_fields",
    "verify_own",
]
