import pytest
from django.http import Http404

from registry.models import Notification, PersonalAccount, Region
from registry.reach import get_for_user_or_404, may_see, scope


@pytest.mark.django_db
def test_coordinator_elsewhere_gets_404_on_the_first_regions_objects(
    entrepreneur, region, coordinator, coordinator_elsewhere
):
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


def _reach_models():
    from django.apps import apps

    return [m for m in apps.get_app_config("registry").get_models() if hasattr(m, "REACH")]


def _target(model, path):
    """The model a REACH lookup path ("region", "account__owner", "pk") arrives at."""
    if path == "pk":
        return model
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model
    return model


@pytest.mark.django_db
@pytest.mark.parametrize("model", _reach_models(), ids=lambda m: m.__name__)
def test_every_registry_model_declares_a_reach_whose_paths_lead_to_region_and_user(
    model, entrepreneur, coordinator, central, region
):
    from registry.models import Region, User
    from tests.factories import UserFactory

    council_member = UserFactory(username="member", role="council_member", region=region)

    reach = model.REACH
    if reach.region:
        assert _target(model, reach.region) is Region
    for path in (reach.owner, reach.personal):
        if path:
            assert _target(model, path) is User
    for user in (entrepreneur, coordinator, central, council_member):
        list(scope(user, model.objects.all())[:1])  # the paths are valid queries for every role


@pytest.mark.django_db
def test_region_coordinator_sees_own_region_only(coordinator, region, other_region):
    assert list(scope(coordinator, Region.objects.all())) == [region]
    with pytest.raises(Http404):
        get_for_user_or_404(coordinator, Region.objects.all(), pk=other_region.pk)


@pytest.mark.rule("§5")
@pytest.mark.django_db
def test_s5_priority_list_is_read_within_its_region(coordinator, coordinator_elsewhere, region, budget_admin):
    from registry.models import OkedCode, PriorityActivity

    item = PriorityActivity.objects.create(region=region, oked=OkedCode.objects.get(code="10.51"))
    assert may_see(coordinator, item) and may_see(budget_admin, item)
    with pytest.raises(Http404):
        get_for_user_or_404(coordinator_elsewhere, PriorityActivity.objects.all(), pk=item.pk)


@pytest.mark.django_db
def test_audit_journal_is_read_directly_only_by_the_central_body(central, coordinator, entrepreneur, region):
    from registry.audit import audit_record

    event = audit_record(actor=coordinator, obj=region, action="test", rule="§19")
    assert may_see(central, event)
    assert not may_see(coordinator, event)
    assert not may_see(entrepreneur, event)


@pytest.mark.django_db
def test_reference_data_is_not_scoped_to_anyone_but_the_central_body(central, coordinator):
    from registry.models import OkedCode

    assert scope(central, OkedCode.objects.all()).count() == OkedCode.objects.count()
    assert not scope(coordinator, OkedCode.objects.all()).exists()


@pytest.mark.django_db
def test_anonymous_and_inactive_users_see_nothing(coordinator, region):
    from django.contrib.auth.models import AnonymousUser

    assert not scope(AnonymousUser(), Region.objects.all()).exists()
    coordinator.is_active = False
    assert not scope(coordinator, Region.objects.all()).exists()
