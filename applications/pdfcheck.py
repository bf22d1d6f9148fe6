"""Appendix item 7: attachments are PDF files — checked by content, not by name."""
from __future__ import annotations

import io
import re

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

# Active content a PDF reader would run, submit or launch. A government portal keeps
# attachments inert, so such a PDF is refused rather than stored: the reviewers open
# these files, and a script or launch action must never reach them.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/XFA", "/RichMedia"})
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute"})
# Long names only: a short one such as /JS turns up by chance in compressed bytes.
_ACTIVE_BYTES = re.compile(rb"/(JavaScript|Launch|EmbeddedFile|RichMedia)(?=[\s/<>\[\](){}%]|$)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
MAX_OBJECTS = 20000


class PdfRefused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def check_pdf(upload) -> None:
    """Refuse a file that is too large, lacks the ``%PDF-`` header, cannot be parsed or carries active content."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise PdfRefused("too_large", _("The file is larger than %(size)s.")
                         % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)})
    upload.seek(0)
    head = upload.read(1024)
    if b"%PDF-" not in head[:1024] or not head.lstrip().startswith(b"%PDF-"):
        raise PdfRefused("not_pdf", _("The file is not a PDF document."))
    upload.seek(0)
    try:
        data = upload.read()
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) < 1:
            raise PdfRefused("broken_pdf", _("The PDF file has no pages."))
        if _has_active_content(reader, data):
            raise PdfRefused("active_pdf", _("The PDF file contains scripts, embedded files or actions; "
                                             "save it again as a plain PDF document."))
    except PdfRefused:
        raise
    except Exception:  # noqa: BLE001 -- pypdf raises many kinds of error on hostile input: all mean "unreadable"
        raise PdfRefused("broken_pdf", _("The PDF file is damaged and cannot be read.")) from None
    finally:
        upload.seek(0)


def _has_active_content(reader: PdfReader, raw: bytes) -> bool:
    """Scripts or launch/submit actions, in plain bytes (names un-escaped) or in any parsed object."""
    if _ACTIVE_BYTES.search(_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)):
        return True
    numbers = set(reader.xref_objStm)
    for table in reader.xref.values():
        numbers.update(table)
    if len(numbers) > MAX_OBJECTS:
        return True
    for number in numbers:
        obj = reader.get_object(number)
        if isinstance(obj, DictionaryObject) and _is_active(obj):
            return True
    return False


def _is_active(obj: DictionaryObject) -> bool:
    if ACTIVE_KEYS.intersection(obj.keys()) or obj.get("/S") in ACTIVE_ACTIONS:
        return True
    return obj.get("/Type") == "/EmbeddedFile"
