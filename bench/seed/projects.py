"""Phase 4, funded projects: support terms, results, infrastructure objects and their monthly load
readings. The budget chain (requests, resolutions, plans) is the administrators' and is written once
all regions are in (``bench.seed.budget``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from applications.models import Status
from bench.seed.common import (
    FUNDED,
    FUNDED_FAMILY,
    READINGS_PER_OBJECT,
    VILLAGES,
    People,
    Run,
    local,
    local_day,
    per_region,
    person,
)
from monitoring.models import (
    FundsUse,
    InfrastructureObject,
    LoadIndicator,
    ObjectUser,
    ResultIndicator,
    SupportTerm,
    YearResult,
)
from monitoring.services.term import add_months
from registry.models import Region


def seed_projects(run: Run, region: Region, apps: list, people: People, rng: random.Random) -> list:
    """§17 the funding's journal entry, §7 terms, results and one object per funded project."""
    funded = [a for a in apps if a["status"] in FUNDED_FAMILY]
    for app in funded:
        funded_event(run, app, people)
    termed = [a for a in funded if "term_start" in a["times"]]
    for app, pk in zip(termed, run.ids.take(SupportTerm, len(termed)), strict=True):
        app["term_id"] = pk
    w = run.writer
    w.rows(SupportTerm, (term_row(run, a, people) for a in termed), with_id=True)
    w.rows(YearResult, (row for a in termed for row in year_results(run, a, people, rng)))
    w.rows(ResultIndicator, (row for a in termed for row in indicators(run, a)))
    w.rows(FundsUse, (row for a in termed for row in funds_use(run, a, rng)))
    objects = seed_objects(run, region, funded, rng)
    run.phases.bar("funded projects", per_region(FUNDED, run.scale) * 20).update(len(funded))
    return objects


def funded_event(run: Run, app: dict, people: People) -> None:
    """§17: the project became funded when the administrator's plan took it in."""
    run.journal.add(
        app["times"]["funded"],
        people.budget["id"],
        run.ct["application"],
        app["id"],
        app["number"],
        "financing_plan_approved",
        "sent_to_budget",
        "funded",
        rule="§17",
    )


def term_row(run: Run, app: dict, people: People) -> dict:
    times, number, budget = app["times"], app["number"], people.budget["id"]
    starts = local_day(times["term_start"])
    ends = add_months(starts, app["term_months"])
    run.journal.add(
        times["term_start"],
        budget,
        run.ct["application"],
        app["id"],
        number,
        "support_term_start",
        "funded",
        "in_monitoring",
        rule="§7",
    )
    run.journal.add(
        times["term_start"],
        budget,
        run.ct["term"],
        app["term_id"],
        f"{number}: {starts} – {ends}",
        "support_term_start",
        rule="§7",
    )
    row = {"id": app["term_id"], "application_id": app["id"], "starts_on": starts, "ends_on": ends, "current_end": ends}
    if "term_end" in times:
        row["ended_on"] = ends
        run.journal.add(
            times["term_end"],
            budget,
            run.ct["application"],
            app["id"],
            number,
            "support_term_end",
            "in_monitoring",
            "completed",
            rule="§7",
        )
    return row


def _term_years(run: Run, app: dict) -> range:
    start = local_day(app["times"]["term_start"])
    end = add_months(start, app["term_months"])
    return range(start.year, min(end.year, local_day(run.now).year) + 1)


def year_results(run: Run, app: dict, people: People, rng: random.Random):
    this_year = local_day(run.now).year
    for year in _term_years(run, app):
        jobs = rng.randint(3, 30)
        row = {
            "application_id": app["id"],
            "year": year,
            "plan_jobs_permanent": jobs,
            "plan_jobs_temporary": rng.randint(0, 10),
            "plan_tax": Decimal(rng.randint(500, 20_000)),
            "plan_output": Decimal(rng.randint(20_000, 300_000)),
            "plan_payroll_growth": Decimal("5.00"),
        }
        if year < this_year:
            reported = local(date(year + 1, 1, rng.randint(10, 28)), 11)
            row.update(
                status="confirmed",
                fact_jobs_permanent=max(0, jobs + rng.randint(-3, 3)),
                fact_jobs_temporary=rng.randint(0, 10),
                fact_tax=row["plan_tax"] * Decimal("1.05"),
                fact_output=row["plan_output"] * Decimal("0.95"),
                fact_payroll_growth=Decimal("4.50"),
                reported_at=reported,
                confirmed_at=reported + timedelta(days=5),
                confirmed_by_id=people.coordinator["id"],
            )
        yield row


