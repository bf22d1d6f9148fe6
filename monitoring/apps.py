from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from monitoring import (
            permissions,  # noqa: F401 -- registers the named predicates for {% may %}
            reports,
        )
        from monitoring.cabinet import register_panels
        from registry.documents import DocumentKind, register_document_kind

        register_document_kind(
            DocumentKind(
                code="monitoring_s30",
                template="monitoring/pdf/s30_report.html",
                context=reports.s30_document,
                title=_("Monitoring report (§30)"),
            )
        )
        register_document_kind(
            DocumentKind(
                code="monitoring_s31",
                template="monitoring/pdf/s31_annual.html",
                context=reports.s31_document,
                title=_("Annual monitoring (§31)"),
            )
        )
        register_document_kind(
            DocumentKind(
                code="monitoring_s32",
                template="monitoring/pdf/s32_report.html",
                context=reports.s32_document,
                title=_("Coordinator's report to the central planning body (§32)"),
            )
        )
        register_panels()
