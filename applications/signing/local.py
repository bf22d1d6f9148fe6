"""The local ЭЦҚ verifier: CMS (PKCS#7) SignedData with RSA keys, checked in-process."""

import hashlib
from datetime import datetime
from pathlib import Path
from typing import cast

from asn1crypto import cms as asn1_cms
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPublicKeyTypes
from cryptography.x509.oid import NameOID
from django.conf import settings

from .base import (
    SignatureError,
    VerifiedSignature,
    certificate_roles,
    check_signer,
    check_validity,
    decode_cms,
    sha256_hex,
    subject_identifiers,
    subject_person,
)

_NAMES = {NameOID.SERIAL_NUMBER: "SERIALNUMBER"}
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha1": hashes.SHA1,
}


def trusted_ca_paths() -> list[Path]:
    """The configured trust anchors; without any, the demo CA made by make_test_pki — in DEBUG only.

    Outside DEBUG nothing is trusted by default (the demo CA's key lies beside it), and the
    deploy check ``applications.E001`` stops the start-up until a real CA is configured.
    """
    configured = getattr(settings, "SIGNATURE_TRUSTED_CA_FILES", None)
    if configured:
        return [Path(p) for p in configured]
    if settings.DEMO_PKI_ALLOWED:
        return [Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki" / "ca.pem"]
    return []


def crl_paths() -> list[Path]:
    """Revocation lists (PEM) the local verifier reads; without any, the demo CA's list if it has one."""
    configured = getattr(settings, "SIGNATURE_CRL_FILES", None)
    if configured:
        return [Path(p) for p in configured]
    return [Path(settings.PRIVATE_MEDIA_ROOT) / "demo-pki" / "crl.pem"]


def revocation_lists() -> list[x509.CertificateRevocationList]:
    lists = []
    for path in crl_paths():
        if path.exists():
            lists.append(x509.load_pem_x509_crl(path.read_bytes()))
    return lists


def trusted_cas() -> list[x509.Certificate]:
    cas = []
    for path in trusted_ca_paths():
        if path.exists():
            cas.extend(x509.load_pem_x509_certificates(path.read_bytes()))
    return cas


class LocalCmsVerifier:
    """Checks, in order: structure, message digest, signature, dates, chain, signer (Appendix 9)."""

    def verify(
        self, *, document: bytes, cms: bytes, expected_iin: str | None, expected_bin: str | None = None, at: datetime
    ) -> VerifiedSignature:
        try:
            return self._verify(document=document, cms=cms, expected_iin=expected_iin, expected_bin=expected_bin, at=at)
        except (ValueError, TypeError, KeyError, IndexError, x509.InvalidVersion, UnsupportedAlgorithm):
            # Certificates parse lazily: a damaged key or extension surfaces only when read.
            raise SignatureError("malformed") from None

    def _verify(self, *, document, cms, expected_iin, expected_bin, at) -> VerifiedSignature:
        signed_data, signer_info = _parse(cms)
        certificate, bundle = _signer_certificate(signed_data, signer_info)
        digest_name = signer_info["digest_algorithm"]["algorithm"].native
        if digest_name not in _HASHES:
            raise SignatureError("unsupported")
        _check_content(signed_data, signer_info, document, digest_name)
        _check_signature(signer_info, certificate, document, digest_name)
        check_validity(not_before=certificate.not_valid_before_utc, not_after=certificate.not_valid_after_utc, at=at)
        issuer = _check_chain(certificate, bundle, at)
        _check_revocation(certificate, issuer, at)
        iin, bin_ = subject_identifiers(certificate.subject)
        iin = check_signer(iin=iin, bin_=bin_, expected_iin=expected_iin, expected_bin=expected_bin)
        return VerifiedSignature(
            **subject_person(certificate.subject),
            roles=certificate_roles(certificate),
            signer_iin=iin,
            signer_bin=bin_,
            subject=certificate.subject.rfc4514_string(_NAMES),
            serial_number=format(certificate.serial_number, "x"),
            issuer=certificate.issuer.rfc4514_string(_NAMES),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
            signing_time=_signed_attribute(signer_info, "signing_time"),
            certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            document_sha256=sha256_hex(document),
        )


def _parse(cms) -> tuple[asn1_cms.SignedData, asn1_cms.SignerInfo]:
    try:
        info = asn1_cms.ContentInfo.load(decode_cms(cms))
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed_data = info["content"]
        signer_infos = signed_data["signer_infos"]
        if len(signer_infos) != 1:
            raise ValueError("exactly one signer expected")
        signer_info = signer_infos[0]
        _ = signed_data.native  # forces a full parse, so broken DER fails here
        return signed_data, signer_info
    except SignatureError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):  # asn1crypto on garbage
        raise SignatureError("malformed") from None


