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

from django.db.models import DecimalField, Exists, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from applications.models import ApplicantKind, Application, Status
from councils.documents import PROTOCOL
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
        _("The page where anyone can check the signed protocol's copy issued by the portal"),
        kind="url",
    ),
    Field(
        "approved_amount",
        _("Approved construction cost"),
        _("The construction cost in the approved application"),
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


def register_rows(projects, *, absolute=lambda path: path) -> Iterator[dict]:
    """One dict per project, keyed by :data:`KEYS`, in the active language."""
    projects = list(projects)
    protocols = [p.approvals[0].session.protocol for p in projects if p.approvals]
    documents = documents_by_object(protocols, PROTOCOL)
    for project in projects:
        item = project.approvals[0] if project.approvals else None
        name, kind, bin_ = _entrepreneur(project)
        objects = list(project.infrastructure_objects.all())
        month, occupancy = _latest_load(objects)
        details = getattr(project, "details", None)
        verification = ""
        if item is not None:
            docs = documents.get(str(item.session.protocol.pk), [])
            if docs:
                verification = absolute(reverse("registry:document_verify", args=[docs[0].verification_code]))
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
            "approved_amount": project.construction_cost,
            "financing_plan": project.plan_total,
            "financed_amount": project.financed,
            "status": project.get_status_display(),
            "objects": "; ".join(f"{o.name} ({o.get_works_status_display()})" for o in objects),
            "load_month": month,
            "load_occupancy": occupancy,
        }


def dictionary() -> list[dict]:
    """The published data dictionary: each field with its kk and ru names."""
    names = {}
    for language in ("kk", "ru"):
        with override(language):
            names[language] = {f.key: str(f.label) for f in FIELDS}
    return [
        {
            "field": f.key,
            "name_kk": names["kk"][f.key],
            "name_ru": names["ru"][f.key],
            "meaning": str(f.meaning),
            "unit": str(f.unit),
            "type": f.kind,
        }
        for f in FIELDS
    ]
