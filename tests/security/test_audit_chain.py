"""The audit journal's hash chain has no forks when many requests write at once.

UPDATE/DELETE refused by the database and ``verify_audit`` catching a tampered
row are proven in ``tests/registry/test_audit.py``; here ten threads, each on
its own database connection, append at the same time.
"""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from registry.audit import audit_record, audit_verify
from registry.models import AuditEvent
from tests.concurrency import run_in_threads

pytestmark = pytest.mark.django_db(transaction=True)

THREADS, EACH = 10, 15


def _append(actor, obj, index: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        barrier.wait()
        for step in range(EACH):
            with transaction.atomic():
                audit_record(
                    actor=actor,
                    obj=obj,
                    action=f"t{index}-{step}",
                    from_state="a",
                    to_state="b",
                    rule="§19",
                )
    except Exception as exc:
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the chain lock is a PostgreSQL advisory lock",
)
def test_chain_survives_concurrent_appends_from_ten_threads(coordinator, region):
    before = AuditEvent.objects.count()
    barrier, errors = threading.Barrier(THREADS), []
    run_in_threads(_append, [(coordinator, region, i, barrier, errors) for i in range(THREADS)], timeout=60)

    assert errors == []
    assert AuditEvent.objects.count() == before + THREADS * EACH
    assert audit_verify() == []
    # No fork: every event follows exactly one other.
    prev_hashes = list(AuditEvent.objects.values_list("prev_hash", flat=True))
    assert len(prev_hashes) == len(set(prev_hashes))


def test_event_stamped_in_local_time_still_verifies(coordinator, region):
    """Services pass ``at`` in Asia/Almaty; the database returns it in UTC. The hash must not care."""
    audit_record(
        actor=coordinator,
        obj=region,
        action="local",
        at=datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Asia/Almaty")),
    )
    audit_record(actor=coordinator, obj=region, action="utc")
    assert audit_verify() == []
