"""Uploads: stop reading past ``UPLOAD_MAX_BYTES``, and a per-user rate limit.

``BoundedUploadHandler`` is the first of ``FILE_UPLOAD_HANDLERS``: it counts the
bytes of each file and, past the limit, stops the parser without reading the
rest of the body (the proxy's own body limit, README "Deployment", keeps the
rest off the worker). ``UploadOverflowMiddleware`` then puts an
``OversizeUpload`` in the file's place, so the form answers "larger than
25 MB" instead of "this field is required".
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _


class OversizeUpload(InMemoryUploadedFile):
    """Stands for a file whose reading was stopped: empty, and one byte over the limit."""

    def __init__(self, name: str):
        super().__init__(io.BytesIO(b""), "file", name, "application/octet-stream", settings.UPLOAD_MAX_BYTES + 1, None)


class BoundedUploadHandler(FileUploadHandler):
    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            if self.request is not None:
                # The portal's own marker on the request; UploadOverflowMiddleware reads it.
                cast(Any, self.request).upload_overflow = (self.field_name, self.file_name or "")
            # connection_reset: the parser does not read (exhaust) the rest of the body.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadOverflowMiddleware:
    """After the body is parsed (CSRF reads it first), the stopped file is an ``OversizeUpload``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 -- parses the body if nothing has yet
            overflow = getattr(request, "upload_overflow", None)
            if overflow is not None:
                field, name = overflow
                files = request.FILES.copy()
                files[field] = OversizeUpload(name)
                request._files = files
        return None


def upload_rate_check(*, user, at: datetime) -> None:
    """At most ``UPLOAD_RATE_PER_HOUR`` uploads by one user in a clock hour; the next is refused."""
    key = f"upload-rate:{user.pk}:{at:%Y%m%d%H}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    if count > settings.UPLOAD_RATE_PER_HOUR:
        raise ValidationError(
            _("You have uploaded too many files in the last hour; try again later."), code="upload_rate"
        )
