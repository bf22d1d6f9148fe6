"""The signed-in user, the second factor's device check and the bell's count: one query (issue 19).

Every signed-in page needs three answers before its own content, and each was its own query:
the user (``django.contrib.auth.get_user`` through ``ModelBackend``), whether the session's OTP
device still verifies that user (django_otp's ``OTPMiddleware``), and the bell's unread count
(``registry.context_processors.cabinet``). Here the user's row is read with two more columns,
computed by subqueries in the same statement:

- ``UNREAD``: the user's unread notifications (``registry.notifications.unread_for``);
- ``DEVICE``: the id of the device the session names (django_otp's persistent id, read by
  django_otp's own ``Device._filter_persistent_id``) if that device belongs to this user and is
  confirmed, else NULL: the very test django_otp applies to the device it loads
  (``OTPMiddleware._finalize_device``).

How the pieces fit, reusing Django's and django_otp's code rather than copying it:

1. ``OTPMiddleware`` (replaces django_otp's in ``MIDDLEWARE``) wraps ``request.user`` lazily as
   django_otp's does. When the user is first read, it says in a context variable which device
   the session names (``Wanted``) and lets Django load the user as always
   (``AuthenticationMiddleware`` → ``auth.get_user``): the session's backend, ``is_active``, the
   session hash that a password change invalidates, the flush of a session that fails them, all
   unchanged.
2. ``ModelBackend`` (in ``AUTHENTICATION_BACKENDS``) is Django's, except that ``get_user`` reads
   the user with the two columns. The ORM builds that statement (``_statement``), but only once
   per process and device model, with stand-in ids: compiling the subqueries on every request
   cost more Python than the three queries saved. Each request runs it with its own ids, through
   ``raw()``. Only SQL text is kept, never a row.
3. ``DEVICE`` NULL: ``otp_device`` is None and the session forgets the device, as with django_otp.
   Otherwise ``otp_device`` is that device as a model instance holding its id, user and
   ``confirmed``; its other fields load when first read (nothing reads them on an ordinary page:
   ``is_verified()`` asks only whether it is None). Where a column is missing (the user came
   another way, or the session names no device or one django_otp cannot read), django_otp's own
   code decides, with its own query.
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

import functools
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection, connections
from django.db.models import OuterRef, Subquery
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from registry.models import Notification
from registry.notifications import unread_count_subquery, unread_for

BACKEND = "registry.signed_in.ModelBackend"
LEGACY_BACKEND = "django.contrib.auth.backends.ModelBackend"
UNREAD = "signed_in_unread_notifications"
DEVICE = "signed_in_otp_device_id"


class SessionDevice(NamedTuple):
    """The device a session names, as django_otp reads its persistent id."""

    model: type[Device]
    id: int


class Wanted(NamedTuple):
    """What the user's query reads besides the user: always the bell's count, and this device's check."""

    device: SessionDevice | None


# Set only while OTPMiddleware lets Django load the user.
_wanted: ContextVar[Wanted | None] = ContextVar("signed_in_wanted", default=None)


class ModelBackend(DjangoModelBackend):
    """Django's ModelBackend; ``get_user`` also reads what the request wants (``Wanted``), in the same query."""

    def get_user(self, user_id):
        wanted = _wanted.get()
        device = None if wanted is None else wanted.device
        label = None if device is None else device.model.model_label()
        statement = None if wanted is None else _statement(_user_manager().db, label)
        if statement is None:
            return super().get_user(user_id)
        # As ModelBackend.get_user, with the columns.
        user = statement.run(user_id=user_id, device_id=None if device is None else device.id)
        return user if user is not None and self.user_can_authenticate(user) else None


def _user_manager():
    return get_user_model()._default_manager


# Stand-ins for the user's and the device's ids while the statement is compiled: negative, so
# never a real id, and within any integer column's range.
_USER_SLOT, _DEVICE_SLOT = -1_999_999_901, -1_999_999_902


class Statement(NamedTuple):
    """The user's query with the columns, as the ORM compiles it, and where each request's ids go in it."""

    sql: str
    params: tuple
    user_at: int
    device_at: int | None

    def run(self, *, user_id, device_id):
        manager = _user_manager()
        params = list(self.params)
        params[self.user_at] = manager.model._meta.pk.get_db_prep_value(user_id, connections[manager.db])
        if self.device_at is not None:
            params[self.device_at] = device_id
        users = list(manager.raw(self.sql, params))
        return users[0] if users else None


@functools.cache
def _statement(using: str, device_label: str | None) -> Statement | None:
    """Compiled once per process and device model (its label): the ORM's compilation of these subqueries costs
    more Python than the three queries they replace. Only the SQL is kept, never a row."""
    columns = {UNREAD: unread_count_subquery()}
    if device_label is not None:
        # django_otp's own query for a persistent id, with the stand-in id.
        devices = Device._filter_persistent_id(f"{device_label}/{_DEVICE_SLOT}")
        columns[DEVICE] = Subquery(devices.filter(user_id=OuterRef("pk"), confirmed=True).values("pk")[:1])
    query = _user_manager().annotate(**columns).filter(pk=_USER_SLOT).query
    sql, params = query.get_compiler(using).as_sql()
    user_at = [i for i, p in enumerate(params) if p == _USER_SLOT]
    device_at = [i for i, p in enumerate(params) if p == _DEVICE_SLOT]
    if len(user_at) != 1 or len(device_at) != (device_label is not None):
        return None  # not the statement this module expects: Django's and django_otp's queries, as before
    return Statement(sql, tuple(params), user_at[0], device_at[0] if device_at else None)


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
        device = session_device(request.session.get(DEVICE_ID_SESSION_KEY))
        token = _wanted.set(Wanted(device))
        try:
            authenticated = user.is_authenticated  # loads the user: auth.get_user → ModelBackend.get_user
        finally:
            _wanted.reset(token)
        if not (authenticated and device is not None and hasattr(user, DEVICE)):
            return super()._verify_user_sync(request, user)
        self._init_user_fields(user)
        device_id = getattr(user, DEVICE)
        found = None if device_id is None else _checked_device(device.model, device_id, user)
        user.otp_device = self._finalize_device(request, user, found)
        return user

    async def _verify_user_async_via_auser(self, request, auser):
        # The async path keeps django_otp's queries; only the old sessions' backend is renamed.
        if await request.session.aget(BACKEND_SESSION_KEY) == LEGACY_BACKEND and _renaming():
            await request.session.aset(BACKEND_SESSION_KEY, BACKEND)
        return await super()._verify_user_async_via_auser(request, auser)


def session_device(persistent_id: Any) -> SessionDevice | None:
    """The device a session's persistent id names, or None where django_otp's own code is to decide."""
    return _parsed(persistent_id) if persistent_id and isinstance(persistent_id, str) else None


@functools.lru_cache(maxsize=1024)
def _parsed(persistent_id: str) -> SessionDevice | None:
    # A pure function of the text (django_otp's parsing and the installed models), so it is kept.
    persistent_id = DjangoOTPMiddleware._normalize_persistent_id(persistent_id)
    try:
        devices = Device._filter_persistent_id(persistent_id)  # as Device.from_persistent_id
    except (ValueError, LookupError):
        return None
    return None if devices is None else SessionDevice(devices.model, int(persistent_id.rsplit("/", 1)[1]))


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
