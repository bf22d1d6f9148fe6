"""Tokens for the read-only API and the log of every call made with the API."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach


class ApiToken(models.Model):
    """A user's API token: only its SHA-256 is kept; the key is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the key, so a user can tell their tokens apart.
    prefix = models.CharField(_("key starts with"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    REACH = Reach(personal="user")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiCall(models.Model):
    """One request to the API: who (or anonymous), with which token, what, and the answer's status."""

    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.ForeignKey(
        ApiToken, verbose_name=_("API token"), on_delete=models.PROTECT, null=True, blank=True, related_name="calls"
    )
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("address"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    request_id = models.CharField(max_length=64, blank=True)

    REACH = Reach(personal="user")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.method} {self.path} {self.status}"
