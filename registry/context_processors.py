from django.conf import settings
from django.utils.functional import SimpleLazyObject

from registry.signed_in import unread_notifications


def cabinet(request):
    """The bell's unread count, computed only if a template shows it (read with the user: registry.signed_in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # The idle limit (SessionIdleMiddleware): portal.js warns two minutes before it.
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "unread_notifications": SimpleLazyObject(lambda: unread_notifications(request, user)),
    }
