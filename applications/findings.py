"""The words of the eligibility pre-check, rendered when read, in the reader's language.

A line of the pre-check is stored as what happened (its rule, check code, outcome
and a small dict of data), never as a sentence: the applicant reads it in Kazakh,
the coordinator perhaps in Russian, the refusal notice in the applicant's language.
For every finding (a line that may ground a §20 refusal) the applicant is also told
the rule in words, what it means and what they can do, before signing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _

# (check code, outcome) -> the line's sentence; placeholders come from the line's data.
TEXTS = {
    ("priority_list", "coordinator"): _(
        "The region has not published its priority list; the coordinator will check the ЭҚЖЖ code."
    ),
    ("priority_list", "pass"): _("The ЭҚЖЖ code is on the region's priority list."),
    ("priority_list", "direction"): _(
        "The ЭҚЖЖ code is off the region's priority list, but the project is in a "
        "priority direction (%(directions)s) and is eligible as such."
    ),
    ("priority_list", "claimed"): _(
        "The ЭҚЖЖ code is off the region's priority list; the project is eligible as a "
        "priority direction (%(directions)s) once the coordinator confirms it."
    ),
    ("priority_list", "fail"): _("The ЭҚЖЖ code is not on the region's priority list."),
    ("priority_claim", "coordinator"): _(
        "The applicant states that the project belongs to a priority direction "
        "(%(directions)s); the coordinator confirms it."
    ),
    ("no_debt", "pass"): _("No tax or social-payment debt declared."),
    ("no_debt", "fail"): _("Not declared: the applicant is not eligible (§9)."),
    ("no_debt", "state_found"): _("The state data show a tax or social-payment debt to the budget."),
    ("no_debt", "state_clear"): _("No tax or social-payment debt: declared and confirmed by the state data."),
    ("no_debt", "unchecked"): _("No debt declared; the state data are not connected, the coordinator checks."),
    ("no_bankruptcy", "pass"): _("Not in bankruptcy, liquidation or enforced collection."),
    ("no_bankruptcy", "state_found"): _("The state data show bankruptcy, liquidation or enforced collection."),
    ("no_bankruptcy", "state_clear"): _(
        "Not in bankruptcy, liquidation or enforced collection: declared and confirmed by the state data."
    ),
    ("no_bankruptcy", "unchecked"): _(
        "Not in bankruptcy declared; the state data are not connected, the coordinator checks."
    ),
    ("no_bankruptcy", "fail"): _("Not declared: the applicant is not eligible (§9)."),
    ("not_affiliated", "coordinator"): _(
        "Declared not affiliated with an operating business of similar activity; the coordinator confirms."
    ),
    ("not_affiliated", "fail"): _("Not declared: the applicant is not eligible (§9)."),
    ("not_excluded", "pass"): _("The activity is not an excluded one."),
    ("not_excluded", "excluded"): _("The activity is excluded: %(name)s."),
    ("not_excluded", "fail"): _("Not declared: the applicant is not eligible (§9)."),
    ("past_performance", "pass"): _("No record of failed results in the previous financial year."),
    ("past_performance", "fail"): _("In %(year)d the direct results and counter-obligations were not met: %(reason)s"),
    ("term", "pass"): _("The support term is within 36 months."),
    ("term", "fail"): _("The support term must be from 1 to 36 months."),
    # Russian plurals (issue 14): the number chooses the noun's form.
    ("common_use_users", "pass"): ngettext_lazy(
        "%(n)d business will use the common-use object (at least 3 needed).",
        "%(n)d businesses will use the common-use object (at least 3 needed).",
        "n",
    ),
    ("common_use_users", "fail"): ngettext_lazy(
        "%(n)d business will use the common-use object (at least 3 needed).",
        "%(n)d businesses will use the common-use object (at least 3 needed).",
        "n",
    ),
    ("babo", "pass"): _("The product meets the БАБӨ criteria."),
    ("babo", "info"): _(
        "The product does not meet the БАБӨ criteria (%(criteria)s): the project is not a БАБӨ "
        "project and is not reviewed first as one; it remains eligible otherwise."
    ),
}

# The labels of stored keys, so that data holds keys and the reader gets words.
DIRECTIONS = {
    "aul_amanaty": _("“Ауыл аманаты”"),
    "babo": _("“One village – one product” (БАБӨ)"),
    "cooperative": _("agricultural cooperative"),
}
BABO_CRITERIA_LABELS = {
    "babo_local_raw": _("made from local raw materials"),
    "babo_simple_tools": _("made with simple tools and devices"),
    "babo_safe": _("no hazardous substances, packaged for transport, not perishable"),
}


@dataclass(frozen=True)
class Help:
    rule: object  # the rule in words
    meaning: object  # what the finding means for the application
    action: object  # what the applicant can do


HELP = {
    "priority_list": Help(
        _(
            "Support is given only for the region's priority economic activity types: at most six ЭҚЖЖ codes fixed by "
            "the local executive body, or projects of the priority directions (“Ауыл аманаты”, БАБӨ, agricultural "
            "cooperatives) (§5)."
        ),
        _("The coordinator may refuse the application with reasons because the activity is not a priority one."),
        _("Check the ЭҚЖЖ code in the project section; if the project belongs to a priority direction, say so there."),
    ),
    "no_debt": Help(
        _("An entrepreneur with tax debt or debt on social payments to the budget gets no support (§9)."),
        _("Without this declaration the coordinator may refuse the application with reasons."),
        _("Pay the debt and tick the declaration in “Undertakings and consents”."),
    ),
    "no_bankruptcy": Help(
        _("An entrepreneur in bankruptcy, liquidation or enforced collection gets no support (§9)."),
        _("Without this declaration the coordinator may refuse the application with reasons."),
        _("Tick the declaration in “Undertakings and consents” if it is true."),
    ),
    "not_affiliated": Help(
        _("An entrepreneur affiliated with an operating entrepreneur of similar activity gets no support (§9)."),
        _("Without this declaration the coordinator may refuse the application with reasons."),
        _("Tick the declaration in “Undertakings and consents” if it is true."),
    ),
    "not_excluded": Help(
        _("The activities listed in article 24, paragraph 4 of the Entrepreneurial Code get no support (§9)."),
        _("The coordinator may refuse the application with reasons because of the activity type."),
        _("Check the ЭҚЖЖ code; tick the declaration in “Undertakings and consents” if it is true."),
    ),
    "past_performance": Help(
        _(
            "A business that did not reach its direct results and counter-obligations in the previous financial year "
            "is not funded again (§13)."
        ),
        _("The coordinator may refuse the application with reasons on this record."),
        _("If the record is wrong, attach your evidence and tell the coordinator."),
    ),
    "term": Help(
        _("Support is given for up to 36 months (§7)."),
        _("A longer term cannot be supported as requested."),
        _("Correct the support term in the project section."),
    ),
    "common_use_users": Help(
        _("A common-use production or logistics object is built only if at least three businesses will use it (§7)."),
        _("The coordinator may refuse the application with reasons if fewer businesses will use the object."),
        _("Add the businesses that will use the object in the project section."),
    ),
    "babo": Help(
        _(
            "A БАБӨ product is made from local raw materials and with simple tools, contains no hazardous substances, "
            "is packaged for safe transport and is not perishable; it reflects the region's specificity where "
            "possible (§2)."
        ),
        _("The project is not a БАБӨ project: it is not reviewed first as one, but it remains eligible."),
        _("Correct the БАБӨ answers in the project section if they are wrong."),
    ),
}


def _words(keys, labels) -> str:
    return ", ".join(str(labels[key]) for key in keys if key in labels)


def render(code: str, variant: str, data: dict, fallback: str = "") -> str:
    """The line's sentence in the active language; ``fallback`` (the stored text) for old rows."""
    template = TEXTS.get((code, variant))
    if template is None:
        return fallback
    values = dict(data)
    if "directions" in values:
        values["directions"] = _words(values["directions"], DIRECTIONS)
    if "criteria" in values:
        values["criteria"] = _words(values["criteria"], BABO_CRITERIA_LABELS)
    if "name_kk" in values:
        values["name"] = values["name_kk"] if (get_language() or "kk")[:2] == "kk" else values.get("name_ru", "")
    try:
        text = str(template)
        # A plural (number-aware) template reads as "" until it is given its number.
        return str(template % values) if not text or "%(" in text else text
    except (KeyError, TypeError, ValueError):
        return fallback or str(template)


def render_ground(ground: dict) -> tuple[str, str]:
    """A stored ground of a §20 refusal as (paragraph for people, words) in the active language."""
    data = ground.get("data") or {}
    text = render(
        ground.get("code", ""),
        data.get("variant") or ground.get("outcome", ""),
        data,
        fallback=ground.get("message", ""),
    )
    return paragraph(ground.get("rule", "")), text


def paragraph(rule: str) -> str:
    """ "§9(3)" as people read it: «9-т.» / «п. 9» (people never see "§")."""
    number = rule.lstrip("§").split("(")[0]
    if not number.isdigit():
        return rule.lstrip("§")
    return str(_("paragraph %(n)s")) % {"n": number}
