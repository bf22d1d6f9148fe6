"""Language helpers shared by views, notifications and e-mail."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.urls import get_script_prefix
from django.utils.translation import get_language_from_path


def url_in_language(url: str, language: str) -> str:
    """``url`` (a path on this portal) with its language prefix, or none, replaced by ``language``'s."""
    if not url:
        return url
    parts = urlsplit(url)
    path = parts.path
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :]
    elif path.rstrip("/") in ("", get_script_prefix().rstrip("/")):
        path = "/"
    if not path.startswith("/"):
        path = "/" + path
    return urlunsplit((parts.scheme, parts.netloc, f"/{language}{path}", parts.query, parts.fragment))
