"""API: applications within the token owner's reach (the same reach and draft rule as the pages)."""

from typing import cast

from rest_framework import serializers

from applications.models import Application
from applications.selectors import applications_for
from registry.api import ReadOnlyViewSet
from registry.models import User


class ApplicationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    status_display = serializers.CharField(source="get_status_display")
    oked = serializers.CharField(source="oked.code", default=None)
    infrastructure_type = serializers.CharField(source="infrastructure_type.code", default=None)

    class Meta:
        model = Application
        fields = [
            "id",
            "number",
            "status",
            "status_display",
            "region",
            "priority",
            "submitted_at",
            "received_on",
            "review_due",
            "applicant_name",
            "applicant_identifier",
            "project_name",
            "oked",
            "infrastructure_type",
            "construction_cost",
            "project_cost",
        ]


class ApplicationViewSet(ReadOnlyViewSet):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        user = cast(User, self.request.user)  # IsAuthenticated: the API's default permission
        return applications_for(user).select_related("oked", "infrastructure_type").order_by("id")
