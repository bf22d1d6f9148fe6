"""The council's roster (§21): at least ten active members, half of them from business."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, CouncilMember
from councils.rules import ROSTER_MIN_MEMBERS, roster_is_valid
from registry.audit import audit_record
from registry.models import Role, User


@dataclass(frozen=True)
class Seat:
    """What §21 needs to know about a seat, whether saved or only in a form."""

    business_community: bool
    term_from: date
    term_until: date | None

    def active_on(self, day: date) -> bool:
        return self.term_from <= day and (self.term_until is None or self.term_until >= day)


def roster_errors(*, seats: Iterable[Seat], on: date) -> list[str]:
    """The §21 messages for a roster on ``on`` (empty when it is valid)."""
    active = [s for s in seats if s.active_on(on)]
    business = sum(1 for s in active if s.business_community)
    if roster_is_valid(active=len(active), business=business):
        return []
    errors = []
    if len(active) < ROSTER_MIN_MEMBERS:
        errors.append(
            _("§21: the council needs at least %(min)d active members; on %(day)s it would have %(n)d.")
            % {"min": ROSTER_MIN_MEMBERS, "day": on.strftime("%d.%m.%Y"), "n": len(active)}
        )
    if 2 * business < len(active):
        errors.append(
            _(
                "§21: at least half of the members must represent the business community; on %(day)s only %(b)d of %(n)d would."
            )
            % {"day": on.strftime("%d.%m.%Y"), "b": business, "n": len(active)}
        )
    return errors


def _seats(council: Council) -> list[tuple[int, Seat]]:
    return [
        (pk, Seat(business, term_from, term_until))
        for pk, business, term_from, term_until in council.members.values_list(
            "pk", "business_community", "term_from", "term_until"
        )
    ]


def roster_check(*, council: Council, on: date) -> list[str]:
    """§21 messages for the saved roster on ``on``."""
    return roster_errors(seats=[s for _pk, s in _seats(council)], on=on)


def _refuse_if_breaks(*, before: list[Seat], after: list[Seat], on: date) -> None:
    """§21: a change that turns a valid roster invalid is refused (a roster being built may grow)."""
    if roster_errors(seats=before, on=on):
        return
    errors = roster_errors(seats=after, on=on)
    if errors:
        raise ValidationError(errors, code="roster_invalid")


def membership_add(
    *,
    council: Council,
    user: User,
    position: str,
    business_community: bool,
    term_from: date,
    term_until: date | None,
    by: User,
    at: datetime,
) -> CouncilMember:
    """Seat ``user`` on the council, refusing a seat that breaks §21."""
    if user.role != Role.COUNCIL_MEMBER or user.region_id != council.region_id:
        raise ValidationError(_("Only a council member of this region can take a seat."), code="wrong_user")
    new = Seat(business_community, term_from, term_until)
    on = max(term_from, timezone.localdate(at))
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=council.pk)
        before = [s for _pk, s in _seats(council)]
        _refuse_if_breaks(before=before, after=[*before, new], on=on)
        member = CouncilMember.objects.create(
            council=council,
            user=user,
            position=position,
            business_community=business_community,
            term_from=term_from,
            term_until=term_until,
        )
        audit_record(actor=by, obj=council, action="council_member_added", reason=str(member), rule="§21", at=at)
    return member


def membership_end(*, member: CouncilMember, until: date, by: User, at: datetime) -> CouncilMember:
    """End a seat on ``until`` (its last day), refusing an end that breaks §21."""
    if until < member.term_from:
        raise ValidationError(_("The term cannot end before it starts."), code="term_order")
    on = until + timedelta(days=1)
    with transaction.atomic():
        Council.objects.select_for_update().get(pk=member.council_id)
        seats = _seats(member.council)
        before = [s for _pk, s in seats]
        after = [Seat(s.business_community, s.term_from, until) if pk == member.pk else s for pk, s in seats]
        _refuse_if_breaks(before=before, after=after, on=on)
        member.term_until = until
        member.save(update_fields=["term_until"])
        audit_record(
            actor=by,
            obj=member.council,
            action="council_member_ended",
            reason=f"{member} — {until:%d.%m.%Y}",
            rule="§21",
            at=at,
        )
    return member