def indicators(run: Run, app: dict):
    year = local_day(app["times"]["term_start"]).year
    done = app["status"] == Status.COMPLETED or run.now - app["times"]["term_start"] > timedelta(days=365)
    yield {
        "application_id": app["id"],
        "year": year,
        "kind": "direct",
        "name": "Нысан пайдалануға берілді",
        "unit": "дана",
        "plan": Decimal(1),
        "fact": Decimal(1) if done else None,
    }
    yield {
        "application_id": app["id"],
        "year": year,
        "kind": "final",
        "name": "Құрылған жұмыс орындары",
        "unit": "адам",
        "plan": Decimal(10),
        "fact": Decimal(9) if done else None,
    }


def funds_use(run: Run, app: dict, rng: random.Random):
    years = _term_years(run, app)
    share = (app["project_cost"] / len(years)).quantize(Decimal("0.01"))
    for year in years:
        unspent = rng.random() < 0.2
        yield {
            "application_id": app["id"],
            "year": year,
            "source": rng.choice(FundsUse.Source.values),
            "allocated": share,
            "disbursed": share * Decimal("0.9") if unspent else share,
            "unspent_reason": "Мердігер жұмысты кешіктірді" if unspent else "",
        }


def seed_objects(run: Run, region: Region, funded: list, rng: random.Random) -> list[int]:
    """§6 §7: one object per funded project, at least three businesses using it."""
    ids = run.ids.take(InfrastructureObject, len(funded))
    rows, users, links = [], [], []
    for app, pk in zip(funded, ids, strict=True):
        times, status = app["times"], app["status"]
        operating = status != Status.FUNDED
        start = local_day(times.get("term_start") or times["funded"])
        rows.append(
            {
                "id": pk,
                "region_id": region.pk,
                "name": f"{app['type_name']} — {rng.choice(VILLAGES)}",
                "object_type_id": app["infrastructure_type_id"],
                "location": f"{region.name_kk}, {rng.choice(VILLAGES)} ауылы",
                "capacity": f"{rng.randint(5, 500)} т/тәул.",
                "operator": app["applicant"]["name"],
                "works_status": "operating" if operating else "construction",
                "commissioned_on": start if operating else None,
            }
        )
        links.append((pk, app["id"]))
        for i in range(rng.randint(3, 5)):
            first, last = person(rng)
            users.append(
                {
                    "infrastructure_object_id": pk,
                    "identifier": f"{pk % 10**9:09d}{i:03d}",
                    "name": f"ЖК {last} {first[0]}.",
                    "used_from": start,
                }
            )
    run.writer.rows(InfrastructureObject, rows, with_id=True)
    run.writer.rows(ObjectUser, users)
    run.writer.m2m(InfrastructureObject.projects.through, "infrastructureobject", "application", links)
    return list(ids)


def months_back(today: date, n: int) -> list[date]:
    """The first days of the ``n`` months that end with this one, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(n - 1, -1, -1)]


def seed_load(run: Run, objects: list[int], rng: random.Random) -> None:
    """§29.1: monthly load readings (numbers go to COPY as text: no Decimal objects for a million rows)."""
    months = months_back(local_day(run.now), READINGS_PER_OBJECT)
    bar = run.phases.bar("load readings", per_region(FUNDED, run.scale) * 20 * READINGS_PER_OBJECT)

    def rows():
        for pk in objects:
            base = rng.randint(30, 80)
            for month in months:
                occupancy = min(100, max(0, base + rng.randint(-15, 15)))
                yield (
                    pk,
                    month,
                    f"{occupancy}.{rng.randint(0, 9)}",
                    rng.randint(3, 60),
                    f"{rng.randint(100, 90_000)}.{rng.randint(0, 99):02d}",
                )
            bar.update(len(months))

    run.writer.copy(
        LoadIndicator._meta.db_table, ["infrastructure_object_id", "month", "occupancy", "served", "volume"], rows()
    )
