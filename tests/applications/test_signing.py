"""ЭЦҚ signing of the application: accepted, and refused for each reason (issue 3, Appendix 9)."""

import base64
import hashlib
import json
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from applications.signing import (
    LocalCmsVerifier,
    NcaNodeVerifier,
    SignatureError,
    demo_sign,
    get_verifier,
    sign_cms,
    sign_with_p12,
)
from applications.signing.pki import (
    DEMO_P12_PASSWORD,
    cert_pem,
    demo_pki_dir,
    make_ca,
    make_person_cert,
    p12_bytes,
    user_key_dir,
)

pytestmark = pytest.mark.rule("Appendix 9")

NOW = datetime.now(UTC).replace(microsecond=0)
IIN = "900101300017"  # the conftest entrepreneur
OTHER_IIN = "860904350504"
BIN = "990540002276"
OTHER_BIN = "050140000656"
DOCUMENT = json.dumps({"project_name": "Су құбыры", "cost": "1250.50"}, ensure_ascii=False).encode() + b"\n"


class Pki:
    """Keys made once per test session (RSA 2048 takes a moment)."""

    def __init__(self):
        self.ca_key, self.ca = make_ca(now=NOW)
        self.foreign_ca_key, self.foreign_ca = make_ca(now=NOW, common_name="Somebody else's CA")
        self.person = self.issue(iin=IIN)
        self.other_person = self.issue(iin=OTHER_IIN)
        self.legal_entity_head = self.issue(iin=IIN, bin_=BIN)
        self.expired = self.issue(iin=IIN, not_before=NOW - timedelta(days=400), not_after=NOW - timedelta(days=1))
        self.foreign = self.issue(iin=IIN, ca=(self.foreign_ca_key, self.foreign_ca))
        # A key issued by an ordinary signer's key, not by a CA: must not be trusted.
        self.leaf_issued = self.issue(iin=OTHER_IIN, ca=self.person)

    def issue(self, *, iin, bin_=None, ca=None, not_before=None, not_after=None):
        ca_key, ca_cert = ca or (self.ca_key, self.ca)
        return make_person_cert(
            ca_key=ca_key,
            ca_cert=ca_cert,
            full_name="Сәрсенбаев Ерлан",
            iin=iin,
            bin_=bin_,
            not_before=not_before or NOW - timedelta(days=1),
            not_after=not_after or NOW + timedelta(days=365),
        )


@pytest.fixture(scope="session")
def pki():
    return Pki()


@pytest.fixture
def trusted(pki, settings, tmp_path):
    path = tmp_path / "trusted-ca.pem"
    path.write_bytes(cert_pem(pki.ca))
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(path)]
    return path


def verify(cms, *, document=DOCUMENT, iin=IIN, bin_=None, at=NOW):
    return get_verifier().verify(document=document, cms=cms, expected_iin=iin, expected_bin=bin_, at=at)


def refusal(cms, **kwargs) -> SignatureError:
    with pytest.raises(SignatureError) as caught:
        verify(cms, **kwargs)
    return caught.value


# --- the local verifier -------------------------------------------------------------


def test_valid_signature_is_accepted_with_its_details(pki, trusted):
    signature = verify(sign_cms(DOCUMENT, *pki.person))
    assert signature.signer_iin == IIN
    assert signature.signer_bin is None
    assert "SERIALNUMBER=IIN900101300017" in signature.subject
    assert "CN=Сәрсенбаев Ерлан" in signature.subject
    assert "DEMO TEST CA" in signature.issuer
    assert signature.document_sha256 == hashlib.sha256(DOCUMENT).hexdigest()
    assert signature.not_before <= NOW <= signature.not_after
    assert abs(signature.signing_time - datetime.now(UTC)) < timedelta(minutes=5)
    assert signature.certificate_pem.startswith("-----BEGIN CERTIFICATE-----")
    assert signature.serial_number == format(pki.person[1].serial_number, "x")


def test_signature_posted_as_base64_text_is_accepted(pki, trusted):
    """NCALayer hands the page base64 text, which the form posts as is."""
    cms = base64.b64encode(sign_cms(DOCUMENT, *pki.person)).decode()
    assert verify(cms).signer_iin == IIN


def test_attached_content_signature_is_accepted_and_must_be_the_document(pki, trusted):
    attached = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(DOCUMENT)
        .add_signer(pki.person[1], pki.person[0], hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )
    assert verify(attached).signer_iin == IIN
    assert refusal(attached, document=DOCUMENT.replace(b"1250.50", b"9250.50")).code == "digest_mismatch"


