"""The public register of approved projects (open data, no login).

One list of fields (:data:`FIELDS`) drives the page, the CSV/XLSX/JSON downloads
and the published data dictionary, so the three always carry the same rows and
columns. Keys are stable English names; values follow the URL's language.

Only what the council decided in public is shown: a project appears once its
approval is in a signed protocol (§23). An individual entrepreneur's ЖСН is
personal data and never leaves the portal here: only a legal entity's БСН does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from applications.models import ApplicantKind, Application, Status
from councils.documents import PROTOCOL, PROTOCOL_PUBLIC
from councils.models import AgendaItem, Protocol
from monitoring.models import FinancingPlan, FinancingPlanLine, FundsUse, InfrastructureObject, LoadIndicator
from monitoring.selectors import documents_by_object

# The statuses of a project the council approved (DESIGN.md's life after "approved").
APPROVED_STATUSES = (
    Status.APPROVED,
    Status.SENT_TO_BUDGET,
    Status.FUNDED,
    Status.IN_MONITORING,
    Status.COMPLETED,
)


@dataclass(frozen=True)
class Field:
    key: str
    label: Promise
    meaning: Promise
    unit: Promise | str = ""
    kind: str = "text"  # text, number, date, url: the dictionary's "type" column


THOUSAND_TENGE = _("thousand tenge")
FIELDS: tuple[Field, ...] = (
    Field("number", _("Registry number"), _("The application's number in the electronic registry of applications")),
    Field("project_name", _("Project"), _("The project's name as the applicant gave it")),
    Field("entrepreneur", _("Entrepreneur"), _("A legal entity's name or an individual entrepreneur's name")),
    Field("entrepreneur_kind", _("Entrepreneur is"), _("Legal entity or individual entrepreneur")),
    Field(
        "bin",
        _("BIN"),
        _(
            "A legal entity's business identification number; empty for an individual "
            "entrepreneur, whose IIN is personal data and is not published"
        ),
    ),
    Field("region_code", _("Region code"), _("The region's two-digit KATO code")),
    Field("region", _("Region"), _("Region or city of republican significance")),
    Field("district", _("Place of implementation"), _("District, town or village as the applicant gave it")),
    Field("category", _("Infrastructure category"), _("The category of infrastructure (paragraph 6 of the rules)")),
    Field("object_type", _("Object type"), _("The type of infrastructure object (paragraph 6 of the rules)")),
    Field("oked", _("ЭҚЖЖ code"), _("The economic activity classifier's code of the project")),
    Field(
        "decision_date",
        _("Council decision date"),
        _("The day the ӨҮК decided that infrastructure can be provided"),
        kind="date",
    ),
    Field(
        "protocol_number", _("Protocol number"), _("The number of the ӨҮК session whose protocol records the decision")
    ),
    Field(
        "votes_participants", _("Participants in the vote"), _("Members present and not recused"), _("people"), "number"
    ),
    Field("votes_for", _("Votes for"), _("Members who voted for"), _("people"), "number"),
    Field("votes_against", _("Votes against"), _("Members who voted against"), _("people"), "number"),
    Field("votes_abstain", _("Abstained"), _("Members who abstained"), _("people"), "number"),
    Field(
        "protocol_verification",
        _("Protocol verification"),
        _(
            "The page where anyone checks the protocol issued by the portal and reads and downloads its public "
            "copy, with personal data removed"
        ),
        kind="url",
    ),
    Field(
        "approved_amount",
        _("Amount for which the council found infrastructure can be provided"),
        _(
            "The construction cost in the application for which the ӨҮК decided, in the signed protocol, "
            "that infrastructure can be provided"
        ),
        THOUSAND_TENGE,
        "number",
    ),
    Field(
        "financing_plan",
        _("Financing plan, payments"),
        _("The total of payments in the published individual financing plan; empty until it is published"),
        THOUSAND_TENGE,
        "number",
    ),
    Field("financed_amount", _("Financed"), _("Funds disbursed to the project so far"), THOUSAND_TENGE, "number"),
    Field("status", _("Status"), _("Where the project stands")),
    Field("objects", _("Objects built"), _("The objects built for the project and the state of works")),
    Field(
        "load_month",
        _("Latest load month"),
        _("The last month with a recorded load of the project's objects"),
        kind="date",
    ),
    Field(
        "load_occupancy",
        _("Load in that month"),
        _("The average occupancy of the project's objects in that month"),
        "%",
        "number",
    ),
)
KEYS = tuple(f.key for f in FIELDS)


def approved_amount() -> F:
    """§22(3), §23: the amount the council found infrastructure can be provided for, per project.

    The one place the register (page, downloads, API) reads it from. The protocol records the
    decision on the application as it stood on the agenda, so today this is the application's
    construction cost (Appendix, item 5). When budget requests carry an approved amount per
    project (§26), switch the source here, and the field's label and meaning in :data:`FIELDS`.
    """
    return F("construction_cost")


def approved_projects(*, region=None) -> QuerySet[Application]:
    """§23: the projects whose approval is in a signed protocol, with everything a row shows."""
    approved = AgendaItem.objects.filter(
        application=OuterRef("pk"),
        decision=AgendaItem.Decision.APPROVED,
        session__protocol__status=Protocol.Status.FINAL,
    )
    money = DecimalField(max_digits=18, decimal_places=2)
    disbursed = (
        FundsUse.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(s=Sum("disbursed"))
        .values("s")[:1]
    )
    # §17: only a published plan is public.
    planned = (
        FinancingPlanLine.objects.filter(
            application=OuterRef("pk"),
            plan__status=FinancingPlan.Status.PUBLISHED,
        )
        .values("application")
        .annotate(s=Sum("payments"))
        .values("s")[:1]
    )
    qs = (
        Application.objects.filter(Exists(approved), status__in=APPROVED_STATUSES)
        .select_related(
            "region",
            "oked",
            "infrastructure_type",
            "details__category",
        )
        .prefetch_related(
            Prefetch(
                "agenda_items",
                to_attr="approvals",
                queryset=AgendaItem.objects.filter(
                    decision=AgendaItem.Decision.APPROVED,
                    session__protocol__status=Protocol.Status.FINAL,
                )
                .select_related("session__protocol")
                .order_by("-decided_at"),
            ),
            Prefetch(
                "infrastructure_objects",
                queryset=InfrastructureObject.objects.order_by("name", "id").prefetch_related(
                    Prefetch("load", queryset=LoadIndicator.objects.order_by("month"))
                ),
            ),
        )
        .annotate(
            financed=Coalesce(Subquery(disbursed, output_field=money), Value(Decimal(0)), output_field=money),
            plan_total=Subquery(planned, output_field=money),
            approved_amount=approved_amount(),
        )
    )
    if region is not None:
        qs = qs.filter(region=region)
    return qs.order_by("region__code", "number", "id")


def _latest_load(objects) -> tuple:
    readings = [r for o in objects for r in o.load.all()]
    if not readings:
        return None, None
    month = max(r.month for r in readings)
    values = [r.occupancy for r in readings if r.month == month]
    return month, round(sum(values) / len(values), 1)


def _entrepreneur(application: Application) -> tuple[str, str, str]:
    details = getattr(application, "details", None)
    # Only a row that says "legal entity" shows its identifier: anything else may be a person's ЖСН.
    if details is not None and details.kind == ApplicantKind.LEGAL:
        return application.applicant_name, str(ApplicantKind.LEGAL.label), details.bin
    return application.applicant_name, str(ApplicantKind.INDIVIDUAL.label), ""


def _verification_document(documents: list):
    """§23: the protocol's finished public copy (personal data removed) in the reader's language, else in the
    other; while it is not ready (or for a protocol signed before public copies were made) the original's
    verification page, which shows the copy's text and never the original's."""
    language = get_language()
    ranked = sorted(
        documents,
        key=lambda d: (d.state != d.State.DONE, d.kind != PROTOCOL_PUBLIC, d.language != language, d.language),
    )
    return ranked[0] if ranked else None


def register_rows(projects, *, absolute=lambda path: path) -> Iterator[dict]:
    """One dict per project, keyed by :data:`KEYS`, in the active language."""
    projects = list(projects)
    protocols = [p.approvals[0].session.protocol for p in projects if p.approvals]
    documents = documents_by_object(protocols, (PROTOCOL_PUBLIC, PROTOCOL))
    for project in projects:
        item = project.approvals[0] if project.approvals else None
        name, kind, bin_ = _entrepreneur(project)
        objects = list(project.infrastructure_objects.all())
        month, occupancy = _latest_load(objects)
        details = getattr(project, "details", None)
        verification = ""
        if item is not None:
            document = _verification_document(documents.get(str(item.session.protocol.pk), []))
            if document is not None:
                verification = absolute(reverse("registry:document_verify", args=[document.verification_code]))
        yield {
            "number": project.number or "",
            "project_name": project.project_name,
            "entrepreneur": name,
            "entrepreneur_kind": kind,
            "bin": bin_,
            "region_code": project.region.code,
            "region": project.region.name,
            "district": details.place if details else "",
            "category": str(details.category) if details and details.category else "",
            "object_type": str(project.infrastructure_type or ""),
            "oked": project.oked.code if project.oked else "",
            "decision_date": timezone.localdate(item.decided_at) if item and item.decided_at else None,
            "protocol_number": item.session.number if item else "",
            "votes_participants": item.participants if item else None,
            "votes_for": item.votes_for if item else None,
            "votes_against": item.votes_against if item else None,
            "votes_abstain": item.votes_abstain if item else None,
            "protocol_verification": verification,
            "approved_amount": project.approved_amount,
            "financing_plan": project.plan_total,
            "financed_amount": project.financed,
            "status": project.get_status_display(),
            "objects": "; ".join(f"{o.name} ({o.get_works_status_display()})" for o in objects),
            "load_month": month,
            "load_occupancy": occupancy,
        }


# §17's published individual financing plans as open data: one row per month of a plan.
_BY_KEY = {f.key: f for f in FIELDS}
PLAN_FIELDS: tuple[Field, ...] = (
    _BY_KEY["region_code"],
    Field("administrator", _("Budget programme administrator"), _("The administrator whose plan it is")),
    Field("year", _("Year"), _("The plan's financial year"), kind="number"),
    Field("approved_on", _("Plan approved"), _("The day the administrator approved the plan"), kind="date"),
    Field("published_on", _("Plan published"), _("The day the plan was published (paragraph 17)"), kind="date"),
    Field("programme", _("Budget programme"), _("The budget programme's code (functional classification)")),
    Field("subprogramme", _("Sub-programme"), _("The budget sub-programme's code (functional classification)")),
    Field("specifics", _("Specifics"), _("The specifics' code (economic classification)")),
    *(_BY_KEY[key] for key in ("number", "project_name", "entrepreneur")),
    Field("month", _("Month"), _("The month of the plan's line, 1 to 12"), kind="number"),
    Field("obligations", _("Obligations"), _("Obligations planned for the month"), THOUSAND_TENGE, "number"),
    Field("payments", _("Payments"), _("Payments planned for the month"), THOUSAND_TENGE, "number"),
)
PLAN_KEYS = tuple(f.key for f in PLAN_FIELDS)


def plan_rows(regions) -> Iterator[dict]:
    """The public plans page's plans (monitoring.selectors.public_plans, lines prefetched), a row per month of
    a line (programme, sub-programme, specifics, project), keyed by PLAN_KEYS."""
    for region, plans in regions:
        for plan in plans:
            published_on = timezone.localdate(plan.published_at) if plan.published_at else None
            for line in plan.lines.all():
                app = line.application
                yield {
                    "region_code": region.code,
                    "administrator": str(plan.administrator),
                    "year": plan.year,
                    "approved_on": plan.approved_on,
                    "published_on": published_on,
                    "programme": line.programme.code,
                    "subprogramme": line.subprogramme_code,
                    "specifics": line.specifics_code,
                    "number": app.number or "",
                    "project_name": app.project_name,
                    "entrepreneur": app.applicant_name,
                    "month": line.month,
                    "obligations": line.obligations,
                    "payments": line.payments,
                }


def dictionary(fields: tuple[Field, ...] = FIELDS) -> list[dict]:
    """The published data dictionary: each field (the register's, or another public list's) with its kk and
    ru names."""
    names = {}
    for language in ("kk", "ru"):
        with override(language):
            names[language] = {f.key: str(f.label) for f in fields}
    return [
        {
            "field": f.key,
            "name_kk": names["kk"][f.key],
            "name_ru": names["ru"][f.key],
            "meaning": str(f.meaning),
            "unit": str(f.unit),
            "type": f.kind,
        }
        for f in fields
    ]
