from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from registry.models import (
    AuditEvent,
    CalendarOverride,
    CoordinatorContact,
    EconomySector,
    ExcludedActivity,
    InfrastructureCategory,
    InfrastructureObjectType,
    Notification,
    OkedCode,
    PersonalAccount,
    PriorityActivity,
    Region,
    TaxRegime,
    User,
)
from registry.models.reference import PRIORITY_CODES_MAX


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "region", "is_active"]
    list_filter = ["role", "region", "is_active"]
    list_select_related = ["region"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Portal"), {"fields": ["role", "region", "patronymic", "iin", "phone", "language"]}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Portal"), {"fields": ["role", "region", "first_name", "last_name", "email"]}),
    )


class PriorityFormSet(BaseInlineFormSet):
    """§5: the limit counts the rows the formset keeps (deletions and additions in one save)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The rows in the database are about to change: the formset counts, not each row's clean().
        form.instance.priority_limit_counted_by_formset = True
        return form

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(kept) > PRIORITY_CODES_MAX:
            raise ValidationError(
                _("§5: a region's priority list holds at most %(max)d ЭҚЖЖ codes."),
                params={"max": PRIORITY_CODES_MAX},
            )


class PriorityInline(admin.TabularInline):
    model = PriorityActivity
    formset = PriorityFormSet
    autocomplete_fields = ["oked"]
    extra = 0
    max_num = PRIORITY_CODES_MAX


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_kk", "name_ru", "kind", "centre_kk", "centre_is_profile_city"]
    inlines = [PriorityInline]


@admin.register(OkedCode)
class OkedCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "section", "name_kk", "name_ru"]
    list_filter = ["level", "section"]
    search_fields = ["code", "name_kk", "name_ru"]
    raw_id_fields = ["parent"]


class ObjectTypeInline(admin.TabularInline):
    model = InfrastructureObjectType
    extra = 0


@admin.register(InfrastructureCategory)
class InfrastructureCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "order", "name_kk", "name_ru"]
    inlines = [ObjectTypeInline]


@admin.register(InfrastructureObjectType)
class InfrastructureObjectTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "category", "name_kk", "name_ru", "common_use"]
    list_filter = ["category", "common_use"]
    list_select_related = ["category"]


for model in (TaxRegime, EconomySector):
    admin.site.register(model, list_display=["code", "order", "name_kk", "name_ru"])


@admin.register(ExcludedActivity)
class ExcludedActivityAdmin(admin.ModelAdmin):
    list_display = ["oked_prefix", "name_kk", "name_ru"]


@admin.register(PriorityActivity)
class PriorityActivityAdmin(admin.ModelAdmin):
    list_display = ["region", "oked", "decree", "section_flagged"]
    list_filter = ["section_flagged"]
    list_select_related = ["region", "oked"]
    autocomplete_fields = ["oked"]


@admin.register(CoordinatorContact)
class CoordinatorContactAdmin(admin.ModelAdmin):
    """§15(1): the contacts the public page shows, per region."""

    list_display = ["region", "office_kk", "phone", "email"]
    list_select_related = ["region"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "reference", "note"]
    list_filter = ["kind"]
    date_hierarchy = "day"


@admin.register(PersonalAccount)
class PersonalAccountAdmin(admin.ModelAdmin):
    list_display = ["identifier", "name", "kind", "region", "owner", "created_at"]
    list_select_related = ["region", "owner"]
    search_fields = ["identifier", "name"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the journal is append-only, the database refuses changes."""

    list_display = ["at", "actor", "action", "object_repr", "from_state", "to_state", "rule"]
    list_filter = ["action", "rule"]
    list_select_related = ["actor"]
    search_fields = ["object_repr", "reason", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at", "email"]
    list_filter = ["kind", "email"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