def test_tampered_document_is_refused(pki, trusted):
    cms = sign_cms(DOCUMENT, *pki.person)
    error = refusal(cms, document=DOCUMENT.replace(b"1250.50", b"9250.50"))
    assert error.code == "digest_mismatch"
    with translation.override("en"):
        assert "changed after signing" in str(error)


def test_forged_signature_value_is_refused(pki, trusted):
    cms = sign_cms(DOCUMENT, *pki.person)
    from asn1crypto import cms as asn1_cms

    value = asn1_cms.ContentInfo.load(cms)["content"]["signer_infos"][0]["signature"].native
    forged = cms.replace(value, bytes([value[0] ^ 0xFF]) + value[1:])
    assert refusal(forged).code == "bad_signature"


def test_wrong_signer_is_refused(pki, trusted):
    """Another person's valid key: the certificate's IIN is not the applicant's."""
    assert refusal(sign_cms(DOCUMENT, *pki.other_person)).code == "iin_mismatch"


def test_expired_certificate_is_refused(pki, trusted):
    assert refusal(sign_cms(DOCUMENT, *pki.expired)).code == "expired"


def test_certificate_not_yet_valid_is_refused(pki, trusted):
    error = refusal(sign_cms(DOCUMENT, *pki.person), at=NOW - timedelta(days=30))
    assert error.code == "not_yet_valid"


def test_certificate_from_a_foreign_ca_is_refused(pki, trusted):
    assert refusal(sign_cms(DOCUMENT, *pki.foreign)).code == "untrusted_ca"


def test_certificate_of_an_expired_ca_is_refused(pki, settings, tmp_path):
    old_ca_key, old_ca = make_ca(now=NOW - timedelta(days=11 * 365), years=10)
    path = tmp_path / "old-ca.pem"
    path.write_bytes(cert_pem(old_ca))
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(path)]
    key, cert = pki.issue(iin=IIN, ca=(old_ca_key, old_ca))
    assert refusal(sign_cms(DOCUMENT, key, cert)).code == "untrusted_ca"


def test_certificate_issued_by_an_ordinary_signer_key_is_refused(pki, trusted):
    """Carrying the issuing (non-CA) certificate in the CMS doesn't make it a CA."""
    key, cert = pki.leaf_issued
    cms = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(DOCUMENT)
        .add_signer(cert, key, hashes.SHA256())
        .add_certificate(pki.person[1])
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
    )
    assert refusal(cms, iin=OTHER_IIN).code == "untrusted_ca"


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"garbage",
        b"\x30\x03\x02\x01\x05",
        base64.b64encode(b"not a cms"),
        "%%%",
        b"\x30\x82\xff\xff" + b"\x00" * 8,
    ],
)
def test_garbage_cms_is_refused(pki, trusted, garbage):
    assert refusal(garbage).code == "malformed"


@pytest.mark.filterwarnings("ignore::cryptography.utils.CryptographyDeprecationWarning")
def test_damaged_cms_bytes_never_crash_the_verifier(pki, trusted):
    """Every other byte flipped in turn: a clear refusal, never a 500 (or, in unsigned metadata, the same signer)."""
    cms = sign_cms(DOCUMENT, *pki.legal_entity_head)
    for position in range(0, len(cms), 2):
        damaged = cms[:position] + bytes([cms[position] ^ 0xFF]) + cms[position + 1 :]
        try:
            signature = verify(damaged, bin_=BIN)
        except SignatureError:
            continue
        assert (signature.signer_iin, signature.signer_bin) == (IIN, BIN)


def test_legal_entity_signature_needs_the_entitys_bin(pki, trusted):
    cms = sign_cms(DOCUMENT, *pki.legal_entity_head)
    assert verify(cms, bin_=BIN).signer_bin == BIN
    assert refusal(cms, bin_=OTHER_BIN).code == "bin_mismatch"
    # An individual's key can't sign for a legal entity.
    assert refusal(sign_cms(DOCUMENT, *pki.person), bin_=BIN).code == "bin_mismatch"


def test_refusal_reasons_are_translated(pki, trusted):
    error = refusal(sign_cms(DOCUMENT, *pki.other_person))
    with translation.override("ru"):
        assert str(error) == "Документ подписан чужим ключом: ИИН в сертификате не совпадает с ИИН заявителя."
    with translation.override("kk"):
        assert (
            str(error)
            == "Құжатқа басқа адамның кілтімен қол қойылған: сертификаттағы ЖСН өтініш берушінің ЖСН-іне сәйкес келмейді."
        )


def test_nothing_is_trusted_without_the_ca_file(pki, settings, tmp_path):
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(tmp_path / "missing.pem")]
    assert refusal(sign_cms(DOCUMENT, *pki.person)).code == "untrusted_ca"


