"""Benchmark (not a test): the portal's busiest pages served by gunicorn, measured with wrk.

Runs against the database in ``DATABASE_URL`` as ``python -m bench.seed`` left it
(200,000 applications, 2,000 council sessions, 10,000 funded projects,
1,000,000 load readings at ``--scale 1``) and, in one run, side by side:

1. the ceiling: ``/bench/ceiling/``, a bare Django view rendering a small
   template through the whole middleware stack, anonymous (no database);
   and, for comparison, the floor: a signed-in page with only the layout
   (the coordinator's empty notifications);
2. the pages people wait for, each as the user who opens it: the coordinator's
   inbox, the registry search, an application's review page, a council
   session's page, and the budget administrator's dashboard (cabinet) and
   projects list;
3. last, a write: entrepreneurs submitting signed applications (POST → 302 to
   the receipt page), on a copy of the database, with a Celery worker rendering
   the receipts (``bench/write.py``).

The server is gunicorn with 2 sync workers under the production settings
(DEBUG off, persistent database connections, Redis cache, HTTPS as a proxy
sends it); the load is wrk with a fixed number of connections. For each page
it reports requests per second, p50/p95/p99 latency, the SQL statements one
request runs (counted inside the server, ``bench/middleware.py``) and the
throughput as shares measured side by side in the same run, and checks the
targets (issues 7 and 19):

* every busy page ≥ 50 % of the floor's throughput, and p95 ≤ 40 ms;
* submitting a signed application: p95 ≤ 150 ms, and every receipt rendered;
* the floor ≥ 35 % of the ceiling's throughput;
* ≤ 12 queries per page.

Shares taken in one run hold on a busy machine better than req/s do; p95 is
only meaningful on a quiet one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/web.py [--region 75] [--duration 20] [--connections 4] [--only write] [--strict]

Results are printed as a Markdown table and written to ``var/bench/web-<time>.json``;
``--strict`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 40
TARGET_SHARE_OF_FLOOR = 0.50  # each busy page
TARGET_FLOOR_SHARE = 0.35  # the floor, of the ceiling
TARGET_QUERIES = 12
TARGET_WRITE_P95_MS = 150  # submitting a signed application
# Measured for comparison, not held to the targets.
REFERENCES = {"ceiling", "floor"}


def production_environment(port: int) -> dict[str, str]:
    """The environment docker-compose gives the web service, pointed at this machine's services."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "USE_X_FORWARDED_PROTO": "true",
        "CONN_MAX_AGE": "60",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "rediscache://127.0.0.1:6379/3"),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0"),
        "EMAIL_URL": "consolemail://",
        "PORTAL_BASE_URL": f"https://127.0.0.1:{port}",
    }


@dataclass
class Target:
    name: str
    label: str
    path: str
    user: object = None
    note: str = ""
    cookie: str = ""
    queries: int | None = None
    bytes: int = 0
    result: dict = field(default_factory=dict)


def session_cookie(user) -> str:
    """A signed-in session for ``user``, as the login view would leave it.

    Staff's session is also past the second factor, as after a right code: verified by a
    confirmed device of their own (``bench login``, made once), which is checked on every
    request as in production (``registry.signed_in``: in the user's query).
    """
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from registry.signed_in import BACKEND

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.role != "entrepreneur" or user.is_staff or user.is_superuser:
        device, _ = StaticDevice.objects.get_or_create(user=user, name="bench login", defaults={"confirmed": True})
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def search_term(application) -> str:
    """What a coordinator types to find a company: the longest word of its name, lower-cased."""
    words = [w.strip("«»\"'.,()") for w in application.applicant_name.split()]
    return max(words, key=len).lower()


