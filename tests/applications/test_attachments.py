"""Appendix item 7: PDF only (by content), size-limited, private, reach-checked."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Attachment
from tests.applications.factories import pdf_bytes


@pytest.fixture
def empty_draft(entrepreneur, region, ref):
    from applications.models import Application, ApplicationDetails

    application = Application.objects.create(region=region, applicant=entrepreneur, project_name="P")
    ApplicationDetails.objects.create(application=application)
    return application


def upload(client, application, content, name="plan.pdf", kind="business_plan"):
    return client.post(
        reverse("applications:attachment_upload", args=[application.pk]),
        {"kind": kind, "file": SimpleUploadedFile(name, content, "application/pdf")},
    )


@pytest.mark.rule("Appendix 7")
def test_pdf_is_stored_privately_with_its_hash(client, entrepreneur, empty_draft, settings):
    client.force_login(entrepreneur)
    content = pdf_bytes("plan")
    assert upload(client, empty_draft, content, name="../../evil.pdf").status_code == 302
    attachment = Attachment.objects.get(application=empty_draft)
    # The stored file is the rebuilt one; the upload's own hash is kept beside it.
    assert attachment.original_sha256 == hashlib.sha256(content).hexdigest()
    stored = attachment.file.read()
    assert attachment.sha256 == hashlib.sha256(stored).hexdigest() and attachment.size == len(stored)
    assert "evil" not in attachment.file.name and attachment.file.name.startswith("applications/")
    assert str(settings.PRIVATE_MEDIA_ROOT) in attachment.file.path


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (b"GIF89a not a pdf", "Файл PDF құжаты емес."),
        (b"%PDF-1.7\nthis is not really a pdf", "PDF файлы бүлінген"),
    ],
)
@pytest.mark.rule("Appendix 7")
def test_not_pdf_or_broken_pdf_refused(client, entrepreneur, empty_draft, content, text):
    client.force_login(entrepreneur)
    response = upload(client, empty_draft, content)
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Attachment.objects.exists()


def test_too_large_refused(client, entrepreneur, empty_draft, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(entrepreneur)
    response = upload(client, empty_draft, pdf_bytes())
    assert response.status_code == 400 and "үлкен" in response.content.decode()
    assert not Attachment.objects.exists()


def test_upload_replaces_the_same_kind(client, entrepreneur, empty_draft):
    client.force_login(entrepreneur)
    upload(client, empty_draft, pdf_bytes("one"))
    upload(client, empty_draft, pdf_bytes("two"))
    assert Attachment.objects.filter(application=empty_draft).count() == 1


def test_ten_exemption_needs_a_reason(client, entrepreneur, empty_draft):
    client.force_login(entrepreneur)
    url = reverse("applications:ten_exemption", args=[empty_draft.pk])
    response = client.post(url, {"ten_exempt": "on", "ten_exempt_reason": ""})
    assert response.status_code == 400
    assert client.post(url, {"ten_exempt": "on", "ten_exempt_reason": "§18.2: not required"}).status_code == 302
    empty_draft.details.refresh_from_db()
    assert empty_draft.details.ten_exempt_reason == "§18.2: not required"


def test_download_is_an_attachment_with_nosniff(client, entrepreneur, draft, coordinator):
    attachment = draft.attachments.first()
    client.force_login(coordinator)
    url = reverse("applications:attachment_download", args=[attachment.pk])
    assert client.get(url).status_code == 404  # not while it is a draft
    draft.status = "submitted"
    draft.save()
    for user in (entrepreneur, coordinator):
        client.force_login(user)
        response = client.get(reverse("applications:attachment_download", args=[attachment.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("persona", ["other_entrepreneur", "coordinator_elsewhere"])
def test_files_of_others_answer_404(client, draft, persona, request):
    client.force_login(request.getfixturevalue(persona))
    attachment = draft.attachments.first()
    assert client.get(reverse("applications:attachment_download", args=[attachment.pk])).status_code == 404
    assert upload(client, draft, pdf_bytes()).status_code == 404


def test_refusal_in_russian(client, entrepreneur, empty_draft):
    from django.utils import translation

    client.force_login(entrepreneur)
    with translation.override("ru"):
        url = reverse("applications:attachment_upload", args=[empty_draft.pk])
    response = client.post(url, {"kind": "design", "file": SimpleUploadedFile("a.pdf", b"MZ", "application/pdf")})
    assert "Файл не является документом PDF." in response.content.decode()
