"""The budget chain in the administrators' shape (§26, §27, §17) for benchmark data.

``seed_budget(projects)`` adds, for projects already in the database, what the per-project rows used
to hold: one budget request per administrator × programme × year with a line for each project, one
§27 resolution per region's budget and year, and one individual financing plan per administrator and
year with twelve months of obligations and payments for each funded project. Bulk inserts only; no
journal rows (the seeder's own journal stays the seeder's).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from applications.models import Application, Status
from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution, FinancingPlan, FinancingPlanLine
from registry.models import BudgetAdministrator, BudgetProgramme, User

HANDED_OVER = (Status.SENT_TO_BUDGET, Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
FUNDED = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)
PROGRAMME = ("253", "Кәсіпкерлікті инфрақұрылымдық қолдау", "Инфраструктурная поддержка предпринимательства")
BATCH = 2000


def administrator_for(region_id: int) -> BudgetAdministrator:
    """The region's administrator: its budget_admin users' organisation, or a regional one made now."""
    staff = User.objects.filter(role="budget_admin", region_id=region_id, administrator__isnull=False).first()
    if staff is not None:
        return staff.administrator
    administrator = BudgetAdministrator.objects.filter(region_id=region_id, level="regional").order_by("id").first()
    return administrator or BudgetAdministrator.objects.create(
        region_id=region_id,
        level="regional",
        name_kk="Кәсіпкерлік басқармасы",
        name_ru="Управление предпринимательства",
    )


def _year_of(project: Application) -> int:
    return timezone.localdate(project.submitted_at).year + 1 if project.submitted_at else timezone.localdate().year


@transaction.atomic
def seed_budget(projects: QuerySet[Application] | None = None, *, year: int | None = None, at: datetime | None = None):
    """Requests, resolutions and plans for ``projects`` (default: every handed-over project).

    ``year`` fixes the budget year of all of them (the §31 benchmark reads one year); otherwise each
    project's year is the year after it was submitted. Returns (requests, lines, plans, plan lines).
    """
    at = at or timezone.now()
    projects = (projects if projects is not None else Application.objects.all()).filter(status__in=HANDED_OVER)
    projects = projects.exclude(budget_lines__isnull=False)  # already in a request: left as it is
    groups: dict[tuple[int, int], list[Application]] = defaultdict(list)
    for project in projects.only("id", "region_id", "status", "construction_cost", "submitted_at").iterator(BATCH):
        groups[(project.region_id, year or _year_of(project))].append(project)
    administrators = {region_id: administrator_for(region_id) for region_id in {r for r, _y in groups}}
    programmes = {
        a.pk: BudgetProgramme.objects.get_or_create(
            administrator=a, code=PROGRAMME[0], defaults={"name_kk": PROGRAMME[1], "name_ru": PROGRAMME[2]}
        )[0]
        for a in administrators.values()
    }
    counts = [0, 0, 0, 0]
    for (region_id, budget_year), members in sorted(groups.items()):
        administrator = administrators[region_id]
        funded = [p for p in members if p.status in FUNDED]
        approved_on = date(budget_year - 1, 12, 20)
        resolution = None
        if funded:
            resolution, _created = BudgetResolution.objects.get_or_create(
                region_id=region_id,
                administrator=None,
                year=budget_year,
                defaults={
                    "budget_approved_on": approved_on,
                    "due_on": approved_on + timedelta(days=14),
                    "adopted_on": approved_on + timedelta(days=10),
                    "number": f"{budget_year}-{region_id}",
                },
            )
        # A second run (more projects for the same year) adds lines to the same request and plan.
        request, _created = BudgetRequest.objects.get_or_create(
            programme=programmes[administrator.pk],
            year=budget_year,
            defaults={
                "administrator": administrator,
                "status": BudgetRequest.Status.DECIDED if funded else BudgetRequest.Status.SUBMITTED,
                "submitted_at": at,
                "conclusion": "Сәйкес келеді" if funded else "",
                "concluded_at": at if funded else None,
                "commission_date": approved_on - timedelta(days=30) if funded else None,
                "commission_number": f"БК-{budget_year}" if funded else "",
                "decided_at": at if funded else None,
                "resolution": resolution,
            },
        )
        lines = BudgetRequestLine.objects.bulk_create(
            (
                BudgetRequestLine(
                    request=request,
                    application=p,
                    amount=p.construction_cost or Decimal(1),
                    approved_amount=(p.construction_cost or Decimal(1)) if p.status in FUNDED else None,
                )
                for p in members
            ),
            batch_size=BATCH,
        )
        counts[0] += 1
        counts[1] += len(lines)
        if not funded:
            continue
        plan, _created = FinancingPlan.objects.get_or_create(
            administrator=administrator,
            year=budget_year,
            defaults={
                "status": FinancingPlan.Status.PUBLISHED,
                "approved_on": date(budget_year, 1, 10),
                "publish_due": date(budget_year, 1, 15),
                "published_at": at,
            },
        )
        plan.projects.add(*funded)
        plan_lines = FinancingPlanLine.objects.bulk_create(
            (
                FinancingPlanLine(
                    plan=plan,
                    programme=programmes[administrator.pk],
                    subprogramme_code="015",
                    specifics_code="431",
                    application=p,
                    month=month,
                    obligations=((p.construction_cost or Decimal(12)) / 12).quantize(Decimal("0.01")),
                    payments=((p.construction_cost or Decimal(12)) / 12).quantize(Decimal("0.01")),
                )
                for p in funded
                for month in range(1, 13)
            ),
            batch_size=BATCH,
        )
        counts[2] += 1
        counts[3] += len(plan_lines)
    return tuple(counts)
