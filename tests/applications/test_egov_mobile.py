"""eGov mobile QR signing (issue 13): the test client plays the phone with the test PKI.

The phone reads the QR payload (``mobileSign:<link>``), fetches the description and the
document, signs with its key and puts the CMS back; the browser's page follows by polling.
"""

import base64
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from applications.models import MobileSigning, Status
from applications.signing import sign_cms
from applications.signing.pki import cert_pem, make_ca, make_person_cert

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 9")]

NOW = datetime.now(UTC).replace(microsecond=0)
NEW_IIN = "880312400155"
ENTREPRENEUR_IIN = "900101300017"  # tests/conftest.py
User = get_user_model()


@pytest.fixture(scope="module")
def keys():
    ca_key, ca = make_ca(now=NOW)

    def issue(iin, name):
        return make_person_cert(
            ca_key=ca_key,
            ca_cert=ca,
            full_name=name,
            iin=iin,
            not_before=NOW - timedelta(days=1),
            not_after=NOW + timedelta(days=365),
        )

    return {
        "ca": ca,
        "new": issue(NEW_IIN, "Жұмабаева Айгүл"),
        "entrepreneur": issue(ENTREPRENEUR_IIN, "Сейітов Ерлан"),
        "other": issue("860904350504", "Басқа Адам"),
    }


@pytest.fixture(autouse=True)
def trusted(keys, settings, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_bytes(cert_pem(keys["ca"]))
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(path)]
    settings.PORTAL_BASE_URL = "http://testserver"


class Phone:
    """eGov mobile, as the protocol describes it, with a key from the test PKI."""

    def __init__(self, credentials, language="kk"):
        self.client = Client(HTTP_ACCEPT_LANGUAGE=language)
        self.credentials = credentials

    def read(self, page: str) -> dict:
        payload = re.search(r'data-payload="mobileSign:([^"]+)"', page).group(1)
        description = self.client.get(urlsplit(payload).path).json()
        self.uri = urlsplit(description["document"]["uri"]).path
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {description['document']['auth_token']}"}
        return description

    def fetch(self) -> dict:
        return self.client.get(self.uri, **self.auth).json()

    def sign_and_send(self, *, document: bytes | None = None, auth=None):
        to_sign = self.fetch() if document is None else None
        data = (
            base64.b64decode(to_sign["documentsToSign"][0]["document"]["file"]["data"])
            if document is None
            else document
        )
        body = {
            "signMethod": "CMS_SIGN_ONLY",
            "documentsToSign": [
                {
                    "id": 1,
                    "document": {
                        "file": {
                            "mime": "application/json",
                            "data": base64.b64encode(sign_cms(data, *self.credentials)).decode(),
                        }
                    },
                }
            ],
        }
        return self.client.put(self.uri, body, content_type="application/json", **(auth or self.auth))


def start_sign_in(browser) -> tuple[str, str]:
    page = browser.post("/kk/signin/egov/").content.decode()
    status_url = re.search(r'hx-get="([^"]+)"', page).group(1)
    return page, status_url


# --- sign-in on a phone ----------------------------------------------------------------------


