"""The eligibility pre-check (§5 §7 §9 §13, БАБӨ): one line per rule. It advises; it never refuses.

Each check returns a :class:`Line`: pass, a finding (``fail``: the coordinator may
refuse with it under §20), "needs the coordinator" (an open check of the review,
§19) or information (``info``: БАБӨ criteria unmet, the priority is dropped).
RULES.md rev. 2 (§18–§20): no line blocks signing; every signed application is
registered and reaches the coordinator with its lines.
A line holds a check code, an outcome and data; its words are rendered when read
(:mod:`applications.findings`), in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from applications.findings import HELP, render
from applications.models import (
    COMMON_USE_MIN_USERS,
    TERM_MONTHS_MAX,
    ApplicantKind,
    Application,
    ApplicationDetails,
    Outcome,
    PastPerformanceMark,
)
from registry.models import ExcludedActivity, OkedCode, PriorityActivity
from registry.rules import on_priority_list as on_listed_path

# §2(3): the БАБӨ answers of the form (criterion 4 has three parts; criterion 3 is "where possible").
BABO_CRITERIA = (
    "babo_local_raw",
    "babo_simple_tools",
    "babo_regional",
    "babo_no_hazard",
    "babo_packaging",
    "babo_not_perishable",
)


@dataclass(frozen=True)
class Line:
    rule: str
    code: str
    outcome: str
    variant: str = ""
    data: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return render(self.code, self.variant or self.outcome, self.data)

    @property
    def is_finding(self) -> bool:
        """A line the coordinator may take as a ground for a §20 refusal; it never blocks signing."""
        return self.outcome == Outcome.FAIL

    @property
    def blocks(self) -> bool:
        return False  # rev. 2 §18–§20: the pre-check advises, it never refuses registration

    @property
    def help(self):
        return HELP.get(self.code) if self.outcome in (Outcome.FAIL, Outcome.INFO) else None

    def stored_data(self) -> dict:
        # Always a "variant" key: rows with data are rendered when read; older rows (no data) keep their text.
        return {**self.data, "variant": self.variant}


def past_failures(identifier: str, year: int) -> list[PastPerformanceMark]:
    """§13: settled marks of missed direct results and counter-obligations for ``identifier`` in ``year``."""
    if not identifier:
        return []
    return list(PastPerformanceMark.objects.filter(identifier=identifier, year=year, met=False))


def babo_unmet(details: ApplicationDetails) -> list[str]:
    """§2(3) (rev. 2): criteria 1, 2 and 4 must hold; criterion 3 (regional specificity) is "where possible"."""
    unmet = [name for name in ("babo_local_raw", "babo_simple_tools") if not getattr(details, name)]
    # §2(3)(4): no hazardous substances, packaging for safe transport, shelf life over 5 days — one criterion.
    if not (details.babo_no_hazard and details.babo_packaging and details.babo_not_perishable):
        unmet.append("babo_safe")
    return unmet


def priority_directions(details: ApplicationDetails) -> list[str]:
    """§5: the priority directions the application may stand in (claims the coordinator confirms, but cooperatives).

    An agricultural cooperative is a legal entity (§2): an individual entrepreneur is never one.
    A БАБӨ claim whose product fails a criterion is no claim at all (§2(3), rev. 2).
    """
    directions = []
    if details.aul_amanaty:
        directions.append("aul_amanaty")
    if details.babo and not babo_unmet(details):
        directions.append("babo")
    if details.cooperative and details.kind == ApplicantKind.LEGAL:
        directions.append("cooperative")
    return directions


def priority_codes(region_id: int) -> list[OkedCode]:
    """§5: the ЭҚЖЖ codes on the region's priority list."""
    return [p.oked for p in PriorityActivity.objects.filter(region_id=region_id).select_related("oked")]


def on_priority_list(oked: OkedCode | None, listed: list[OkedCode]) -> bool:
    """§5 (rev. 2): ``oked`` lies under a listed division, group, class or sub-class (never a letter section).

    The one matching of the priority list: the application's check and §10 shelf space both use it.
    """
    return on_listed_path(oked.path if oked is not None else None, [(code.path, code.level) for code in listed])


def check_priority_list(application: Application) -> Line:
    """§5 (rev. 2): the ЭҚЖЖ code lies under a listed division, group, class or sub-class,
    or the project is in a priority direction, which is eligible in its own right."""
    listed = priority_codes(application.region_id)
    if on_priority_list(application.oked, listed):
        return Line("§5", "priority_list", Outcome.PASS)
    directions = priority_directions(application.details)
    if "cooperative" in directions:  # the registry knows the applicant is a legal entity
        return Line("§5", "priority_list", Outcome.PASS, "direction", {"directions": ["cooperative"]})
    if directions:
        return Line("§5", "priority_list", Outcome.COORDINATOR, "claimed", {"directions": directions})
    if not listed:
        return Line("§5", "priority_list", Outcome.COORDINATOR)
    return Line("§5", "priority_list", Outcome.FAIL)


