"""Who records monitoring (§28), checked in the services whatever view, task or script calls them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from registry.models import Role, User

# §28: monitoring is the local budget programme administrator's: result indicators and use of funds
# (§29.2, §29.3). The coordinator, who follows the objects' efficiency (§14–§16), records objects and
# their load (§29.1) too.
# The regional authorized body (§28: "уәкілетті орган/жергілікті бюджеттік бағдарламалардың әкімшісі")
# records them with the administrator.
RESULT_RECORDERS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY)
OBJECT_RECORDERS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY, Role.COORDINATOR)


def require_recorder(by: User, *, region_id: int, roles: tuple[str, ...]) -> None:
    """§28: only these roles of the region itself record its monitoring (the superuser too, from the admin)."""
    if by.is_superuser:
        return
    if by.role not in roles or by.region_id != region_id:
        raise PermissionDenied(_("You may not record monitoring data of this region (§28)."))


# §30: the report is accepted by "the authorized body / the local budget programme administrator".
S30_ACCEPTORS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY)


def require_official(by: User, *, region_id: int, roles: tuple[str, ...]) -> None:
    """A workflow act of the rules: only these roles of the region itself. A superuser is not an official."""
    if by.role not in roles or by.region_id != region_id:
        raise PermissionDenied(_("This act belongs to another official or region."))