def test_the_verifier_is_chosen_by_the_setting(settings):
    settings.SIGNATURE_VERIFIER = "applications.signing.NcaNodeVerifier"
    assert isinstance(get_verifier(), NcaNodeVerifier)
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    assert isinstance(get_verifier(), LocalCmsVerifier)


# --- signing with a .p12 and with the demo signer -------------------------------------


def test_signing_with_a_p12_and_its_password(pki, trusted):
    key, cert = pki.person
    p12 = p12_bytes(key=key, cert=cert, ca_cert=pki.ca, password="s3cret", friendly_name="test")
    assert verify(sign_with_p12(p12, "s3cret", DOCUMENT)).signer_iin == IIN


@pytest.mark.parametrize("password", ["wrong", "", b"S3CRET"])
def test_p12_with_a_wrong_password_is_refused(pki, password):
    key, cert = pki.person
    p12 = p12_bytes(key=key, cert=cert, ca_cert=pki.ca, password="s3cret", friendly_name="test")
    with pytest.raises(SignatureError) as caught:
        sign_with_p12(p12, password, DOCUMENT)
    assert caught.value.code == "wrong_password"


def test_a_file_that_is_not_a_p12_is_refused():
    with pytest.raises(SignatureError) as caught:
        sign_with_p12(b"%PDF-1.7 not a key", "x", DOCUMENT)
    assert caught.value.code == "wrong_password"


def test_demo_pki_command_seeds_keys_the_default_verifier_trusts(entrepreneur, settings):
    settings.SIGNATURE_TRUSTED_CA_FILES = []  # the default: the demo CA
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_DEMO_SIGNER = True
    call_command("make_test_pki", stdout=StringIO())
    signature = verify(demo_sign(entrepreneur, DOCUMENT))
    assert signature.signer_iin == IIN and "DEMO TEST CA" in signature.issuer
    # The .p12 opens with the printed demo password.
    p12 = (user_key_dir(entrepreneur.username) / "user.p12").read_bytes()
    assert verify(sign_with_p12(p12, DEMO_P12_PASSWORD, DOCUMENT)).signer_iin == IIN
    assert "NOT FOR REAL SIGNATURES" in (demo_pki_dir() / "README.txt").read_text()


def test_demo_pki_command_is_idempotent_and_force_renews(entrepreneur, outsider):
    out = StringIO()
    call_command("make_test_pki", stdout=out)
    assert DEMO_P12_PASSWORD in out.getvalue()
    ca, cert = (demo_pki_dir() / "ca.pem").read_bytes(), (user_key_dir("entrepreneur") / "cert.pem").read_bytes()
    call_command("make_test_pki", stdout=StringIO())
    assert (demo_pki_dir() / "ca.pem").read_bytes() == ca
    assert (user_key_dir("entrepreneur") / "cert.pem").read_bytes() == cert
    call_command("make_test_pki", "--force", stdout=StringIO())
    assert (demo_pki_dir() / "ca.pem").read_bytes() != ca
    assert (user_key_dir("entrepreneur") / "cert.pem").read_bytes() != cert


def test_demo_pki_command_issues_legal_entity_keys(entrepreneur, settings):
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    settings.SIGNATURE_DEMO_SIGNER = True
    call_command("make_test_pki", "--bin", f"entrepreneur:{BIN}", stdout=StringIO())
    assert verify(demo_sign(entrepreneur, DOCUMENT), bin_=BIN).signer_bin == BIN
    with pytest.raises(CommandError):
        call_command("make_test_pki", "--bin", "entrepreneur:123", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("make_test_pki", "--bin", f"nobody:{BIN}", stdout=StringIO())


def test_demo_signer_refuses_when_off_or_without_a_key(entrepreneur, settings):
    settings.SIGNATURE_DEMO_SIGNER = True
    with pytest.raises(SignatureError) as caught:
        demo_sign(entrepreneur, DOCUMENT)
    assert caught.value.code == "no_demo_key"
    settings.SIGNATURE_DEMO_SIGNER = False
    with pytest.raises(SignatureError) as caught:
        demo_sign(entrepreneur, DOCUMENT)
    assert caught.value.code == "demo_disabled"


# --- the NCANode client ------------------------------------------------------------------


class FakeNcaNode(BaseHTTPRequestHandler):
    """Answers /cms/verify like NCANode v3; the test sets ``answer`` (status, body)."""

    answer: ClassVar[tuple] = (200, {})
    delay = 0.0
    received: ClassVar[list] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.path, body))
        time.sleep(self.delay)
        status, payload = self.answer
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture
def ncanode(settings):
    FakeNcaNode.answer, FakeNcaNode.delay, FakeNcaNode.received = (200, {}), 0.0, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNcaNode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SIGNATURE_VERIFIER = "applications.signing.NcaNodeVerifier"
    settings.NCANODE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.NCANODE_TIMEOUT = 1.0
    yield FakeNcaNode
    server.shutdown()
    server.server_close()


