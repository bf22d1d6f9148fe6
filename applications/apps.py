from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _cabinet_context(request) -> dict:
    from applications.selectors import applications_for

    return {"applications": applications_for(request.user)[:20]}


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from applications import (
            checks,  # noqa: F401 -- registers the deploy checks
            permissions,  # noqa: F401 -- registers the named predicates for {% may %}
        )
        from applications.documents import register
        from applications.review import panels
        from applications.review.mobile import register_signables
        from registry.cabinet import Panel, register_panel

        register()
        panels.register()
        register_signables()

        register_panel(
            Panel(
                template="applications/_cabinet_panel.html",
                roles=frozenset({"entrepreneur"}),
                context=_cabinet_context,
                order=10,
            )
        )
