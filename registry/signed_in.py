"""The signed-in user, the second factor's device check and the bell's count: one query (issue 19).

Every signed-in page needs three answers before its own content, and each was its own query:
the user (``django.contrib.auth.get_user`` through ``ModelBackend``), whether the session's OTP
device still verifies that user (django_otp's ``OTPMiddleware``), and the bell's unread count
(``registry.context_processors.cabinet``). Here the user's row is read with two more columns,
computed by subqueries in the same statement:

- ``UNREAD``: the user's unread notifications (``registry.notifications.unread_for``);
- ``DEVICE``: the id of the device the session names (django_otp's persistent id, parsed by
  django_otp's own ``Device._filter_persistent_id``) if that device belongs to this user and is
  confirmed, else NULL: the very test django_otp applies to the device it loads
  (``OTPMiddleware._finalize_device``).

How the pieces fit, reusing Django's and django_otp's code rather than copying it:

1. ``OTPMiddleware`` (replaces django_otp's in ``MIDDLEWARE``) wraps ``request.user`` lazily as
   django_otp's does. When the user is first read, it puts the two subqueries in a context
   variable and lets Django load the user as always (``AuthenticationMiddleware`` →
   ``auth.get_user``): the session's backend, ``is_active``, the session hash that a password
   change invalidates, the flush of a session that fails them, all unchanged.
2. ``ModelBackend`` (in ``AUTHENTICATION_BACKENDS``) is Django's, except that ``get_user`` adds
   the context variable's columns to its query.
3. ``DEVICE`` NULL: ``otp_device`` is None and the session forgets the device, as with django_otp.
   Otherwise ``otp_device`` is that device as a model instance holding its id, user and
   ``confirmed``; its other fields load when first read (nothing reads them on an ordinary page:
   ``is_verified()`` asks only whether it is None). Where a column is missing (the user came
   another way, or the session names no device or one django_otp cannot parse), django_otp's
   own code decides, with its own query.
4. The bell shows ``UNREAD`` unless this request wrote to the notifications table (an INSERT,
   UPDATE or DELETE seen by a database execute wrapper held for the request's length): then it
   counts again, as before. The count is read with the user, at the start of the request, where
   it used to be read when the layout was drawn; another request's writes in between show on
   the next page, as those landing just after the layout was drawn always did.

Nothing is kept between requests: each request reads the user, the device check and the count
afresh, so a deactivated user, a changed password or a removed device take effect at once.

Sessions signed in before this change name Django's ``ModelBackend``, which is no longer listed;
the middleware renames it in the session to this module's (its subclass) before the user is read,
so nobody is signed out by the deploy.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from registry.models import Notification
from registry.notifications import unread_count_subquery, unread_for

BACKEND = "registry.signed_in.ModelBackend"
LEGACY_BACKEND = "django.contrib.auth.backends.ModelBackend"
UNREAD = "signed_in_unread_notifications"
DEVICE = "signed_in_otp_device_id"

# The columns the user's query adds, set only while OTPMiddleware lets Django load the user.
_columns: ContextVar[dict[str, Subquery] | None] = ContextVar("signed_in_columns", default=None)


class ModelBackend(DjangoModelBackend):
    """Django's ModelBackend; ``get_user`` also reads the columns the request asked for, in the same query."""

    def get_user(self, user_id):
        columns = _columns.get()
        if not columns:
            return super().get_user(user_id)
        user_model = get_user_model()
        # As ModelBackend.get_user, with the columns.
        try:
            user = user_model._default_manager.annotate(**columns).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class NotificationWrites:
    """A database execute wrapper: has this request written to the notifications table?

    Any statement naming the table that does not start with SELECT counts (a writing CTE starts
    with WITH), rolled back or not; a false alarm only costs the bell its own query again.
    """

    def __init__(self) -> None:
        self.table = Notification._meta.db_table
        self.seen = False
        self.open = True

    def __call__(self, execute, sql, params, many, context):
        if not self.seen and (not isinstance(sql, str) or (not sql.startswith("SELECT ") and self.table in sql)):
            self.seen = True
        return execute(sql, params, many, context)


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's middleware, with the device check read in the user's query (see the module's docstring)."""

    def __call__(self, request):
        writes = NotificationWrites()
        request.signed_in_notification_writes = writes
        with connection.execute_wrapper(writes):
            try:
                return super().__call__(request)
            finally:
                writes.open = False  # a body rendered after this (streamed) counts again

    def _verify_user_sync(self, request, user):
        _rename_legacy_backend(request.session)
        devices = self._session_devices(request.session.get(DEVICE_ID_SESSION_KEY))
        columns: dict[str, Subquery] = {UNREAD: unread_count_subquery()}
        if devices is not None:
            columns[DEVICE] = Subquery(devices.filter(user_id=OuterRef("pk"), confirmed=True).values("pk")[:1])
        token = _columns.set(columns)
        try:
            authenticated = user.is_authenticated  # loads the user: auth.get_user → ModelBackend.get_user
        finally:
            _columns.reset(token)
        if not (authenticated and devices is not None and hasattr(user, DEVICE)):
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        device_id = getattr(user, DEVICE)
        device = None if device_id is None else _checked_device(devices.model, device_id, user)
        user.otp_device = self._finalize_device(request, user, device)
        return user

    async def _verify_user_async_via_auser(self, request, auser):
        # The async path keeps django_otp's queries; only the old sessions' backend is renamed.
        if await request.session.aget(BACKEND_SESSION_KEY) == LEGACY_BACKEND and _renaming():
            await request.session.aset(BACKEND_SESSION_KEY, BACKEND)
        return await super()._verify_user_async_via_auser(request, auser)

    def _session_devices(self, persistent_id: Any) -> QuerySet | None:
        """django_otp's query for the session's device, or None where django_otp's own code is to decide."""
        if not persistent_id:
            return None
        try:
            return Device._filter_persistent_id(self._normalize_persistent_id(persistent_id))
        except (ValueError, LookupError):
            return None


def _checked_device(model: type[Device], device_id: int, user) -> Device:
    """The device the query found verifying ``user``: its id, user and ``confirmed`` known, the rest deferred."""
    known = {model._meta.pk.attname: device_id, "user_id": user.pk, "confirmed": True}
    names = [f.attname for f in model._meta.concrete_fields if f.attname in known]
    return model.from_db(user._state.db, names, [known[name] for name in names])


def _renaming() -> bool:
    backends = settings.AUTHENTICATION_BACKENDS
    return BACKEND in backends and LEGACY_BACKEND not in backends


def _rename_legacy_backend(session) -> None:
    """A session signed in through Django's ModelBackend before this change goes on through its subclass."""
    if session.get(BACKEND_SESSION_KEY) == LEGACY_BACKEND and _renaming():
        session[BACKEND_SESSION_KEY] = BACKEND


def unread_notifications(request, user) -> int:
    """The bell's count: read with the user unless this request has written notifications since, else counted now."""
    counted = getattr(user, UNREAD, None)
    writes = getattr(request, "signed_in_notification_writes", None)
    if counted is None or writes is None or writes.seen or not writes.open:
        return unread_for(user).count()
    return counted
