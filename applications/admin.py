"""Workflow records are read-only here: corrections go through the audited services (registry.admin)."""

from django.contrib import admin

from applications.models import (
    Application,
    ApplicationDetails,
    ApplicationSignature,
    Attachment,
    EligibilityResult,
    PastPerformanceMark,
)
from registry.admin import ReadOnlyAdmin


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["number", "region", "applicant_name", "project_name", "status", "submitted_at", "review_due"]
    list_filter = ["status", "region", "priority"]
    list_select_related = ["region"]
    search_fields = ["number", "applicant_name", "applicant_identifier", "project_name"]
    raw_id_fields = ["applicant", "account", "oked", "infrastructure_type"]


@admin.register(PastPerformanceMark)
class PastPerformanceMarkAdmin(ReadOnlyAdmin):
    """§13: who missed their direct results and counter-obligations, by year."""

    list_display = ["identifier", "year", "reason", "created_at"]
    list_filter = ["year"]
    search_fields = ["identifier"]


@admin.register(EligibilityResult)
class EligibilityResultAdmin(ReadOnlyAdmin):
    list_display = ["application", "rule", "code", "outcome", "decision"]
    list_filter = ["rule", "outcome", "decision"]
    list_select_related = ["application"]
    raw_id_fields = ["application", "decided_by"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "original_name", "size", "sha256", "uploaded_at"]
    list_select_related = ["application"]
    raw_id_fields = ["application", "uploaded_by"]
    readonly_fields = ["sha256", "size"]


@admin.register(ApplicationSignature)
class ApplicationSignatureAdmin(ReadOnlyAdmin):
    list_display = ["application", "signer_iin", "signer_bin", "serial_number", "verified_at"]
    list_select_related = ["application"]
    raw_id_fields = ["application"]
    exclude = ["document", "cms"]
    readonly_fields = [
        "document_sha256",
        "signer_iin",
        "signer_bin",
        "subject",
        "serial_number",
        "issuer",
        "not_before",
        "not_after",
        "signing_time",
        "certificate_pem",
        "verified_at",
    ]


@admin.register(ApplicationDetails)
class ApplicationDetailsAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "name"]
    list_select_related = ["application"]
    raw_id_fields = ["application"]
