"""Issue 17: the named role predicates. Each one: the right official passes, a wrong role, an official of
another region and a superuser (even one holding the right role and region) do not; the refusal says why."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory

from applications import permissions as applications_may
from councils import permissions as councils_may
from monitoring import permissions as monitoring_may
from registry.permissions import PREDICATES, Allowed, official, require
from tests.councils.factories import first_item, make_application, schedule, seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _user(role, region, **extra):
    return UserFactory(role=role, region=region, **extra)


def _thing(region):
    """The predicates of applications and monitoring read only the object's region."""
    return SimpleNamespace(region_id=region.pk)


# (predicate, the right role, a wrong role, how to call it with the object's region)
REGIONAL = [
    (applications_may.may_review, "coordinator", "budget_admin", lambda r: (_thing(r),), "§19"),
    (applications_may.may_read_dossier, "budget_admin", "planning", lambda r: (_thing(r),), "§22"),
    (monitoring_may.may_record_objects, "coordinator", "planning", lambda r: (r.pk,), "§28"),
    (monitoring_may.may_record_results, "regional_body", "coordinator", lambda r: (r.pk,), "§28"),
    (monitoring_may.may_keep_retail, "budget_admin", "regional_body", lambda r: (r.pk,), "§11"),
    (monitoring_may.may_keep_term, "budget_admin", "coordinator", lambda r: (_thing(r),), "§7"),
    (monitoring_may.may_plan_year, "coordinator", "planning", lambda r: (_thing(r),), "§32"),
    (monitoring_may.may_settle_year, "coordinator", "budget_admin", lambda r: (r.pk,), "§13"),
    (monitoring_may.may_generate_report, "planning", "coordinator", lambda r: ("s31", r.pk), "§31"),
    (monitoring_may.may_accept_s30, "regional_body", "coordinator", lambda r: (_thing(r),), "§30"),
    (monitoring_may.may_upload_s30_scan, "coordinator", "budget_admin", lambda r: (_thing(r),), "§30"),
]


@pytest.mark.parametrize(("may", "right", "wrong", "args", "rule"), REGIONAL, ids=[row[0].__name__ for row in REGIONAL])
def test_regional_predicates(may, right, wrong, args, rule, region, other_region, request):
    request.node.add_marker(pytest.mark.rule(rule))
    assert may(_user(right, region), *args(region))
    refused = may(_user(wrong, region), *args(region))
    assert not refused and refused.reason
    assert not may(_user(right, other_region), *args(region))
    # A superuser is not an official, even with the role and the region.
    assert not may(_user(right, region, is_superuser=True, is_staff=True), *args(region))


def test_the_entrepreneur_reports_their_results_and_nobody_else(region, entrepreneur):
    assert monitoring_may.may_report_results(entrepreneur, None)
    assert not monitoring_may.may_report_results(_user("coordinator", region), None)
    assert not monitoring_may.may_report_results(_user("entrepreneur", None, is_superuser=True), None)


def test_an_inactive_official_may_nothing(region):
    assert not official(_user("coordinator", region, is_active=False), ("coordinator",), region_id=region.pk)


def test_allowed_is_truthy_only_when_allowed_and_require_refuses_with_the_reason():
    assert Allowed(True) and not Allowed(False, "no")
    with pytest.raises(PermissionDenied, match="no"):
        require(Allowed(False, "no"))
    require(Allowed(True))


@pytest.fixture
def item(council, coordinator, entrepreneur, region):
    session = schedule(council, coordinator, [make_application(region, entrepreneur)])
    return first_item(session)


@pytest.mark.rule("§14")
def test_s14_the_working_body_records_a_vote(item, council, coordinator, coordinator_elsewhere):
    assert councils_may.may_record_vote(coordinator, item)  # the coordinator: the working body
    assert councils_may.may_record_vote(seat(council, "secretary").user, item)
    refused = councils_may.may_record_vote(seat(council, "member").user, item)  # wrong role: a member
    assert not refused and refused.reason
    assert not councils_may.may_record_vote(coordinator_elsewhere, item)  # wrong region
    coordinator.is_superuser = True
    assert not councils_may.may_record_vote(coordinator, item)


@pytest.mark.rule("§21")
def test_s21_the_officers_run_the_session(item, council, coordinator, coordinator_elsewhere):
    session = item.session
    assert councils_may.may_run_session(seat(council, "chair").user, session)
    assert councils_may.may_run_session(coordinator, session)
    assert not councils_may.may_run_session(seat(council, "member").user, session)
    assert not councils_may.may_run_session(coordinator_elsewhere, session)
    chair = seat(council, "chair").user
    chair.is_superuser = True
    assert not councils_may.may_run_session(chair, session)


