"""seed_demo: the documented demo users, a valid council, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command

from councils.models import Council, CouncilMember
from monitoring.management.commands.seed_demo import DEMO_PASSWORD, PRIORITY_CODES
from registry.models import Notification, OkedCode, PriorityActivity, User
from registry.validators import is_valid_iin

DOCUMENTED = [
    "entrepreneur",
    "entrepreneur2",
    "cooperative",
    "coordinator",
    "budget",
    "budget_district",
    "regional_body",
    "planning",
    "central",
    "coordinator_other",
    "admin",
    *[f"council{i}" for i in range(1, 11)],
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def counts() -> dict:
    return {
        "users": User.objects.count(),
        "councils": Council.objects.count(),
        "seats": CouncilMember.objects.count(),
        "priority": PriorityActivity.objects.count(),
        "notifications": Notification.objects.count(),
    }


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_state():
    first_output = seed()
    first = counts()
    seed()
    assert counts() == first
    assert first["users"] == len(DOCUMENTED)
    assert DEMO_PASSWORD in first_output


@pytest.mark.django_db
def test_every_documented_user_logs_in_with_the_shared_password():
    seed()
    for user in User.objects.filter(username__in=DOCUMENTED):
        assert user.is_active and user.check_password(DEMO_PASSWORD), user.username
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_users_sit_in_the_documented_regions():
    seed()
    regions = dict(User.objects.values_list("username", "region__code"))
    assert {regions[name] for name in DOCUMENTED if name.startswith("council")} == {"61"}
    assert regions["coordinator"] == regions["budget"] == regions["planning"] == "61"
    assert regions["coordinator_other"] == "71"
    assert regions["central"] is None


@pytest.mark.django_db
def test_every_demo_person_has_a_valid_iin():
    """Entrepreneurs apply and staff sign with ЭЦҚ test keys: each needs a valid ЖСН."""
    seed()
    iins = dict(User.objects.exclude(username="admin").values_list("username", "iin"))
    assert iins["entrepreneur"] == "900101300017"
    for username, iin in iins.items():
        assert is_valid_iin(iin), (username, iin)
    assert len(set(iins.values())) == len(iins)


@pytest.mark.rule("§21")
@pytest.mark.django_db
def test_s21_demo_council_has_chair_secretary_and_business_majority():
    seed()
    council = Council.objects.get(region__code="61")
    seats = list(council.members.select_related("user"))
    assert len(seats) == 10
    positions = {seat.user.username: seat.position for seat in seats}
    assert positions["council1"] == "chair"
    assert positions["council2"] == "secretary"
    business = sum(seat.business_community for seat in seats)
    assert business * 2 >= len(seats)


@pytest.mark.rule("§5")
@pytest.mark.django_db
def test_s5_priority_list_holds_existing_codes_and_at_most_six():
    seed()
    listed = set(PriorityActivity.objects.filter(region__code="61").values_list("oked__code", flat=True))
    existing = set(OkedCode.objects.filter(code__in=PRIORITY_CODES).values_list("code", flat=True))
    assert listed == existing
    assert len(listed) <= 6


@pytest.mark.django_db
def test_each_new_user_gets_one_welcome_notification():
    seed()
    seed()
    welcomes = Notification.objects.filter(kind="welcome")
    assert welcomes.count() == len(DOCUMENTED)
    assert welcomes.filter(recipient__username="coordinator").count() == 1


@pytest.mark.rule("§31")
@pytest.mark.django_db
def test_s31_demo_has_a_regional_administrator_with_two_programmes_and_a_district_one():
    from registry.models import BudgetAdministrator

    seed()
    seed()
    administrators = {a.level: a for a in BudgetAdministrator.objects.filter(region__code="61")}
    assert set(administrators) == {"regional", "district"} and BudgetAdministrator.objects.count() == 2
    assert sorted(administrators["regional"].programmes.values_list("code", flat=True)) == ["028", "035"]
    assert User.objects.get(username="budget").administrator == administrators["regional"]
    assert User.objects.get(username="budget_district").administrator == administrators["district"]
    assert User.objects.get(username="regional_body").role == "regional_body"
