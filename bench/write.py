"""The web benchmark's write (issue 19): entrepreneurs submitting signed applications.

The POST of "Sign and submit" (``/kk/applications/<pk>/sign/``, NCALayer's CMS in the
body) verifies the ЭЦҚ, numbers the application, opens the §19 review clock, notifies
the region's coordinators and queues the receipt (kk and ru) for Celery; it answers 302
to the receipt page. ``bench/web.py`` runs it last (``--only write``: it and the two references):

1. the writes go to a copy of the seeded database, ``<name>_write`` (``CREATE DATABASE …
   TEMPLATE``), dropped at the end: the seeded one is never written;
2. in the copy, complete drafts are cloned from the region's submitted applications (one
   each of up to 50 entrepreneurs, in turn) and each is signed beforehand over its canonical
   document, with a certificate for its signer issued by a CA made for the run, which the
   server trusts as production trusts NCA RK (``SIGNATURE_TRUSTED_CA_FILES``);
3. gunicorn and a real Celery worker (on a queue of its own) serve them; wrk walks the
   prepared requests (``bench/submit.lua``), each submitting a different draft, and only a
   302 to the receipt page counts as a success. The POST is what is timed: wrk does not
   follow the redirect, the receipt page is opened once for its queries. Between the warm-up
   and the measured run, five submissions are sent one at a time: the latency without a queue;
4. the worker then has ``--drain`` seconds to render every receipt; the run reports how many
   it rendered and its time per PDF, read from its log.

Imported once Django is set up (``bench/web.py`` imports it after ``django.setup()``).
"""

from __future__ import annotations

import base64
import itertools
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from subprocess import STDOUT, Popen

import psycopg
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, transaction
from django.db.models import Count
from django.db.models.fields.files import FieldFile
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from kombu import Exchange, Queue
from psycopg import sql

from applications.canonical import canonical_document
from applications.documents import RECEIPT, RECEIPT_LANGUAGES
from applications.models import Application, ApplicationDetails, Attachment, PlannedUser, Status
from applications.signing import sign_cms
from applications.signing.pki import cert_pem, make_ca, make_person_cert, new_key
from bench.web import ROOT, NoRedirect, Target, request, session_cookie, start_gunicorn, stop, wrk
from config.celery import app
from registry.models import GeneratedDocument

ENTREPRENEURS = 50  # whose submitted applications the drafts are cloned from
DRAFTS_PER_SECOND = 100  # drafts prepared per second of load when --write-drafts is not given
ALONE = 5  # submissions sent one at a time between the warm-up and the measured run
_PDF_TIME = re.compile(r"render_document\[[^\]]+\] succeeded in ([0-9.]+)s")


@dataclass(frozen=True)
class Submission:
    """One prepared POST: the draft, its path, the entrepreneur's cookies and the signed form."""

    application_id: int
    path: str
    cookie: str
    body: str


class BenchSigner:
    """A CA made for the run (its certificate in ``ca_file``) and the applicants' certificates it issues.

    One key for every certificate: what the server verifies is each signature, whoever made the key.
    """

    def __init__(self, folder: Path, *, now: datetime):
        self.now = now
        self.ca_key, self.ca_cert = make_ca(now=now, common_name="BENCH CA - not for real signatures")
        self.ca_file = folder / "bench-ca.pem"
        self.ca_file.write_bytes(cert_pem(self.ca_cert))
        self.key = new_key()
        self._certificates: dict[tuple[str, str | None], object] = {}

    def sign(self, document: bytes, details) -> bytes:
        """A detached CMS over ``document`` by the application's signer (the head of a legal entity)."""
        legal = details.kind == "legal"
        signer = (details.signer_iin, details.bin if legal else None)
        if signer not in self._certificates:
            self._certificates[signer] = make_person_cert(
                ca_key=self.ca_key,
                ca_cert=self.ca_cert,
                full_name=(details.head_full_name if legal else details.full_name) or signer[0],
                iin=signer[0],
                bin_=signer[1],
                organisation=details.name if legal else "",
                not_before=self.now - timedelta(days=1),
                not_after=self.now + timedelta(days=30),
                key=self.key,
            )[1]
        return sign_cms(document, self.key, self._certificates[signer])


def _templates(region_code: str, entrepreneurs: int) -> list:
    """Complete applications: the first submitted one of each of the region's first entrepreneurs."""
    first = (
        Application.objects.filter(region__code=region_code, status=Status.SUBMITTED, applicant__is_active=True)
        .order_by("applicant_id", "id")
        .distinct("applicant_id")
        .values_list("id", flat=True)[:entrepreneurs]
    )
    return list(
        Application.objects.filter(pk__in=list(first))
        .select_related("details", "applicant")
        .prefetch_related("attachments", "planned_users")
        .order_by("id")
    )


