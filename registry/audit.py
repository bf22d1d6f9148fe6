"""The audit journal: append-only, each event chained to the one before by a keyed hash.

Tamper evidence, layer by layer:
- PostgreSQL refuses UPDATE, DELETE and TRUNCATE on the table (triggers), and the
  application's own database role may only INSERT and SELECT it (README "Database roles");
- each event's hash is an HMAC-SHA256 of the previous hash and its content, keyed by
  ``AUDIT_HMAC_KEY`` (environment or secret file, never the database): whoever can
  write the table cannot recompute a chain that verifies;
- every day the head (last id, count, hash) is appended to an anchor file in private
  media and, where configured, e-mailed to an auditor: deleting the newest events or
  emptying the table leaves the anchors pointing at events that are gone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from registry.middleware import request_id_var
from registry.models import AuditEvent, User

# One advisory lock serialises appends so that the hash chain has no forks.
_CHAIN_LOCK = 7_310_001


def event_content(event: AuditEvent) -> str:
    # In UTC: the database gives ``at`` back in UTC, whatever zone the caller passed in.
    at = event.at.astimezone(UTC) if timezone.is_aware(event.at) else event.at
    return json.dumps(
        [
            at.isoformat(),
            event.actor_id,
            event.content_type_id,
            event.object_id,
            event.object_repr,
            event.action,
            event.from_state,
            event.to_state,
            event.reason,
            event.rule,
            event.request_id,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def chain_key() -> bytes:
    """``AUDIT_HMAC_KEY``; without one, a key derived from ``SECRET_KEY`` (the deploy check warns)."""
    key = settings.AUDIT_HMAC_KEY or hmac.new(settings.SECRET_KEY.encode(), b"audit-chain", hashlib.sha256).hexdigest()
    return key.encode()


def chain_hash(prev_hash: str, content: str, key: bytes | None = None) -> str:
    """The keyed link: HMAC-SHA256 over the previous hash and the event's content."""
    return hmac.new(key or chain_key(), (prev_hash + content).encode(), hashlib.sha256).hexdigest()


def event_hash(event: AuditEvent, prev_hash: str, key: bytes | None = None) -> str:
    return chain_hash(prev_hash, event_content(event), key)


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


def _walk(anchor_ids: set[int]) -> tuple[list[int], int, dict[int, tuple[int, str]]]:
    """One pass over the journal: broken ids, the count, and (position, hash) of anchored ids."""
    broken, seen = [], {}
    prev, count = "", 0
    key = chain_key()
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != prev or not hmac.compare_digest(event.hash, event_hash(event, prev, key)):
            broken.append(event.pk)
        if event.pk in anchor_ids:
            seen[event.pk] = (count, event.hash)
        prev = event.hash
    return broken, count, seen


def audit_verify() -> list[int]:
    """Ids of events whose hash does not follow from the keyed chain (empty when intact)."""
    return _walk(set())[0]


# --- Anchors: the head written outside the table -------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    at: str
    last_id: int
    count: int
    hash: str


def anchor_path() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "audit" / "anchors.jsonl"


def anchors_read() -> list[Anchor]:
    path = anchor_path()
    if not path.exists():
        return []
    anchors = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            anchors.append(Anchor(data["at"], int(data["last_id"]), int(data["count"]), data["hash"]))
    return anchors


def audit_anchor(*, at: datetime) -> Anchor | None:
    """Append today's head of the journal to the anchor file (and mail it to the auditor, if any).

    The file is opened for appending only (``O_APPEND``); on the server it may also carry
    ``chattr +a``, so not even the portal's user can rewrite what it wrote (README).
    """
    head = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    if head is None:
        return None
    anchor = Anchor(
        at=at.astimezone(UTC).isoformat(),
        last_id=head[0],
        count=AuditEvent.objects.filter(id__lte=head[0]).count(),
        hash=head[1],
    )
    line = json.dumps(anchor.__dict__, separators=(",", ":")) + "\n"
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(line)
    if settings.AUDIT_ANCHOR_EMAIL:
        from django.core.mail import send_mail

        send_mail(f"Audit journal anchor {anchor.at[:10]}", line, None, [settings.AUDIT_ANCHOR_EMAIL])
    return anchor


@dataclass
class AuditCheck:
    """What ``verify_audit`` found: the first broken event, the events gone from the tail."""

    broken: list[int] = field(default_factory=list)
    missing: list[Anchor] = field(default_factory=list)  # anchors whose event is gone or different
    count: int = 0

    @property
    def intact(self) -> bool:
        return not self.broken and not self.missing


def audit_check() -> AuditCheck:
    """The keyed chain, then each anchor: its event must still be there, at its place, with its hash."""
    anchors = anchors_read()
    broken, count, seen = _walk({a.last_id for a in anchors})
    missing = [a for a in anchors if seen.get(a.last_id) != (a.count, a.hash)]
    return AuditCheck(broken=broken, missing=missing, count=count)
