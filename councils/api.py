"""API: the ӨҮК's decisions on agenda items (§21, §22), within the token owner's reach."""

from rest_framework import serializers

from councils.models import AgendaItem
from registry.api import ReadOnlyViewSet
from registry.reach import scope


class DecisionSerializer(serializers.ModelSerializer):
    application = serializers.IntegerField(source="application_id")
    application_number = serializers.CharField(source="application.number")
    region = serializers.CharField(source="session.council.region.code")
    session_number = serializers.IntegerField(source="session.number")
    session_date = serializers.DateTimeField(source="session.starts_at")
    decision_display = serializers.CharField(source="get_decision_display")
    protocol_signed = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "application",
            "application_number",
            "region",
            "session_number",
            "session_date",
            "decision",
            "decision_display",
            "members_count",
            "present_count",
            "recused_count",
            "participants",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decided_at",
            "protocol_signed",
        ]

    def get_protocol_signed(self, item) -> bool:
        protocol = getattr(item.session, "protocol", None)
        return bool(protocol and protocol.is_final)


class DecisionViewSet(ReadOnlyViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        # §21: only closed items carry a decision ("can" or "cannot be provided").
        items = AgendaItem.objects.filter(status=AgendaItem.Status.CLOSED).select_related(
            "application", "session__council__region", "session__protocol"
        )
        return scope(self.request.user, items)
