"""The NCANode verifier: production ЭЦҚ (GOST keys of NCA RK) checked by an NCANode v3 server."""

import base64
import json
import logging
import urllib.error
import urllib.request
from datetime import datetime

from asn1crypto import cms as asn1_cms
from asn1crypto import pem as asn1_pem
from django.conf import settings
from django.utils.dateparse import parse_datetime

from .base import SignatureError, VerifiedSignature, check_signer, check_validity, decode_cms, sha256_hex

logger = logging.getLogger(__name__)


class NcaNodeVerifier:
    """POSTs to ``{NCANODE_URL}/cms/verify`` and reads the signer from the answer (Appendix 9)."""

    def __init__(self, url: str | None = None, timeout: float | None = None):
        self.url = (url or settings.NCANODE_URL).rstrip("/") + "/cms/verify"
        self.timeout = timeout if timeout is not None else getattr(settings, "NCANODE_TIMEOUT", 10)

    def verify(
        self, *, document: bytes, cms: bytes, expected_iin: str | None, expected_bin: str | None = None, at: datetime
    ) -> VerifiedSignature:
        try:
            return self._verify(document=document, cms=cms, expected_iin=expected_iin, expected_bin=expected_bin, at=at)
        except (AttributeError, TypeError, KeyError, IndexError):
            logger.warning("NCANode at %s gave an answer of an unexpected shape", self.url)
            raise SignatureError("unavailable") from None

    def _verify(self, *, document, cms, expected_iin, expected_bin, at) -> VerifiedSignature:
        der = decode_cms(cms)
        answer = self._post(
            {
                "cms": base64.b64encode(der).decode("ascii"),
                "data": base64.b64encode(document).decode("ascii"),
                "revocationCheck": ["OCSP"],
            }
        )
        certificate = _signer_certificate_info(answer)
        not_before, not_after = _date(certificate, "notBefore"), _date(certificate, "notAfter")
        if not answer.get("valid"):
            raise _refusal(certificate, not_before, not_after, at)
        if not_before is None or not_after is None:
            raise SignatureError("malformed")  # a valid answer names the certificate's validity
        check_validity(not_before=not_before, not_after=not_after, at=at)
        subject = certificate.get("subject") or {}
        iin, bin_ = subject.get("iin") or None, subject.get("bin") or None
        iin = check_signer(iin=iin, bin_=bin_, expected_iin=expected_iin, expected_bin=expected_bin)
        return VerifiedSignature(
            surname=subject.get("surName") or subject.get("lastName") or "",
            first_name=subject.get("firstName") or "",
            patronymic=subject.get("middleName") or subject.get("patronymic") or "",
            organisation=subject.get("organization") or "",
            signer_iin=iin,
            signer_bin=bin_,
            subject=subject.get("dn") or subject.get("commonName", ""),
            serial_number=str(certificate.get("serialNumber", "")),
            issuer=(certificate.get("issuer") or {}).get("dn", ""),
            not_before=not_before,
            not_after=not_after,
            signing_time=_date((answer.get("signers") or [{}])[0].get("tsp") or {}, "genTime"),
            certificate_pem=_certificate_pem(der),
            document_sha256=sha256_hex(document),
        )

    def _post(self, payload: dict) -> dict:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            # NCANode answers 400 (with a JSON body) to a CMS it can't read.
            if 400 <= error.code < 500:
                raise SignatureError("malformed") from None
            logger.warning("NCANode answered HTTP %s at %s", error.code, self.url)
            raise SignatureError("unavailable") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            logger.warning("NCANode is not reachable at %s: %s", self.url, error)
            raise SignatureError("unavailable") from None
        except ValueError:
            raise SignatureError("unavailable") from None


def _signer_certificate_info(answer: dict) -> dict:
    """The signer's own certificate: the first of the first signer's chain."""
    status = answer.get("status", 200)
    if status != 200:
        raise SignatureError("malformed")
    signers = answer.get("signers") or []
    certificates = (signers[0].get("certificates") or []) if signers else []
    return certificates[0] if certificates else {}


def _refusal(certificate: dict, not_before, not_after, at: datetime) -> SignatureError:
    """The most specific reason NCANode's answer allows for ``valid: false``."""
    if not certificate:
        return SignatureError("bad_signature")
    if not_after and at > not_after:
        return SignatureError("expired")
    if not_before and at < not_before:
        return SignatureError("not_yet_valid")
    # NCANode reports an OCSP/CRL answer per certificate; a revoked one is named as such.
    for check in certificate.get("revocations") or []:
        if check.get("revoked"):
            return SignatureError("revoked")
    if certificate.get("valid") is False:
        return SignatureError("untrusted_ca")
    return SignatureError("bad_signature")


def _date(data: dict, key: str) -> datetime | None:
    value = data.get(key)
    if not value:
        return None
    try:
        return parse_datetime(str(value).replace(" ", "T", 1))
    except ValueError:
        return None


def _certificate_pem(der: bytes) -> str:
    """The signer's certificate as PEM, read from the CMS (GOST certificates parse as plain ASN.1)."""
    try:
        signed_data = asn1_cms.ContentInfo.load(der)["content"]
        certificate = signed_data["certificates"][0].chosen
        return asn1_pem.armor("CERTIFICATE", certificate.dump()).decode("ascii")
    except (ValueError, TypeError, KeyError, IndexError):  # a convenience: NCANode has judged the signature
        return ""
