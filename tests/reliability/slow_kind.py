"""A document kind whose rendering waits while a flag file exists.

Imported by the test and by the worker subprocesses (``celery worker -I``), so
both know the kind. ``params`` carry the two files: ``started`` is written
when a render begins (one line per attempt), ``flag`` holds the render.
"""

import os
import time
from pathlib import Path

from registry.documents import DocumentKind, register_document_kind

SLOW_KIND = "reliability_slow"


def slow_context(obj, params: dict, language: str) -> dict:
    with Path(params["started"]).open("a") as started:
        started.write(f"{os.getpid()}\n")
    flag, deadline = Path(params["flag"]), time.monotonic() + 40
    while flag.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return {}


register_document_kind(
    DocumentKind(
        code=SLOW_KIND,
        template="pdf/base.html",
        context=slow_context,
        title="Reliability test document",
    )
)
