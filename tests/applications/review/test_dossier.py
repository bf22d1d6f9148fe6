"""The audit dossier: both PDFs through Celery, then one zip with PDFs, signatures and history."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationSignature
from registry.models import GeneratedDocument
from registry.pdf import pdf_text
from tests.applications.review.factories import ready_for_recommendation

pytestmark = pytest.mark.django_db


def prepare_dossier(client, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kk/review/{application.pk}/dossier/prepare/")
    assert response.status_code == 302


def _sign(application):
    now = timezone.now()
    ApplicationSignature.objects.create(
        application=application,
        document=b"{}",
        document_sha256="1" * 64,
        cms=b"cms-bytes",
        signer_iin="900101300017",
        subject="CN=Сәрсенбаев Ерлан",
        serial_number="42",
        issuer="CN=DEMO TEST CA",
        not_before=now,
        not_after=now,
        signing_time=now,
        certificate_pem="",
        verified_at=now,
    )


def test_dossier_zip_contains_the_pdfs_signatures_and_history(
    client, coordinator, submitted, django_capture_on_commit_callbacks, review_signer
):
    _sign(submitted)
    client.force_login(coordinator)
    signed = review_signer(submitted, coordinator, category="unreliable", reason="Жалған анықтама")
    assert client.post(f"/kk/review/{submitted.pk}/refuse/", signed).status_code == 302
    zip_url = f"/kk/review/{submitted.pk}/dossier.zip"
    assert client.get(zip_url).status_code == 302  # nothing prepared yet
    prepare_dossier(client, submitted, django_capture_on_commit_callbacks)
    page = client.get(f"/kk/review/{submitted.pk}/dossier/").content.decode()
    assert 'data-testid="dossier-zip"' in page and 'data-testid="document-application_dossier-kk"' in page
    response = client.get(zip_url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {
        "application_dossier-kk.pdf",
        "application_history-kk.pdf",
        "signatures/summary.txt",
        "signatures/application.signed",
        "signatures/application.cms",
    } <= names
    assert any(n.startswith("attachments/") and n.endswith("бизнес-жоспар.pdf") for n in names)
    assert archive.read("signatures/application.cms") == b"cms-bytes"
    assert "900101300017" in archive.read("signatures/summary.txt").decode()
    application_text = pdf_text(archive.read("application_dossier-kk.pdf"))
    assert submitted.number in application_text and "ЖШС Алтын Дән" in application_text
    history_text = pdf_text(archive.read("application_history-kk.pdf"))
    assert "Жалған анықтама" in history_text and "20-т." in history_text


def test_dossier_pdfs_show_progress_until_done(client, coordinator, submitted):
    client.force_login(coordinator)
    client.post(f"/kk/review/{submitted.pk}/dossier/prepare/")  # on-commit never runs: still queued
    assert GeneratedDocument.objects.filter(state="queued").count() == 2
    page = client.get(f"/kk/review/{submitted.pk}/dossier/").content.decode()
    assert "<progress" in page and 'data-testid="dossier-zip"' not in page


def test_budget_admin_may_download_the_dossier_and_others_may_not(
    client, budget_admin, coordinator_elsewhere, entrepreneur, submitted, django_capture_on_commit_callbacks
):
    client.force_login(budget_admin)
    prepare_dossier(client, submitted, django_capture_on_commit_callbacks)
    assert client.get(f"/kk/review/{submitted.pk}/dossier.zip").status_code == 200
    client.force_login(coordinator_elsewhere)
    assert client.get(f"/kk/review/{submitted.pk}/dossier.zip").status_code == 404
    assert client.post(f"/kk/review/{submitted.pk}/dossier/prepare/").status_code == 404
    document = GeneratedDocument.objects.filter(kind="application_dossier").first()
    assert client.get(reverse("registry:document_download", args=[document.pk])).status_code == 404
    client.force_login(entrepreneur)
    assert client.get(f"/kk/review/{submitted.pk}/dossier.zip").status_code == 403


@pytest.mark.rule("§19")
def test_s19_agenda_pack_item_carries_the_recommendation_and_eligibility(coordinator, submitted):
    from django.template.loader import render_to_string

    from applications.review.services import application_recommend
    from registry.pdf import render_pdf

    ready_for_recommendation(submitted, by=coordinator)
    application_recommend(
        application=submitted,
        text="Жобаны қолдау ұсынылады",
        conditions="3 жұмыс орны",
        by=coordinator,
        at=timezone.now(),
    )
    html = render_to_string("councils/_application_summary.html", {"application": submitted})
    text = pdf_text(render_pdf(f"<html><body>{html}</body></html>"))
    assert "Жобаны қолдау ұсынылады" in text and "3 жұмыс орны" in text
    assert "9-т." in text and "§" not in text and "Үлестестік" in text and "13-т." in text