def check_priority_claim(details: ApplicationDetails) -> Line | None:
    """§5: Ауыл аманаты and БАБӨ are claims the coordinator confirms before the project is reviewed first."""
    claims = [d for d in priority_directions(details) if d != "cooperative"]
    if not claims:
        return None
    return Line("§5", "priority_claim", Outcome.COORDINATOR, data={"directions": claims})


def _state_line(rule: str, code: str, declared: bool, found: bool | None, state) -> Line:
    """§9(1)–(2): the state data, when connected, over the declaration; not connected: the coordinator checks."""
    if state is None:  # before signing: the declaration only
        return Line(rule, code, Outcome.PASS if declared else Outcome.FAIL)
    data = {"source": state.source, "checked_at": state.checked_at.isoformat()}
    if found:
        return Line(rule, code, Outcome.FAIL, "state_found", data)
    if found is None:
        return Line(
            rule, code, Outcome.COORDINATOR if declared else Outcome.FAIL, "unchecked" if declared else "", data
        )
    return Line(rule, code, Outcome.PASS if declared else Outcome.FAIL, "state_clear" if declared else "", data)


def check_declarations(details: ApplicationDetails, state=None) -> list[Line]:
    """§9(1)–(3): debts, bankruptcy (declared, and checked in state data when connected), affiliation."""
    lines = [
        _state_line("§9(1)", "no_debt", details.decl_no_debt, getattr(state, "tax_debt", None), state),
        _state_line("§9(2)", "no_bankruptcy", details.decl_no_bankruptcy, getattr(state, "bankruptcy", None), state),
    ]
    # §9(3): the registry cannot know affiliations; the coordinator confirms by hand (RULES.md readings).
    lines.append(Line("§9(3)", "not_affiliated", Outcome.COORDINATOR if details.decl_not_affiliated else Outcome.FAIL))
    return lines


def check_excluded_activity(application: Application, details: ApplicationDetails) -> Line:
    """§9(4): activities of Entrepreneurial Code art. 24 p. 4 are not supported."""
    oked = application.oked
    if oked is not None:
        for excluded in ExcludedActivity.objects.all():
            if oked.path.startswith(excluded.oked_prefix) or oked.code.startswith(excluded.oked_prefix):
                return Line(
                    "§9(4)",
                    "not_excluded",
                    Outcome.FAIL,
                    "excluded",
                    {"name_kk": excluded.name_kk, "name_ru": excluded.name_ru},
                )
    if not details.decl_not_excluded:
        return Line("§9(4)", "not_excluded", Outcome.FAIL)
    return Line("§9(4)", "not_excluded", Outcome.PASS)


def check_past_performance(details: ApplicationDetails, today: date) -> Line:
    """§13: a settled mark "not met" for the previous financial year is a finding; nothing unsettled is."""
    marks = past_failures(details.identifier, today.year - 1)
    if marks:
        return Line(
            "§13",
            "past_performance",
            Outcome.FAIL,
            data={"year": today.year - 1, "reason": marks[0].reason, "mark": marks[0].pk},
        )
    return Line("§13", "past_performance", Outcome.PASS)


def is_common_use(application: Application) -> bool:
    """§7 (rev. 2): the common-use objects are the production and logistics lists of §6.

    The reference data carries it as the object type's ``common_use`` flag (registry migration 0008 set
    it on those two lists and took it off the sales and tourism types).
    """
    object_type = application.infrastructure_type
    return object_type is not None and object_type.common_use


def check_term_and_users(application: Application, details: ApplicationDetails) -> list[Line]:
    """§7: up to 36 months; a common-use object needs at least three users."""
    term = details.term_months
    ok = term is not None and 1 <= term <= TERM_MONTHS_MAX
    lines = [Line("§7", "term", Outcome.PASS if ok else Outcome.FAIL)]
    if is_common_use(application):
        users = application.planned_users.count()
        lines.append(
            Line(
                "§7",
                "common_use_users",
                Outcome.PASS if users >= COMMON_USE_MIN_USERS else Outcome.FAIL,
                data={"n": users},
            )
        )
    return lines


def check_babo(details: ApplicationDetails) -> Line | None:
    """§2(3) (rev. 2): failing a БАБӨ criterion drops the БАБӨ priority, not the application."""
    if not details.babo:
        return None
    unmet = babo_unmet(details)
    if not unmet:
        return Line("§2(3)", "babo", Outcome.PASS)
    return Line("§2(3)", "babo", Outcome.INFO, data={"criteria": unmet})


def eligibility_lines(application: Application, *, today: date, state=None) -> list[Line]:
    """Every line of the pre-check, in the rules' order (``state``: the §9 state-data result at submission)."""
    details = application.details
    lines = [check_priority_list(application)]
    claim = check_priority_claim(details)
    if claim is not None:
        lines.append(claim)
    lines += [
        *check_declarations(details, state),
        check_excluded_activity(application, details),
        check_past_performance(details, today),
        *check_term_and_users(application, details),
    ]
    babo = check_babo(details)
    if babo is not None:
        lines.append(babo)
    return lines


def findings(lines: list[Line]) -> list[Line]:
    """The lines the applicant is warned about before signing (findings and dropped priorities)."""
    return [line for line in lines if line.outcome in (Outcome.FAIL, Outcome.INFO)]
