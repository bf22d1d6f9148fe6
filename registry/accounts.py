"""Signed-in sessions of a user (issue 13): listed in the cabinet, ended everywhere at once."""

from __future__ import annotations

from datetime import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.db.models import QuerySet

from registry.audit import audit_record
from registry.models import SignedInSession, User


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_record(*, user: User, session_key: str | None, user_agent: str, at: datetime) -> None:
    if session_key:
        SignedInSession.objects.update_or_create(
            session_key=session_key,
            defaults={"user": user, "user_agent": user_agent[:300], "created_at": at},
        )


def session_method_set(*, session_key: str | None, method: str) -> None:
    """How the session signed in ("ecp" or "password"), shown in the cabinet's session list."""
    if session_key:
        SignedInSession.objects.filter(session_key=session_key).update(method=method)


def sessions_live(*, user: User, at: datetime) -> QuerySet:
    """The user's sessions that have not expired (the database is the record even with cached_db)."""
    live = Session.objects.filter(expire_date__gt=at).values("session_key")
    return SignedInSession.objects.filter(user=user, session_key__in=live)


def sessions_end_all(*, user: User, at: datetime) -> int:
    """Ends every session of the user, in every browser; journalled."""
    store = _store()
    keys = list(SignedInSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    SignedInSession.objects.filter(user=user).delete()
    audit_record(actor=user, obj=user, action="user_sign_out_everywhere", reason=str(len(keys)), at=at)
    return len(keys)


def _on_login(sender, request, user, **kwargs):
    from django.utils import timezone

    session = getattr(request, "session", None)
    if session is not None:
        session_record(
            user=user,
            session_key=session.session_key,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            at=timezone.now(),
        )


def _on_logout(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()


def connect_signals() -> None:
    user_logged_in.connect(_on_login, dispatch_uid="registry.accounts.login")
    user_logged_out.connect(_on_logout, dispatch_uid="registry.accounts.logout")
