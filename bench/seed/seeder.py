"""The phases in order, region by region, in one transaction; ``--reset``; the load harness's samples."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models, transaction

from applications.models import Application, Status
from bench.seed.applications import seed_applications
from bench.seed.budget import seed_budget_phase
from bench.seed.common import (
    APPLICATIONS,
    COUNCIL_MEMBERS,
    PDF,
    PDF_NAME,
    PREFIX,
    SEED,
    SESSIONS,
    BenchDataPresent,
    Labels,
    Phases,
    Run,
    new_run,
    per_region,
)
from bench.seed.journal import seed_counters, seed_journal
from bench.seed.people import seed_central, seed_people
from bench.seed.projects import seed_load, seed_projects
from bench.seed.sessions import plan_sessions, seed_sessions
from councils.models import CouncilSession
from registry.models import AuditEvent, BudgetAdministrator, BudgetProgramme, Deadline, PersonalAccount, Region, User


def store_pdf() -> None:
    if not default_storage.exists(PDF_NAME):
        default_storage.save(PDF_NAME, ContentFile(PDF))


def bench_data_present() -> bool:
    return User.objects.filter(username__startswith=PREFIX).exists()


def reset() -> None:
    """Empty the tables the seeder fills (only in a database whose name says it is a bench one)."""
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        raise SystemExit(f"refusing --reset: database {name!r} does not have 'bench' in its name")
    tables = [
        model._meta.db_table
        for label in ("applications", "councils", "monitoring")
        for model in django_apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    tables += [
        model._meta.db_table
        for model in (AuditEvent, Deadline, PersonalAccount, User, BudgetProgramme, BudgetAdministrator)
    ]
    with connection.cursor() as cursor:
        # CASCADE also empties what points at users (notifications, generated documents, sessions' logs).
        # The journal's TRUNCATE guard (registry 0007) lets this bench session through.
        cursor.execute("SET portal.audit_truncate = 'allowed'")
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _seed_region(run: Run, region: Region, labels: Labels) -> None:
    rng = random.Random(f"{SEED}-{region.code}")
    phases, scale = run.phases, run.scale
    with phases.timed("users"):
        n_entrepreneurs = max(1, per_region(APPLICATIONS, scale) // 10)
        people = seed_people(run, region, n_entrepreneurs, rng)
        per = 5 + COUNCIL_MEMBERS + n_entrepreneurs
        phases.bar("users", per * 20 + 1).update(per)
    with phases.timed("applications"):
        sessions = plan_sessions(run, per_region(SESSIONS, scale), rng)
        apps = seed_applications(run, region, people, sessions, labels, rng)
    with phases.timed("council sessions"):
        seed_sessions(run, region, people, sessions, labels, rng)
    with phases.timed("funded projects"):
        objects = seed_projects(run, region, apps, people, rng)
    with phases.timed("load readings"):
        seed_load(run, objects, rng)


def seed_with_timings(scale: float, *, progress: bool = True) -> tuple[dict[str, int], dict[str, float]]:
    if bench_data_present():
        raise BenchDataPresent("the database already holds bench data (users named bench-…): use --reset")
    phases = Phases(progress)
    store_pdf()
    with transaction.atomic():
        run = new_run(datetime.now(UTC).replace(microsecond=0), scale, phases)
        labels = Labels.load()
        with phases.timed("users"):
            seed_central(run)
            phases.bar("users", 1).update(1)
        for region in Region.objects.order_by("code"):
            _seed_region(run, region, labels)
        with phases.timed("budget chain"):
            seed_budget_phase(run)
        with phases.timed("audit journal"):
            seed_journal(run)
        seed_counters(run)
        run.ids.set_sequences()
        committing = time.perf_counter()
    # Deferred checks and the WAL flush of one large transaction.
    phases.elapsed["commit"] += time.perf_counter() - committing
    if not connection.in_atomic_block:  # pytest-django's test transaction cannot vacuum
        with phases.timed("vacuum analyze"), connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    phases.close()
    return dict(sorted(run.writer.counts.items())), dict(phases.elapsed)


def seed(scale: float, *, progress: bool = True) -> dict[str, int]:
    """Seed at ``scale`` (1.0 = the issue's figures); rows written per table."""
    return seed_with_timings(scale, progress=progress)[0]


def samples(region_code: str) -> dict[str, int]:
    """Ids the load harness can ask for in one region: what a typical page of each kind shows."""
    region = Application.objects.filter(region__code=region_code)
    past = CouncilSession.objects.filter(council__region__code=region_code, status=CouncilSession.Status.CLOSED)
    session = past.annotate(n=models.Count("items")).filter(n__gt=0).order_by("-starts_at").first()
    funded = region.filter(status=Status.IN_MONITORING).order_by("id").first()
    return {
        "refused_application": region.filter(status=Status.REFUSED).order_by("-id").values_list("id", flat=True)[0],
        "submitted_application": region.filter(status=Status.SUBMITTED).order_by("-id").values_list("id", flat=True)[0],
        "past_session": session.pk,
        "agenda_item": session.items.order_by("order").values_list("id", flat=True)[0],
        "protocol": session.protocol.pk,
        "funded_project": funded.pk,
        "infrastructure_object": funded.infrastructure_objects.values_list("id", flat=True)[0],
    }


def summary(counts: dict[str, int], elapsed: dict[str, float], total: float) -> str:
    lines = [f"{'table':<42} {'rows':>10}"]
    lines += [f"{table:<42} {n:>10,}" for table, n in counts.items()]
    lines += ["", f"{'phase':<42} {'seconds':>10}"]
    lines += [f"{name:<42} {elapsed[name]:>10.1f}" for name in Phases.NAMES if name in elapsed]
    lines.append(f"{'total':<42} {total:>10.1f}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        lines.append(f"database {connection.settings_dict['NAME']}: {cursor.fetchone()[0]}")
    return "\n".join(lines)
