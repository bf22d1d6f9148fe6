"""eGov mobile QR signing of the officials' documents (issue 13): the acceptance notice (Appendix item 9),
the §20 refusal, the §23 protocol and the §24 decision notice. The test client plays the phone.

Each document signed through the QR flow ends in the same state as through NCALayer; a wrong signer,
an expired or reused session, and a session of another document are refused with kk/ru messages.
"""

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationDetails, MobileSigning, Status
from applications.review.services import acceptance_notice_text, refusal_notice_text
from applications.signing import sign_cms
from applications.signing.pki import cert_pem, make_ca, make_person_cert
from councils import services as council_services
from registry.models import Notification
from tests.applications.review.factories import SubmittedApplicationFactory
from tests.applications.test_egov_mobile import Phone
from tests.councils.factories import decided_session, seat

pytestmark = pytest.mark.django_db

NOW = datetime.now(UTC).replace(microsecond=0)
COORDINATOR_IIN, CHAIR_IIN, OTHER_IIN = "880515310009", "860904350504", "900101300017"


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
        "coordinator": issue(COORDINATOR_IIN, "Үйлестіруші Айна"),
        "chair": issue(CHAIR_IIN, "Төраға Болат"),
        "other": issue(OTHER_IIN, "Басқа Адам"),
    }


@pytest.fixture(autouse=True)
def trusted(keys, settings, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_bytes(cert_pem(keys["ca"]))
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(path)]
    settings.SIGNATURE_DEMO_SIGNER = False
    settings.PORTAL_BASE_URL = "http://testserver"


@pytest.fixture
def officials(coordinator, council):
    coordinator.iin = COORDINATOR_IIN
    coordinator.save(update_fields=["iin"])
    chair = seat(council, "chair").user
    chair.iin = CHAIR_IIN
    chair.save(update_fields=["iin"])
    return coordinator, chair


@pytest.fixture
def submitted(region, entrepreneur):
    return SubmittedApplicationFactory(region=region, applicant=entrepreneur, applicant_name="ЖШС Алтын Дән")


@pytest.fixture
def decided(council, officials, entrepreneur, region):
    coordinator, _chair = officials
    session = decided_session(council, coordinator, entrepreneur, region, reasons="Негіз жоқ")
    for item in session.items.all():
        ApplicationDetails.objects.create(application=item.application)
    return session


def _b64(der: bytes) -> str:
    return base64.b64encode(der).decode()


def qr_start(browser, kind: str, pk: int, data=None, language="kk"):
    response = browser.post(f"/{language}/sign/egov/{kind}/{pk}/", data or {})
    assert response.status_code == 200
    page = response.content.decode()
    return page, re.search(r'hx-get="([^"]+)"', page).group(1)


def qr_sign(browser, key, kind: str, pk: int, data=None, language="kk"):
    """The official starts a session on the page; the phone signs what it is offered; the page polls."""
    page, status_url = qr_start(browser, kind, pk, data, language)
    phone = Phone(key, language=language)
    phone.read(page)
    put = phone.sign_and_send()
    return phone, put, browser.get(status_url, HTTP_HX_REQUEST="true"), status_url


# --- the same state as NCALayer ----------------------------------------------------------------------


@pytest.mark.rule("Appendix 9")
@pytest.mark.parametrize("how", ["ncalayer", "egov_mobile"])
def test_appendix9_acceptance_notice_signed_on_the_phone_ends_as_with_ncalayer(client, keys, officials, submitted, how):
    coordinator, _chair = officials
    client.force_login(coordinator)
    if how == "ncalayer":
        document = acceptance_notice_text(application=submitted, by=coordinator, at=timezone.now())
        response = client.post(
            reverse("review:accept", args=[submitted.pk]), {"cms": _b64(sign_cms(document, *keys["coordinator"]))}
        )
        assert response.status_code == 302
    else:
        assert 'data-testid="accept-egov"' in client.get(f"/kk/review/{submitted.pk}/").content.decode()
        page, _status = qr_start(client, "acceptance", submitted.pk)
        assert "Өтінімді қабылдау туралы хабарлама" in page and 'src="data:image/svg+xml' in page
        _phone, put, done, _url = qr_sign(client, keys["coordinator"], "acceptance", submitted.pk)
        assert put.status_code == 200 and done["HX-Redirect"] == f"/kk/review/{submitted.pk}/"
    submitted.refresh_from_db()
    assert submitted.review_acceptance.signer_iin == COORDINATOR_IIN
    assert submitted.review_acceptance.document == acceptance_notice_text(
        application=submitted, by=coordinator, at=timezone.now()
    )
    assert Notification.objects.filter(recipient=submitted.applicant, kind="review_accepted").count() == 1