@pytest.mark.rule("§2(18)")
def test_s2_the_chair_presides_and_designates(item, council, coordinator):
    session = item.session
    chair = seat(council, "chair").user
    assert councils_may.may_preside(chair, session) and councils_may.may_designate_presider(chair, session)
    secretary = seat(council, "secretary").user
    assert not councils_may.may_preside(secretary, session)
    assert not councils_may.may_designate_presider(secretary, session)
    assert not councils_may.may_preside(coordinator, session)  # the working body does not preside
    chair.is_superuser = True
    assert not councils_may.may_preside(chair, session)
    assert not councils_may.may_designate_presider(chair, session)


@pytest.mark.rule("§19")
def test_s19_the_regions_coordinator_coordinates(council, coordinator, coordinator_elsewhere, budget_admin):
    assert councils_may.may_coordinate(coordinator, council)
    assert not councils_may.may_coordinate(budget_admin, council)
    assert not councils_may.may_coordinate(coordinator_elsewhere, council)
    coordinator.is_superuser = True
    assert not councils_may.may_coordinate(coordinator, council)


@pytest.mark.rule("§21")
def test_s21_a_member_acts_for_themself_and_the_working_body_for_them(item, council, coordinator):
    member = seat(council, "member")
    assert councils_may.may_act_for(member.user, item, member)
    assert councils_may.may_act_for(coordinator, item, member)
    other = [m for m in council.members.all() if m.position == "member" and m.pk != member.pk][0]
    assert not councils_may.may_act_for(other.user, item, member)
    member.user.is_superuser = True
    assert not councils_may.may_act_for(member.user, item, member)


@pytest.mark.rule("§22")
def test_s22_members_and_the_coordinator_read_the_items_documents(item, council, coordinator, coordinator_elsewhere):
    assert councils_may.may_read_item_documents(seat(council, "member").user, item.session)
    assert councils_may.may_read_item_documents(coordinator, item.session)
    assert not councils_may.may_read_item_documents(coordinator_elsewhere, item.session)
    assert not councils_may.may_read_item_documents(_user("budget_admin", coordinator.region), item.session)


def test_every_predicate_is_registered_for_templates():
    for module in (applications_may, councils_may, monitoring_may):
        for name in dir(module):
            if name.startswith("may_"):
                assert PREDICATES[name] is getattr(module, name)


def test_the_template_asks_a_predicate_by_name(region):
    template = Template(
        '{% load portal %}{% may "may_settle_year" region_id as ok %}{% if ok %}yes{% else %}no{% endif %}'
    )
    for user, shown in [(_user("coordinator", region), "yes"), (_user("planning", region), "no")]:
        request = RequestFactory().get("/")
        request.user = user
        assert template.render(Context({"request": request, "region_id": region.pk})) == shown


def test_a_superuser_takes_no_workflow_act_in_the_views(client, region, council):
    """Even with the coordinator's role and region, the superuser is refused the coordinator's pages."""
    from django.urls import reverse

    root = UserFactory(username="root", role="coordinator", region=region, is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("review:inbox")).status_code == 403
    assert client.get(reverse("councils:session_new")).status_code == 403
    assert client.get(reverse("councils:roster")).status_code == 403
    assert client.get(reverse("monitoring:object_create")).status_code == 403
    assert client.get(reverse("monitoring:settlement", args=[2026])).status_code == 404


@pytest.mark.rule("§18")
def test_s18_an_entrepreneur_applies_and_a_superuser_does_not(region, entrepreneur):
    assert applications_may.may_apply(entrepreneur)
    assert not applications_may.may_apply(_user("coordinator", region))
    # createsuperuser leaves the default role (entrepreneur): still nobody's applicant.
    assert not applications_may.may_apply(_user("entrepreneur", None, is_superuser=True))


def test_the_thread_is_the_applicants_and_the_regions_coordinator(region, other_region, entrepreneur):
    application = SimpleNamespace(region_id=region.pk, applicant_id=entrepreneur.pk)
    assert applications_may.may_write_message(entrepreneur, application)
    assert applications_may.may_write_message(_user("coordinator", region), application)
    assert not applications_may.may_write_message(_user("coordinator", other_region), application)
    assert not applications_may.may_write_message(_user("budget_admin", region), application)
    entrepreneur.is_superuser = True
    assert not applications_may.may_write_message(entrepreneur, application)


# Issue 15's budget chain by administrator (§2(9), §26, §27, §17): each act its own staff's or the planning body's.
def _staff(region, administrator, **extra):
    return UserFactory(role="budget_admin", region=region, administrator=administrator, **extra)


def _district_of(region):
    from registry.models import BudgetAdministrator

    return BudgetAdministrator.objects.create(region=region, level="district", name_kk="Аудан", name_ru="Район")


