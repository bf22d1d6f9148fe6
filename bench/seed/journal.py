"""Phase 5, the audit journal (hash-chained in time order) and the registry counters."""

from __future__ import annotations

import json
from datetime import UTC

from django.db import connection

from bench.seed.common import Run
from registry.audit import chain_hash, chain_key
from registry.models import AuditEvent


def seed_journal(run: Run) -> None:
    """The events in time order, each chained to the one before as ``registry.audit`` does."""
    events = run.journal.events
    events.sort(key=lambda e: e[0])
    bar = run.phases.bar("audit journal", len(events))
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
    key = chain_key()

    def rows():
        nonlocal prev
        for i, (at, actor, ct, obj_id, obj_repr, action, from_state, to_state, reason, rule) in enumerate(events):
            content = json.dumps(
                [
                    at.astimezone(UTC).isoformat(),
                    actor,
                    ct,
                    obj_id,
                    obj_repr,
                    action,
                    from_state,
                    to_state,
                    reason,
                    rule,
                    "",
                ],
                ensure_ascii=False,
                separators=(",", ":"),
            )
            digest = chain_hash(prev, content, key)
            yield (at, actor, ct, obj_id, obj_repr, action, from_state, to_state, reason, rule, "", prev, digest)
            prev = digest
            if i % 10_000 == 9_999:
                bar.update(10_000)
        bar.update(len(events) % 10_000)

    columns = [
        "at",
        "actor_id",
        "content_type_id",
        "object_id",
        "object_repr",
        "action",
        "from_state",
        "to_state",
        "reason",
        "rule",
        "request_id",
        "prev_hash",
        "hash",
    ]
    run.writer.copy(AuditEvent._meta.db_table, columns, rows())
    events.clear()


def seed_counters(run: Run) -> None:
    """The registry numbers continue where the seeded ones stop (``next_registry_number``)."""
    with connection.cursor() as cursor:
        for (region_id, year), last in run.registry_counters.items():
            cursor.execute(
                "INSERT INTO applications_registrycounter (region_id, year, last) VALUES (%s, %s, %s) "
                "ON CONFLICT (region_id, year) DO UPDATE SET last = EXCLUDED.last",
                [region_id, year, last],
            )
