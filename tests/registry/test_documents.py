"""Generated documents: rendered by Celery, checked by reading the PDF back."""

from pathlib import Path

import pytest
from django.urls import reverse

from registry.documents import (
    DocumentKind,
    document_render,
    document_request,
    documents_request,
    register_document_kind,
)
from registry.models import GeneratedDocument, PersonalAccount
from registry.pdf import LocalOnlyFetcher, pdf_text, render_pdf

TEMPLATES_DIR = Path(__file__).parent / "templates"


def _context(account, params, language):
    return {"account": account, "external": params.get("external", "")}


@pytest.fixture(autouse=True)
def sheet_kind(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}]
    register_document_kind(
        DocumentKind(code="test_account_sheet", template="tests/account_sheet.html", context=_context, title="Жеке шот")
    )


@pytest.fixture
def account(entrepreneur, region):
    return PersonalAccount.objects.create(
        identifier="900101300017", kind="individual", name="ЖК Әлия Құрманғазы", owner=entrepreneur, region=region
    )


def _request(account, user, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        document = document_request(kind="test_account_sheet", obj=account, language="kk", requested_by=user, **kwargs)
    document.refresh_from_db()
    return document


@pytest.mark.django_db
def test_pdf_carries_its_number_content_hash_and_verification_link(
    account, entrepreneur, django_capture_on_commit_callbacks
):
    document = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    assert document.state == GeneratedDocument.State.DONE and document.progress == 100
    text = pdf_text(document.file.read())
    assert "ЖК Әлия Құрманғазы" in text
    assert document.number in text
    assert document.content_sha256 in text
    assert f"/verify/{document.verification_code}/" in text


@pytest.mark.django_db
def test_asking_twice_gives_one_document_and_fresh_makes_a_new_version(
    account, entrepreneur, django_capture_on_commit_callbacks
):
    first = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    again = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    newer = _request(account, entrepreneur, django_capture_on_commit_callbacks, fresh=True)
    first.refresh_from_db()
    assert newer.pk != first.pk and not first.current and newer.current


@pytest.mark.django_db
def test_rendering_twice_stores_one_file(account, entrepreneur, django_capture_on_commit_callbacks, settings):
    document = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    GeneratedDocument.objects.filter(pk=document.pk).update(state=GeneratedDocument.State.RUNNING)
    document_render(document_id=document.pk)  # as after a killed worker's task runs again
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "documents" / f"{document.requested_at:%Y}"
    assert [p.name for p in folder.iterdir()] == [f"{document.verification_code}.pdf"]


@pytest.mark.django_db
def test_download_is_an_attachment_within_reach_and_404_outside(
    client,
    account,
    entrepreneur,
    other_entrepreneur,
    coordinator,
    coordinator_elsewhere,
    django_capture_on_commit_callbacks,
):
    document = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    url = reverse("registry:document_download", args=[document.pk])
    for user in (entrepreneur, coordinator):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    for user in (other_entrepreneur, coordinator_elsewhere):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(reverse("registry:document_status", args=[document.pk])).status_code == 404


@pytest.mark.django_db
def test_status_partial_polls_while_pending(client, account, entrepreneur):
    document = document_request(kind="test_account_sheet", obj=account, language="ru", requested_by=entrepreneur)
    client.force_login(entrepreneur)
    html = client.get(reverse("registry:document_status", args=[document.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "<progress" in html


@pytest.mark.django_db
def test_anyone_can_verify_a_document_without_logging_in(
    client, account, entrepreneur, django_capture_on_commit_callbacks
):
    document = _request(account, entrepreneur, django_capture_on_commit_callbacks)
    response = client.get(reverse("registry:document_verify", args=[document.verification_code]))
    assert response.status_code == 200
    assert document.number in response.content.decode() and document.sha256 in response.content.decode()
    assert client.get(reverse("registry:document_verify", args=["forged-code"])).status_code == 404


def test_pdf_rendering_refuses_non_local_urls():
    fetcher = LocalOnlyFetcher()
    pdf = render_pdf(
        '<p>Сәлем</p><img src="http://203.0.113.9/track.png"><link rel="stylesheet" href="https://cdn.example/x.css">',
        fetcher=fetcher,
    )
    assert pdf.startswith(b"%PDF-")
    assert set(fetcher.refused) == {"http://203.0.113.9/track.png", "https://cdn.example/x.css"}
    assert "Сәлем" in pdf_text(pdf)


@pytest.mark.django_db
def test_several_languages_asked_at_once_are_created_once_and_queued_after_commit(
    account, entrepreneur, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("registry.documents._queue", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        first = documents_request(
            kind="test_account_sheet", obj=account, languages=("kk", "ru"), requested_by=entrepreneur
        )
        assert queued == []  # nothing goes to the worker before the transaction commits
    assert [d.language for d in first] == ["kk", "ru"] and queued == [d.pk for d in first]
    with django_capture_on_commit_callbacks(execute=True):
        again = documents_request(
            kind="test_account_sheet", obj=account, languages=("kk", "ru"), requested_by=entrepreneur
        )
    assert [d.pk for d in again] == [d.pk for d in first] and len(queued) == 2


@pytest.mark.django_db
def test_several_languages_a_failed_one_gets_a_new_version_and_a_missing_one_is_made(
    account, entrepreneur, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("registry.documents._queue", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        kk = document_request(kind="test_account_sheet", obj=account, language="kk", requested_by=entrepreneur)
    GeneratedDocument.objects.filter(pk=kk.pk).update(state=GeneratedDocument.State.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        kk2, ru = documents_request(
            kind="test_account_sheet", obj=account, languages=("kk", "ru"), requested_by=entrepreneur
        )
    assert kk2.pk != kk.pk and (kk2.language, ru.language) == ("kk", "ru")
    assert queued == [kk.pk, kk2.pk, ru.pk]
    assert set(GeneratedDocument.objects.filter(current=True).values_list("pk", flat=True)) == {kk2.pk, ru.pk}
