"""Benchmark (not a test): where the busy pages spend their Python time, profiled in-process.

Each page of ``bench/web.py`` (the ceiling, the signed-in floor and the six busy
pages) is requested through Django's WSGI handler, exactly as gunicorn calls it,
under the benchmark's production settings (``bench.settings``: DEBUG off, Redis
cache and sessions, persistent connections), as the user who opens it. After a
warm-up, each page is timed without a profiler (ms per request), then requested
again under cProfile, timed by this process's CPU clock (so that waiting for
PostgreSQL, Redis or a busy machine's other processes is not counted); the report
lists, per page, the functions with the most own CPU time and the share of a few
cumulative buckets (template rendering, SQL, the view).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        .venv/bin/python bench/profile_pages.py [--region 75] [--requests 200] [--only floor inbox] [--top 15]

Prints Markdown; ``--dump DIR`` also writes each page's pstats file there.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Cumulative buckets: (label, file fragment, function name) of the frames whose cumulative time is reported.
BUCKETS = [
    ("template rendering", "django/template/base.py", "render"),
    ("SQL (cursor.execute)", "django/db/backends/utils.py", "_execute"),
    ("view", "django/core/handlers/base.py", "_get_response"),
]


def environ(path: str, cookie: str, port: int) -> dict:
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": str(port),
        "HTTP_HOST": f"127.0.0.1:{port}",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="75")
    parser.add_argument("--requests", type=int, default=200, help="requests per page, timed and then profiled")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()

    from bench.web import production_environment

    os.environ.update(production_environment(args.port))
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command

    from bench.web import pages, session_cookie

    call_command("collectstatic", interactive=False, verbosity=0)
    handler = WSGIHandler()
    targets = [p for p in pages(args.region) if not args.only or p.name in args.only]

    def get(env_args) -> int:
        status = []
        body = handler(environ(*env_args), lambda s, h, exc_info=None: status.append(s))
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        return int(status[0].split()[0])

    print(f"{args.requests} requests a page, region {args.region}, load average {os.getloadavg()[0]:.1f}\n")
    for page in targets:
        cookie = session_cookie(page.user) if page.user else ""
        env_args = (page.path, cookie, args.port)
        for _ in range(20):
            status = get(env_args)
        if status != 200:
            sys.exit(f"{page.label}: {page.path} answered {status}")
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            get(env_args)
        ms = (time.perf_counter() - start) * 1000 / args.requests
        cpu_ms = (time.process_time() - cpu_start) * 1000 / args.requests
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(args.requests):
            get(env_args)
        profiler.disable()
        stats = pstats.Stats(profiler)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            stats.dump_stats(args.dump / f"{page.name}.pstats")
        report(page, ms, cpu_ms, stats, args.requests, args.top)


def report(page, ms: float, cpu_ms: float, stats: pstats.Stats, n: int, top: int) -> None:
    total = stats.total_tt
    print(f"### {page.label} ({page.name}): {cpu_ms:.2f} ms CPU ({ms:.2f} ms wall) a request without the profiler\n")
    cumulative = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for label, fragment, function in BUCKETS:
            if filename.endswith(fragment) and name == function:
                cumulative[label] = max(cumulative.get(label, 0.0), ct)
    print(
        "cumulative: "
        + ", ".join(f"{label} {cumulative.get(label, 0) / total:.0%}" for label, _f, _n in BUCKETS)
        + f" of {total * 1000 / n:.2f} ms CPU profiled\n"
    )
    print("| own CPU time | calls/request | function |")
    print("| ---: | ---: | --- |")
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    for (filename, line, name), (_cc, nc, tt, _ct, _callers) in rows:
        where = short(filename)
        print(f"| {tt / total:.1%} | {nc / n:g} | `{where}:{line} {name}` |")
    print()


def short(filename: str) -> str:
    for marker in ("site-packages/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    try:
        return str(Path(filename).resolve().relative_to(ROOT))
    except ValueError:
        return filename


if __name__ == "__main__":
    main()
