"""registry 0008 + monitoring 0002: today's rows move to the administrators (§2(9), §31), nothing lost."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("registry", "0007_budget_administrators_regional_body"), ("monitoring", "0001_initial")]
AT = datetime(2027, 3, 2, 10, tzinfo=ZoneInfo("Asia/Almaty"))


def _migrate(targets):
    """Migrate to ``targets``; the models as the database now has them, other apps' later
    migrations (left applied) included, so that their NOT NULL columns are in the state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    applied = MigrationExecutor(connection).loader.applied_migrations
    return executor.loader.project_state(list(applied), at_end=True).apps


def _latest():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("registry", "monitoring")]


@pytest.mark.rule("§31")
def test_s31_one_administrator_per_region_from_budget_admins_with_their_programmes_and_submission():
    latest = _latest()
    old = _migrate(BEFORE)
    try:
        Region, User = old.get_model("registry", "Region"), old.get_model("registry", "User")
        region, other = Region.objects.get(code="61"), Region.objects.get(code="55")
        empty = Region.objects.get(code="71")
        first = User.objects.create(username="m_budget1", role="budget_admin", region=region)
        User.objects.create(username="m_budget2", role="budget_admin", region=region)
        User.objects.create(username="m_planning", role="planning", region=region)
        Application = old.get_model("applications", "Application")
        BudgetRequest = old.get_model("monitoring", "BudgetRequest")
        for n, (where, code) in enumerate([(region, "028"), (region, "035"), (region, "028"), (other, "044")]):
            app = Application.objects.create(
                number=f"61-2026-M{n:04d}",
                region=where,
                applicant=first,
                status="funded",
                applicant_name="ЖШС",
                applicant_identifier=f"{n:012d}",
                project_name=f"Жоба {n}",
                construction_cost=Decimal(1),
                submitted_at=AT,
            )
            BudgetRequest.objects.create(
                application=app, amount=Decimal(10), programme_code=code, year=2027, submitted_at=AT
            )
        Annual = old.get_model("monitoring", "AnnualMonitoring")
        annual = Annual.objects.create(region=region, year=2026, submitted_at=AT)
        Annual.objects.create(region=empty, year=2026)
        ContentType = old.get_model("contenttypes", "ContentType")
        annual_type, _c = ContentType.objects.get_or_create(app_label="monitoring", model="annualmonitoring")
        old.get_model("registry", "Deadline").objects.create(
            content_type=annual_type,
            object_id=str(annual.pk),
            object_repr="61 · 2026",
            kind="monitoring_admin",
            rule="§31",
            region=region,
            due_on=date(2027, 4, 1),
        )
    finally:
        _migrate(latest)

    from monitoring.models import AdministratorSubmission, BudgetRequest, BudgetRequestLine
    from registry.models import BudgetAdministrator, Deadline, User

    administrators = BudgetAdministrator.objects.filter(region__code="61")
    assert administrators.count() == 1  # one per region, not one per user
    administrator = administrators.get()
    assert set(User.objects.filter(administrator=administrator).values_list("username", flat=True)) == {
        "m_budget1",
        "m_budget2",
    }
    assert User.objects.get(username="m_planning").administrator is None
    assert sorted(administrator.programmes.values_list("code", flat=True)) == ["028", "035"]
    # A region with requests but no budget_admin user keeps its programme code under a new administrator.
    assert list(BudgetAdministrator.objects.get(region__code="55").programmes.values_list("code", flat=True)) == ["044"]
    # monitoring 0005: grouped by administrator × programme × year (the two 028 requests of 61 are one).
    assert BudgetRequest.objects.count() == 3
    assert BudgetRequestLine.objects.count() == 4  # nothing lost: a line for each project
    part = AdministratorSubmission.objects.get(annual__region__code="61", annual__year=2026)
    assert part.administrator == administrator and part.submitted_at == AT
    deadline = Deadline.objects.get(kind="monitoring_admin")
    assert deadline.obj == part
    assert AdministratorSubmission.objects.get(annual__region__code="71").submitted_at is None
