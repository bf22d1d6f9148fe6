"""The IDOR matrix: every URL that takes an object id, how to build that object in region A, and who owns it.

``World`` builds, lazily and once per test, the objects of the first region
(Turkistan) that belong to ``entrepreneur`` and to region A's staff. Each
``Row`` names a builder (World -> URL kwargs, or a list of them), the persona
that may open the page (the positive check) and whether the view is POST-only.
``test_idor_matrix.py`` then requests each URL as every persona of the other
region (Astana) and as ``other_entrepreneur`` and expects 404 / 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.core.files.base import ContentFile
from django.utils import timezone

from applications.models import EligibilityResult, Status
from tests.applications.factories import complete_draft, reference_data
from tests.councils import factories as council_factories
from tests.factories import UserFactory
from tests.monitoring import factories as monitoring_factories
from tests.registry.deadline_factories import open_deadline


class World:
    """Region A's objects and the personas of both regions (built on first use)."""

    def __init__(
        self,
        *,
        region,
        other_region,
        entrepreneur,
        other_entrepreneur,
        coordinator,
        coordinator_elsewhere,
        budget_admin,
        planning,
    ):
        self.region, self.other_region = region, other_region
        self.entrepreneur, self.other_entrepreneur = entrepreneur, other_entrepreneur
        self.coordinator, self.coordinator_elsewhere = coordinator, coordinator_elsewhere
        self.budget_admin, self.planning = budget_admin, planning

    # Personas of the other region (Astana) and another entrepreneur.
    @cached_property
    def budget_admin_elsewhere(self):
        return UserFactory(username="budget_other", role="budget_admin", region=self.other_region)

    @cached_property
    def planning_elsewhere(self):
        return UserFactory(username="planning_other", role="planning", region=self.other_region)

    @cached_property
    def council_member_elsewhere(self):
        council = council_factories.make_council(self.other_region, members=3, prefix="astana")
        return council_factories.seat(council, "member").user

    @cached_property
    def mobile_signing(self):
        """An eGov mobile signing session of the entrepreneur's draft, waiting for the phone."""
        from applications.models import MobileSigning
        from applications.services.mobile_signing import mobile_signing_start

        return mobile_signing_start(
            purpose=MobileSigning.Purpose.APPLICATION, document=b"{}", at=timezone.now(), application=self.draft
        )

    @cached_property
    def central(self):
        return UserFactory(username="central_h9", role="central")

    def foreigners(self) -> dict:
        return {
            "coordinator_elsewhere": self.coordinator_elsewhere,
            "budget_admin_elsewhere": self.budget_admin_elsewhere,
            "planning_elsewhere": self.planning_elsewhere,
            "council_member_elsewhere": self.council_member_elsewhere,
            "other_entrepreneur": self.other_entrepreneur,
        }

    # Region A's objects.
    @cached_property
    def ref(self):
        return reference_data(self.region)

    @cached_property
    def draft(self):
        return complete_draft(self.entrepreneur, self.region, self.ref)

    @cached_property
    def submitted(self):
        application = complete_draft(self.entrepreneur, self.region, self.ref, project_name="Тексерілетін")
        now = timezone.now()
        application.status, application.number = Status.SUBMITTED, "61-2026-90001"
        application.submitted_at, application.received_on = now, now.date()
        application.save()
        return application

    @cached_property
    def attachment(self):
        return self.draft.attachments.first()

    @cached_property
    def eligibility(self):
        return EligibilityResult.objects.create(
            application=self.submitted,
            rule="§9",
            code="idor-check",
            outcome="coordinator",
            message="?",
        )

    @cached_property
    def council(self):
        return council_factories.make_council(self.region, prefix="turk")

    @cached_property
    def council_member(self):
        return council_factories.seat(self.council, "member").user

    @cached_property
    def chair(self):
        return council_factories.seat(self.council, "chair").user

    @cached_property
    def secretary(self):
        return council_factories.seat(self.council, "secretary").user

    @cached_property
    def session(self):
        application = council_factories.make_application(self.region, self.entrepreneur)
        return council_factories.schedule(self.council, self.coordinator, [application])

    @cached_property
    def opened_session(self):
        return council_factories.open_with(self.session, 6)

    @cached_property
    def item(self):
        return council_factories.first_item(self.session)

    @cached_property
    def item_attachment(self):
        from applications.models.attachments import DocumentKind
        from tests.applications.factories import attach

        return attach(self.item.application, DocumentKind.BUSINESS_PLAN, self.entrepreneur)

    @cached_property
    def document_signing(self):
        """An eGov mobile signing session of the coordinator's acceptance notice, waiting for the phone."""
        from applications.models import MobileSigning
        from applications.services.mobile_signing import mobile_signing_start

        return mobile_signing_start(
            purpose=MobileSigning.Purpose.DOCUMENT,
            document=b"{}",
            at=timezone.now(),
            kind="acceptance",
            object_id=self.submitted.pk,
            started_by=self.coordinator,
        )

    @cached_property
    def notice(self):
        """A §24 notice drafted by the coordinator (its protocol unsigned: signing it is refused, not hidden)."""
        from councils.models import DecisionNotice

        item = self.protocol.session.items.order_by("order").first()
        return DecisionNotice.objects.create(
            item=item, kind="notice", language="kk", text="x", drafted_by=self.coordinator, drafted_at=timezone.now()
        )

    @cached_property
    def protocol(self):
        session = council_factories.decided_session(self.council, self.coordinator, self.entrepreneur, self.region)
        return session.protocol

    @cached_property
    def project(self):
        return monitoring_factories.project(self.region, applicant=self.entrepreneur)

    @cached_property
    def budget_request(self):
        """§26: region A's administrator's budget request covering the project."""
        return monitoring_factories.file_request(self.budget_admin, [self.project])

    @cached_property
    def financing_plan(self):
        """§17: region A's administrator's plan for 2027, with a month for the project."""
        self.budget_request  # noqa: B018 — the project must be in the request of the year
        return monitoring_factories.plan_month(
            self.project, self.budget_admin, year=2027, month=5, obligations=1, payments=1
        ).plan

    @cached_property
    def budget_resolution(self):
        """§27: region A's budget act of 2027 (recorded directly: its approval needs a decided request)."""
        from monitoring.models import BudgetResolution

        return BudgetResolution.objects.create(
            region=self.region, year=2027, budget_approved_on=date(2026, 12, 20), due_on=date(2027, 1, 3)
        )

    @cached_property
    def year_result(self):
        from monitoring.models import YearResult

        return YearResult.objects.create(application=self.project, year=2027)

    @cached_property
    def infrastructure_object(self):
        from monitoring.models import InfrastructureObject

        return InfrastructureObject.objects.create(
            region=self.region,
            name="Өнеркәсіп аймағы",
            location="Сайрам",
            object_type=monitoring_factories.object_type(common_use=True),
        )

    @cached_property
    def retail(self):
        from monitoring.models import RetailObject

        return RetailObject.objects.create(region=self.region, name="Magnum", trade_area=Decimal(1000))

    @cached_property
    def placement(self):
        from monitoring.models import ShelfPlacement

        return ShelfPlacement.objects.create(
            retail_object=self.retail,
            producer_identifier="000000000001",
            producer_name="ЖК Өндіруші",
            area=Decimal(5),
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 12, 31),
        )

    def report(self, key: str):
        from monitoring.views.reports import MODELS

        report, _ = MODELS[key].objects.get_or_create(region=self.region, year=2026)
        if key == "s30" and not report.scan:
            report.scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return report

    @cached_property
    def document(self):
        from registry.models import GeneratedDocument

        document = GeneratedDocument(
            kind="application_receipt",
            content_object=self.draft,
            language="kk",
            params_key="-",
            state=GeneratedDocument.State.DONE,
        )
        document.file.save("idor.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        document.save()
        return document

    @cached_property
    def api_token(self):
        from registry.tokens import api_token_create

        return api_token_create(user=self.entrepreneur, name="idor", at=timezone.now())[0]

    @cached_property
    def message(self):
        from applications.models import ApplicationMessage

        message = ApplicationMessage(
            application=self.submitted,
            author=self.coordinator,
            kind="question",
            body="?",
            sent_at=timezone.now(),
            attachment_name="q.pdf",
        )
        message.attachment.save("q.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        message.save()
        return message

    @cached_property
    def item_message(self):
        from applications.models import ApplicationMessage

        message = ApplicationMessage(
            application=self.item.application,
            author=self.coordinator,
            kind="question",
            body="?",
            sent_at=timezone.now(),
            attachment_name="q.pdf",
        )
        message.attachment.save("q.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        message.save()
        return message

    @cached_property
    def decided_item(self):
        return self.protocol.session.items.order_by("order").first()

    @cached_property
    def deadline(self):
        return open_deadline(region=self.region, responsible=[self.coordinator], due_on=date(2026, 4, 1))


@dataclass(frozen=True)
class Row:
    build: Callable[[World], dict | list[dict]]
    owner: str  # World attribute of a persona who may reach the object (positive check)
    post_only: bool = False
    owner_sees: tuple[int, ...] = (200,)  # what the owner's GET answers


def _pk(attr: str) -> Callable[[World], dict]:
    return lambda w: {"pk": getattr(w, attr).pk}


def _reports(*keys: str) -> Callable[[World], list[dict]]:
    return lambda w: [{"key": key, "pk": w.report(key).pk} for key in keys]


R = Row
MATRIX: dict[str, Row] = {
    # applications (the entrepreneur's own drafts and files)
    "applications:detail": R(_pk("draft"), "entrepreneur"),
    "applications:section": R(lambda w: {"pk": w.draft.pk, "section": "applicant"}, "entrepreneur"),
    "applications:documents": R(_pk("draft"), "entrepreneur"),
    "applications:attachment_upload": R(_pk("draft"), "entrepreneur", post_only=True),
    "applications:egov_start": R(_pk("draft"), "entrepreneur", post_only=True),
    "applications:egov_status": R(lambda w: {"pk": w.draft.pk, "token": w.mobile_signing.token}, "entrepreneur"),
    # eGov mobile signing of the officials' documents (issue 13): each registered kind, within reach.
    "egov_sign:start": R(
        lambda w: [
            {"kind": "acceptance", "pk": w.submitted.pk},
            {"kind": "refusal", "pk": w.submitted.pk},
            {"kind": "protocol", "pk": w.protocol.pk},
            {"kind": "notice", "pk": w.notice.pk},
        ],
        "coordinator",
        post_only=True,
    ),
    "egov_sign:status": R(
        lambda w: {"kind": "acceptance", "pk": w.submitted.pk, "token": w.document_signing.token}, "coordinator"
    ),
    "applications:ten_exemption": R(_pk("draft"), "entrepreneur", post_only=True),
    "applications:attachment_download": R(_pk("attachment"), "entrepreneur"),
    "applications:check": R(_pk("draft"), "entrepreneur"),
    "applications:canonical": R(_pk("draft"), "entrepreneur"),
    "applications:sign": R(_pk("draft"), "entrepreneur", post_only=True),
    "applications:receipt": R(_pk("submitted"), "entrepreneur"),
    "applications:withdraw": R(_pk("submitted"), "entrepreneur", post_only=True),
    "applications:messages": R(_pk("submitted"), "entrepreneur"),
    "applications:message_attachment": R(_pk("message"), "entrepreneur"),
    # review (region A's coordinator)
    "review:detail": R(_pk("submitted"), "coordinator"),
    "review:history": R(_pk("submitted"), "coordinator"),
    "review:accept": R(_pk("submitted"), "coordinator", post_only=True),
    "review:refuse": R(_pk("submitted"), "coordinator", post_only=True),
    "review:recommend": R(_pk("submitted"), "coordinator", post_only=True),
    "review:eligibility": R(
        lambda w: {"pk": w.submitted.pk, "result_pk": w.eligibility.pk}, "coordinator", post_only=True
    ),
    "review:dossier": R(_pk("submitted"), "coordinator"),
    "review:history_export": R(lambda w: [{"pk": w.submitted.pk, "fmt": f} for f in ("csv", "xlsx")], "coordinator"),
    "review:dossier_prepare": R(_pk("submitted"), "coordinator", post_only=True),
    # Until the dossier is prepared, the zip redirects its owner to the dossier page.
    "review:dossier_zip": R(_pk("submitted"), "coordinator", owner_sees=(200, 302)),
    # councils (region A's council and coordinator)
    "councils:member_end": R(lambda w: {"pk": w.council.members.first().pk}, "coordinator", post_only=True),
    "councils:session": R(_pk("session"), "coordinator"),
    "councils:agenda_export": R(lambda w: [{"pk": w.session.pk, "fmt": f} for f in ("csv", "xlsx")], "coordinator"),
    "councils:session_open": R(_pk("session"), "coordinator", post_only=True),
    "councils:session_close": R(_pk("session"), "coordinator", post_only=True),
    "councils:check_in": R(_pk("session"), "council_member", post_only=True),
    "councils:attendance_intent": R(_pk("session"), "council_member", post_only=True),
    "councils:presider_designate": R(_pk("session"), "chair", post_only=True),
    "councils:session_calendar": R(_pk("session"), "council_member"),
    "councils:attendance_record": R(
        lambda w: {"pk": w.opened_session.pk, "row_pk": w.opened_session.attendance.first().pk},
        "coordinator",
        post_only=True,
    ),
    "councils:item": R(_pk("item"), "coordinator"),
    "councils:item_tally": R(_pk("item"), "coordinator"),
    "councils:item_recuse": R(_pk("item"), "council_member", post_only=True),
    "councils:item_no_conflict": R(_pk("item"), "council_member", post_only=True),
    "councils:item_open": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_vote": R(_pk("item"), "council_member", post_only=True),
    "councils:item_vote_record": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_close": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_carry": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_notes": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_reasons": R(_pk("item"), "coordinator", post_only=True),
    "councils:item_application": R(_pk("item"), "council_member"),
    "councils:item_attachment": R(lambda w: {"pk": w.item.pk, "attachment_pk": w.item_attachment.pk}, "council_member"),
    "councils:item_message_attachment": R(
        lambda w: {"pk": w.item.pk, "message_pk": w.item_message.pk}, "council_member"
    ),
    "councils:item_notice_prepare": R(lambda w: {"pk": w.item.pk, "kind": "notice"}, "coordinator", post_only=True),
    "councils:item_notice_send": R(lambda w: {"pk": w.item.pk, "kind": "notice"}, "coordinator", post_only=True),
    "councils:protocol": R(_pk("protocol"), "coordinator"),
    "councils:protocol_sign": R(_pk("protocol"), "coordinator", post_only=True),
    "councils:handover": R(_pk("protocol"), "coordinator", post_only=True),
    # monitoring (region A's budget administrator / planning body; the entrepreneur's project)
    "monitoring:project": R(_pk("project"), "budget_admin"),
    **{
        f"monitoring:{name}": R(_pk("project"), "budget_admin", post_only=True)
        for name in (
            "term_start",
            "term_extend",
            "term_end",
            "funds",
            "indicator",
            "year_plan",
        )
    },
    # §26, §27, §17: region A's administrator's request, its budget's act and its plan.
    "monitoring:budget_request": R(_pk("budget_request"), "budget_admin"),
    **{
        f"monitoring:{name}": R(_pk("budget_request"), "planning", post_only=True)
        for name in ("budget_return", "budget_conclude", "budget_decide")
    },
    "monitoring:resolution": R(_pk("budget_resolution"), "budget_admin", post_only=True),
    "monitoring:plan": R(_pk("financing_plan"), "budget_admin"),
    "monitoring:plan_approve": R(_pk("financing_plan"), "budget_admin", post_only=True),
    "monitoring:plan_publish": R(_pk("financing_plan"), "budget_admin", post_only=True),
    "monitoring:year_confirm": R(
        lambda w: {"pk": w.project.pk, "result_pk": w.year_result.pk}, "coordinator", post_only=True
    ),
    "monitoring:result_report": R(_pk("year_result"), "entrepreneur"),
    # §13: the region's coordinator settles a funded project's past year.
    "monitoring:settle": R(lambda w: {"year": 2025, "pk": w.project.pk}, "coordinator", post_only=True),
    "monitoring:object": R(_pk("infrastructure_object"), "budget_admin"),
    "monitoring:object_user": R(_pk("infrastructure_object"), "budget_admin", post_only=True),
    "monitoring:object_load": R(_pk("infrastructure_object"), "budget_admin", post_only=True),
    "monitoring:retail": R(_pk("retail"), "planning"),
    "monitoring:placement": R(_pk("retail"), "planning", post_only=True),
    "monitoring:placement_extend": R(
        lambda w: {"pk": w.retail.pk, "placement_pk": w.placement.pk}, "planning", post_only=True
    ),
    "monitoring:report_generate": R(_reports("s30", "s31", "s32"), "budget_admin", post_only=True),
    "monitoring:report_submit": R(_reports("s30", "s31", "s32"), "budget_admin", post_only=True),
    # §32: only the central planning body reads every region's report; the parameter is a year.
    "monitoring:central_reports": R(lambda w: {"year": 2026}, "central"),
    "monitoring:s30_accept": R(lambda w: {"pk": w.report("s30").pk}, "budget_admin", post_only=True),
    "monitoring:s30_scan": R(lambda w: {"pk": w.report("s30").pk}, "coordinator", post_only=True),
    "monitoring:s30_scan_download": R(lambda w: {"pk": w.report("s30").pk}, "coordinator"),
    "monitoring:s32_export": R(
        lambda w: [{"pk": w.report("s32").pk, "fmt": f} for f in ("csv", "xlsx")], "coordinator"
    ),
    # the read-only API (issue 18): the same reach as the pages, through the session here, a token in tests/api
    "api:application-detail": R(_pk("submitted"), "entrepreneur"),
    "api:decision-detail": R(_pk("decided_item"), "coordinator"),
    "api:project-detail": R(_pk("project"), "budget_admin"),
    "api:deadline-detail": R(_pk("deadline"), "coordinator"),
    "registry:api_token_revoke": R(_pk("api_token"), "entrepreneur", post_only=True),
    # registry
    "registry:document_status": R(_pk("document"), "entrepreneur"),
    "registry:document_download": R(_pk("document"), "entrepreneur"),
    "registry:deadline_detail": R(_pk("deadline"), "coordinator"),
}

# URL patterns with a parameter that is not a private object's id, with the reason.
PUBLIC: dict[str, str] = {
    "registry:document_verify": "public by design (§ verification of a printed document by its code): "
    "anyone holding the paper may check it; shows no personal data beyond the document's title, and for a "
    "protocol its public copy with personal data removed (councils.public)",
    "registry:document_public_download": "public by design: the PDF of a public copy (the protocol's, personal "
    "data removed) by its verification code; any other kind answers 404",
    "monitoring:reports": "the parameter is a year, not an object: the page lists only the reader's own region's "
    "reports (scoped by reach) and refuses other roles with 404",
    "monitoring:settlement": "the parameter is a year, not an object: the §13 settlement page lists only the "
    "coordinator's own region's projects and answers 404 to every other role",
    "password_reset_confirm": "the parameters are a signed reset token, not an object: a forged or used one answers 404",
    "signin:egov_status": "the token is an eGov mobile sign-in session's, taken only by the browser session that "
    "started it (404 to any other)",
    "egov_mobile:service": "the phone's side of eGov mobile signing: the unguessable token in the QR is the secret; "
    "shows a description and a URI, no personal data",
    "egov_mobile:documents": "the phone's side: needs the session's bearer token (401 otherwise); shows the one "
    "document offered for signing",
    # Issue 18's open data: the parameter is a region's KATO code or a file format, not a private object.
    "monitoring:register_region": "public register of approved projects (no login), by region code; no ЖСН",
    "monitoring:register_download": "public register's CSV/XLSX/JSON (no login); the parameter is the format",
    "monitoring:register_region_download": "public register's files by region code and format (no login)",
    "monitoring:register_dictionary_download": "public data dictionary; the parameter is the format",
    "monitoring:statistics_region": "public aggregate statistics by region code; counts only, no personal data",
    "monitoring:public_plans_download": "§17's published plans as CSV/XLSX/JSON (no login); the parameter is the format",
    "monitoring:statistics_download": "public statistics as CSV/XLSX/JSON; the parameter is the format; counts only",
    "monitoring:statistics_region_download": "public statistics by region code and format; counts only",
    # Staff exports: the parameter is a file format; the rows are the page's, scoped by reach.
    "review:inbox_export": "the coordinator's inbox as XLSX/CSV: the format, not an object; scoped like the inbox",
    "councils:session_export": "the council's sessions as XLSX/CSV: the format, not an object; scoped like the page",
    "registry:deadlines_export": "the deadlines as XLSX/CSV: the format, not an object; scoped like the page",
    "monitoring:projects_export": "the §25 projects as XLSX/CSV: the format, not an object; scoped like the page",
}
