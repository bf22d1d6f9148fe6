import pytest
from django.http import Http404

from registry.models import Notification, PersonalAccount, Region
from registry.reach import get_for_user_or_404, may_see, scope


@pytest.mark.django_db
def test_coordinator_elsewhere_gets_404_on_the_first_regions_objects(entrepreneur, region, coordinator, coordinator_elsewhere):
    account = PersonalAccount.objects.create(
        identifier="900101300017", kind="individual", name="ИП Тест", owner=entrepreneur, region=region
    )
    assert may_see(coordinator, account)
    assert not may_see(coordinator_elsewhere, account)
    with pytest.raises(Http404):
        get_for_user_or_404(coordinator_elsewhere, PersonalAccount.objects.all(), pk=account.pk)


@pytest.mark.django_db
def test_entrepreneur_sees_only_own_account(entrepreneur, other_entrepreneur, region):
    account = PersonalAccount.objects.create(
        identifier="900101300017", kind="individual", name="ИП Тест", owner=entrepreneur, region=region
    )
    assert may_see(entrepreneur, account)
    assert not may_see(other_entrepreneur, account)


@pytest.mark.django_db
def test_central_body_reads_every_region(central, region, other_region):
    assert scope(central, Region.objects.filter(pk__in=[region.pk, other_region.pk])).count() == 2


@pytest.mark.django_db
def test_notifications_are_personal_whatever_the_role(coordinator, coordinator_elsewhere):
    note = Notification.objects.create(recipient=coordinator, kind="x", subject="s", body="b")
    assert may_see(coordinator, note)
    assert not may_see(coordinator_elsewhere, note)
