"""Submission with the real verifier (Appendix item 9): demo key, .p12, and each refusal."""

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from applications.canonical import canonical_document
from applications.models import ApplicationSignature, Status
from applications.signing import demo_sign
from applications.signing.pki import DEMO_P12_PASSWORD, user_key_dir
from registry.pdf import pdf_text
from tests.applications.factories import complete_draft, make_bin
from tests.factories import UserFactory

pytestmark = pytest.mark.rule("Appendix 9")


@pytest.fixture
def pki(settings, entrepreneur):
    settings.SIGNATURE_DEMO_SIGNER = True
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = []
    stranger = UserFactory(username="stranger", role="entrepreneur", iin="860904350504")
    call_command("make_test_pki", verbosity=0)
    return stranger


def sign_url(application):
    return reverse("applications:sign", args=[application.pk])


def test_demo_signer_submits(client, draft, entrepreneur, pki):
    client.force_login(entrepreneur)
    response = client.post(sign_url(draft), {"method": "demo"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    signature = ApplicationSignature.objects.get(application=draft)
    assert signature.signer_iin == entrepreneur.iin
    assert bytes(signature.document) == canonical_document(draft)


def test_p12_with_password_submits(client, draft, entrepreneur, pki):
    client.force_login(entrepreneur)
    p12 = (user_key_dir(entrepreneur.username) / "user.p12").read_bytes()
    response = client.post(
        sign_url(draft), {"method": "p12", "password": DEMO_P12_PASSWORD, "p12": SimpleUploadedFile("me.p12", p12)}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def refused(client, draft, data):
    response = client.post(sign_url(draft), data)
    draft.refresh_from_db()
    assert response.status_code == 400 and draft.status == Status.DRAFT and draft.number is None
    return response.context["sign_form"].non_field_errors()[0]


def test_wrong_p12_password_refused(client, draft, entrepreneur, pki):
    client.force_login(entrepreneur)
    p12 = (user_key_dir(entrepreneur.username) / "user.p12").read_bytes()
    message = refused(client, draft, {"method": "p12", "password": "wrong", "p12": SimpleUploadedFile("a.p12", p12)})
    assert "құпиясөзі" in message  # kk: the password is wrong


def test_someone_elses_key_refused(client, draft, entrepreneur, pki):
    client.force_login(entrepreneur)
    cms = demo_sign(pki, canonical_document(draft))  # the stranger's key
    message = refused(client, draft, {"method": "ncalayer", "cms": base64.b64encode(cms).decode()})
    assert "ЖСН" in message  # kk: someone else's IIN


def test_tampered_document_refused(client, draft, entrepreneur, pki):
    client.force_login(entrepreneur)
    cms = demo_sign(entrepreneur, canonical_document(draft))
    draft.project_name = "Changed after signing"
    draft.save()
    message = refused(client, draft, {"method": "ncalayer", "cms": base64.b64encode(cms).decode()})
    assert "өзгертілген" in message  # kk: changed after signing


def test_legal_entity_signed_by_its_head(client, entrepreneur, region, ref, settings, pki):
    bin_ = make_bin(77)
    call_command("make_test_pki", "--force", "--bin", f"entrepreneur:{bin_}", verbosity=0)
    application = complete_draft(
        entrepreneur, region, ref, kind="legal", bin=bin_, head_iin=entrepreneur.iin, head_full_name="Асанов Асан"
    )
    client.force_login(entrepreneur)
    assert client.post(sign_url(application), {"method": "demo"}).status_code == 302
    application.refresh_from_db()
    assert application.account.identifier == bin_ and application.account.kind == "legal"


def test_receipt_pdf_in_kk_and_ru(client, draft, entrepreneur, pki, django_capture_on_commit_callbacks):
    client.force_login(entrepreneur)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sign_url(draft), {"method": "demo"})
    draft.refresh_from_db()
    page = client.get(reverse("applications:receipt", args=[draft.pk])).content.decode()
    assert draft.number in page
    assert 'data-testid="document-application_receipt-kk"' in page
    assert 'data-testid="document-application_receipt-ru"' in page
    from applications.documents import receipts_for

    texts = {doc.language: pdf_text(doc.file.read()) for doc in receipts_for(draft)}
    assert draft.number in texts["kk"] and draft.number in texts["ru"]
    assert draft.signature.document_sha256 in texts["kk"].replace("\n", "")
    # The automatic receipt says the application was sent; acceptance is the coordinator's signed notice.
    assert "Өтінімнің жіберілгені туралы түбіртек" in texts["kk"] and "қарауға қабылданды" not in texts["kk"].lower()
    assert "Квитанция о подаче заявки" in texts["ru"] and "принята к рассмотрению" not in texts["ru"].lower()


@pytest.mark.rule("Appendix 8")
@pytest.mark.parametrize(
    ("language", "consent"),
    [
        ("kk", "қараудың кез келген кезеңінде"),
        ("ru", "на любом этапе"),
    ],
)
def test_appendix8_signed_document_carries_the_consent_wording_in_the_applicants_language(
    client,
    draft,
    entrepreneur,
    pki,
    language,
    consent,
):
    import json

    from django.utils import translation

    from applications.forms.consents import UNDERTAKINGS

    entrepreneur.language = language
    entrepreneur.save(update_fields=["language"])
    client.force_login(entrepreneur)
    assert client.post(f"/{language}/applications/{draft.pk}/sign/", {"method": "demo"}).status_code == 302
    signed = ApplicationSignature.objects.get(application=draft)
    data = json.loads(bytes(signed.document).decode("utf-8"))
    assert data["format"] == "infra-support-application/2" and data["statements"]["language"] == language
    texts = [s["text"] for s in data["statements"]["undertakings_and_consents"]]
    with translation.override(language):
        assert texts == [str(text) for text in UNDERTAKINGS.values()]
    assert any(consent in text for text in texts)  # consent 4: rejection at any stage of the review
    assert data["statements"]["request"][0]["ticked"] is True
    assert all(s["ticked"] for s in data["statements"]["undertakings_and_consents"])


def test_a_signature_over_the_format_1_document_still_verifies(draft, entrepreneur, pki):
    """Documents signed before format 2 keep verifying: the signature is over the stored bytes."""
    import json

    from django.utils import timezone

    from applications.canonical import canonical_data
    from applications.services.submission import signature_reverify
    from applications.signing import SignatureError

    old = canonical_data(draft)
    old.pop("statements")
    old["format"] = "infra-support-application/1"
    document = json.dumps(old, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    cms = demo_sign(entrepreneur, document)
    now = timezone.now()
    signature = ApplicationSignature.objects.create(
        application=draft,
        document=document,
        document_sha256="0" * 64,
        cms=cms,
        signer_iin=entrepreneur.iin,
        subject="CN=test",
        serial_number="1",
        issuer="CN=DEMO",
        not_before=now,
        not_after=now,
        signing_time=now,
        certificate_pem="",
        verified_at=now,
    )
    assert signature_reverify(signature=signature).signer_iin == entrepreneur.iin
    assert canonical_document(draft) != document  # today's format differs, the old signature still holds
    signature.document = document.replace(b"/1", b"/2")
    with pytest.raises(SignatureError):
        signature_reverify(signature=signature)
