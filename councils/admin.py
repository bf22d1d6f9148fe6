from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from councils.models import AgendaItem, Council, CouncilMember, CouncilSession, Protocol
from councils.services.roster import Seat, roster_errors
from registry.admin import JournalledAdmin, ReadOnlyAdmin


class RosterFormSet(BaseInlineFormSet):
    """§21: the roster as saved must have ≥ 10 active members, half of them from business."""

    def clean(self):
        super().clean()
        seats = [
            Seat(
                bool(f.cleaned_data.get("business_community")),
                f.cleaned_data["term_from"],
                f.cleaned_data.get("term_until"),
            )
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("term_from")
        ]
        if not seats:
            return  # a council being set up, with no seats yet
        errors = roster_errors(seats=seats, on=timezone.localdate())
        if errors:
            raise ValidationError(errors)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    formset = RosterFormSet
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "position", "business_community", "term_from", "term_until"]


@admin.register(Council)
class CouncilAdmin(JournalledAdmin):
    list_display = ["region", "name_kk", "name_ru"]
    list_select_related = ["region"]
    inlines = [CouncilMemberInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    can_delete = False
    fields = readonly_fields = ("order", "application", "status", "decision", "votes_for", "participants")


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    """Read-only: sessions change only through the council's services (audited)."""

    list_display = ["council", "number", "starts_at", "status"]
    list_filter = ["status", "council__region"]
    list_select_related = ["council"]
    inlines = [AgendaItemInline]


@admin.register(Protocol)
class ProtocolAdmin(ReadOnlyAdmin):
    list_display = ["session", "status", "due_on", "signed_at"]
    list_select_related = ["session__council"]
