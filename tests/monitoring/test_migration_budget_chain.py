"""monitoring 0004–0006: the per-project budget requests and plans move to the administrators (§26, §27, §17).

Rows before → rows after on PostgreSQL with the migration executor: requests grouped by administrator ×
programme × year with a line for each project, one §27 act per budget and year, plans grouped by
administrator × year; the sums are equal and the clocks follow their rows.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("monitoring", "0003_placement_local_producer")]
AT = datetime(2027, 3, 2, 10, tzinfo=ZoneInfo("Asia/Almaty"))


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = MigrationExecutor(connection).loader.applied_migrations
    return executor.loader.project_state(list(applied), at_end=True).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == "monitoring"]


def _seed_old(old):
    Region, User = old.get_model("registry", "Region"), old.get_model("registry", "User")
    Administrator = old.get_model("registry", "BudgetAdministrator")
    region, other = Region.objects.get(code="61"), Region.objects.get(code="55")
    administrator = Administrator.objects.create(region=region, level="regional", name_kk="Басқарма", name_ru="Упр.")
    admin = User.objects.create(username="mb_admin", role="budget_admin", region=region, administrator=administrator)
    Application = old.get_model("applications", "Application")
    Request = old.get_model("monitoring", "BudgetRequest")
    Plan, Line = old.get_model("monitoring", "FinancingPlan"), old.get_model("monitoring", "FinancingPlanLine")
    apps = {}
    # name: (region, programme, year, amount, status, approved, budget approved, resolution date, number)
    rows = {
        "A": (region, "028", 2027, 10, "accepted", 9, date(2026, 12, 20), date(2027, 1, 5), "12"),
        "B": (region, "028", 2027, 20, "accepted", 8, date(2026, 12, 20), None, ""),
        "C": (region, "035", 2027, 30, "returned", None, None, None, ""),
        "D": (region, "028", 2028, 40, "submitted", None, None, None, ""),
        "E": (other, "044", 2027, 50, "submitted", None, None, None, ""),
    }
    requests = {}
    for n, (name, (where, code, year, amount, status, approved, budget_on, adopted, number)) in enumerate(rows.items()):
        apps[name] = Application.objects.create(
            number=f"61-2026-B{n:04d}",
            region=where,
            applicant=admin,
            status="funded",
            applicant_name="ЖШС",
            applicant_identifier=f"{n:012d}",
            project_name=f"Жоба {name}",
            construction_cost=Decimal(1),
            submitted_at=AT,
        )
        requests[name] = Request.objects.create(
            application=apps[name],
            amount=Decimal(amount),
            programme_code=code,
            subprogramme_code="015" if name == "A" else "",
            year=year,
            status=status,
            submitted_at=AT,
            return_reason="Сметасы жоқ" if status == "returned" else "",
            commission_date=date(2027, 2, 1) if approved else None,
            commission_number="БК-1" if approved else "",
            approved_amount=Decimal(approved) if approved else None,
            reviewed_at=AT if status != "submitted" else None,
            budget_approved_on=budget_on,
            resolution_due=date(2027, 1, 3) if budget_on else None,
            resolution_date=adopted,
            resolution_number=number,
        )
    plans = {
        "A": Plan.objects.create(
            application=apps["A"],
            status="published",
            approved_on=date(2027, 2, 3),
            publish_due=date(2027, 2, 6),
            published_at=AT,
        ),
        "B": Plan.objects.create(application=apps["B"], status="approved", approved_on=date(2027, 2, 4)),
        "C": Plan.objects.create(application=apps["C"]),
        "E": Plan.objects.create(application=apps["E"]),
    }
    for name, year, month, obligations, payments in (
        ("A", 2027, 4, 100, 90),
        ("A", 2027, 5, 100, 80),
        ("B", 2027, 4, 50, 40),
        ("B", 2028, 1, 5, 5),
        ("E", 2027, 6, 7, 7),
    ):
        Line.objects.create(
            plan=plans[name], year=year, month=month, obligations=Decimal(obligations), payments=Decimal(payments)
        )
    ContentType = old.get_model("contenttypes", "ContentType")
    Deadline = old.get_model("registry", "Deadline")
    for model, obj, kind, rule in (
        ("budgetrequest", requests["A"], "akimat_resolution", "§27"),
        ("budgetrequest", requests["B"], "akimat_resolution", "§27"),
        ("financingplan", plans["A"], "financing_plan", "§17"),
    ):
        content_type, _c = ContentType.objects.get_or_create(app_label="monitoring", model=model)
        Deadline.objects.create(
            content_type=content_type,
            object_id=str(obj.pk),
            object_repr=str(obj.pk),
            kind=kind,
            rule=rule,
            region=region,
            due_on=date(2027, 1, 3),
        )
    return apps, administrator


@pytest.mark.rule("§26")
@pytest.mark.rule("§27")
@pytest.mark.rule("§17")
def test_per_project_rows_move_to_the_administrators_nothing_lost():
    latest = _latest()
    old = _migrate(BEFORE)
    try:
        apps, administrator = _seed_old(old)
        Request, Line = old.get_model("monitoring", "BudgetRequest"), old.get_model("monitoring", "FinancingPlanLine")
        before = {
            "requests": Request.objects.count(),
            "amount": sum(r.amount for r in Request.objects.all()),
            "approved": sum(r.approved_amount or 0 for r in Request.objects.all()),
            "lines": Line.objects.count(),
            "obligations": sum(x.obligations for x in Line.objects.all()),
            "payments": sum(x.payments for x in Line.objects.all()),
        }
    finally:
        _migrate(latest)

    from django.db.models import Sum

    from monitoring.models import BudgetRequest, BudgetRequestLine, BudgetResolution, FinancingPlan, FinancingPlanLine
    from registry.models import BudgetAdministrator, Deadline

    ids = {name: app.pk for name, app in apps.items()}
    assert before["requests"] == 5 and BudgetRequestLine.objects.count() == 5
    assert BudgetRequestLine.objects.aggregate(s=Sum("amount"))["s"] == before["amount"] == Decimal(150)
    assert BudgetRequestLine.objects.aggregate(s=Sum("approved_amount"))["s"] == before["approved"] == Decimal(17)
    # Grouped by administrator × programme × year.
    groups = {
        (r.administrator.region.code, r.programme.code, r.year): r
        for r in BudgetRequest.objects.select_related("administrator__region", "programme")
    }
    assert set(groups) == {("61", "028", 2027), ("61", "035", 2027), ("61", "028", 2028), ("55", "044", 2027)}
    pair = groups[("61", "028", 2027)]
    assert {line.application_id for line in pair.lines.all()} == {ids["A"], ids["B"]}
    assert pair.administrator_id == administrator.pk and pair.status == "decided"
    assert (pair.commission_number, pair.commission_date) == ("БК-1", date(2027, 2, 1))
    assert pair.lines.get(application_id=ids["A"]).subprogramme_code == "015"
    assert (groups[("61", "035", 2027)].status, groups[("61", "035", 2027)].return_reason) == (
        "returned",
        "Сметасы жоқ",
    )
    assert groups[("61", "028", 2028)].status == groups[("55", "044", 2027)].status == "submitted"
    # 55 had no administrator: one was made, with the programme of its request.
    assert BudgetAdministrator.objects.filter(region__code="55").count() == 1
    # §27: one act for the region's budget of 2027, with the date and number it had; the clock follows it.
    act = BudgetResolution.objects.get()
    assert (act.region.code, act.administrator, act.year) == ("61", None, 2027)
    assert (act.budget_approved_on, act.due_on, act.adopted_on, act.number) == (
        date(2026, 12, 20),
        date(2027, 1, 3),
        date(2027, 1, 5),
        "12",
    )
    assert pair.resolution == act
    resolution_clocks = Deadline.objects.filter(kind="akimat_resolution")
    assert resolution_clocks.count() == 1 and resolution_clocks.get().obj == act
    # §17: plans by administrator × year; every line and sum kept, each with its project.
    assert FinancingPlanLine.objects.count() == before["lines"] == 5
    sums = FinancingPlanLine.objects.aggregate(o=Sum("obligations"), p=Sum("payments"))
    assert (sums["o"], sums["p"]) == (before["obligations"], before["payments"]) == (Decimal(262), Decimal(222))
    plans = {
        (p.administrator.region.code, p.year): p for p in FinancingPlan.objects.select_related("administrator__region")
    }
    assert set(plans) == {("61", 2027), ("61", 2028), ("55", 2027)}
    main = plans[("61", 2027)]
    assert set(main.projects.values_list("pk", flat=True)) == {ids["A"], ids["B"], ids["C"]}
    assert main.status == "draft"  # a plan with a draft part is a draft
    assert main.lines.filter(application_id=ids["A"]).aggregate(s=Sum("payments"))["s"] == Decimal(170)
    assert {line.programme.code for line in main.lines.select_related("programme")} == {"028"}
    assert list(plans[("61", 2028)].projects.values_list("pk", flat=True)) == [ids["B"]]
    assert plans[("61", 2028)].status == "approved"
    plan_clock = Deadline.objects.get(kind="financing_plan")
    assert plan_clock.obj == main