STAFF_PREDICATES = [
    (monitoring_may.may_submit_budget_request, "§26"),
    (monitoring_may.may_record_budget_approval, "§27"),
    (monitoring_may.may_edit_plan, "§17"),
]


@pytest.mark.parametrize(("may", "rule"), STAFF_PREDICATES, ids=[row[0].__name__ for row in STAFF_PREDICATES])
def test_an_administrators_acts_are_its_own_staffs(may, rule, region, budget_admin, request):
    request.node.add_marker(pytest.mark.rule(rule))
    administrator = budget_admin.administrator
    assert may(budget_admin, administrator) and may(budget_admin)
    # Another administrator's staff of the same region: not this administrator's act.
    refused = may(_staff(region, _district_of(region)), administrator)
    assert not refused and refused.reason
    # A budget_admin of no administrator acts for none; a wrong role; a superuser with the role and the unit.
    assert not may(_staff(region, None)) and not may(_staff(region, None), administrator)
    assert not may(_user("planning", region), administrator)
    assert not may(_staff(region, administrator, is_superuser=True, is_staff=True), administrator)


@pytest.mark.rule("§26")
def test_s26_the_regions_planning_body_reviews_the_request(region, other_region, budget_admin):
    budget_request = SimpleNamespace(administrator=budget_admin.administrator)
    assert monitoring_may.may_review_budget_request(_user("planning", region), budget_request)
    assert monitoring_may.may_review_budget_request(_user("planning", region))
    refused = monitoring_may.may_review_budget_request(budget_admin, budget_request)
    assert not refused and refused.reason
    assert not monitoring_may.may_review_budget_request(_user("planning", other_region), budget_request)
    superuser = _user("planning", region, is_superuser=True, is_staff=True)
    assert not monitoring_may.may_review_budget_request(superuser, budget_request)


@pytest.mark.rule("§27")
def test_s27_the_resolution_is_recorded_by_an_administrator_of_that_budget(region, other_region, budget_admin):
    regional = budget_admin.administrator
    district = _district_of(region)
    districts = _staff(region, district)
    regions_act = SimpleNamespace(region_id=region.pk, administrator=None)
    districts_act = SimpleNamespace(region_id=region.pk, administrator=district)
    # The region's budget: a regional administrator of the region; a district's: the district's own staff.
    assert monitoring_may.may_record_resolution(budget_admin, regions_act)
    assert monitoring_may.may_record_resolution(_staff(region, regional), regions_act)
    assert not monitoring_may.may_record_resolution(districts, regions_act)
    assert monitoring_may.may_record_resolution(districts, districts_act)
    refused = monitoring_may.may_record_resolution(budget_admin, districts_act)
    assert not refused and refused.reason
    # Another region's, a wrong role, a superuser.
    assert not monitoring_may.may_record_resolution(
        budget_admin, SimpleNamespace(region_id=other_region.pk, administrator=None)
    )
    assert not monitoring_may.may_record_resolution(_user("planning", region), regions_act)
    assert not monitoring_may.may_record_resolution(_staff(region, regional, is_superuser=True), regions_act)


@pytest.mark.rule("§25")
def test_the_budget_pages_are_read_by_the_officials_of_the_chain(region):
    for role in ("budget_admin", "planning", "regional_body", "coordinator", "central"):
        assert monitoring_may.may_read_budget(_user(role, region)), role
    assert not monitoring_may.may_read_budget(_user("entrepreneur", region))
    assert not monitoring_may.may_read_budget(_user("planning", region, is_superuser=True, is_staff=True))


@pytest.mark.rule("§31")
def test_s31_an_administrators_part_is_submitted_by_its_own_staff_and_sent_by_the_planning_body(
    region, other_region, budget_admin
):
    administrator = budget_admin.administrator
    part = SimpleNamespace(administrator=administrator)
    assert monitoring_may.may_submit_s31_part(budget_admin, part)
    # Another administrator's staff, a planning official, no part at all, a superuser with the role and unit.
    assert not monitoring_may.may_submit_s31_part(_staff(region, _district_of(region)), part)
    assert not monitoring_may.may_submit_s31_part(_user("planning", region), part)
    assert not monitoring_may.may_submit_s31_part(budget_admin, None)
    assert not monitoring_may.may_submit_s31_part(_staff(region, administrator, is_superuser=True, is_staff=True), part)
    report = SimpleNamespace(region_id=region.pk)
    assert monitoring_may.may_send_s31(_user("planning", region), report)
    assert not monitoring_may.may_send_s31(_user("planning", other_region), report)
    assert not monitoring_may.may_send_s31(budget_admin, report)
    assert not monitoring_may.may_send_s31(_user("planning", region, is_superuser=True, is_staff=True), report)
