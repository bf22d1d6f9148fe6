"""Helpers the monitoring views share (who acts: monitoring.permissions; calling a service: registry.service_calls)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def saved() -> str:
    return _("Saved.")