def _signer_certificate(signed_data, signer_info) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """The signer's certificate (matched by issuer and serial) and the other certificates carried."""
    bundle = []
    for choice in signed_data["certificates"] or []:
        if choice.name == "certificate":
            try:
                bundle.append(x509.load_der_x509_certificate(choice.chosen.dump()))
            except ValueError:
                raise SignatureError("malformed") from None
    sid = signer_info["sid"]
    for certificate in bundle:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.serial_number == wanted["serial_number"].native
                and certificate.issuer.public_bytes() == wanted["issuer"].dump()
            ):
                return certificate, bundle
        elif _subject_key_id(certificate) == sid.chosen.native:
            return certificate, bundle
    raise SignatureError("malformed")


def _subject_key_id(certificate: x509.Certificate) -> bytes | None:
    try:
        return certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return None


def _signed_attribute(signer_info, name: str):
    for attribute in signer_info["signed_attrs"] or []:
        if attribute["type"].native == name:
            return attribute["values"][0].native
    return None


def _check_content(signed_data, signer_info, document: bytes, digest_name: str) -> None:
    """An attached content must be the document; the signed digest must be the document's."""
    attached = signed_data["encap_content_info"]["content"].native
    if attached is not None and bytes(attached) != document:
        raise SignatureError("digest_mismatch")
    if not signer_info["signed_attrs"]:
        return  # without signed attributes the signature itself covers the content
    signed_digest = _signed_attribute(signer_info, "message_digest")
    content_type = signed_data["encap_content_info"]["content_type"].native
    # RFC 5652 §11.1: the signed content-type must be the encapsulated content's type.
    if signed_digest is None or _signed_attribute(signer_info, "content_type") != content_type:
        raise SignatureError("malformed")
    if signed_digest != hashlib.new(digest_name, document).digest():
        raise SignatureError("digest_mismatch")


def _signature_algo(signer_info) -> str | None:
    try:
        return signer_info["signature_algorithm"].signature_algo
    except ValueError:  # an OID asn1crypto doesn't know
        return None


def _check_signature(signer_info, certificate: x509.Certificate, document: bytes, digest_name: str) -> None:
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey) or _signature_algo(signer_info) != "rsassa_pkcs1v15":
        raise SignatureError("unsupported")  # GOST keys are checked through NCANode
    if signer_info["signed_attrs"]:
        # RFC 5652 §5.4: the signature covers the attributes DER-encoded as a SET OF, not [0].
        signed = signer_info["signed_attrs"].dump()
        signed = b"\x31" + signed[1:]
    else:
        signed = document
    try:
        public_key.verify(signer_info["signature"].native, signed, padding.PKCS1v15(), _HASHES[digest_name]())
    except (InvalidSignature, ValueError):
        raise SignatureError("bad_signature") from None


def _issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(certificate: x509.Certificate) -> bool:
    """Only a CA certificate may issue: a signer's own key can't vouch for another certificate."""
    try:
        return certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def _check_chain(certificate: x509.Certificate, bundle: list[x509.Certificate], at: datetime) -> x509.Certificate:
    """Issued by a trusted CA directly, or through one intermediate carried in the CMS; returns the issuer."""
    anchors = [ca for ca in trusted_cas() if ca.not_valid_before_utc <= at <= ca.not_valid_after_utc]
    for ca in anchors:
        if _issued_by(certificate, ca):
            return ca
    for intermediate in bundle:
        if not _is_ca(intermediate) or not _issued_by(certificate, intermediate):
            continue
        valid = intermediate.not_valid_before_utc <= at <= intermediate.not_valid_after_utc
        if valid and any(_issued_by(intermediate, ca) for ca in anchors):
            return intermediate
    raise SignatureError("untrusted_ca")


def _check_revocation(certificate: x509.Certificate, issuer: x509.Certificate, at: datetime) -> None:
    """Refused when a revocation list signed by the certificate's issuer lists it as revoked by ``at``."""
    for crl in revocation_lists():
        if crl.issuer != issuer.subject or not crl.is_signature_valid(
            cast(CertificateIssuerPublicKeyTypes, issuer.public_key())
        ):
            continue  # a list nobody we trust signed proves nothing
        entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
        if entry is not None and entry.revocation_date_utc <= at:
            raise SignatureError("revoked")
