"""PDF rendering with WeasyPrint, fetching nothing from outside the portal."""

from __future__ import annotations

import logging
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetchingError

logger = logging.getLogger(__name__)


class LocalOnlyFetcher(URLFetcher):
    """Serves ``data:`` URIs and files under the portal's static folders; refuses the rest.

    A PDF template must never make the worker reach the network (SSRF) or read
    arbitrary files, whatever a user managed to put into the rendered text.
    """

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, **kwargs)
        self.refused: list[str] = []
        self._roots = [Path(p).resolve() for p in settings.STATICFILES_DIRS]

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(url[len("file://") :]).resolve()
            if any(path.is_relative_to(root) for root in self._roots):
                return super().fetch(url, headers)
        self.refused.append(url)
        logger.warning("PDF rendering refused to fetch %s", url)
        raise URLFetchingError(f"refused non-local URL: {url}")


def render_pdf(html: str, *, fetcher: LocalOnlyFetcher | None = None) -> bytes:
    base_url = Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"
    out = BytesIO()
    HTML(string=html, base_url=base_url, url_fetcher=fetcher or LocalOnlyFetcher()).write_pdf(out)
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as a reader would copy it (pdftotext, else pypdf)."""
    if shutil.which("pdftotext"):
        result = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
