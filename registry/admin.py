import json

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
from registry.rules import PRIORITY_CODES_MAX, priority_list_fits


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow records: viewable, never added, changed or deleted here.

    A status, a signed form or a decision changes only through its audited service (with its
    actor, reason, rule, notification and deadline); the admin would bypass all of them.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class JournalledAdminMixin(admin.ModelAdmin):
    """Reference data stays editable in the admin; every addition, change and deletion is journalled."""

    def _journal(self, request, obj, action: str, message) -> None:
        from registry.audit import audit_record

        # The admin's own change message: which fields (and inline rows) were added, changed, deleted.
        reason = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False, default=str)
        audit_record(actor=request.user, obj=obj, action=action, reason=reason[:2000])

    def log_addition(self, request, obj, message):
        self._journal(request, obj, "admin_add", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._journal(request, obj, "admin_change", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._journal(request, obj, "admin_delete", str(obj))
        return super().log_deletions(request, queryset)


class JournalledAdmin(JournalledAdminMixin, admin.ModelAdmin):
    pass


@admin.register(User)
class UserAdmin(JournalledAdminMixin, DjangoUserAdmin):
    list_display = ["username", "last_name", "first_name", "role", "region", "is_active"]
    list_filter = ["role", "region", "is_active"]
    list_select_related = ["region"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Portal"), {"fields": ["role", "region", "patronymic", "iin", "phone", "language"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Portal"), {"fields": ["role", "region", "first_name", "last_name", "email"]}),
    )


class PriorityFormSet(BaseInlineFormSet):
    """§5: the limit counts the rows the formset keeps (deletions and additions in one save)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]  # Django's private hook, not in django-stubs
        # The rows in the database are about to change: the formset counts, not each row's clean().
        form.instance.priority_limit_counted_by_formset = True
        return form

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not priority_list_fits(codes=len(kept)):
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
class RegionAdmin(JournalledAdmin):
    list_display = ["code", "name_kk", "name_ru", "kind", "centre_kk", "centre_is_profile_city"]
    inlines = [PriorityInline]


@admin.register(OkedCode)
class OkedCodeAdmin(JournalledAdmin):
    list_display = ["code", "level", "section", "name_kk", "name_ru"]
    list_filter = ["level", "section"]
    search_fields = ["code", "name_kk", "name_ru"]
    raw_id_fields = ["parent"]


class ObjectTypeInline(admin.TabularInline):
    model = InfrastructureObjectType
    extra = 0


@admin.register(InfrastructureCategory)
class InfrastructureCategoryAdmin(JournalledAdmin):
    list_display = ["code", "order", "name_kk", "name_ru"]
    inlines = [ObjectTypeInline]


@admin.register(InfrastructureObjectType)
class InfrastructureObjectTypeAdmin(JournalledAdmin):
    list_display = ["code", "category", "name_kk", "name_ru", "common_use"]
    list_filter = ["category", "common_use"]
    list_select_related = ["category"]


for model in (TaxRegime, EconomySector):
    admin.site.register(model, JournalledAdmin, list_display=["code", "order", "name_kk", "name_ru"])


@admin.register(ExcludedActivity)
class ExcludedActivityAdmin(JournalledAdmin):
    list_display = ["oked_prefix", "name_kk", "name_ru"]


@admin.register(PriorityActivity)
class PriorityActivityAdmin(JournalledAdmin):
    list_display = ["region", "oked", "decree", "section_flagged"]
    list_filter = ["section_flagged"]
    list_select_related = ["region", "oked"]
    autocomplete_fields = ["oked"]


@admin.register(CoordinatorContact)
class CoordinatorContactAdmin(JournalledAdmin):
    """§15(1): the contacts the public page shows, per region."""

    list_display = ["region", "office_kk", "phone", "email"]
    list_select_related = ["region"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(JournalledAdmin):
    list_display = ["day", "kind", "reference", "note"]
    list_filter = ["kind"]
    date_hierarchy = "day"


@admin.register(PersonalAccount)
class PersonalAccountAdmin(JournalledAdmin):
    list_display = ["identifier", "name", "kind", "region", "owner", "created_at"]
    list_select_related = ["region", "owner"]
    search_fields = ["identifier", "name"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the journal is append-only, the database refuses changes."""

    list_display = ["at", "actor", "action", "object_repr", "from_state", "to_state", "rule"]
    list_filter = ["action", "rule"]
    list_select_related = ["actor"]
    search_fields = ["object_repr", "reason", "request_id"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at", "email"]
    list_filter = ["kind", "email"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
