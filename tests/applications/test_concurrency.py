"""Races on PostgreSQL: one submission per double click, gapless numbers per region and year."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from applications.canonical import canonical_document
from applications.models import Application, ApplicationSignature
from applications.services import application_submit
from tests.applications.conftest import good_cms
from tests.applications.factories import complete_draft, reference_data
from tests.concurrency import run_in_threads

AT = datetime(2026, 4, 1, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    """Run each job in its own thread (own DB connection), all released at once."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def worker(job):
        try:
            barrier.wait()
            job()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    run_in_threads(worker, [(job,) for job in jobs], timeout=60)
    return errors


def submitter(pk, user):
    def job():
        application = Application.objects.select_related("region").get(pk=pk)
        application_submit(application=application, cms=good_cms(canonical_document(application)), by=user, at=AT)

    return job


@pytest.fixture(autouse=True)
def _no_pdf_rendering(monkeypatch):
    """Receipts are rendered by their own tests; here only the numbering matters."""
    monkeypatch.setattr("registry.documents._queue", lambda document_id: None)


def test_two_concurrent_submits_make_one_submission(entrepreneur, region, stand_in_verifier):
    ref = reference_data(region)
    draft = complete_draft(entrepreneur, region, ref)
    errors = run_together([submitter(draft.pk, entrepreneur), submitter(draft.pk, entrepreneur)])
    assert errors == []
    draft.refresh_from_db()
    assert draft.number == "61-2026-000001"
    assert ApplicationSignature.objects.filter(application=draft).count() == 1


def test_twenty_concurrent_submissions_are_numbered_without_gaps(entrepreneur, region, stand_in_verifier):
    ref = reference_data(region)
    drafts = [complete_draft(entrepreneur, region, ref, project_name=f"P{i}") for i in range(20)]
    errors = run_together([submitter(d.pk, entrepreneur) for d in drafts])
    assert errors == []
    numbers = sorted(Application.objects.filter(region=region).values_list("number", flat=True))
    assert numbers == [f"61-2026-{n:06d}" for n in range(1, 21)]
