"""Who takes which monitoring act (§13, §17, §26–§32): named predicates (registry.permissions).

Views ask them (403 with the reason), templates ask them with ``{% may %}``, and the services refuse
through ``monitoring.services.common``, which asks the same ones. A superuser passes none.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from monitoring.rules import budget_of
from registry.models import BudgetAdministrator, Role, User
from registry.permissions import ALLOWED, Allowed, official, predicate, refused

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
def may_keep_term(user: User, application) -> Allowed:
    """§7: the administrator keeps the project's support term."""
    return official(user, (Role.BUDGET_ADMIN,), region_id=application.region_id)


# §2(9), §26, §27, §17: the budget chain is kept by administrator (its requests per programme and year,
# the akimat's resolution per budget and year, its yearly financing plan), each act by its own staff.
BUDGET_READERS = (Role.BUDGET_ADMIN, Role.PLANNING, Role.REGIONAL_BODY, Role.COORDINATOR, Role.CENTRAL)


def _own_staff(user: User, administrator: BudgetAdministrator | None) -> Allowed:
    """An administrator's staff acts for it alone; without ``administrator``: the user's own (the role)."""
    answer = official(user, (Role.BUDGET_ADMIN,))
    if not answer:
        return answer
    if user.administrator_id is None or administrator is not None and user.administrator_id != administrator.pk:
        return refused(_("This act belongs to the budget programme administrator's own staff."))
    return ALLOWED


@predicate
def may_read_budget(user: User) -> Allowed:
    """§25–§27, §17: the budget requests, resolutions and plans of the region (reach limits the rows)."""
    return official(user, BUDGET_READERS)


@predicate
def may_submit_budget_request(user: User, administrator: BudgetAdministrator | None = None) -> Allowed:
    """§26: the administrator's staff files (and, after a return, re-files) its budget request."""
    return _own_staff(user, administrator)


@predicate
def may_review_budget_request(user: User, budget_request=None) -> Allowed:
    """§26(1)–(3): the region's planning body returns the request, concludes on it, records the commission's decision."""
    region_id = budget_request.administrator.region_id if budget_request is not None else None
    return official(user, (Role.PLANNING,), region_id=region_id)


@predicate
def may_record_budget_approval(user: User, administrator: BudgetAdministrator | None = None) -> Allowed:
    """§27: the administrator's staff records the maslikhat's approval of its budget for a year."""
    return _own_staff(user, administrator)


@predicate
def may_record_resolution(user: User, resolution=None) -> Allowed:
    """§27: the akimat's resolution is recorded by the staff of an administrator of that budget: the
    district's own, or a regional administrator of the region for the region's budget."""
    answer = _own_staff(user, None)
    if not answer or resolution is None:
        return answer
    mine = user.administrator
    if mine is None or mine.region_id != resolution.region_id or budget_of(mine) != resolution.administrator:
        return refused(_("This act belongs to the budget programme administrator's own staff."))
    return ALLOWED


@predicate
def may_edit_plan(user: User, administrator: BudgetAdministrator | None = None) -> Allowed:
    """§17, §2(8): the administrator's staff keeps, approves and publishes its yearly financing plan."""
    return _own_staff(user, administrator)


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
def may_submit_s31_part(user: User, submission=None) -> Allowed:
    """§31: an administrator's own staff submit its part of the annual monitoring to the planning body."""
    if submission is None:
        return refused(_("This act belongs to the budget programme administrator's own staff."))
    return _own_staff(user, submission.administrator)


@predicate
def may_send_s31(user: User, report) -> Allowed:
    """§31: the region's planning body sends the annual monitoring (kk and ru) to the akimat."""
    return official(user, (Role.PLANNING,), region_id=report.region_id)


@predicate
def may_accept_s30(user: User, report) -> Allowed:
    return official(user, S30_ACCEPTORS, region_id=report.region_id)


@predicate
def may_upload_s30_scan(user: User, report) -> Allowed:
    return official(user, (Role.COORDINATOR,), region_id=report.region_id)
