"""200 submissions at once, a quarter of them double-posted: each saved once, numbers gapless (§18, §19).

Forty threads, each on its own PostgreSQL connection, take the submit jobs from
one shuffled queue, so double posts of the same draft race each other and all
drafts race for the region's counter. The ЭЦҚ check is the stand-in verifier
of the application tests; the real one has its own tests.
"""

import queue
import random
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from applications.canonical import canonical_document
from applications.models import Application, ApplicationSignature, Status
from applications.services import application_submit
from registry.audit import audit_verify
from registry.models import AuditEvent
from tests.applications.conftest import StandInVerifier, good_cms
from tests.applications.factories import complete_draft, reference_data
from tests.concurrency import run_in_threads

AT = datetime(2026, 4, 1, 10, 0, tzinfo=ZoneInfo("Asia/Almaty"))
DRAFTS, DOUBLE_POSTED, THREADS = 200, 50, 40

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _stand_ins(monkeypatch):
    monkeypatch.setattr("applications.services.submission._verifier", lambda: StandInVerifier())
    # Receipts are rendered in their own tests; here only saving and numbering matter.
    monkeypatch.setattr("registry.documents._queue", lambda document_id: None)


def _submit(pk: int, user) -> None:
    application = Application.objects.select_related("region").get(pk=pk)
    application_submit(
        application=application,
        cms=good_cms(canonical_document(application)),
        by=user,
        at=AT,
    )


def _run(jobs: list[int], user) -> list[Exception]:
    work, errors = queue.SimpleQueue(), []
    for pk in jobs:
        work.put(pk)
    barrier = threading.Barrier(THREADS)

    def worker():
        try:
            barrier.wait()
            while True:
                try:
                    pk = work.get_nowait()
                except queue.Empty:
                    return
                try:
                    _submit(pk, user)
                except Exception as error:
                    errors.append(error)
        finally:
            connection.close()

    run_in_threads(worker, [()] * THREADS, timeout=120)
    return errors


@pytest.mark.rule("§18")
def test_s18_two_hundred_concurrent_submissions_are_saved_once_and_numbered_without_gaps(entrepreneur, region):
    ref = reference_data(region)
    drafts = [complete_draft(entrepreneur, region, ref, project_name=f"Жоба {i}").pk for i in range(DRAFTS)]
    jobs = drafts + random.Random(7).sample(drafts, DOUBLE_POSTED)
    random.Random(11).shuffle(jobs)

    assert _run(jobs, entrepreneur) == []

    submitted = Application.objects.filter(region=region)
    assert submitted.filter(status=Status.SUBMITTED).count() == DRAFTS
    numbers = sorted(submitted.values_list("number", flat=True))
    assert numbers == [f"61-2026-{n:06d}" for n in range(1, DRAFTS + 1)]
    assert ApplicationSignature.objects.count() == DRAFTS
    assert AuditEvent.objects.filter(action="application_submit").count() == DRAFTS
    assert audit_verify() == []
