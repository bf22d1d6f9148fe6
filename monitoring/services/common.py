"""Who records monitoring (§28), checked in the services whatever view, task or script calls them.

The answer comes from the named predicates in ``monitoring.permissions``; a superuser is not an official.
"""

from __future__ import annotations

from monitoring.permissions import OBJECT_RECORDERS, RESULT_RECORDERS, RETAIL_KEEPERS, S30_ACCEPTORS
from registry.models import User
from registry.permissions import official, require

__all__ = ["OBJECT_RECORDERS", "RESULT_RECORDERS", "RETAIL_KEEPERS", "S30_ACCEPTORS", "require_official"]


def require_official(by: User, *, region_id: int, roles: tuple[str, ...]) -> None:
    """§28 and every workflow act of the rules: only these roles of the region itself."""
    require(official(by, roles, region_id=region_id))
