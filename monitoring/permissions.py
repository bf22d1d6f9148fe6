"""Who takes which monitoring act (§13, §17, §26–§32): named predicates (registry.permissions).

Views ask them (403 with the reason), templates ask them with ``{% may %}``, and the services refuse
through ``monitoring.services.common``, which asks the same ones. A superuser passes none.
"""

from __future__ import annotations

from registry.models import Role, User
from registry.permissions import Allowed, official, predicate

# §28: monitoring is the local budget programme administrator's: result indicators and use of funds
# (§29.2, §29.3). The coordinator, who follows the objects' efficiency (§14–§16), records objects and
# their load (§29.1) too. The regional authorized body (§28: "уәкілетті орган/жергілікті бюджеттік
# бағдарламалардың әкімшісі") records them with the administrator.
RESULT_RECORDERS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY)
OBJECT_RECORDERS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY, Role.COORDINATOR)
# §10, §11: the administrator and the coordinator keep the retail objects' shelf space.
RETAIL_KEEPERS = (Role.BUDGET_ADMIN, Role.COORDINATOR)
# §30: the report is accepted by "the authorized body / the local budget programme administrator".
S30_ACCEPTORS = (Role.BUDGET_ADMIN, Role.REGIONAL_BODY)
# Who generates which report (§30 administrator, §31 planning body, §32 coordinator).
REPORT_GENERATORS = {
    "s30": (Role.BUDGET_ADMIN, Role.REGIONAL_BODY, Role.COORDINATOR),
    "s31": (Role.PLANNING, Role.BUDGET_ADMIN),
    "s32": (Role.COORDINATOR,),
}


@predicate
def may_record_objects(user: User, region_id: int | None = None) -> Allowed:
    """§28, §29.1: objects, their users and load."""
    return official(user, OBJECT_RECORDERS, region_id=region_id)


@predicate
def may_record_results(user: User, region_id: int | None = None) -> Allowed:
    """§28, §29.2, §29.3: result indicators and use of funds."""
    return official(user, RESULT_RECORDERS, region_id=region_id)


@predicate
def may_keep_retail(user: User, region_id: int | None = None) -> Allowed:
    """§10, §11: retail objects and their shelf placements."""
    return official(user, RETAIL_KEEPERS, region_id=region_id)


@predicate
def may_request_budget(user: User, application) -> Allowed:
    """§26, §27: the administrator files the budget request and records the approval and resolution."""
    return official(user, (Role.BUDGET_ADMIN,), region_id=application.region_id)


@predicate
def may_answer_budget_request(user: User, application) -> Allowed:
    """§26: the planning body returns or accepts the request."""
    return official(user, (Role.PLANNING,), region_id=application.region_id)


@predicate
def may_keep_plan_and_term(user: User, application) -> Allowed:
    """§7, §17: the administrator keeps the financing plan and the support term."""
    return official(user, (Role.BUDGET_ADMIN,), region_id=application.region_id)


@predicate
def may_plan_year(user: User, application) -> Allowed:
    """§32: the administrator or the coordinator plans a year's counter-obligations."""
    return official(user, (Role.BUDGET_ADMIN, Role.COORDINATOR), region_id=application.region_id)


@predicate
def may_settle_year(user: User, region_id: int | None = None) -> Allowed:
    """§13: the regional coordinator confirms a reported year and settles a funded project's year."""
    return official(user, (Role.COORDINATOR,), region_id=region_id)


@predicate
def may_report_results(user: User, result) -> Allowed:
    """§32: the entrepreneur reports their own project's year (reach keeps it to their account)."""
    return official(user, (Role.ENTREPRENEUR,))


@predicate
def may_generate_report(user: User, key: str, region_id: int | None = None) -> Allowed:
    return official(user, REPORT_GENERATORS.get(key, ()), region_id=region_id)


@predicate
def may_accept_s30(user: User, report) -> Allowed:
    return official(user, S30_ACCEPTORS, region_id=report.region_id)


@predicate
def may_upload_s30_scan(user: User, report) -> Allowed:
    return official(user, (Role.COORDINATOR,), region_id=report.region_id)
