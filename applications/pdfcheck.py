"""Appendix item 7: attachments are PDF files — checked by content, not by name, and rebuilt clean.

``check_pdf`` is the cheap check a form runs (size, the ``%PDF-`` header).
``clean_pdf`` is the service's guard: it rebuilds the file with qpdf in a child
process (``applications/pdfclean.py``) under CPU-time and memory limits, so a
decompression bomb or a pathological file costs that child, not the web worker.
The portal stores the rebuilt file and keeps the SHA-256 of what was uploaded.
"""

from __future__ import annotations

import hashlib
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_CHILD = Path(__file__).with_name("pdfclean.py")
# Exit codes of the child (pdfclean.EXIT_*); a signal (CPU limit) or MemoryError means "too complex".
_EXIT_ACTIVE, _EXIT_BROKEN, _EXIT_BOMB = 3, 4, 5


class PdfRefused(ValidationError):
    """A refused upload: ``code`` for tests and logs, ``message`` for the user."""

    def __init__(self, code: str, message: str):
        super().__init__(message, code=code)


@dataclass(frozen=True)
class CleanPdf:
    file: ContentFile
    sha256: str  # of the stored, rebuilt file
    original_sha256: str  # of the bytes the user uploaded
    size: int


def _too_large() -> PdfRefused:
    return PdfRefused(
        "too_large", _("The file is larger than %(size)s.") % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)}
    )


def _broken() -> PdfRefused:
    return PdfRefused("broken_pdf", _("The PDF file is damaged and cannot be read."))


def check_pdf(upload) -> None:
    """Refuse a file that is too large or lacks the ``%PDF-`` header (a form's early feedback)."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise _too_large()
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if not head.lstrip().startswith(b"%PDF-"):
        raise PdfRefused("not_pdf", _("The file is not a PDF document."))


def _limits(cpu: int, memory: int):
    def apply() -> None:  # pragma: no cover -- runs in the child before exec
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def _rebuild(data: bytes) -> bytes:
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(_CHILD)],
            input=data,
            capture_output=True,
            preexec_fn=_limits(settings.PDF_CHECK_CPU_SECONDS, settings.PDF_CHECK_MEMORY_BYTES),
            timeout=settings.PDF_CHECK_CPU_SECONDS * 3 + 5,
            env={"LANG": "C.UTF-8"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        done = None
    if done is not None and done.returncode == 0 and done.stdout.startswith(b"%PDF-"):
        return done.stdout
    if done is not None and done.returncode == _EXIT_ACTIVE:
        raise PdfRefused(
            "active_pdf",
            _("The PDF file contains scripts, embedded files or actions; save it again as a plain PDF document."),
        )
    if done is not None and done.returncode == _EXIT_BROKEN:
        raise _broken()
    # The bound on inflated bytes, the CPU or memory limit, or the wall clock.
    raise PdfRefused("complex_pdf", _("The PDF file is too complex to check; save it again as a plain PDF document."))


def clean_pdf(upload) -> CleanPdf:
    """The rebuilt PDF to store, or ``PdfRefused`` (too large, not a PDF, damaged, active, too complex)."""
    check_pdf(upload)
    upload.seek(0)
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    upload.seek(0)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise _too_large()
    clean = _rebuild(data)
    return CleanPdf(
        file=ContentFile(clean, name="document.pdf"),
        sha256=hashlib.sha256(clean).hexdigest(),
        original_sha256=hashlib.sha256(data).hexdigest(),
        size=len(clean),
    )