@pytest.mark.rule("§20")
@pytest.mark.parametrize("how", ["ncalayer", "egov_mobile"])
def test_s20_refusal_signed_on_the_phone_ends_as_with_ncalayer(client, keys, officials, submitted, how):
    coordinator, _chair = officials
    client.force_login(coordinator)
    data = {"category": "unreliable", "reason": "Деректер анық емес"}
    if how == "ncalayer":
        document = refusal_notice_text(
            application=submitted,
            category=data["category"],
            reason=data["reason"],
            grounds=[],
            by=coordinator,
            at=timezone.now(),
        )
        response = client.post(
            reverse("review:refuse", args=[submitted.pk]),
            {**data, "cms": _b64(sign_cms(document, *keys["coordinator"]))},
        )
        assert response.status_code == 302
    else:
        shown = client.post(reverse("review:refuse", args=[submitted.pk]), data).content.decode()
        assert 'data-testid="refuse-egov"' in shown  # the notice page offers the phone
        _phone, put, done, _url = qr_sign(client, keys["coordinator"], "refusal", submitted.pk, data)
        assert put.status_code == 200 and done["HX-Redirect"] == f"/kk/review/{submitted.pk}/"
    submitted.refresh_from_db()
    assert submitted.status == Status.REFUSED
    assert (submitted.refusal.category, submitted.refusal.reason, submitted.refusal.signer_iin) == (
        "unreliable",
        "Деректер анық емес",
        COORDINATOR_IIN,
    )
    assert Notification.objects.filter(recipient=submitted.applicant, kind="review_refused").count() == 1


@pytest.mark.rule("§23")
@pytest.mark.parametrize("how", ["ncalayer", "egov_mobile"])
def test_s23_protocol_signed_on_the_phone_ends_as_with_ncalayer(client, keys, officials, decided, how):
    _coordinator, chair = officials
    protocol = decided.protocol
    client.force_login(chair)
    assert 'data-testid="egov-sign"' in client.get(reverse("councils:protocol", args=[protocol.pk])).content.decode()
    if how == "ncalayer":
        document = council_services.protocol_document(protocol)
        response = client.post(
            reverse("councils:protocol_sign", args=[protocol.pk]), {"cms": _b64(sign_cms(document, *keys["chair"]))}
        )
        assert response.status_code == 302
    else:
        _phone, put, done, _url = qr_sign(client, keys["chair"], "protocol", protocol.pk)
        assert put.status_code == 200 and done["HX-Redirect"] == f"/kk/councils/protocols/{protocol.pk}/"
    protocol.refresh_from_db()
    assert protocol.is_final and protocol.signed_by == chair and "860904350504" in protocol.signer_subject
    # §22/§24: the decisions are carried out, once.
    assert [item.application.status for item in decided.items.order_by("order")] == [Status.APPROVED, Status.REJECTED]
    assert protocol.content_hash


@pytest.mark.rule("§24")
@pytest.mark.parametrize("how", ["ncalayer", "egov_mobile"])
def test_s24_decision_notice_signed_on_the_phone_ends_as_with_ncalayer(client, keys, officials, decided, how):
    coordinator, chair = officials
    protocol = decided.protocol
    council_services.protocol_finalise(
        protocol=protocol,
        cms=sign_cms(council_services.protocol_document(protocol), *keys["chair"]),
        by=chair,
        at=timezone.now(),
    )
    item = decided.items.get(order=1)
    notice = council_services.notice_prepare(
        item=item, kind="notice", text="Шешім туралы хабарлама", by=coordinator, at=timezone.now()
    )
    client.force_login(coordinator)
    assert 'data-testid="notice-egov-notice"' in client.get(reverse("councils:item", args=[item.pk])).content.decode()
    if how == "ncalayer":
        document = council_services.notice_document(notice)
        response = client.post(
            reverse("councils:item_notice_send", args=[item.pk, "notice"]),
            {"cms": _b64(sign_cms(document, *keys["coordinator"]))},
        )
        assert response.status_code == 302
    else:
        _phone, put, done, _url = qr_sign(client, keys["coordinator"], "notice", notice.pk)
        assert put.status_code == 200 and done["HX-Redirect"] == f"/kk/councils/items/{item.pk}/"
    notice.refresh_from_db()
    assert notice.is_sent and notice.sent_by == coordinator and COORDINATOR_IIN in notice.signer_subject
    assert Notification.objects.filter(recipient=item.application.applicant, kind="council_notice").count() == 1


# --- refusals -----------------------------------------------------------------------------------------


@pytest.mark.rule("Appendix 9")
@pytest.mark.parametrize("language, message", [("kk", "басқа адамның кілтімен"), ("ru", "чужим ключом")])
def test_appendix9_a_wrong_signers_phone_is_refused_and_nothing_changes(
    client, keys, officials, submitted, language, message
):
    client.force_login(officials[0])
    _phone, put, polled, _url = qr_sign(client, keys["other"], "acceptance", submitted.pk, language=language)
    assert put.status_code == 400 and message in put.json()["message"]
    assert polled.status_code == 286 and message in polled.content.decode()  # the page says why and stops
    submitted.refresh_from_db()
    assert not hasattr(submitted, "review_acceptance") or submitted.review_acceptance is None


