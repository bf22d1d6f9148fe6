from django.contrib import admin

from applications.models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["number", "region", "applicant_name", "project_name", "status", "submitted_at", "review_due"]
    list_filter = ["status", "region", "priority"]
    list_select_related = ["region"]
    search_fields = ["number", "applicant_name", "applicant_identifier", "project_name"]
    raw_id_fields = ["applicant", "account", "oked", "infrastructure_type"]