def _fields(obj, *, skip: set[str], **values) -> dict:
    """A row's values as a new row takes them (a file by its name), with ``values`` put in."""
    row = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in skip}
    return {name: v.name if isinstance(v, FieldFile) else v for name, v in row.items()} | values


def clone_drafts(templates: list, count: int) -> list[int]:
    """``count`` drafts, copies of the templates in turn, each ready to sign: its form, documents and users."""
    sources = list(itertools.islice(itertools.cycle(templates), count))
    fresh = {"id", "number", "account", "status", "created_at", "updated_at", "submitted_at", "received_on"}
    fresh |= {"review_due", "priority", "priority_confirmed"}
    own = {"id", "application"}
    with transaction.atomic():
        drafts = Application.objects.bulk_create([Application(**_fields(t, skip=fresh)) for t in sources], 1000)
        pairs = list(zip(drafts, sources, strict=True))
        # Appendix item 2: the request to review the materials, which the seeded forms leave unticked.
        details = [
            ApplicationDetails(**_fields(t.details, skip=own, application_id=d.pk, request_review=True))
            for d, t in pairs
        ]
        ApplicationDetails.objects.bulk_create(details, 1000)
        files = [Attachment(**_fields(a, skip=own, application_id=d.pk)) for d, t in pairs for a in t.attachments.all()]
        Attachment.objects.bulk_create(files, 1000)
        users = [
            PlannedUser(**_fields(u, skip=own, application_id=d.pk)) for d, t in pairs for u in t.planned_users.all()
        ]
        PlannedUser.objects.bulk_create(users, 1000)
    return [d.pk for d in drafts]


def _signed_in(user) -> tuple[str, str]:
    """The entrepreneur's cookies (a session and a CSRF secret) and the form's CSRF token."""
    secret = get_random_string(CSRF_SECRET_LENGTH, allowed_chars=CSRF_ALLOWED_CHARS)
    return f"{session_cookie(user)}; {settings.CSRF_COOKIE_NAME}={secret}", secret


def prepare_submissions(*, region_code: str, count: int, signer: BenchSigner) -> list[Submission]:
    """``count`` signed drafts of the region's entrepreneurs, each as the POST that submits it."""
    templates = _templates(region_code, ENTREPRENEURS)
    if not templates:
        sys.exit(f"Region {region_code} has no submitted application to copy: seed first (python -m bench.seed).")
    ids = clone_drafts(templates, count)
    cookies = {t.applicant_id: _signed_in(t.applicant) for t in templates}
    drafts = Application.objects.select_related(
        "region",
        "oked",
        "infrastructure_type",
        "applicant",
        "details__category",
        "details__tax_regime",
        "details__sector",
    ).prefetch_related("planned_users", "attachments")
    submissions = []
    for start in range(0, len(ids), 500):
        for draft in drafts.filter(pk__in=ids[start : start + 500]).order_by("id"):
            cms = signer.sign(canonical_document(draft), draft.details)
            cookie, token = cookies[draft.applicant_id]
            with translation.override("kk"):
                path = reverse("applications:sign", args=[draft.pk])
            form = {"csrfmiddlewaretoken": token, "method": "ncalayer", "cms": base64.b64encode(cms).decode()}
            submissions.append(Submission(draft.pk, path, cookie, urllib.parse.urlencode(form)))
    return submissions


def write_requests(submissions: list[Submission], path: Path) -> Path:
    """The file bench/submit.lua reads: one "path<TAB>cookie<TAB>body" line a submission."""
    path.write_text("".join(f"{s.path}\t{s.cookie}\t{s.body}\n" for s in submissions))
    return path


@contextmanager
def database_copy() -> Iterator[str]:
    """The connected database copied to ``<name>_write`` and connected to instead; dropped on leaving.

    Yields the copy's ``DATABASE_URL``. PostgreSQL copies a template only while nobody is connected to it.
    """
    source = connection.settings_dict["NAME"]
    copy = f"{source}_write"
    params = connection.settings_dict
    admin = {"host": params["HOST"], "port": params["PORT"] or 5432, "user": params["USER"], "dbname": "postgres"}
    admin["password"] = params["PASSWORD"] or None
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy))
    create = sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY FILE_COPY").format(
        sql.Identifier(copy), sql.Identifier(source)
    )
    connections.close_all()
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(drop)
        for attempt in range(6):
            try:
                server.execute(create)
                break
            except psycopg.errors.ObjectInUse:
                if attempt == 5:
                    raise SystemExit(f"{source} is in use by another session: cannot copy it for the write") from None
                time.sleep(5)
    connection.settings_dict["NAME"] = copy
    try:
        yield urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{copy}").geturl()
    finally:
        connections.close_all()
        connection.settings_dict["NAME"] = source
        with psycopg.connect(**admin, autocommit=True) as server:
            server.execute(drop)


