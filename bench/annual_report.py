"""Benchmark (not a test): the §31 annual monitoring PDF in Kazakh for a region with 1,000 funded projects.

Brings one region (Turkistan, 61) to 1,000 projects (funded / in monitoring /
completed): on an empty database it seeds all of them; on the at-scale
database of ``bench/seed.py`` (500 projects a region, among 200,000
applications and 1,000,000 load readings) it adds the other 500. Each added
project has an infrastructure object with 3 users and 12 months of load, a
year's counter-obligations, result indicators and use of funds. It then times

* the whole path (``document_request`` + ``document_render``: queries,
  template, WeasyPrint, hashing, storing), and
* WeasyPrint alone (``registry.pdf.render_pdf``) on the very same HTML,

and prints wall time, peak memory (process RSS high-water mark and Python
allocations) and the ratio total / WeasyPrint. Everything runs inside one
transaction that is rolled back, so any database can be used:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> \\
        .venv/bin/python bench/annual_report.py [--projects 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Importing these touches neither settings nor the app registry; main() sets Django up.
import django
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

YEAR = 2026


class Rollback(Exception):
    pass


def seed(n: int):
    """One region with ``n`` projects and everything the §31 report reads; bulk inserts only.

    Projects the region already has count towards ``n``; only the rest are added.
    """
    from applications.models import Application, Status
    from monitoring.models import (
        FundsUse,
        InfrastructureObject,
        LoadIndicator,
        ObjectUser,
        ResultIndicator,
        SupportTerm,
        YearResult,
    )
    from registry.models import (
        InfrastructureCategory,
        InfrastructureObjectType,
        Region,
        User,
    )

    region, _ = Region.objects.get_or_create(
        code="61",
        defaults={
            "kind": "oblast",
            "name_kk": "Түркістан облысы",
            "name_ru": "Туркестанская область",
            "centre_kk": "Түркістан",
            "centre_ru": "Туркестан",
        },
    )
    user = User.objects.create(username="bench-entrepreneur", role="entrepreneur")
    category, _ = InfrastructureCategory.objects.get_or_create(
        code="bench", defaults={"name_kk": "Өндірістік", "name_ru": "Производственная"}
    )
    kind, _ = InfrastructureObjectType.objects.get_or_create(
        code="bench-shared",
        defaults={
            "category": category,
            "common_use": True,
            "name_kk": "Өндірістік кластер",
            "name_ru": "Производственный кластер",
        },
    )
    statuses = [Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED]
    existing = Application.objects.filter(region=region, status__in=statuses).count()
    n = max(n - existing, 0)
    apps = Application.objects.bulk_create(
        Application(
            number=f"B-{YEAR}-{i:05d}",
            region=region,
            applicant=user,
            status=statuses[i % 3],
            applicant_name=f"ЖШС «Өнім-{i}»",
            applicant_identifier=f"{i:012d}",
            project_name=f"Ауыл шаруашылығы өнімдерін өңдеу цехы № {i}",
            construction_cost=Decimal(50000),
        )
        for i in range(n)
    )
    SupportTerm.objects.bulk_create(
        SupportTerm(
            application=a, starts_on=date(YEAR, 1, 1), ends_on=date(YEAR + 3, 1, 1), current_end=date(YEAR + 3, 1, 1)
        )
        for a in apps
    )
    objects = InfrastructureObject.objects.bulk_create(
        InfrastructureObject(
            region=region,
            name=f"Нысан № {i}",
            object_type=kind,
            location=f"{region.name_kk}, ауыл {i % 90}",
            capacity="10 т/тәу",
            operator="ЖШС Оператор",
            works_status="operating",
        )
        for i in range(n)
    )
    InfrastructureObject.projects.through.objects.bulk_create(
        InfrastructureObject.projects.through(infrastructureobject_id=o.pk, application_id=a.pk)
        for o, a in zip(objects, apps, strict=True)
    )
    ObjectUser.objects.bulk_create(
        ObjectUser(
            infrastructure_object=o, identifier=f"{j}{o.pk:011d}"[:12], name=f"ЖК {j}", used_from=date(YEAR, 1, 1)
        )
        for o in objects
        for j in range(3)
    )
    LoadIndicator.objects.bulk_create(
        LoadIndicator(
            infrastructure_object=o,
            month=date(YEAR, m, 1),
            occupancy=Decimal(40 + (o.pk + m) % 60),
            served=m,
            volume=Decimal(m),
        )
        for o in objects
        for m in range(1, 13)
    )
    YearResult.objects.bulk_create(
        YearResult(
            application=a,
            year=YEAR,
            status="confirmed",
            plan_jobs_permanent=10,
            fact_jobs_permanent=9,
            plan_tax=Decimal(300),
            fact_tax=Decimal(310),
        )
        for a in apps
    )
    ResultIndicator.objects.bulk_create(
        ResultIndicator(
            application=a, year=YEAR, kind="direct", name="Нысан іске қосылды", plan=Decimal(1), fact=Decimal(1)
        )
        for a in apps
    )
    sources = [FundsUse.Source.DISTRICT, FundsUse.Source.TRANSFER, FundsUse.Source.CREDIT, FundsUse.Source.REGIONAL]
    FundsUse.objects.bulk_create(
        FundsUse(
            application=a,
            year=YEAR,
            source=sources[i % 4],
            allocated=Decimal(50000),
            disbursed=Decimal(50000 - (i % 5) * 1000),
            unspent_reason="" if i % 5 == 0 else "Мердігер жұмысты кешіктірді",
        )
        for i, a in enumerate(apps)
    )
    # §31(3): the plan sums come from the administrator's financing plan of the year (12 months each).
    from bench.seed_budget import seed_budget

    seed_budget(Application.objects.filter(pk__in=[a.pk for a in apps]), year=YEAR)
    return region, user, existing + n


def _end_to_end(report, user) -> tuple[float, object]:
    from registry.documents import document_render, document_request
    from registry.models import GeneratedDocument

    start = time.perf_counter()
    document = document_request(kind="monitoring_s31", obj=report, language="kk", requested_by=user, fresh=True)
    document_render(document_id=document.pk)
    elapsed = time.perf_counter() - start
    document.refresh_from_db()
    assert document.state == GeneratedDocument.State.DONE, document.error
    return elapsed, document


def measure(region, user, repeat: int) -> list[dict]:
    """Each run: our whole path, then WeasyPrint alone on the same HTML; the last run also traces Python memory."""
    import io

    from pypdf import PdfReader

    from monitoring.models import AnnualMonitoring
    from registry.documents import document_kind
    from registry.pdf import render_pdf

    report = AnnualMonitoring.objects.create(region=region, year=YEAR)
    runs = []
    for i in range(repeat + 1):
        traced = i == repeat  # tracemalloc slows Python several times: never on a timed run
        if traced:
            tracemalloc.start()
        total, document = _end_to_end(report, user)
        with translation.override("kk"):
            context = document_kind("monitoring_s31").context(report, {"year": YEAR}, "kk")
            html = render_to_string(
                "monitoring/pdf/s31_annual.html", {**context, "document": document, "LANGUAGE_CODE": "kk"}
            )
        start = time.perf_counter()
        pdf = render_pdf(html)
        weasy = time.perf_counter() - start
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            runs.append({"python_peak_mb": peak})
            break
        runs.append(
            {"total": total, "weasy": weasy, "pages": len(PdfReader(io.BytesIO(pdf)).pages), "bytes": document.size}
        )
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    django.setup()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tempfile.mkdtemp(prefix="bench-s31-")},
        },
    }
    try:
        with transaction.atomic():
            start = time.perf_counter()
            region, user, projects = seed(args.projects)
            print(
                f"region {region.code} brought to {projects} projects in {time.perf_counter() - start:.1f} s "
                f"({os.cpu_count()} CPUs)",
                flush=True,
            )
            runs = measure(region, user, args.repeat)
            raise Rollback
    except Rollback:
        pass
    traced = runs.pop()
    for i, run in enumerate(runs, 1):
        print(
            f"run {i}: total {run['total']:.2f} s · WeasyPrint alone {run['weasy']:.2f} s · ratio {run['total'] / run['weasy']:.2f}"
            f" · {run['pages']} pages · {run['bytes'] / 1024:.0f} KiB"
        )
    print(f"Python allocations peak during one traced run: {traced['python_peak_mb']:.0f} MB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total, weasy = statistics.median(r["total"] for r in runs), statistics.median(r["weasy"] for r in runs)
    print(
        f"median: total {total:.2f} s, WeasyPrint alone {weasy:.2f} s, ratio {total / weasy:.2f}; "
        f"process peak RSS {rss:.0f} MB; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
