"""The eligibility pre-check (§5 §7 §9 §13, БАБӨ): one line per rule.

Each check returns a :class:`Line` — pass, fail (blocks submission) or
"needs the coordinator" (goes to the review, §19, as an open check).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from applications.models import (
    COMMON_USE_MIN_USERS,
    TERM_MONTHS_MAX,
    Application,
    ApplicationDetails,
    Outcome,
    PastPerformanceMark,
)
from registry.models import ExcludedActivity, PriorityActivity


@dataclass(frozen=True)
class Line:
    rule: str
    code: str
    outcome: str
    message: str

    @property
    def blocks(self) -> bool:
        return self.outcome == Outcome.FAIL


def past_failures(identifier: str, year: int) -> list[PastPerformanceMark]:
    """§13: records of missed direct results and counter-obligations for ``identifier`` in ``year``."""
    if not identifier:
        return []
    return list(PastPerformanceMark.objects.filter(identifier=identifier, year=year))


def check_priority_list(application: Application) -> Line:
    """§5: the project's ЭҚЖЖ code lies under one of the region's priority codes (any level)."""
    oked = application.oked
    listed = [p.oked for p in PriorityActivity.objects.filter(region_id=application.region_id).select_related("oked")]
    if not listed:
        return Line("§5", "priority_list", Outcome.COORDINATOR,
                    _("The region has not published its priority list; the coordinator will check the ЭҚЖЖ code."))
    if oked is not None and any(code.covers(oked) for code in listed):
        return Line("§5", "priority_list", Outcome.PASS, _("The ЭҚЖЖ code is on the region's priority list."))
    return Line("§5", "priority_list", Outcome.FAIL, _("The ЭҚЖЖ code is not on the region's priority list."))


def check_declarations(details: ApplicationDetails) -> list[Line]:
    """§9(1)–(3): debts, bankruptcy, affiliation — as declared by the applicant."""
    missing = _("Not declared: the applicant is not eligible (§9).")
    lines = [
        Line("§9(1)", "no_debt", Outcome.PASS if details.decl_no_debt else Outcome.FAIL,
             _("No tax or social-payment debt declared.") if details.decl_no_debt else missing),
        Line("§9(2)", "no_bankruptcy", Outcome.PASS if details.decl_no_bankruptcy else Outcome.FAIL,
             _("Not in bankruptcy, liquidation or enforced collection.") if details.decl_no_bankruptcy else missing),
    ]
    # §9(3): the registry cannot know affiliations; the coordinator confirms by hand (RULES.md readings).
    if details.decl_not_affiliated:
        lines.append(Line("§9(3)", "not_affiliated", Outcome.COORDINATOR,
                          _("Declared not affiliated with an operating business of similar activity; "
                            "the coordinator confirms.")))
    else:
        lines.append(Line("§9(3)", "not_affiliated", Outcome.FAIL, missing))
    return lines


def check_excluded_activity(application: Application, details: ApplicationDetails) -> Line:
    """§9(4): activities of Entrepreneurial Code art. 24 p. 4 are not supported."""
    oked = application.oked
    if oked is not None:
        for excluded in ExcludedActivity.objects.all():
            if oked.path.startswith(excluded.oked_prefix) or oked.code.startswith(excluded.oked_prefix):
                return Line("§9(4)", "not_excluded", Outcome.FAIL,
                            _("The activity is excluded: %(name)s.") % {"name": excluded.name})
    if not details.decl_not_excluded:
        return Line("§9(4)", "not_excluded", Outcome.FAIL, _("Not declared: the applicant is not eligible (§9)."))
    return Line("§9(4)", "not_excluded", Outcome.PASS, _("The activity is not an excluded one."))


def check_past_performance(details: ApplicationDetails, today: date) -> Line:
    """§13: no record of failed results in the previous financial year."""
    marks = past_failures(details.identifier, today.year - 1)
    if marks:
        return Line("§13", "past_performance", Outcome.FAIL,
                    _("In %(year)d the direct results and counter-obligations were not met: %(reason)s")
                    % {"year": today.year - 1, "reason": marks[0].reason})
    return Line("§13", "past_performance", Outcome.PASS,
                _("No record of failed results in the previous financial year."))


def check_term_and_users(application: Application, details: ApplicationDetails) -> list[Line]:
    """§7: up to 36 months; a common-use object needs at least three users."""
    term = details.term_months
    ok = term is not None and 1 <= term <= TERM_MONTHS_MAX
    lines = [Line("§7", "term", Outcome.PASS if ok else Outcome.FAIL,
                  _("The support term is within 36 months.") if ok
                  else _("The support term must be from 1 to 36 months."))]
    object_type = application.infrastructure_type
    if object_type is not None and object_type.common_use:
        users = application.planned_users.count()
        ok = users >= COMMON_USE_MIN_USERS
        lines.append(Line("§7", "common_use_users", Outcome.PASS if ok else Outcome.FAIL,
                          _("%(n)d businesses will use the common-use object (at least 3 needed).") % {"n": users}))
    return lines


BABO_CRITERIA = ("babo_local_raw", "babo_simple_tools", "babo_regional", "babo_no_hazard",
                 "babo_packaging", "babo_not_perishable")


def check_babo(details: ApplicationDetails) -> Line | None:
    """§2.3: a БАБӨ product meets all six criteria."""
    if not details.babo:
        return None
    if all(getattr(details, name) for name in BABO_CRITERIA):
        return Line("§2.3", "babo", Outcome.PASS, _("The product meets all six БАБӨ criteria."))
    return Line("§2.3", "babo", Outcome.FAIL, _("A БАБӨ product must meet all six criteria."))


def eligibility_lines(application: Application, *, today: date) -> list[Line]:
    """Every line of the pre-check, in the rules' order."""
    details = application.details
    lines = [check_priority_list(application), *check_declarations(details),
             check_excluded_activity(application, details), check_past_performance(details, today),
             *check_term_and_users(application, details)]
    babo = check_babo(details)
    if babo is not None:
        lines.append(babo)
    return lines
