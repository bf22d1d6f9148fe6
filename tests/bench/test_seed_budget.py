"""bench/seed_budget.py: the benchmark's budget chain in the administrators' shape (§26, §27, §17)."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from applications.models import Status
from bench.seed_budget import seed_budget
from monitoring.models import (
    BudgetRequest,
    BudgetRequestLine,
    BudgetResolution,
    FinancingPlan,
    FinancingPlanLine,
    FundsUse,
)
from monitoring.reports import funds_section
from tests.monitoring.factories import project

pytestmark = pytest.mark.django_db


@pytest.mark.rule("§31")
def test_seed_budget_groups_by_administrator_and_year_and_feeds_the_s31_plan_sums(region, budget_admin):
    funded = [project(region, status=Status.FUNDED) for _ in range(3)]
    waiting = project(region)
    assert seed_budget(year=2027) == (1, 4, 1, 36)
    request = BudgetRequest.objects.get()
    assert request.administrator == budget_admin.administrator and request.status == "decided"
    assert BudgetRequestLine.objects.get(application=waiting).approved_amount is None
    plan = FinancingPlan.objects.get()
    assert set(plan.projects.all()) == set(funded) and plan.status == "published"
    assert BudgetResolution.objects.get().year == 2027 and request.resolution_id == BudgetResolution.objects.get().pk
    total = FinancingPlanLine.objects.filter(application=funded[0]).aggregate(s=Sum("payments"))["s"]
    assert total == Decimal("999.96")  # 1000 / 12 a month
    FundsUse.objects.create(
        application=funded[0], year=2027, source="district", allocated=Decimal(900), disbursed=Decimal(900)
    )
    row = funds_section(region, 2027)["rows"][0]
    assert row["planned"] == total
    # A second run adds the new projects to the same request and plan, and leaves the others.
    more = project(region, status=Status.FUNDED)
    assert seed_budget(year=2027) == (1, 1, 1, 12)
    assert BudgetRequest.objects.count() == FinancingPlan.objects.count() == 1
    assert more in FinancingPlan.objects.get().projects.all()
