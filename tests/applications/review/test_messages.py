"""The coordinator–applicant thread: PDFs with the uploads' checks, notices, the journal, the dossier;
no status or §19 due date moves."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from applications.models import ApplicationMessage, Status
from registry.models import AuditEvent, Notification
from tests.applications.factories import pdf_bytes

from .test_dossier import prepare_dossier

pytestmark = pytest.mark.django_db


def _url(application):
    return reverse("applications:messages", args=[application.pk])


def _title(data: bytes) -> str:
    """The test PDFs carry their text as the document title (a blank page)."""
    return PdfReader(io.BytesIO(data)).metadata.title


def _pdf(text="Corrected estimate"):
    return SimpleUploadedFile("смета.pdf", pdf_bytes(text), content_type="application/pdf")


@pytest.mark.rule("§19")
def test_s19_a_message_with_a_pdf_reaches_the_applicant_and_moves_no_status_or_due_date(
    client, coordinator, entrepreneur, submitted, django_capture_on_commit_callbacks
):
    status, due = submitted.status, submitted.review_due
    client.force_login(coordinator)
    page = client.get(_url(submitted)).content.decode()
    assert 'data-testid="no-clock-change"' in page
    response = client.post(
        _url(submitted), {"kind": "corrected_pdf", "body": "Сметаның 3-бетін түзетіңіз.", "attachment": _pdf()}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_due) == (status, due)
    notice = Notification.objects.get(recipient=entrepreneur, kind="application_message")
    assert submitted.number in notice.subject and notice.url == _url(submitted)
    assert (
        AuditEvent.objects.filter(
            action="message_sent", object_id=str(submitted.pk), reason__contains="Сметаның 3-бетін"
        ).count()
        == 1
    )
    # The applicant reads it, downloads the PDF and answers; the coordinator is told.
    client.force_login(entrepreneur)
    assert "Сметаның 3-бетін түзетіңіз." in client.get(_url(submitted)).content.decode()
    message = ApplicationMessage.objects.get(application=submitted)
    download = client.get(reverse("applications:message_attachment", args=[message.pk]))
    assert download.status_code == 200 and _title(b"".join(download.streaming_content)) == "Corrected estimate"
    assert (
        client.post(
            _url(submitted), {"kind": "answer", "body": "Түзетілді.", "attachment": _pdf("New estimate v2")}
        ).status_code
        == 302
    )
    assert Notification.objects.filter(recipient=coordinator, kind="application_message").count() == 1
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_due) == (status, due)
    # Both messages and both PDFs are in the dossier.
    client.force_login(coordinator)
    prepare_dossier(client, submitted, django_capture_on_commit_callbacks)
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(client.get(f"/kk/review/{submitted.pk}/dossier.zip").streaming_content))
    )
    thread = archive.read("messages/thread.txt").decode()
    assert "Сметаның 3-бетін түзетіңіз." in thread and "Түзетілді." in thread
    pdfs = sorted(n for n in archive.namelist() if n.startswith("messages/") and n.endswith(".pdf"))
    assert len(pdfs) == 2 and _title(archive.read(pdfs[1])) == "New estimate v2"


def test_an_attachment_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client, coordinator, submitted):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(_url(submitted), {"kind": "question", "body": "Сұрақ", "attachment": fake})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert (
        not ApplicationMessage.objects.exists() and not Notification.objects.filter(kind="application_message").exists()
    )


def test_each_side_writes_only_its_own_kinds(client, coordinator, entrepreneur, submitted):
    client.force_login(entrepreneur)
    assert client.post(_url(submitted), {"kind": "question", "body": "?"}).status_code == 400
    client.force_login(coordinator)
    assert client.post(_url(submitted), {"kind": "answer", "body": "?"}).status_code == 400
    assert client.post(_url(submitted), {"kind": "question", "body": "   "}).status_code == 400
    assert not ApplicationMessage.objects.exists()


def test_the_thread_is_out_of_reach_for_others(
    client, coordinator_elsewhere, other_entrepreneur, submitted, coordinator
):
    client.force_login(coordinator)
    client.post(_url(submitted), {"kind": "question", "body": "Сұрақ", "attachment": _pdf()})
    message = ApplicationMessage.objects.get()
    for user in (coordinator_elsewhere, other_entrepreneur):
        client.force_login(user)
        assert client.get(_url(submitted)).status_code == 404
        assert client.post(_url(submitted), {"kind": "answer", "body": "x"}).status_code == 404
        assert client.get(reverse("applications:message_attachment", args=[message.pk])).status_code == 404
    assert ApplicationMessage.objects.count() == 1


def test_no_thread_before_submission(client, entrepreneur, region):
    from tests.applications.factories import complete_draft, reference_data

    draft = complete_draft(entrepreneur, region, reference_data(region))
    assert draft.status == Status.DRAFT
    client.force_login(entrepreneur)
    assert client.get(_url(draft)).status_code == 404
