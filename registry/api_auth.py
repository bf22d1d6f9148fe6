"""The API's settings-level parts (authentication, rate limits, cursor pages), apart from the views
so that DRF's settings can import them without importing any view."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.pagination import CursorPagination
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from registry.models import ApiToken
from registry.tokens import token_hash

# last_used_at is written at most this often per token, not on every call.
LAST_USED_EVERY = timedelta(minutes=1)


class PortalTokenAuthentication(BaseAuthentication):
    """``Authorization: Token <key>``: a personal token, refused once revoked or when its user is inactive."""

    keyword = b"token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Invalid token header."))
        try:
            key = parts[1].decode()
        except UnicodeError:
            raise AuthenticationFailed(_("Invalid token header.")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(key)).first()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            raise AuthenticationFailed(_("The token is unknown or revoked."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class AnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.API_RATE_ANON


class UserThrottle(UserRateThrottle):
    def get_rate(self):
        return settings.API_RATE_USER


class Cursor(CursorPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"
    ordering = "id"
