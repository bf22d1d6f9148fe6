"""The protocol's public copy (§23): what anyone may read of a signed protocol, personal data removed.

Personal data is information about a natural person who is identified, or can be identified, by it (Law of
the Republic of Kazakhstan of 21 May 2013 No. 94-V «On personal data and their protection», art. 1). The
applicant consents (Appendix, undertakings and consents) to its collection, processing, storage and use,
not to its dissemination; the public copy is dissemination. So, from the frozen signed content:

Kept (not personal data, or data about a person acting in an official capacity):
- the council, the session's number, date and time, place, quorum;
- each agenda item's registry number, project, decision, vote figures, the §21 rule and recusals;
- a legal entity's name and БСН (a legal entity is not a subject of personal data);
- the members' names, positions, presence and votes, the presiding member and the signer: they act in
  their official capacity in a collegial body's decision on public money;
- an individual entrepreneur's name where the council found infrastructure can be provided: a recipient
  of public money, as the public register shows it.

Removed:
- every individual entrepreneur's ЖСН (and any identifier that is not a legal entity's valid БСН);
- the name of an individual entrepreneur whose project was not approved (refused, no decision, carried
  over, removed), and that item's free texts (reasons, notes, the carried-over reason), which are about
  that person;
- from every other free text (reasons, notes, a member's declaration): 12-digit numbers (ЖСН, БСН),
  phone numbers, e-mail addresses, and the names of the individual entrepreneurs removed above;
- the online meeting link (no one outside needs it; it may carry an access code).

Names of other private persons inside a free text are not recognised: that is this copy's limit.
"""

from __future__ import annotations

import copy
import re

from django.utils.translation import gettext as _

from applications.models import ApplicantKind
from councils.models import AgendaItem, Protocol
from registry.validators import is_valid_bin

# Twelve digits, possibly grouped with spaces or dashes ("900101 300017", "9001-0130-0017").
_TWELVE_DIGITS = re.compile(r"(?<!\d)\d(?:[ \u00a0\-]?\d){11}(?!\d)")
# Kazakhstan's phone numbers as people write them: +7 701 123 45 67, 8 (7252) 53-12-34, 87011234567.
_PHONE = re.compile(r"(?<![\w+])(?:\+\s?7|8)[ \u00a0\-]?\(?7\d{2,3}\)?(?:[ \u00a0\-]?\d){6,7}(?!\d)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# Free texts of an agenda item.
ITEM_TEXTS = ("reasons", "notes", "carried_reason")


def removed() -> str:
    """What stands where personal data was removed, in the active language."""
    return _("[personal data removed]")


def scrub(text: str, names: tuple[str, ...] = ()) -> str:
    """A free text without identifiers, phone numbers, e-mail addresses or the given names."""
    if not text:
        return text
    mark = removed()
    for name in names:
        if name:
            text = re.sub(re.escape(name), mark, text, flags=re.IGNORECASE)
    for pattern in (_EMAIL, _TWELVE_DIGITS, _PHONE):
        text = pattern.sub(mark, text)
    return text


def _legal_entities(protocol: Protocol) -> set[int]:
    """The orders of the agenda items whose applicant is a legal entity (by the application's details)."""
    items = protocol.session.items.select_related("application__details")
    legal = set()
    for item in items:
        details = getattr(item.application, "details", None)
        if details is not None and details.kind == ApplicantKind.LEGAL:
            legal.add(item.order)
    return legal


def protocol_public_content(protocol: Protocol) -> dict:
    """The signed content with personal data removed (see the module's docstring), in the active language."""
    content = copy.deepcopy(protocol.content or {})
    # The templates loop over these: a dict without them would give the template dict.items().
    content.setdefault("items", [])
    content.setdefault("members", [])
    mark = removed()
    legal = _legal_entities(protocol)
    hidden: list[str] = []
    for item in content["items"]:
        is_legal = item.get("order") in legal and is_valid_bin(item.get("identifier", ""))
        item["legal_entity"] = is_legal
        if is_legal:
            continue
        item["identifier"] = mark
        if item.get("decision") != AgendaItem.Decision.APPROVED:
            hidden.append(item.get("applicant", ""))
            item["applicant"] = mark
            for key in ITEM_TEXTS:
                if item.get(key):
                    item[key] = mark
    names = tuple(sorted({n for n in hidden if n}, key=len, reverse=True))
    for item in content["items"]:
        for key in ITEM_TEXTS:
            if item.get(key) and item[key] != mark:
                item[key] = scrub(item[key], names)
        item["project"] = scrub(item.get("project", ""), names)
        for conflict in item.get("conflicts", []):
            conflict["declared"] = scrub(conflict.get("declared", ""), names)
    content["online_link"] = ""
    content["public_copy"] = True
    return content