def test_a_new_person_signs_in_with_eGov_mobile_and_a_second_time_reaches_the_same_cabinet(client, keys):
    page, status_url = start_sign_in(client)
    assert "https://mgovsign.page.link/?link=http%3A%2F%2Ftestserver%2Fegov-mobile%2F" in page
    assert "https://egovbusiness.page.link/?link=" in page
    assert 'src="data:image/svg+xml' in page
    assert client.get(status_url, HTTP_HX_REQUEST="true").status_code == 200  # still waiting

    phone = Phone(keys["new"])
    description = phone.read(page)
    assert description["document"]["auth_type"] == "Token" and "expiry_date" in description
    to_sign = phone.fetch()
    assert to_sign["signMethod"] == "CMS_SIGN_ONLY"
    assert b'"purpose":"sign-in"' in base64.b64decode(to_sign["documentsToSign"][0]["document"]["file"]["data"])
    assert phone.sign_and_send().status_code == 200

    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/kk/signin/sign-up/"
    client.post(
        "/kk/signin/sign-up/", {"email": "a@example.kz", "phone": "+77012345678", "language": "kk", "consent": "on"}
    )
    user = User.objects.get(iin=NEW_IIN)
    client.post("/kk/logout/")

    page, status_url = start_sign_in(client)
    phone = Phone(keys["new"])
    phone.read(page)
    phone.sign_and_send()
    assert client.get(status_url, HTTP_HX_REQUEST="true")["HX-Redirect"] == "/kk/cabinet/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_another_browser_cannot_take_the_phones_sign_in(client, keys, entrepreneur):
    page, status_url = start_sign_in(client)
    phone = Phone(keys["entrepreneur"])
    phone.read(page)
    phone.sign_and_send()
    intruder = Client()
    assert intruder.get(status_url).status_code == 404
    assert "_auth_user_id" not in intruder.session


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "Қол қою сеансына қолтаңба бұрын алынған."),
        ("ru", "Этот сеанс подписания уже получил подпись."),
    ],
)
def test_a_reused_session_is_refused_in_the_phones_language(client, keys, language, message):
    page, _status = start_sign_in(client)
    phone = Phone(keys["new"], language=language)
    phone.read(page)
    assert phone.sign_and_send().status_code == 200
    again = phone.sign_and_send(document=b"anything")
    assert again.status_code == 409 and message in again.json()["message"]


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "Қол қою сеансының мерзімі өтті"),
        ("ru", "Срок сеанса подписания истёк"),
    ],
)
def test_an_expired_session_is_refused(client, keys, language, message):
    page, status_url = start_sign_in(client)
    phone = Phone(keys["new"], language=language)
    phone.read(page)
    data = base64.b64decode(phone.fetch()["documentsToSign"][0]["document"]["file"]["data"])
    MobileSigning.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = phone.sign_and_send(document=data)
    assert response.status_code == 410 and message in response.json()["message"]
    assert client.get(status_url, HTTP_HX_REQUEST="true").status_code == 286  # the page stops polling
    assert "_auth_user_id" not in client.session


def test_a_signature_over_another_document_is_refused_and_ends_the_session(client, keys):
    page, status_url = start_sign_in(client)
    phone = Phone(keys["new"])
    phone.read(page)
    response = phone.sign_and_send(document=b'{"purpose":"sign-in","nonce":"forged"}')
    assert response.status_code == 400
    refused = client.get(status_url, HTTP_HX_REQUEST="true")
    from django.utils import translation

    from applications.signing import REASONS

    with translation.override("kk"):
        assert refused.status_code == 286 and str(REASONS["digest_mismatch"]) in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_token_gets_nothing(client, keys):
    page, _status = start_sign_in(client)
    phone = Phone(keys["new"])
    phone.read(page)
    wrong = {"HTTP_AUTHORIZATION": "Bearer not-the-token"}
    assert phone.client.get(phone.uri, **wrong).status_code == 401
    assert phone.sign_and_send(auth=wrong).status_code == 401
    assert MobileSigning.objects.get().state == MobileSigning.State.WAITING


def test_unknown_sessions_answer_404(client):
    assert client.get("/egov-mobile/nope/").status_code == 404
    assert client.put("/egov-mobile/nope/documents/", "{}", content_type="application/json").status_code == 404


# --- the application signed on a phone -----------------------------------------------------------


def test_the_applicant_signs_the_application_on_the_phone_and_it_is_submitted(client, keys, entrepreneur, draft):
    client.force_login(entrepreneur)
    page = client.post(f"/kk/applications/{draft.pk}/sign/egov/").content.decode()
    status_url = re.search(r'hx-get="([^"]+)"', page).group(1)
    phone = Phone(keys["entrepreneur"])
    phone.read(page)
    assert phone.sign_and_send().status_code == 200
    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == f"/kk/applications/{draft.pk}/receipt/"
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.signature.signer_iin == ENTREPRENEUR_IIN


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "басқа адамның кілтімен"),
        ("ru", "чужим ключом"),
    ],
)
def test_a_wrong_signers_phone_is_refused_and_nothing_is_submitted(
    client, keys, entrepreneur, draft, language, message
):
    client.force_login(entrepreneur)
    page = client.post(f"/{language}/applications/{draft.pk}/sign/egov/").content.decode()
    phone = Phone(keys["other"], language=language)
    phone.read(page)
    response = phone.sign_and_send()
    assert response.status_code == 400 and message in response.json()["message"]
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.number is None
