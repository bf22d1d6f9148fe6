"""Filters that turn what the code stores into people's words, in the reader's language.

``paragraph``: the code names rules as "§19" (and keeps doing so in comments,
tests and stored rows); people read «19-т.» / «п. 19», as the law cites them.
``action_label``: the journal stores action codes ("application_submit");
history pages show what happened by name.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

register = template.Library()

_RULE = re.compile(r"§\s?(\d+)(?:\((\d+)\))?")

# The journal's action codes (registry.audit.audit_record's ``action``), by name.
ACTIONS = {
    "application_create": gettext_lazy("Draft started"),
    "application_submit": gettext_lazy("Application signed and sent"),
    "application_withdraw": gettext_lazy("Application withdrawn by the applicant"),
    "accept for review": gettext_lazy("Accepted for review"),
    "refuse": gettext_lazy("Refused with a reasoned answer"),
    "recommend": gettext_lazy("Recommended to the council"),
    "council_agenda_place": gettext_lazy("Placed on the council's agenda"),
    "council_session_schedule": gettext_lazy("Council session scheduled"),
    "council_session_open": gettext_lazy("Council session opened"),
    "council_session_close": gettext_lazy("Council session closed"),
    "council_presence": gettext_lazy("Attendance recorded"),
    "council_voting_open": gettext_lazy("Voting opened"),
    "council_vote": gettext_lazy("Vote given"),
    "council_vote_refused": gettext_lazy("Vote not accepted"),
    "council_recusal": gettext_lazy("Recusal because of a conflict of interest"),
    "council_decide": gettext_lazy("Council decision recorded"),
    "council_item_carry": gettext_lazy("No decision adopted: returned to the queue"),
    "council_notes": gettext_lazy("Discussion notes recorded"),
    "council_reasons": gettext_lazy("Reasons of the decision recorded"),
    "council_protocol_sign": gettext_lazy("Protocol signed"),
    "council_handover": gettext_lazy("Handed over to the budget programme administrator"),
    "council_member_added": gettext_lazy("Council member added"),
    "council_member_ended": gettext_lazy("Council member's term ended"),
    "budget_request_submit": gettext_lazy("Budget request filed"),
    "budget_request_accept": gettext_lazy("Budget request accepted"),
    "budget_request_return": gettext_lazy("Budget request returned unreviewed"),
    "budget_request_conclude": gettext_lazy("Conclusion sent to the budget commission"),
    "budget_commission_decide": gettext_lazy("Budget commission decision recorded"),
    "budget_approval_record": gettext_lazy("The maslikhat's approval of the budget recorded"),
    "plan_line_set": gettext_lazy("Financing plan month set"),
    "akimat_resolution_record": gettext_lazy("Akimat's resolution recorded"),
    "plan_approve": gettext_lazy("Financing plan approved"),
    "financing_plan_approved": gettext_lazy("Financing plan approved"),
    "plan_publish": gettext_lazy("Financing plan published"),
    "support_term_start": gettext_lazy("Support term started"),
    "support_term_extend": gettext_lazy("Support term extended"),
    "support_term_end": gettext_lazy("Support term ended"),
    "funds_record": gettext_lazy("Use of funds recorded"),
    "indicator_set": gettext_lazy("Indicator set"),
    "year_result_report": gettext_lazy("Year's results reported"),
    "year_result_confirm": gettext_lazy("Year's results confirmed"),
}


@register.filter
def paragraph(value) -> str:
    """ "§19" -> «19-т.» / «п. 19»; "§19(3)" -> its sub-paragraph; text around the citation stays."""
    if not value:
        return ""

    def cite(match: re.Match) -> str:
        number, sub = match.group(1), match.group(2)
        if sub:
            return _("para. %(number)s(%(sub)s)") % {"number": number, "sub": sub}
        return _("para. %(number)s") % {"number": number}

    return _RULE.sub(cite, str(value))


@register.filter
def action_label(code) -> str:
    """An action code of the journal by name; an unknown code ("eligibility …") is shown as stored."""
    label = ACTIONS.get(str(code))
    if label is not None:
        return str(label)
    if str(code).startswith("eligibility "):
        return _("Eligibility finding decided")
    return str(code)


@register.simple_tag
def field_widget(field):
    """The field's widget, tied to its help and errors (aria-describedby to elements that exist), marked invalid.

    The ids match ``applications/_field.html``: ``<auto_id>-help`` when the
    field has a help text, ``<auto_id>-error`` when it has errors.
    """
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        css = field.field.widget.attrs.get("class", "")
        attrs["class"] = f"{css} is-invalid".strip()
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def row_errors(rows, field_name: str = "file") -> list:
    """(kind, error) for every per-row form with an error on ``field_name``: the page's error summary lists them."""
    return [(kind, error) for kind, _obj, form in rows for error in form.errors.get(field_name, [])]


