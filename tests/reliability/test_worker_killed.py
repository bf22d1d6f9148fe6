"""A worker killed (SIGKILL) in the middle of a PDF: the task runs again elsewhere, one file is stored.

The render task is acknowledged late (``acks_late``), so the broker still holds
it when its worker dies; after the visibility timeout Redis hands it to the
next worker. ``document_render`` is safe to run twice: one document, one file.
"""

import time

import pytest

from registry.documents import document_request
from registry.models import GeneratedDocument
from registry.pdf import pdf_text
from tests.reliability.conftest import VISIBILITY_TIMEOUT, wait_for
from tests.reliability.slow_kind import SLOW_KIND

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _state(document: GeneratedDocument) -> GeneratedDocument:
    document.refresh_from_db()
    return document


def test_killed_worker_task_is_redelivered_and_one_document_is_stored(workers, region, entrepreneur, tmp_path):
    flag, started = tmp_path / "hold", tmp_path / "started"
    flag.touch()
    first = workers.start("first")
    document = document_request(
        kind=SLOW_KIND,
        obj=region,
        language="kk",
        requested_by=entrepreneur,
        params={"flag": str(flag), "started": str(started)},
    )
    wait_for(lambda: started.exists(), 40, "the first worker to begin rendering")
    assert _state(document).state == GeneratedDocument.State.RUNNING and document.attempts == 1

    workers.kill(first)
    flag.unlink()
    time.sleep(VISIBILITY_TIMEOUT + 0.5)  # the unacknowledged task becomes visible again
    workers.start("second")
    wait_for(
        lambda: _state(document).state == GeneratedDocument.State.DONE,
        40,
        "the second worker to finish",
    )

    assert document.attempts == 2 and document.progress == 100
    assert len(set(started.read_text().split())) == 2  # two renders began, in two processes
    pdfs = sorted((tmp_path / "private").rglob("*.pdf"))
    assert [p.name for p in pdfs] == [f"{document.verification_code}.pdf"]
    assert document.number in pdf_text(pdfs[0].read_bytes())
    assert GeneratedDocument.objects.filter(kind=SLOW_KIND).count() == 1
