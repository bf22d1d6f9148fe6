from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self):
        from registry import speedups
        from registry.accounts import connect_signals
        from registry.views_deadlines import register_deadlines_panel

        connect_signals()
        register_deadlines_panel()
        speedups.install()
