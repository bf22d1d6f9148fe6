"""The web benchmark's seeder (the bench/seed/ package) at a small scale, in the test database.

Each test seeds once (about four seconds), so related checks share a test.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from applications.models import Application, ApplicationSignature, Status
from bench.seed import seed
from councils.models import AgendaItem, Council, CouncilSession, Protocol, Vote
from councils.services.roster import roster_check
from monitoring.models import (
    BudgetRequest,
    BudgetRequestLine,
    FinancingPlan,
    FinancingPlanLine,
    InfrastructureObject,
    LoadIndicator,
)
from registry.audit import audit_verify
from registry.models import AuditEvent, Deadline, Region, User
from registry.reach import scope

# 2 % of the issue's figures: 4,000 applications, 40 sessions, 200 projects, 20,000 readings.
SCALE = 0.02
REGIONS = 20
FUNDED = [Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED]

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts():
    return seed(SCALE, progress=False)


def test_counts_scale_with_the_issue_figures(counts):
    assert Region.objects.count() == REGIONS
    assert Application.objects.count() == counts["applications_application"] == 200_000 * SCALE
    per_region = Application.objects.values("region").annotate(n=Count("id"))
    assert sorted(row["n"] for row in per_region) == [10_000 * SCALE] * REGIONS
    assert Application.objects.filter(status__in=FUNDED).count() == 10_000 * SCALE
    assert CouncilSession.objects.count() == 2_000 * SCALE
    assert LoadIndicator.objects.count() == counts["monitoring_loadindicator"] == 1_000_000 * SCALE
    assert set(Application.objects.values_list("status", flat=True)) >= {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.REFUSED,
        Status.RECOMMENDED,
        Status.ON_AGENDA,
        Status.REJECTED,
        Status.SENT_TO_BUDGET,
        Status.FUNDED,
        Status.IN_MONITORING,
        Status.COMPLETED,
        Status.WITHDRAWN,
    }
    # Every application that left the draft is signed and numbered, and §19's clock is open exactly
    # for those still waiting for the coordinator or for an agenda.
    submitted = Application.objects.exclude(submitted_at=None)
    assert ApplicationSignature.objects.count() == submitted.count()
    assert not submitted.filter(number=None).exists() and not submitted.filter(review_due=None).exists()
    open_reviews = Deadline.objects.filter(kind=Deadline.Kind.REVIEW, met_at=None, cancelled_at=None)
    waiting = submitted.filter(status__in=[Status.SUBMITTED, Status.RECOMMENDED]).values_list("pk", flat=True)
    assert sorted(open_reviews.values_list("object_id", flat=True)) == sorted(str(pk) for pk in waiting)


def test_s21_sessions_and_funded_projects_are_complete(counts):
    today = timezone.localdate()
    for council in Council.objects.all():
        assert roster_check(council=council, on=today) == []
    past = CouncilSession.objects.filter(status=CouncilSession.Status.CLOSED)
    assert Protocol.objects.filter(session__in=past, status=Protocol.Status.FINAL).count() == past.count()
    decided = AgendaItem.objects.filter(session__in=past)
    assert decided.exists() and not decided.exclude(status=AgendaItem.Status.CLOSED).exists()
    for item in decided.annotate(n=Count("votes")):
        assert item.n == item.participants == item.votes_for + item.votes_against + item.votes_abstain
    assert Vote.objects.count() == counts["councils_vote"]

    funded = Application.objects.filter(status__in=FUNDED)
    # The budget chain is the administrators' (§26 §27 §17): every handed-over project has one request
    # line, every funded one is in its administrator's published plan with twelve months, and the
    # plans' and resolutions' deadlines were met.
    in_plans = funded.filter(financing_plans__status="published").distinct()
    assert in_plans.count() == funded.count()
    handed = Application.objects.filter(status__in=[Status.SENT_TO_BUDGET, *FUNDED])
    assert BudgetRequestLine.objects.filter(application__in=handed).count() == handed.count()
    assert FinancingPlanLine.objects.count() == 12 * funded.count()
    assert BudgetRequest.objects.count() < handed.count() and FinancingPlan.objects.count() < funded.count()
    chain_deadlines = Deadline.objects.filter(kind__in=[Deadline.Kind.FINANCING_PLAN, Deadline.Kind.AKIMAT_RESOLUTION])
    assert chain_deadlines.exists() and not chain_deadlines.filter(met_at=None).exists()
    assert not chain_deadlines.filter(met_on_time=False).exists()
    objects = InfrastructureObject.objects.annotate(
        users_n=Count("users", distinct=True), projects_n=Count("projects", distinct=True)
    )
    assert objects.count() == funded.count()
    assert all(o.users_n >= 3 and o.projects_n == 1 for o in objects)
    assert not LoadIndicator.objects.filter(month__gt=today).exists()


def test_the_journal_passes_verify_audit_and_coordinators_see_their_region(counts, capsys):
    assert AuditEvent.objects.count() == counts["registry_auditevent"] > 0
    assert audit_verify() == []
    call_command("verify_audit")  # raises CommandError on a broken chain
    assert str(counts["registry_auditevent"]) in capsys.readouterr().out
    # The journal is in time order, as the services would have written it.
    times = list(AuditEvent.objects.order_by("id").values_list("at", flat=True))
    assert times == sorted(times) and times[-1] <= timezone.now() + timedelta(seconds=1)

    total = Application.objects.count()
    for region in Region.objects.all():
        coordinator = User.objects.get(username=f"bench-coordinator-{region.code}")
        seen = scope(coordinator, Application.objects.all())
        assert seen.count() == 10_000 * SCALE < total
        assert not seen.exclude(region=region).exists()
    assert scope(User.objects.get(username="bench-central"), Application.objects.all()).count() == total


def test_s31_each_regions_budget_user_belongs_to_its_administrator(counts):
    from registry.models import BudgetAdministrator

    budget_users = User.objects.filter(role="budget_admin")
    assert budget_users.count() == REGIONS
    assert not budget_users.filter(administrator=None).exists()
    assert BudgetAdministrator.objects.count() == REGIONS
    for user in budget_users.select_related("administrator"):
        assert user.administrator.region_id == user.region_id
