"""IDOR matrix: every URL with an object id, asked by each role of the demo region about an object of
another region and another entrepreneur, answers 403/404 (405 for the wrong method), never the object.

The routes are walked from the URL configuration. A route of a covered
namespace without a row in ``MATRIX`` fails the test, so a new page must say
which foreign object it is probed with.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from applications.models import (
    Application,
    ApplicationMessage,
    Attachment,
    EligibilityResult,
    Outcome,
    Status,
)
from applications.models.attachments import DocumentKind
from councils import services as council_services
from councils.models import DecisionNotice
from monitoring.models import (
    AnnualMonitoring,
    BudgetResolution,
    CoordinatorReport,
    InfrastructureObject,
    MonitoringReport,
    RetailObject,
    ShelfPlacement,
    YearResult,
)
from registry.documents import document_request
from registry.tokens import api_token_create
from tests.applications.factories import attach, complete_draft, reference_data
from tests.councils.factories import (
    SESSION_AT,
    first_item,
    make_application,
    make_council,
    schedule,
    seat,
)
from tests.monitoring.factories import object_type
from tests.registry.deadline_factories import open_deadline

pytestmark = pytest.mark.django_db

# Namespaces whose every object route must have a row.
COVERED = {"registry", "applications", "review", "councils", "monitoring", "egov_sign"}
PERSONAS = ["entrepreneur", "coordinator", "budget_admin", "planning", "council_member"]
ALLOWED = {403, 404, 405}


@pytest.fixture
def foreign(other_region, other_entrepreneur, coordinator_elsewhere, monkeypatch):
    """One object of each kind, in Astana, belonging to another entrepreneur."""
    monkeypatch.setattr("registry.documents._queue", lambda document_id: None)
    app = complete_draft(other_entrepreneur, other_region, reference_data(other_region))
    Application.objects.filter(pk=app.pk).update(status=Status.SUBMITTED, number="71-2026-000001")
    app.refresh_from_db()
    council = make_council(other_region, prefix="x")
    session = schedule(council, coordinator_elsewhere, [make_application(other_region, other_entrepreneur)])
    item = first_item(session)
    closed = schedule(council, coordinator_elsewhere, [make_application(other_region, other_entrepreneur)])
    chair = seat(council, "chair").user
    council_services.session_open(session=closed, by=chair, at=SESSION_AT)
    protocol = council_services.session_close(session=closed, by=chair, at=SESSION_AT)
    return {
        **_monitoring(other_region, other_entrepreneur),
        "application": app,
        "attachment": app.attachments.get(kind=DocumentKind.BUSINESS_PLAN),
        "eligibility": EligibilityResult.objects.create(
            application=app, rule="§9", code="debt", outcome=Outcome.COORDINATOR, message="?"
        ),
        "member": council.members.first(),
        "session": session,
        "opened": closed,
        "attendance": closed.attendance.first(),
        "item": item,
        "item_attachment": attach(item.application, DocumentKind.BUSINESS_PLAN, other_entrepreneur),
        "protocol": protocol,
        "notice": DecisionNotice.objects.create(
            item=item, kind="notice", language="kk", text="x", drafted_by=coordinator_elsewhere, drafted_at=SESSION_AT
        ),
        "document": document_request(
            kind="application_receipt", obj=app, language="kk", requested_by=other_entrepreneur
        ),
        "deadline": open_deadline(region=other_region, responsible=[coordinator_elsewhere], due_on=date(2026, 4, 1)),
        "api_token": api_token_create(user=other_entrepreneur, name="x", at=SESSION_AT)[0],
        "message": ApplicationMessage.objects.create(
            application=app, author=coordinator_elsewhere, kind="question", body="?", sent_at=SESSION_AT
        ),
        "item_message": ApplicationMessage.objects.create(
            application=item.application,
            author=coordinator_elsewhere,
            kind="question",
            body="?",
            sent_at=SESSION_AT,
            attachment="messages/x.pdf",
            attachment_name="x.pdf",
        ),
    }


def _monitoring(region, owner) -> dict:
    project = make_application(region, owner, status=Status.SENT_TO_BUDGET)
    retail = RetailObject.objects.create(region=region, name="Дүкен", trade_area=Decimal(500))
    # §26, §27, §17: Astana's administrator's request, its budget's act and its plan.
    from tests.conftest import administrator_of
    from tests.factories import UserFactory
    from tests.monitoring.factories import file_request, plan_month

    staff = UserFactory(
        username="budget_foreign", role="budget_admin", region=region, administrator=administrator_of(region)
    )
    budget_request = file_request(staff, [project])
    return {
        "project": project,
        "budget_request": budget_request,
        "budget_resolution": BudgetResolution.objects.create(
            region=region, year=2027, budget_approved_on=date(2026, 12, 20), due_on=date(2027, 1, 3)
        ),
        "financing_plan": plan_month(project, staff, year=2027, month=5, obligations=1, payments=1).plan,
        "year_result": YearResult.objects.create(application=project, year=2026),
        "object": InfrastructureObject.objects.create(
            region=region, name="Су құбыры", object_type=object_type(common_use=True), location="Астана"
        ),
        "retail": retail,
        "placement": ShelfPlacement.objects.create(
            retail_object=retail,
            producer_identifier="123456789012",
            producer_name="ЖК Өндіруші",
            area=Decimal(2),
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 7, 1),
        ),
        "s30": MonitoringReport.objects.create(region=region, year=2026),
        "s31": AnnualMonitoring.objects.create(region=region, year=2026),
        "s32": CoordinatorReport.objects.create(region=region, year=2026),
    }


def _pk(kind):
    return lambda f: {"pk": f[kind].pk}


MATRIX = {
    "registry:document_status": _pk("document"),
    "registry:document_download": _pk("document"),
    "registry:deadline_detail": _pk("deadline"),
    "applications:detail": _pk("application"),
    "applications:section": lambda f: {"pk": f["application"].pk, "section": "applicant"},
    "applications:documents": _pk("application"),
    "applications:attachment_upload": _pk("application"),
    "applications:ten_exemption": _pk("application"),
    "applications:attachment_download": _pk("attachment"),
    "applications:check": _pk("application"),
    "applications:canonical": _pk("application"),
    "applications:sign": _pk("application"),
    "applications:egov_start": _pk("application"),
    "applications:egov_status": lambda f: {"pk": f["application"].pk, "token": "none-of-yours"},
    "applications:receipt": _pk("application"),
    "applications:withdraw": _pk("application"),
    "applications:messages": _pk("application"),
    "applications:message_attachment": _pk("message"),
    # eGov mobile signing of any registered document: probed with a §24 notice and an acceptance notice.
    "egov_sign:start": lambda f: {"kind": "notice", "pk": f["notice"].pk},
    "egov_sign:status": lambda f: {"kind": "acceptance", "pk": f["application"].pk, "token": "none-of-yours"},
    "review:detail": _pk("application"),
    "review:history": _pk("application"),
    "review:history_export": lambda f: {"pk": f["application"].pk, "fmt": "xlsx"},
    "review:accept": _pk("application"),
    "review:refuse": _pk("application"),
    "review:recommend": _pk("application"),
    "review:eligibility": lambda f: {"pk": f["application"].pk, "result_pk": f["eligibility"].pk},
    "review:dossier": _pk("application"),
    "review:dossier_prepare": _pk("application"),
    "review:dossier_zip": _pk("application"),
    "councils:member_end": _pk("member"),
    "councils:session": _pk("session"),
    "councils:agenda_export": lambda f: {"pk": f["session"].pk, "fmt": "csv"},
    "councils:session_open": _pk("session"),
    "councils:session_close": _pk("session"),
    "councils:check_in": _pk("session"),
    "councils:attendance_intent": _pk("session"),
    "councils:presider_designate": _pk("session"),
    "councils:session_calendar": _pk("session"),
    "councils:attendance_record": lambda f: {"pk": f["opened"].pk, "row_pk": f["attendance"].pk},
    "councils:item": _pk("item"),
    "councils:item_tally": _pk("item"),
    "councils:item_recuse": _pk("item"),
    "councils:item_no_conflict": _pk("item"),
    "councils:item_open": _pk("item"),
    "councils:item_vote": _pk("item"),
    "councils:item_vote_record": _pk("item"),
    "councils:item_close": _pk("item"),
    "councils:item_carry": _pk("item"),
    "councils:item_notes": _pk("item"),
    "councils:item_reasons": _pk("item"),
    "councils:item_application": _pk("item"),
    "councils:item_attachment": lambda f: {"pk": f["item"].pk, "attachment_pk": f["item_attachment"].pk},
    "councils:item_message_attachment": lambda f: {"pk": f["item"].pk, "message_pk": f["item_message"].pk},
    "councils:item_notice_prepare": lambda f: {"pk": f["item"].pk, "kind": "notice"},
    "councils:item_notice_send": lambda f: {"pk": f["item"].pk, "kind": "notice"},
    "councils:protocol": _pk("protocol"),
    "councils:protocol_sign": _pk("protocol"),
    "councils:handover": _pk("protocol"),
    "monitoring:project": _pk("project"),
    "monitoring:budget_request": _pk("budget_request"),
    "monitoring:budget_return": _pk("budget_request"),
    "monitoring:budget_conclude": _pk("budget_request"),
    "monitoring:budget_decide": _pk("budget_request"),
    "monitoring:resolution": _pk("budget_resolution"),
    "monitoring:plan": _pk("financing_plan"),
    "monitoring:plan_approve": _pk("financing_plan"),
    "monitoring:plan_publish": _pk("financing_plan"),
    "monitoring:term_start": _pk("project"),
    "monitoring:term_extend": _pk("project"),
    "monitoring:term_end": _pk("project"),
    "monitoring:funds": _pk("project"),
    "monitoring:indicator": _pk("project"),
    "monitoring:year_plan": _pk("project"),
    "monitoring:year_confirm": lambda f: {"pk": f["project"].pk, "result_pk": f["year_result"].pk},
    "monitoring:result_report": _pk("year_result"),
    "monitoring:settle": lambda f: {"year": 2025, "pk": f["project"].pk},
    "monitoring:object": _pk("object"),
    "monitoring:object_user": _pk("object"),
    "monitoring:object_load": _pk("object"),
    "monitoring:retail": _pk("retail"),
    "monitoring:placement": _pk("retail"),
    "monitoring:placement_extend": lambda f: {"pk": f["retail"].pk, "placement_pk": f["placement"].pk},
    "monitoring:report_generate": lambda f: {"key": "s31", "pk": f["s31"].pk},
    "monitoring:report_submit": lambda f: {"key": "s31", "pk": f["s31"].pk},
    "monitoring:s30_accept": _pk("s30"),
    "monitoring:s30_scan": _pk("s30"),
    "monitoring:s30_scan_download": _pk("s30"),
    "monitoring:s32_export": lambda f: {"pk": f["s32"].pk, "fmt": "csv"},
    "registry:api_token_revoke": _pk("api_token"),
}
# Not a foreign object: the document check is public by design (its code is the secret);
# the reports pages take a year, not an object: one shows the reader's own region, the other
# (§32, the central body's national view) answers 404 to every other role.
PUBLIC = {
    "registry:document_verify",
    "registry:document_public_download",
    "monitoring:reports",
    "monitoring:central_reports",
    # §13: the settlement page takes a year and lists the coordinator's own region only.
    "monitoring:settlement",
    # Issue 18's open data (no login): a region code or a file format, not an object id.
    "monitoring:register_region",
    "monitoring:register_download",
    "monitoring:register_region_download",
    "monitoring:register_dictionary_download",
    "monitoring:statistics_region",
    "monitoring:statistics_download",
    "monitoring:public_plans_download",
    "monitoring:statistics_region_download",
    # Staff exports: a file format, not an object; rows scoped like their pages.
    "review:inbox_export",
    "registry:deadlines_export",
    "monitoring:projects_export",
    "councils:session_export",
}


def _object_routes(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _object_routes(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.pattern.converters and namespace:
            yield f"{namespace}:{entry.name}"


def object_routes() -> set[str]:
    return set(_object_routes(get_resolver().url_patterns))


def test_every_object_route_of_a_covered_app_has_a_row():
    routes = {r for r in object_routes() if r.split(":")[0] in COVERED}
    assert routes - MATRIX.keys() - PUBLIC == set(), "add a row to MATRIX for each new page"
    assert MATRIX.keys() - routes == set(), "a row for a page that no longer exists"


@pytest.mark.parametrize("persona", PERSONAS)
def test_foreign_objects_are_refused_to_every_role_of_the_demo_region(client, persona, request, foreign):
    client.force_login(request.getfixturevalue(persona))
    shown = {}
    with translation.override("kk"):
        urls = {name: reverse(name, kwargs=kwargs(foreign)) for name, kwargs in MATRIX.items()}
    for name, url in urls.items():
        for method in (client.get, client.post):
            status = method(url).status_code
            if status not in ALLOWED:
                shown[f"{method.__name__.upper()} {name}"] = status
    assert shown == {}
    assert Attachment.objects.filter(application=foreign["application"]).count() == 3
    foreign["application"].refresh_from_db()
    assert foreign["application"].status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("other_entrepreneur", "applications:detail"),
        ("other_entrepreneur", "applications:attachment_download"),
        ("other_entrepreneur", "registry:document_status"),
        ("coordinator_elsewhere", "review:detail"),
        ("coordinator_elsewhere", "review:history"),
        ("coordinator_elsewhere", "registry:deadline_detail"),
        ("coordinator_elsewhere", "councils:session"),
        ("coordinator_elsewhere", "councils:item"),
        ("coordinator_elsewhere", "councils:protocol"),
        ("budget_admin_elsewhere", "monitoring:project"),
        ("budget_admin_elsewhere", "monitoring:object"),
        ("budget_admin_elsewhere", "monitoring:retail"),
        ("other_entrepreneur", "monitoring:result_report"),
    ],
)
def test_control_the_same_urls_open_for_the_objects_own_people(client, persona, name, request, foreign):
    """The refusals above are about reach, not broken links: the right reader gets the page."""
    client.force_login(request.getfixturevalue(persona))
    with translation.override("kk"):
        assert client.get(reverse(name, kwargs=MATRIX[name](foreign))).status_code == 200
