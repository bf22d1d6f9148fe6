"""A notification's words, rendered from its kind and data in the active language."""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string

from registry.snapshots import thaw


def notification_render(*, kind: str, data: dict) -> tuple[str, str]:
    """(subject, body) from ``templates/notifications/<kind>.txt``: the first line is the subject."""
    text = render_to_string(f"notifications/{kind}.txt", thaw(data)).strip()
    subject, _, body = text.partition("\n")
    return subject.strip()[:300], body.strip()


def notification_text(notification) -> tuple[str, str]:
    """The row's words in the active language; the stored words for a row without data.

    A row written before kinds were stored with their data (and not migrated),
    or whose kind has no template any more, shows the words it was written with.
    """
    if notification.data and notification.kind.replace("_", "").isalnum():
        try:
            return notification_render(kind=notification.kind, data=notification.data)
        except TemplateDoesNotExist:
            pass
    return notification.subject, notification.body