def pages(region_code: str) -> list[Target]:
    """The pages to measure in one region, each with the user who opens it (no session yet).

    The ids are ``bench.seed.samples``: the region's latest past session (its
    agenda, attendance, votes and signed protocol) and a project in monitoring
    (its whole file, from the Appendix to the financing plan).
    """
    from applications.models import Application
    from bench.seed import samples
    from councils.models import CouncilSession
    from registry.models import Role, User

    people = User.objects.filter(region__code=region_code, is_active=True).order_by("id")
    coordinator = people.filter(role=Role.COORDINATOR).first()
    administrator = people.filter(role=Role.BUDGET_ADMIN).first()
    if coordinator is None or administrator is None:
        sys.exit(f"Region {region_code} has no coordinator or budget administrator: seed first (python -m bench.seed).")
    ids = samples(region_code)
    application = Application.objects.get(pk=ids["funded_project"])
    session = CouncilSession.objects.get(pk=ids["past_session"])
    term = search_term(application)
    matches = Application.objects.filter(region__code=region_code, applicant_name__icontains=term).count()
    return [
        Target("ceiling", "Bare view, small template (ceiling)", "/bench/ceiling/"),
        # What any signed-in page costs before its own content: session, user, the bell, the layout.
        Target(
            "floor",
            "Signed-in page, layout only (floor)",
            "/kk/notifications/",
            coordinator,
            note=f"{coordinator.notifications.count()} notifications",
        ),
        Target("inbox", "Coordinator's inbox", "/kk/review/", coordinator),
        Target(
            "search",
            "Registry search",
            "/kk/review/?" + urllib.parse.urlencode({"q": term}),
            coordinator,
            note=f"q={term!r}: {matches} matches in the region",
        ),
        Target(
            "application",
            "Application's page",
            f"/kk/review/{application.pk}/",
            coordinator,
            note=f"{application.number}, {application.get_status_display()}",
        ),
        Target(
            "session",
            "Council session page",
            f"/kk/councils/sessions/{session.pk}/",
            coordinator,
            note=f"{session.items.count()} agenda items",
        ),
        Target("dashboard", "Administrator's dashboard", "/kk/cabinet/", administrator),
        Target("projects", "Administrator's projects", "/kk/monitoring/projects/", administrator),
    ]


def data_size() -> dict[str, int]:
    from applications.models import Application, Status
    from councils.models import CouncilSession
    from monitoring.models import InfrastructureObject, LoadIndicator

    return {
        "applications": Application.objects.count(),
        "council sessions": CouncilSession.objects.count(),
        "funded projects": Application.objects.filter(
            status__in=[Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED]
        ).count(),
        "infrastructure objects": InfrastructureObject.objects.count(),
        "load readings": LoadIndicator.objects.count(),
    }


def request(base: str, target: Target) -> tuple[int, int, int | None]:
    """One GET as wrk will send it: status, body size and the server's query count."""
    req = urllib.request.Request(
        base + target.path,
        headers={"X-Forwarded-Proto": "https", **({"Cookie": target.cookie} if target.cookie else {})},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=60) as response:
            body = response.read()
            queries = response.headers.get("X-Bench-Queries")
            return response.status, len(body), int(queries) if queries else None
    except urllib.error.HTTPError as error:
        return error.code, 0, None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wrk(
    base: str,
    target: Target,
    *,
    seconds: int,
    connections: int,
    threads: int,
    script: str = "latency.lua",
    headers: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> dict:
    """wrk's summary line: ``script`` is a Lua file of bench/, ``env`` what it reads (bench/submit.lua)."""
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / script),
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if target.cookie:
        command += ["-H", f"Cookie: {target.cookie}"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(
        [*command, base + target.path], check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}
    ).stdout
    summary = json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("{")))
    summary["rps"] = summary["requests"] / summary["duration_s"]
    return summary


def start_gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(
                urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}),
                timeout=2,
            ):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer /healthz")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def shares(pages: list[Target]) -> dict[str, tuple[float | None, float | None]]:
    """Each page's throughput as a share of the floor's and of the ceiling's, in this run.

    Not for the write: it ran on another server (a copy of the database, a worker beside it).
    """
    rps = {page.name: page.result["rps"] for page in pages}
    return {
        page.name: (
            rps[page.name] / rps["floor"] if "floor" in rps and page.name != "write" else None,
            rps[page.name] / rps["ceiling"] if "ceiling" in rps and page.name != "write" else None,
        )
        for page in pages
    }


