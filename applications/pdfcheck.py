"""Appendix item 7: attachments are PDF files — checked by content, not by name."""
from __future__ import annotations

import io

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError


class PdfRefused(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def check_pdf(upload) -> None:
    """Refuse a file that is too large, lacks the ``%PDF-`` header or cannot be parsed."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise PdfRefused("too_large", _("The file is larger than %(size)s.")
                         % {"size": filesizeformat(settings.UPLOAD_MAX_BYTES)})
    upload.seek(0)
    head = upload.read(1024)
    if b"%PDF-" not in head[:1024] or not head.lstrip().startswith(b"%PDF-"):
        raise PdfRefused("not_pdf", _("The file is not a PDF document."))
    upload.seek(0)
    try:
        reader = PdfReader(io.BytesIO(upload.read()), strict=False)
        if len(reader.pages) < 1:
            raise PdfRefused("broken_pdf", _("The PDF file has no pages."))
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError):
        raise PdfRefused("broken_pdf", _("The PDF file is damaged and cannot be read.")) from None
    finally:
        upload.seek(0)
