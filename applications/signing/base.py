"""What every ЭЦҚ verifier returns or raises, and how the configured one is chosen."""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

# Why a signature was refused: code -> message shown to the applicant.
REASONS = {
    "malformed": _("The signature could not be read: it is not a valid CMS (PKCS#7) signature."),
    "digest_mismatch": _(
        "The signed document differs from the application: it was changed after signing. Please sign again."
    ),
    "bad_signature": _("The signature does not match the signer's certificate."),
    "unsupported": _("This signature algorithm is not supported by the portal's verifier."),
    "untrusted_ca": _("The certificate was not issued by a trusted certification authority (NCA RK)."),
    "expired": _("The signer's certificate has expired."),
    "not_yet_valid": _("The signer's certificate is not valid yet."),
    "iin_mismatch": _(
        "The document was signed with someone else's key: the IIN in the certificate is not the applicant's."
    ),
    "bin_mismatch": _(
        "The certificate belongs to another legal entity: the BIN in the certificate is not the applicant's."
    ),
    "wrong_password": _("The password of the key file is wrong, or the file is not a PKCS#12 (.p12) key."),
    "no_demo_key": _("There is no demo key for this user. Run manage.py make_test_pki."),
    "demo_disabled": _("The demo signer is switched off on this portal."),
    "server_signing_off": _(
        "This portal does not accept key files: your private key stays on your device. Sign with NCALayer."
    ),
    "unavailable": _("The signature verification service (NCANode) is not reachable. Please try again later."),
    "revoked": _("The signer's certificate has been revoked by the certification authority."),
}

# Texts the NCALayer script shows; the page puts them into data-msg-* attributes.
NCALAYER_TEXTS = {
    "signing": _("Confirm the signature in the NCALayer window…"),
    "absent": _(
        "NCALayer is not running on this computer. Install or start NCALayer (pki.gov.kz) and try again, "
        "or sign with a key file (.p12)."
    ),
    "cancelled": _("Signing was cancelled."),
    "error": _("NCALayer could not sign the document. Check the key and its password and try again."),
}

# NCA RK marks what a certificate's holder is in its extended key usage.
ROLE_OIDS = {
    "1.2.398.3.3.4.1.1": "individual",
    "1.2.398.3.3.4.1.2": "legal_entity",
    "1.2.398.3.3.4.1.2.1": "first_head",
    "1.2.398.3.3.4.1.2.2": "signer",
    "1.2.398.3.3.4.1.2.3": "finance_signer",
    "1.2.398.3.3.4.1.2.4": "hr",
    "1.2.398.3.3.4.1.2.5": "employee",
}

_IIN_RE = re.compile(r"^IIN(\d{12})$")
_BIN_RE = re.compile(r"^BIN(\d{12})$")


class CodedRefusal(Exception):
    """A refusal with a stable ``code`` and its ``message`` in the reader's language (the class's
    ``reason(code)`` unless given): signatures, ЭЦҚ sign-in, eGov mobile sessions."""

    def __init__(self, code: str, message=None):
        self.code = code
        self.message = message if message is not None else self.reason(code)
        super().__init__(code)

    @classmethod
    def reason(cls, code: str):
        return REASONS[code]

    def __str__(self) -> str:
        return str(self.message)


class SignatureError(CodedRefusal):
    """A refused signature: ``code`` is a key of REASONS, ``message`` the translated text."""


def signer_fields(verified: "VerifiedSignature", at: datetime) -> dict:
    """Who the certificate says signed, as plain data (kept in a session or on a signing session)."""
    return {
        "iin": verified.signer_iin,
        "bin": verified.signer_bin or "",
        "surname": getattr(verified, "surname", ""),
        "first_name": getattr(verified, "first_name", ""),
        "patronymic": getattr(verified, "patronymic", ""),
        "organisation": getattr(verified, "organisation", ""),
        "roles": list(getattr(verified, "roles", ()) or ()),
        "verified_at": at.isoformat(),
    }