def start_worker(env: dict[str, str], log: Path, concurrency: int) -> Popen:
    """A Celery worker as docker-compose runs it, on the run's own queue, logging to ``log``."""
    with log.open("w") as out:
        worker = Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "INFO"]
            + ["--concurrency", str(concurrency), "--queues", env["CELERY_TASK_DEFAULT_QUEUE"]]
            + ["--hostname", f"{env['CELERY_TASK_DEFAULT_QUEUE']}@%h", "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=STDOUT,
            start_new_session=True,
        )
    for _ in range(300):
        if " ready." in log.read_text():
            return worker
        if worker.poll() is not None:
            sys.exit(f"the Celery worker did not start: see {log}")
        time.sleep(0.2)
    stop(worker)
    sys.exit(f"the Celery worker was not ready in 60 s: see {log}")


def queue_delete(name: str) -> int:
    """The run's queue deleted from the broker, with what the worker left in it (a cut drain): how many."""
    with app.connection_for_write() as broker:
        # Declared first: the channel deletes only the bindings it knows.
        queue = Queue(name, Exchange(name), routing_key=name)(broker.default_channel)
        queue.declare()
        left = queue.purge() or 0
        queue.delete()
    return left


def post(base: str, submission: Submission, origin: str) -> tuple[int, str, int | None]:
    """One submission as wrk sends it: status, Location and the server's query count."""
    req = urllib.request.Request(
        base + submission.path,
        data=submission.body.encode(),
        method="POST",
        headers={
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Cookie": submission.cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.build_opener(NoRedirect).open(req, timeout=60) as response:
            return response.status, "", None
    except urllib.error.HTTPError as answer:
        queries = answer.headers.get("X-Bench-Queries")
        return answer.code, answer.headers.get("Location", ""), int(queries) if queries else None


def receipts(ids: list[int]) -> dict[str, int]:
    """The prepared drafts submitted and numbered, and their receipts by state."""
    submitted = Application.objects.filter(pk__in=ids).exclude(status=Status.DRAFT)
    documents = GeneratedDocument.objects.filter(
        kind=RECEIPT,
        current=True,
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=[str(pk) for pk in ids],
    )
    states = dict(documents.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    n = submitted.count()
    return {
        "submitted": n,
        "numbered": submitted.exclude(number=None).count(),
        "receipts_expected": n * len(RECEIPT_LANGUAGES),
        "receipts_done": states.get(GeneratedDocument.State.DONE, 0),
        "receipts_failed": states.get(GeneratedDocument.State.FAILED, 0),
        "receipts_requested": sum(states.values()),
    }


def drain(ids: list[int], seconds: int) -> dict:
    """Waits until every submitted draft's receipts are rendered (or failed): at most ``seconds``,
    and no longer than a minute without one finishing (a worker that died)."""
    started = moved = shown = time.monotonic()
    last = -1
    while True:
        state = receipts(ids)
        finished = state["receipts_done"] + state["receipts_failed"]
        now = time.monotonic()
        if finished != last:
            last, moved = finished, now
        if finished >= state["receipts_expected"] or now - started > seconds or now - moved > 60:
            return {**state, "drain_s": round(now - started, 1)}
        if now - shown >= 15:
            shown = now
            print(f"  receipts: {finished:,} of {state['receipts_expected']:,} rendered", flush=True)
        time.sleep(1)


def worker_times(log: Path) -> dict:
    """The worker's own time per receipt PDF (Celery logs each task's run time)."""
    times = [float(t) * 1000 for t in _PDF_TIME.findall(log.read_text())]
    if not times:
        return {"pdfs_logged": 0}
    return {"pdfs_logged": len(times), "pdf_ms_median": statistics.median(times), "pdf_ms_mean": statistics.mean(times)}


def _probe(base: str, first: Submission, origin: str) -> tuple[int | None, dict]:
    """The first submission, checked: its query count, and its receipt page's status, queries and time."""
    status, location, queries = post(base, first, origin)
    if status != 302 or not location.endswith("/receipt/"):
        sys.exit(f"the write: {first.path} answered {status} {location}, not 302 to its receipt")
    page = Target("receipt", "", location, cookie=first.cookie)
    started = time.perf_counter()
    receipt_status, page.bytes, page.queries = request(base, page)
    return queries, {"status": receipt_status, "queries": page.queries, "ms": (time.perf_counter() - started) * 1000}


def _alone(base: str, submissions: list[Submission], origin: str) -> list[float]:
    """Milliseconds of submissions sent one at a time (no queue in front of the server); failures are left out."""
    times = []
    for submission in submissions:
        started = time.perf_counter()
        status, location, _queries = post(base, submission, origin)
        if status == 302 and location.endswith("/receipt/"):
            times.append((time.perf_counter() - started) * 1000)
    return times


def _load(args, base: str, submissions: list[Submission], requests_file: Path) -> Target:
    """The probe, the warm-up, a few submissions alone and the measured run, each on drafts not sent before."""
    origin = f"https://127.0.0.1:{args.port}"
    target = Target("write", "Submitting a signed application (POST)", submissions[0].path)
    target.queries, receipt_page = _probe(base, submissions[0], origin)
    offset, answered, runs = 1, 1, []
    for seconds in (args.warmup, args.duration):
        env = {"BENCH_REQUESTS": str(requests_file), "BENCH_OFFSET": str(offset), "BENCH_THREADS": str(args.threads)}
        target.result = wrk(
            base,
            target,
            seconds=seconds,
            connections=args.connections,
            threads=args.threads,
            script="submit.lua",
            headers=(f"Origin: {origin}",),
            env=env,
        )
        offset += target.result["used"]
        answered += target.result["good"]
        runs.append(target.result)
        if len(runs) == 1:
            alone = _alone(base, submissions[offset : offset + ALONE], origin)
            offset += ALONE
            answered += len(alone)
    target.result.update(
        warmup={key: runs[0][key] for key in ("requests", "good", "bad", "non_2xx", "socket_errors")},
        alone_ms=alone,
        answered=answered,
        prepared=len(submissions),
        out_of_drafts=offset > len(submissions),
        receipt_page=receipt_page,
    )
    return target


def measure_write(args, env: dict[str, str]) -> Target:
    """The write, on a copy of the database, with gunicorn and a Celery worker (see the module's text)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-write-"))
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    log = out / f"write-worker-{datetime.now():%Y%m%d-%H%M%S}.log"
    count = args.write_drafts or DRAFTS_PER_SECOND * (args.warmup + args.duration) + 1 + ALONE
    try:
        with database_copy() as url:
            started = time.perf_counter()
            signer = BenchSigner(folder, now=timezone.now())
            submissions = prepare_submissions(region_code=args.region, count=count, signer=signer)
            requests_file = write_requests(submissions, folder / "requests.tsv")
            print(f"write: {count:,} signed drafts prepared in {time.perf_counter() - started:.1f} s", flush=True)
            queue = folder.name
            write_env = {
                **env,
                "DATABASE_URL": url,
                "SIGNATURE_VERIFIER": "applications.signing.LocalCmsVerifier",
                "SIGNATURE_TRUSTED_CA_FILES": str(signer.ca_file),
                "PRIVATE_MEDIA_ROOT": str(folder / "private"),
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "CELERY_TASK_DEFAULT_QUEUE": queue,
            }
            worker = start_worker(write_env, log, args.worker_concurrency)
            try:
                base = f"http://127.0.0.1:{args.port}"
                server = start_gunicorn(args.port, args.workers, write_env)
                try:
                    target = _load(args, base, submissions, requests_file)
                finally:
                    stop(server)
                target.result.update(drain([s.application_id for s in submissions], args.drain))
            finally:
                stop(worker)
                left = queue_delete(queue)
            target.result.update(worker_times(log), tasks_left_in_queue=left)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    r = target.result
    target.note = (
        f"{r['submitted']:,} submitted ({r['numbered']:,} numbered), receipts {r['receipts_done']:,} of "
        f"{r['receipts_expected']:,} rendered {r['drain_s']:.0f} s after the load"
        + (f", {r['pdf_ms_median']:.0f} ms a PDF (median)" if r["pdfs_logged"] else "")
        + (
            f"; alone: {statistics.median(r['alone_ms']):.0f} ms (median of {len(r['alone_ms'])})"
            if r["alone_ms"]
            else ""
        )
        + (", RAN OUT OF DRAFTS: use --write-drafts" if r["out_of_drafts"] else "")
    )
    return target
