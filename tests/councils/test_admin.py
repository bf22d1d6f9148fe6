"""§21 in the admin: the council's roster formset refuses an invalid roster."""

from datetime import date

import pytest
from django.urls import reverse

from councils.models import Council, CouncilMember
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.rule("§21")]


def _post(client, region, *, members, business):
    users = [UserFactory(username=f"adm{i}", role="council_member", region=region) for i in range(members)]
    data = {
        "region": region.pk,
        "name_kk": "ӨҮК",
        "name_ru": "РКС",
        "members-TOTAL_FORMS": members,
        "members-INITIAL_FORMS": 0,
        "members-MIN_NUM_FORMS": 0,
        "members-MAX_NUM_FORMS": 1000,
    }
    for i, user in enumerate(users):
        data.update(
            {
                f"members-{i}-user": user.pk,
                f"members-{i}-position": "chair" if i == 0 else "member",
                f"members-{i}-term_from": "2026-01-01",
            }
        )
        if i < business:
            data[f"members-{i}-business_community"] = "on"
    return client.post(reverse("admin:councils_council_add"), data)


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True, role="central"))
    return client


@pytest.mark.parametrize(("members", "business"), [(9, 9), (10, 4)])
def test_s21_admin_refuses_an_invalid_roster(admin_client_, region, members, business):
    response = _post(admin_client_, region, members=members, business=business)
    assert response.status_code == 200
    assert "21-т." in response.content.decode()
    assert not Council.objects.exists() and not CouncilMember.objects.exists()


def test_s21_admin_accepts_ten_members_half_from_business(admin_client_, region):
    response = _post(admin_client_, region, members=10, business=5)
    assert response.status_code == 302
    assert CouncilMember.objects.filter(term_from=date(2026, 1, 1)).count() == 10
