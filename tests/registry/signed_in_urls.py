"""The portal's URLs plus pages that change the reader's notifications during the request and then
draw the layout (the bell): the portal's own views redirect after such a write, these do not."""

from django.conf.urls.i18n import i18n_patterns
from django.db import transaction
from django.shortcuts import render
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401
from registry.models import Notification
from registry.notifications import notifications_mark_read


class RolledBack(Exception):
    pass


def _page(request):
    return render(request, "registry/notifications.html", {"notifications": []})


def notify_me(request):
    Notification.objects.create(recipient=request.user, kind="x", subject="new", body="b")
    return _page(request)


def read_all(request):
    notifications_mark_read(recipient=request.user)
    return _page(request)


def notify_me_rolled_back(request):
    try:
        with transaction.atomic():
            Notification.objects.create(recipient=request.user, kind="x", subject="gone", body="b")
            raise RolledBack
    except RolledBack:
        pass
    return _page(request)


urlpatterns = [
    *urlpatterns,
    *i18n_patterns(
        path("test/notify-me/", notify_me),
        path("test/read-all/", read_all),
        path("test/notify-me-rolled-back/", notify_me_rolled_back),
    ),
]