def table(pages: list[Target]) -> str:
    rows = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | queries | share of floor | share of ceiling | targets |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    ratio = shares(pages)
    for page in pages:
        r = page.result
        of_floor, of_ceiling = ratio[page.name]
        rows.append(
            f"| {page.label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {page.queries} "
            f"| {percent(of_floor)} | {percent(of_ceiling)} | {', '.join(misses(page, ratio)) or 'met'} |"
        )
    return "\n".join(rows)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def misses(page: Target, ratio: dict) -> list[str]:
    of_floor, of_ceiling = ratio[page.name]
    missed = []
    if page.name == "floor" and of_ceiling is not None and of_ceiling < TARGET_FLOOR_SHARE:
        missed.append(f"< {TARGET_FLOOR_SHARE:.0%} of ceiling")
    if page.name in REFERENCES:
        return missed
    if page.name == "write":
        return write_misses(page)
    if page.result["p95"] > TARGET_P95_MS:
        missed.append(f"p95 > {TARGET_P95_MS} ms")
    if of_floor is not None and of_floor < TARGET_SHARE_OF_FLOOR:
        missed.append(f"< {TARGET_SHARE_OF_FLOOR:.0%} of floor")
    if page.queries is None or page.queries > TARGET_QUERIES:
        missed.append(f"> {TARGET_QUERIES} queries")
    if page.result["non_2xx"] or page.result["socket_errors"]:
        missed.append("errors")
    return missed


def write_misses(page: Target) -> list[str]:
    """The write's own targets: its p95, every answer a 302 to a numbered submission, every receipt rendered."""
    r, missed = page.result, []
    if r["p95"] > TARGET_WRITE_P95_MS:
        missed.append(f"p95 > {TARGET_WRITE_P95_MS} ms")
    if any(run["non_2xx"] or run["socket_errors"] or run["bad"] for run in (r, r["warmup"])):
        missed.append("errors")
    if r["numbered"] < r["answered"]:
        missed.append("a 302 without a numbered submission")
    if r["receipts_done"] < r["receipts_expected"]:
        missed.append("receipts not all rendered")
    return missed


def print_result(page: Target) -> None:
    r = page.result
    print(
        f"{page.label:<38} {r['rps']:7.0f} req/s  p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
        f"p99 {r['p99']:6.1f} ms  {page.queries} queries  {page.bytes / 1024:.0f} KiB"
        + (f"  ({page.note})" if page.note else ""),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="75", help="KATO code of the region whose users are measured")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load per page first")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--only", nargs="*", help="measure only these pages, or 'write' (the ceiling and the floor always run)"
    )
    parser.add_argument("--write-drafts", type=int, help="drafts prepared for the write (default: 100 a second)")
    parser.add_argument("--worker-concurrency", type=int, default=1, help="the write's Celery worker processes")
    parser.add_argument("--drain", type=int, default=300, help="seconds the worker may take to render the receipts")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: sudo apt-get install -y wrk")

    env = production_environment(args.port)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connection

    options = connection.settings_dict["OPTIONS"]
    binding = f"server-side binding {'on' if options.get('server_side_binding') is True else 'off'}, " + (
        f"statements prepared after {options['prepare_threshold']} runs"
        if options.get("prepare_threshold") is not None
        else "no prepared statements"
    )
    size = data_size()
    targets = [p for p in pages(args.region) if not args.only or p.name in REFERENCES or p.name in args.only]
    for target in targets:
        target.cookie = session_cookie(target.user) if target.user else ""
    print("data: " + ", ".join(f"{n:,} {what}" for what, n in size.items()), flush=True)

    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(args.port, args.workers, env)
    try:
        for page in targets:
            status, page.bytes, page.queries = request(base, page)
            if status != 200:
                sys.exit(f"{page.label}: {page.path} answered {status}, not 200")
            wrk(base, page, seconds=args.warmup, connections=args.connections, threads=args.threads)
            page.result = wrk(base, page, seconds=args.duration, connections=args.connections, threads=args.threads)
            print_result(page)
    finally:
        stop(server)
    if not args.only or "write" in args.only:
        from bench.write import measure_write

        targets.append(measure_write(args, env))
        print_result(targets[-1])

    print()
    print(
        f"gunicorn {args.workers} sync workers, wrk {args.threads} threads × {args.connections} connections, "
        f"{args.duration} s per page; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; {binding}"
    )
    print(table(targets))
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"web-{datetime.now():%Y%m%d-%H%M%S}.json"
    report.write_text(
        json.dumps(
            {
                "args": vars(args),
                "size": size,
                "pages": [asdict(p) | {"user": str(p.user or ""), "cookie": ""} for p in targets],
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"\nwritten to {report.relative_to(ROOT)}")
    ratio = shares(targets)
    missed = [p.label for p in targets if misses(p, ratio)]
    if missed:
        print("targets missed: " + "; ".join(missed))
        if args.strict:
            sys.exit(1)


if __name__ == "__main__":
    main()
