"""API: the public register (no login) and handed-over projects within the token owner's reach."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from monitoring import register, statistics
from monitoring.selectors import project_for, public_plans
from registry.api import PublicMixin, ReadOnlyViewSet
from registry.models import Region, User

_KINDS = {
    "text": serializers.CharField,
    "number": serializers.FloatField,
    "date": serializers.DateField,
    "url": serializers.CharField,
}
# One row of the register, field by field from register.FIELDS (the schema documents the data dictionary).
RegisterRowSerializer = type(
    "RegisterRowSerializer",
    (serializers.Serializer,),
    {f.key: _KINDS[f.kind](allow_null=True, help_text=str(f.meaning)) for f in register.FIELDS},
)


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class PublicRegisterList(PublicMixin, generics.ListAPIView):
    """The register of approved projects (signed protocol, §23); ``?region=61`` for one region. No ЖСН."""

    serializer_class = RegisterRowSerializer

    def get_queryset(self):
        code = self.request.query_params.get("region")
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            return register.approved_projects().none()
        return register.approved_projects(region=region).order_by("id")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = register.register_rows(page, absolute=request.build_absolute_uri)
        return self.get_paginated_response([{k: _plain(v) for k, v in row.items()} for row in rows])


class PublicDictionary(PublicMixin, APIView):
    """The register's data dictionary: every field with its kk and ru names, meaning, unit and type."""

    @extend_schema(
        responses=inline_serializer(
            "Dictionary", {"fields": serializers.ListField(child=serializers.DictField(child=serializers.CharField()))}
        )
    )
    def get(self, request):
        return Response({"fields": register.dictionary()})


# One figure of the statistics, field by field from statistics.FIELDS (the dictionary's words in the schema).
StatisticsRowSerializer = type(
    "StatisticsRowSerializer",
    (serializers.Serializer,),
    {f.key: _KINDS[f.kind](allow_null=True, help_text=str(f.meaning)) for f in statistics.FIELDS},
)


class PublicStatistics(PublicMixin, APIView):
    """The public statistics' figures, one row per figure (as the page's CSV); ``?region=61`` for one region."""

    @extend_schema(
        responses=inline_serializer(
            "Statistics",
            {
                "fields": serializers.ListField(child=serializers.CharField()),
                "rows": StatisticsRowSerializer(many=True),
            },
        )
    )
    def get(self, request):
        code = request.query_params.get("region")
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            return Response({"fields": statistics.DATA_KEYS, "rows": []})
        rows = statistics.data_rows(statistics.overview(region=region), region=region)
        return Response({"fields": statistics.DATA_KEYS, "rows": [{k: _plain(v) for k, v in r.items()} for r in rows]})


# One month of a published plan, field by field from register.PLAN_FIELDS.
PlanRowSerializer = type(
    "PlanRowSerializer",
    (serializers.Serializer,),
    {f.key: _KINDS[f.kind](allow_null=True, help_text=str(f.meaning)) for f in register.PLAN_FIELDS},
)


class PublicPlans(PublicMixin, APIView):
    """§17: the published individual financing plans, one row per month of a plan (as the plans page's JSON)."""

    @extend_schema(
        responses=inline_serializer(
            "Plans",
            {"fields": serializers.ListField(child=serializers.CharField()), "rows": PlanRowSerializer(many=True)},
        )
    )
    def get(self, request):
        rows = register.plan_rows(public_plans())
        return Response({"fields": register.PLAN_KEYS, "rows": [{k: _plain(v) for k, v in r.items()} for r in rows]})


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    project_name = serializers.CharField()
    applicant_name = serializers.CharField()
    region = serializers.CharField(source="region.code")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    construction_cost = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    financing_plan_status = serializers.SerializerMethodField()
    term_starts = serializers.SerializerMethodField()
    term_ends = serializers.SerializerMethodField()

    def get_financing_plan_status(self, project) -> str | None:
        # §17: the latest year's plan that funds the project (annotated by the view set).
        return project.plan_status

    def get_term_starts(self, project) -> date | None:
        term = getattr(project, "support_term", None)
        return term.starts_on if term else None

    def get_term_ends(self, project) -> date | None:
        term = getattr(project, "support_term", None)
        return term.current_end if term else None


class ProjectViewSet(ReadOnlyViewSet):
    serializer_class = ProjectSerializer

    def get_queryset(self):
        from django.db.models import OuterRef, Subquery

        from monitoring.models import FinancingPlan

        user = cast(User, self.request.user)  # IsAuthenticated: the API's default permission
        plans = FinancingPlan.objects.filter(projects=OuterRef("pk")).order_by("-year")
        return project_for(user).annotate(plan_status=Subquery(plans.values("status")[:1])).order_by("id")
