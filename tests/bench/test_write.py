"""The web benchmark's write (bench/write.py): what it prepares are real submissions.

Nothing is timed. On a small seed, inside the test's transaction, drafts are cloned and signed as
the benchmark prepares them, and one is posted through Django's test client with its prepared
cookies and body, CSRF checks on, to a verifier that trusts only the run's CA (as the benchmark's
server does): it must be submitted, numbered and signed, and its receipts requested.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Application, ApplicationSignature, Status
from applications.selectors import missing_sections
from bench.seed import seed
from bench.write import BenchSigner, prepare_submissions, receipts, worker_times, write_requests

REGION = "71"
SCALE = 0.0025  # 25 applications a region

pytestmark = [pytest.mark.django_db, pytest.mark.rule("Appendix 9")]


@pytest.fixture
def signer(settings, tmp_path):
    signer = BenchSigner(tmp_path, now=timezone.now())
    settings.SIGNATURE_VERIFIER = "applications.signing.LocalCmsVerifier"
    settings.SIGNATURE_TRUSTED_CA_FILES = [str(signer.ca_file)]
    settings.SIGNATURE_CRL_FILES = [str(tmp_path / "no-revocations.pem")]
    return signer


def post(submission, body=None):
    client = Client(enforce_csrf_checks=True)
    client.cookies.load(submission.cookie)
    return client.post(
        submission.path, submission.body if body is None else body, content_type="application/x-www-form-urlencoded"
    )


def test_a_prepared_request_submits_its_own_draft(signer, tmp_path):
    seed(SCALE, progress=False)
    submissions = prepare_submissions(region_code=REGION, count=3, signer=signer)
    ids = [s.application_id for s in submissions]
    drafts = Application.objects.filter(pk__in=ids, region__code=REGION, status=Status.DRAFT, number=None)
    assert drafts.count() == 3
    assert all(missing_sections(draft) == [] for draft in drafts)

    first = submissions[0]
    response = post(first)

    with translation.override("kk"):
        assert response.status_code == 302
        assert response["Location"] == reverse("applications:receipt", args=[first.application_id])
    application = Application.objects.get(pk=first.application_id)
    assert application.status == Status.SUBMITTED
    assert application.number.startswith(f"{REGION}-")
    assert ApplicationSignature.objects.get(application=application).signer_iin == application.details.signer_iin
    assert Application.objects.filter(pk__in=ids, status=Status.DRAFT).count() == 2
    # Both receipts (kk, ru) wait for the worker: the test's transaction never commits, so none is rendered.
    assert receipts(ids) == {
        "submitted": 1,
        "numbered": 1,
        "receipts_expected": 2,
        "receipts_done": 0,
        "receipts_failed": 0,
        "receipts_requested": 2,
    }
    lines = write_requests(submissions, tmp_path / "requests.tsv").read_text().splitlines()
    assert [line.split("\t") for line in lines] == [[s.path, s.cookie, s.body] for s in submissions]


def test_a_request_is_refused_without_its_csrf_token_or_with_another_drafts_signature(signer):
    seed(SCALE, progress=False)
    first, second = prepare_submissions(region_code=REGION, count=2, signer=signer)

    without_token = "&".join(part for part in first.body.split("&") if not part.startswith("csrfmiddlewaretoken="))
    assert post(first, without_token).status_code == 403
    # A signature is over one draft's canonical document: another draft's is refused.
    other_signature = first.body.split("&cms=")[0] + "&cms=" + second.body.split("&cms=")[1]
    assert post(first, other_signature).status_code == 400
    assert (
        Application.objects.filter(pk__in=[first.application_id, second.application_id], status=Status.DRAFT).count()
        == 2
    )


def test_worker_times_are_read_from_celerys_log(tmp_path):
    log = tmp_path / "worker.log"
    log.write_text(
        "[2026-11-29 12:20:01,100: INFO/MainProcess] celery@bench ready.\n"
        "[2026-11-29 12:20:02,100: INFO/ForkPoolWorker-1] Task registry.tasks.render_document"
        "[0b7c] succeeded in 0.25s: 17\n"
        "[2026-11-29 12:20:02,200: INFO/ForkPoolWorker-1] Task registry.tasks.send_notification_email"
        "[1c8d] succeeded in 0.01s: True\n"
        "[2026-11-29 12:20:02,700: INFO/ForkPoolWorker-1] Task registry.tasks.render_document"
        "[2d9e] succeeded in 0.35s: 18\n"
    )
    assert worker_times(log) == {"pdfs_logged": 2, "pdf_ms_median": 300.0, "pdf_ms_mean": 300.0}
