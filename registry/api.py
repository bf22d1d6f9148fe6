"""The read-only API's common parts: token authentication, the call log, rate limits, cursor pages.

Each app's ``api.py`` lists its endpoints; every token endpoint reads through
:func:`registry.reach.scope`, exactly as the pages do, so an id outside the
reader's reach answers 404.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from registry.middleware import request_id_var
from registry.models import ApiCall, ApiToken, Deadline
from registry.reach import scope


class TokenScheme(OpenApiAuthenticationExtension):
    """The schema's description of the personal token (``Authorization: Token <key>``)."""

    target_class = "registry.api_auth.PortalTokenAuthentication"
    name = "PersonalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: a personal token made in the personal cabinet.",
        }


class LoggedMixin(APIView):
    """Every call, answered or refused, leaves one row in the API call log."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        user = getattr(request, "user", None)
        auth = getattr(request, "auth", None)
        ApiCall.objects.create(
            at=timezone.now(),
            user=user if user is not None and user.is_authenticated else None,
            token=auth if isinstance(auth, ApiToken) else None,
            method=request.method[:8],
            path=request.get_full_path()[:500],
            status=response.status_code,
            request_id=request_id_var.get(),
        )
        return response


class ReadOnlyViewSet(LoggedMixin, viewsets.ReadOnlyModelViewSet):
    """A token endpoint: list and detail, scoped by reach."""


class PublicMixin(LoggedMixin):
    authentication_classes = []
    permission_classes = [AllowAny]


class DeadlineSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    kind_display = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "kind_display",
            "rule",
            "object_repr",
            "region",
            "due_on",
            "opened_at",
            "met_at",
            "met_on_time",
            "cancelled_at",
        ]


class DeadlineViewSet(ReadOnlyViewSet):
    serializer_class = DeadlineSerializer

    def get_queryset(self):
        return scope(self.request.user, Deadline.objects.select_related("region"))
