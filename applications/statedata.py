"""§9(1)–(2): the state-data check of tax/social debt and of bankruptcy, liquidation or enforced collection.

One adapter, chosen by ``settings.STATE_DATA_CHECKER`` (a dotted path, the same pattern as the
signature verifier):

- ``NotConnected`` (the default): the portal has no connection to the state systems; the result
  says so, and the §9(1)–(2) lines go to the coordinator, who checks by hand.
- ``FakeStateData``: answers from ``settings.STATE_DATA_FAKE`` (identifier -> flags), for the demo.
- ``HttpStateData``: asks an HTTP service (``STATE_DATA_URL``) ``GET /taxpayers/<БСН/ЖСН>`` for
  ``{"tax_debt": bool, "bankruptcy": bool, "reference": str}``; a failure is "not available",
  never a pass.

The result, its source and time are stored with the application (``StateDataCheck``).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StateDataResult:
    tax_debt: bool | None  # None: not known (not connected, not available)
    bankruptcy: bool | None
    source: str
    checked_at: datetime
    reference: str = ""

    @property
    def connected(self) -> bool:
        return self.tax_debt is not None and self.bankruptcy is not None


class NotConnected:
    source = "not_connected"

    def check(self, *, identifier: str, at: datetime) -> StateDataResult:
        return StateDataResult(None, None, self.source, at)


class FakeStateData:
    source = "fake"

    def check(self, *, identifier: str, at: datetime) -> StateDataResult:
        flags = getattr(settings, "STATE_DATA_FAKE", {}).get(identifier, {})
        return StateDataResult(
            bool(flags.get("tax_debt")), bool(flags.get("bankruptcy")), self.source, at, reference=f"fake:{identifier}"
        )


class HttpStateData:
    source = "http"

    def check(self, *, identifier: str, at: datetime) -> StateDataResult:
        url = f"{settings.STATE_DATA_URL.rstrip('/')}/taxpayers/{identifier}"
        try:
            with urllib.request.urlopen(url, timeout=settings.STATE_DATA_TIMEOUT) as response:
                body = json.loads(response.read().decode("utf-8"))
            tax_debt, bankruptcy = body["tax_debt"], body["bankruptcy"]
            if not isinstance(tax_debt, bool) or not isinstance(bankruptcy, bool):
                raise ValueError("flags must be booleans")
        except (OSError, ValueError, KeyError, urllib.error.URLError):
            logger.warning("state data not available for %s", identifier, exc_info=True)
            return StateDataResult(None, None, "http_unavailable", at)
        return StateDataResult(tax_debt, bankruptcy, self.source, at, reference=str(body.get("reference", ""))[:200])


def get_state_data():
    return import_string(getattr(settings, "STATE_DATA_CHECKER", "applications.statedata.NotConnected"))()
