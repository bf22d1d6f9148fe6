"""Personal API tokens: made and revoked in the cabinet, journalled."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from registry.audit import audit_record
from registry.models import ApiToken, User

# A user's active tokens at once: enough for a few scripts, few enough to keep track of.
ACTIVE_TOKENS_MAX = 5


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user: User, name: str, at: datetime) -> tuple[ApiToken, str]:
    """A new token for ``user``; the key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the token a name."))
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= ACTIVE_TOKENS_MAX:
            raise ValidationError(
                ngettext(
                    "You already have %(n)s active token: revoke one first.",
                    "You already have %(n)s active tokens: revoke one first.",
                    ACTIVE_TOKENS_MAX,
                )
                % {"n": ACTIVE_TOKENS_MAX}
            )
        key = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user, name=name[:100], prefix=key[:8], key_hash=token_hash(key), created_at=at
        )
        audit_record(actor=user, obj=token, action="api_token_created", at=at)
    return token, key


def api_token_revoke(*, token: ApiToken, by: User, at: datetime) -> ApiToken:
    """Revoke ``token``: its next call is refused. Only its owner revokes it here."""
    if token.user_id != by.pk:
        raise ValidationError(_("Only the token's owner can revoke it."))
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = at
            token.save(update_fields=["revoked_at"])
            audit_record(actor=by, obj=token, action="api_token_revoked", at=at)
    return token
