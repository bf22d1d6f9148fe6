"""The audit journal: append-only, each event chained to the one before by a hash."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from registry.middleware import request_id_var
from registry.models import AuditEvent, User

# One advisory lock serialises appends so that the hash chain has no forks.
_CHAIN_LOCK = 7_310_001


def _content(event: AuditEvent) -> str:
    # In UTC: the database gives ``at`` back in UTC, whatever zone the caller passed in.
    at = event.at.astimezone(UTC) if timezone.is_aware(event.at) else event.at
    return json.dumps(
        [
            at.isoformat(), event.actor_id, event.content_type_id, event.object_id,
            event.object_repr, event.action, event.from_state, event.to_state,
            event.reason, event.rule, event.request_id,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def event_hash(event: AuditEvent, prev_hash: str) -> str:
    return hashlib.sha256((prev_hash + _content(event)).encode()).hexdigest()


def audit_record(
    *,
    actor: User | None,
    obj: Model,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    rule: str = "",
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to the journal (inside the caller's transaction)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        event = AuditEvent(
            at=at or timezone.now(),
            actor=actor if actor is not None and actor.pk else None,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            action=action,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            rule=rule,
            request_id=request_id_var.get(),
            prev_hash=prev,
        )
        event.hash = event_hash(event, prev)
        event.save(force_insert=True)
    return event


def audit_for(obj: Model):
    """The journal of one object, oldest first, with actors loaded."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


def audit_verify() -> list[int]:
    """Ids of events whose hash does not follow from the chain (empty when intact)."""
    broken = []
    prev = ""
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != prev or event.hash != event_hash(event, prev):
            broken.append(event.pk)
        prev = event.hash
    return broken