def ncanode_answer(*, valid=True, iin=IIN, bin_="", cert_valid=True, not_after=NOW + timedelta(days=300)):
    return {
        "status": 200,
        "message": "",
        "valid": valid,
        "signers": [
            {
                "certificates": [
                    {
                        "valid": cert_valid,
                        "notBefore": (NOW - timedelta(days=30)).isoformat(),
                        "notAfter": not_after.isoformat(),
                        "serialNumber": "4f1c2a",
                        "subject": {
                            "commonName": "СӘРСЕНБАЕВ ЕРЛАН",
                            "iin": iin,
                            "bin": bin_,
                            "dn": f"CN=СӘРСЕНБАЕВ ЕРЛАН,SERIALNUMBER=IIN{iin}",
                        },
                        "issuer": {
                            "commonName": "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST)",
                            "dn": "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST),C=KZ",
                        },
                    }
                ],
                "tsp": {"genTime": NOW.isoformat()},
            }
        ],
    }


def test_ncanode_valid_signature_is_accepted(pki, ncanode):
    ncanode.answer = (200, ncanode_answer())
    cms = sign_cms(DOCUMENT, *pki.person)
    signature = verify(cms)
    assert signature.signer_iin == IIN
    assert "SERIALNUMBER=IIN900101300017" in signature.subject
    assert "GOST" in signature.issuer
    assert signature.signing_time == NOW
    assert signature.certificate_pem.startswith("-----BEGIN CERTIFICATE-----")
    path, body = ncanode.received[0]
    assert path == "/cms/verify"
    assert base64.b64decode(body["cms"]) == cms
    assert base64.b64decode(body["data"]) == DOCUMENT


def test_ncanode_legal_entity_bin_is_checked(pki, ncanode):
    ncanode.answer = (200, ncanode_answer(bin_=BIN))
    cms = sign_cms(DOCUMENT, *pki.person)
    assert verify(cms, bin_=BIN).signer_bin == BIN
    assert refusal(cms, bin_=OTHER_BIN).code == "bin_mismatch"


@pytest.mark.parametrize(
    "answer, reason",
    [
        (ncanode_answer(valid=False), "bad_signature"),
        (ncanode_answer(valid=False, cert_valid=False), "untrusted_ca"),
        (ncanode_answer(valid=False, not_after=NOW - timedelta(days=1)), "expired"),
        (ncanode_answer(iin=OTHER_IIN), "iin_mismatch"),
        ({"status": 400, "message": "Invalid CMS"}, "malformed"),
    ],
)
def test_ncanode_invalid_signatures_are_refused(pki, ncanode, answer, reason):
    ncanode.answer = (200, answer)
    assert refusal(sign_cms(DOCUMENT, *pki.person)).code == reason


@pytest.mark.parametrize("answer", [[], "ok", {"valid": True, "signers": "x"}, {"valid": True, "signers": [[]]}])
def test_ncanode_answer_of_an_unexpected_shape_is_unavailable(pki, ncanode, answer):
    ncanode.answer = (200, answer)
    assert refusal(sign_cms(DOCUMENT, *pki.person)).code == "unavailable"


def test_ncanode_http_400_means_an_unreadable_cms(ncanode):
    ncanode.answer = (400, {"status": 400, "message": "Failed to parse CMS"})
    assert refusal(base64.b64encode(b"\x30\x00")).code == "malformed"


def test_ncanode_unreachable_is_a_clear_error(settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SIGNATURE_VERIFIER = "applications.signing.NcaNodeVerifier"
    settings.NCANODE_URL = f"http://127.0.0.1:{port}"
    error = refusal(base64.b64encode(b"\x30\x00"))
    assert error.code == "unavailable"
    with translation.override("ru"):
        assert "NCANode" in str(error) and "недоступен" in str(error)


def test_ncanode_timeout_and_server_error_are_unavailable(ncanode, settings):
    settings.NCANODE_TIMEOUT = 0.2
    ncanode.delay = 1.0
    assert refusal(base64.b64encode(b"\x30\x00")).code == "unavailable"
    ncanode.delay = 0.0
    ncanode.answer = (503, {})
    assert refusal(base64.b64encode(b"\x30\x00")).code == "unavailable"