_DN_PART = re.compile(r"(?:^|[,/]\s*)([A-Za-z.]+)=((?:\\.|[^,/])*)")


@register.filter
def dn_name(subject) -> str:
    """A certificate's holder by name, from its subject DN ("CN=СЕЙІТОВ ЕРЛАН,SURNAME=…,G=БАҚЫТҰЛЫ").

    NCA certificates put the surname and first name in CN and the patronymic
    in G (givenName); people read "Сейітов Ерлан Бақытұлы", not the DN.
    """
    parts = {key.upper(): value.replace("\\", "").strip() for key, value in _DN_PART.findall(str(subject or ""))}
    name = " ".join(p for p in (parts.get("CN", ""), parts.get("G", parts.get("GIVENNAME", ""))) if p)
    return name.title() if name.isupper() else (name or str(subject or ""))


# A month standing alone (a load reading, a plan's month, a report period) is named, in the nominative:
# kk «қаңтар», ru «январь» (Django's own names are capitalised, and its kk catalogue is not ours to fix).
MONTHS = (
    pgettext_lazy("month standing alone", "January"),
    pgettext_lazy("month standing alone", "February"),
    pgettext_lazy("month standing alone", "March"),
    pgettext_lazy("month standing alone", "April"),
    pgettext_lazy("month standing alone", "May"),
    pgettext_lazy("month standing alone", "June"),
    pgettext_lazy("month standing alone", "July"),
    pgettext_lazy("month standing alone", "August"),
    pgettext_lazy("month standing alone", "September"),
    pgettext_lazy("month standing alone", "October"),
    pgettext_lazy("month standing alone", "November"),
    pgettext_lazy("month standing alone", "December"),
)


@register.filter
def month_name(value) -> str:
    """A month's number (1–12) or a date -> its name in the reader's language: «қаңтар» / «январь»."""
    number = getattr(value, "month", value)
    try:
        return str(MONTHS[int(number) - 1]) if 1 <= int(number) <= 12 else "—"
    except (TypeError, ValueError):
        return "—"


@register.filter
def month_year(value) -> str:
    """A month of a year (a date), named: «2026 жылғы қаңтар» / «январь 2026»; None is «—»."""
    if not hasattr(value, "month") or not hasattr(value, "year"):
        return "—"
    return _("%(month)s %(year)s") % {"month": month_name(value), "year": value.year}


_FIGURE = re.compile(r"-?\d+(\.\d+)?")


def _grouped(value) -> str | None:
    """A number with its thousands separated by a (non-breaking) space, in the reader's decimal style; None if not a number."""
    from django.utils.formats import number_format

    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def amount(value, unit: str = "thousand") -> str:
    """An amount with its unit and thousands separated by a space: «1 234,5 мың теңге» / «1 234,5 тыс. тенге».

    Amounts of the Appendix and the plans are in thousands of tenge; ``|amount:"tenge"`` for tenge.
    Where the unit already stands in the column heading, the label or the sentence
    («Құрылыс құны, мың теңге»), ``|grouped`` writes the figure alone.
    """
    if value in (None, ""):
        return "—"
    number = _grouped(value)
    if number is None:
        try:
            number = _grouped(Decimal(str(value)))
        except InvalidOperation:  # not a figure: shown as it is
            return str(value)
    if unit == "tenge":
        return _("%(amount)s tenge") % {"amount": number}
    return _("%(amount)s thousand tenge") % {"amount": number}


@register.filter
def grouped(value) -> str:
    """A figure whose unit stands beside it already (heading, label, sentence): thousands separated by a space.

    «1 234 567,89»; None or "" is «—»; text (the effect grid's "other effects") is shown as it is.
    """
    if value in (None, ""):
        return "—"
    number = _grouped(value)
    if number is None and isinstance(value, str) and _FIGURE.fullmatch(value):
        number = _grouped(Decimal(value))  # a figure kept as text (a notification's stored data)
    return str(value) if number is None else number


@register.simple_tag
def count_state(rows, state: str = "complete") -> int:
    """How many (key, label, state) rows are in ``state``: the task list's "N of 6 sections complete"."""
    return sum(1 for *_rest, row_state in rows if row_state == state)


@register.simple_tag(takes_context=True)
def may(context, name: str, *args):
    """``{% may "may_review" application as can_review %}``: a named predicate's answer for the reader
    (registry.permissions), so a page offers only the acts the service will accept."""
    from registry.permissions import ask, refused

    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None:
        return refused("")
    return ask(name, user, *args)