@dataclass(frozen=True)
class VerifiedSignature:
    signer_iin: str
    signer_bin: str | None
    subject: str
    serial_number: str
    issuer: str
    not_before: datetime
    not_after: datetime
    signing_time: datetime | None
    certificate_pem: str
    document_sha256: str
    # Read from the subject for sign-up and the Appendix form (NCA RK: CN "SURNAME NAME",
    # SURNAME, GIVENNAME = patronymic, O = organisation); empty when the verifier can't tell.
    surname: str = ""
    first_name: str = ""
    patronymic: str = ""
    organisation: str = ""
    roles: tuple[str, ...] = ()


def get_verifier():
    """The verifier named by ``settings.SIGNATURE_VERIFIER`` (a dotted path to a class)."""
    return import_string(settings.SIGNATURE_VERIFIER)()


def sha256_hex(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


def decode_cms(value) -> bytes:
    """DER bytes from what a browser posts: base64 text (NCALayer), PEM, or DER itself."""
    if isinstance(value, bytes) and value[:1] == b"\x30":
        return value
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")
    text = re.sub(r"-----[A-Z0-9 #]+-----", "", text)
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("malformed") from None


def verify_own(*, document: bytes, cms: bytes | str, by, at: datetime) -> tuple[bytes, VerifiedSignature]:
    """An official's own ЭЦҚ over ``document`` (their IIN on the certificate), checked by the same
    verifier as the applicant's: (the CMS as DER, what was verified). A refused signature is the
    service's refusal (``ValidationError``, its message in the reader's language)."""
    from django.core.exceptions import ValidationError

    from applications import signing  # the package's verifier, as configured (and as tests stand it in)

    try:
        # Text is what a browser posts (base64 or PEM); bytes are the signature itself (a demo key, a phone).
        der = decode_cms(cms) if isinstance(cms, str) else bytes(cms)
        verifier = signing.get_verifier()
        return der, verifier.verify(document=document, cms=der, expected_iin=by.iin, expected_bin=None, at=at)
    except SignatureError as error:
        raise ValidationError(str(error.message), code=error.code) from None


def subject_identifiers(name: x509.Name) -> tuple[str | None, str | None]:
    """(IIN, BIN) from an NCA-style subject: serialNumber=IIN…, OU=BIN…."""
    iin = bin_ = None
    for attribute in name.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        if match := _IIN_RE.match(str(attribute.value)):
            iin = match.group(1)
    for attribute in name.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME):
        if match := _BIN_RE.match(str(attribute.value)):
            bin_ = match.group(1)
    return iin, bin_


def subject_person(name: x509.Name) -> dict:
    """Surname, first name, patronymic and organisation from an NCA-style subject."""

    def first(oid) -> str:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value).strip() if values else ""

    common, surname = first(NameOID.COMMON_NAME), first(NameOID.SURNAME)
    first_name = common[len(surname) :].strip() if surname and common.startswith(surname) else ""
    if not surname and " " in common:
        surname, first_name = common.split(" ", 1)
    return {
        "surname": surname,
        "first_name": first_name,
        "patronymic": first(NameOID.GIVEN_NAME),
        "organisation": first(NameOID.ORGANIZATION_NAME),
    }


def certificate_roles(certificate: x509.Certificate) -> tuple[str, ...]:
    try:
        usages = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return ()
    return tuple(ROLE_OIDS[oid.dotted_string] for oid in usages if oid.dotted_string in ROLE_OIDS)


def check_signer(*, iin: str | None, bin_: str | None, expected_iin: str | None, expected_bin: str | None) -> str:
    """The certificate must be the applicant's own (and the legal entity's, when one applies).

    ``expected_iin=None`` (ЭЦҚ sign-in: the certificate says who signs) still needs an IIN in it.
    """
    if not iin or (expected_iin is not None and iin != expected_iin):
        raise SignatureError("iin_mismatch")
    if expected_bin and bin_ != expected_bin:
        raise SignatureError("bin_mismatch")
    return iin


def check_validity(*, not_before: datetime, not_after: datetime, at: datetime) -> None:
    if at < not_before:
        raise SignatureError("not_yet_valid")
    if at > not_after:
        raise SignatureError("expired")