@pytest.mark.rule("§23")
@pytest.mark.parametrize("language, message", [("kk", "басқа адамның кілтімен"), ("ru", "чужим ключом")])
def test_s23_a_protocol_signed_with_another_persons_key_on_the_phone_stays_a_draft(
    client, keys, officials, decided, language, message
):
    client.force_login(officials[1])
    phone, put, polled, _url = qr_sign(client, keys["coordinator"], "protocol", decided.protocol.pk, language=language)
    assert put.status_code == 400 and message in put.json()["message"]
    assert polled.status_code == 286 and message in polled.content.decode()
    assert phone.fetch()["message"]  # the ended session offers nothing more
    decided.protocol.refresh_from_db()
    assert decided.protocol.status == "draft"


@pytest.mark.rule("§23")
def test_s23_a_member_who_does_not_preside_cannot_start_signing_the_protocol(client, keys, officials, decided):
    secretary = seat(decided.council, "secretary").user
    client.force_login(secretary)
    response = client.post(f"/kk/sign/egov/protocol/{decided.protocol.pk}/")
    assert response.status_code == 403 and not MobileSigning.objects.exists()  # as on the NCALayer path


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "Қол қою сеансының мерзімі өтті"),
        ("ru", "Срок сеанса подписания истёк"),
    ],
)
def test_an_expired_session_is_refused_and_nothing_changes(client, keys, officials, submitted, language, message):
    client.force_login(officials[0])
    page, status_url = qr_start(client, "acceptance", submitted.pk, language=language)
    phone = Phone(keys["coordinator"], language=language)
    phone.read(page)
    data = base64.b64decode(phone.fetch()["documentsToSign"][0]["document"]["file"]["data"])
    MobileSigning.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    put = phone.sign_and_send(document=data)
    assert put.status_code == 410 and message in put.json()["message"]
    polled = client.get(status_url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 286 and message in polled.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and not Notification.objects.filter(kind="review_accepted").exists()


@pytest.mark.parametrize(
    "language, message",
    [
        ("kk", "Қол қою сеансына қолтаңба бұрын алынған."),
        ("ru", "Этот сеанс подписания уже получил подпись."),
    ],
)
def test_a_reused_session_is_refused_and_the_service_runs_once(client, keys, officials, submitted, language, message):
    client.force_login(officials[0])
    phone, _put, done, status_url = qr_sign(client, keys["coordinator"], "acceptance", submitted.pk, language=language)
    assert done.status_code == 200 and done["HX-Redirect"]
    again = phone.sign_and_send(
        document=acceptance_notice_text(application=submitted, by=officials[0], at=timezone.now())
    )
    assert again.status_code == 409 and message in again.json()["message"]
    polled = client.get(status_url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 286 and message in polled.content.decode()
    assert Notification.objects.filter(kind="review_accepted").count() == 1


def test_a_session_of_one_document_cannot_be_used_for_another(client, keys, officials, submitted, region, entrepreneur):
    coordinator = officials[0]
    other = SubmittedApplicationFactory(region=region, applicant=entrepreneur, number="71-2026-00077")
    client.force_login(coordinator)
    page, status_url = qr_start(client, "acceptance", submitted.pk)
    token = status_url.rstrip("/").split("/")[-2]
    # The browser cannot take it for another application, nor as another kind of document.
    assert client.get(f"/kk/sign/egov/acceptance/{other.pk}/{token}/status/").status_code == 404
    assert client.get(f"/kk/sign/egov/refusal/{submitted.pk}/{token}/status/").status_code == 404
    # The phone cannot put another document's signature into it.
    phone = Phone(keys["coordinator"])
    phone.read(page)
    foreign = acceptance_notice_text(application=other, by=coordinator, at=timezone.now())
    put = phone.sign_and_send(document=foreign)
    assert put.status_code == 400
    polled = client.get(status_url, HTTP_HX_REQUEST="true")
    assert polled.status_code == 286
    for application in (submitted, other):
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
    assert not Notification.objects.filter(kind="review_accepted").exists()


def test_another_official_cannot_take_the_session(client, keys, officials, submitted, region):
    from tests.factories import UserFactory

    client.force_login(officials[0])
    _page, status_url = qr_start(client, "acceptance", submitted.pk)
    colleague = UserFactory(username="coordinator2", role="coordinator", region=region)
    client.force_login(colleague)
    assert client.get(status_url).status_code == 404


def test_an_unknown_kind_is_404(client, officials, submitted):
    client.force_login(officials[0])
    assert client.post(f"/kk/sign/egov/nothing/{submitted.pk}/").status_code == 404
