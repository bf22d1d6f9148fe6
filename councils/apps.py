from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Regional coordination councils")

    def ready(self) -> None:
        from councils import permissions  # noqa: F401 -- registers the named predicates for {% may %}
        from councils.cabinet import register_panels
        from councils.documents import register_kinds

        register_kinds()
        from councils.mobile import register_signables

        register_signables()
        register_panels()
        from councils.services.logistics import session_ics_attachment
        from registry.notifications import notification_attachment_register

        # §19.4: the session notice and the reminder carry the .ics file, made when the e-mail is sent.
        for kind in ("council_session_scheduled", "council_session_reminder"):
            notification_attachment_register(kind, session_ics_attachment)
        from applications.review.services import application_refused
        from councils.receivers import take_refused_item_off_agenda

        application_refused.connect(take_refused_item_off_agenda, dispatch_uid="councils_refused_item")
