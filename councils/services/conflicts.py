"""Conflicts of interest, found before the vote (§21 reading; the issue's "beyond any peer system").

Before a session (at scheduling and again at opening) the portal compares each member's ЖСН, and
the БСН/ЖСН of the personal accounts the member owns, with the applicant, the applicant's head and
the planned users of every item. A match marks the member "possible conflict" on that item: the
member must recuse or declare, with a reason, that there is no conflict before voting.
The portal only flags; the member decides, and the protocol records both.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import AgendaItem, ConflictFlag, CouncilMember, CouncilSession
from councils.rules import conflict_matches
from registry.audit import audit_record
from registry.models import PersonalAccount, User


def _member_identifiers(members: list[CouncilMember]) -> dict[int, frozenset[str]]:
    owned: dict[int, set[str]] = {}
    for owner_id, identifier in PersonalAccount.objects.filter(owner_id__in=[m.user_id for m in members]).values_list(
        "owner_id", "identifier"
    ):
        owned.setdefault(owner_id, set()).add(identifier)
    return {m.pk: frozenset({m.user.iin, *owned.get(m.user_id, ())}) for m in members}


def conflicts_detect(*, session: CouncilSession, at: datetime) -> list[ConflictFlag]:
    """Flag every (item, member) match; safe to run again (a declaration already made is kept)."""
    members = list(
        CouncilMember.objects.active_on(timezone.localdate(session.starts_at))
        .filter(council=session.council)
        .select_related("user")
    )
    identifiers = _member_identifiers(members)
    items = session.items.select_related("application__details").prefetch_related("application__planned_users")
    flags = []
    for item in items:
        application = item.application
        details = getattr(application, "details", None)
        head = details.head_iin if details else ""
        planned = frozenset(u.identifier for u in application.planned_users.all())
        for member in members:
            found = conflict_matches(
                member_identifiers=identifiers[member.pk],
                applicant=application.applicant_identifier,
                head=head,
                planned_users=planned,
            )
            if found:
                flag, created = ConflictFlag.objects.get_or_create(
                    item=item, member=member, defaults={"matches": found, "found_at": at}
                )
                if created:
                    audit_record(
                        actor=None,
                        obj=item,
                        action="council_conflict_found",
                        reason=f"{member}: {', '.join(found)}",
                        rule="§21",
                        at=at,
                    )
                flags.append(flag)
    return flags


def conflict_declare_none(
    *, item: AgendaItem, member: CouncilMember, reason: str, by: User, at: datetime
) -> ConflictFlag:
    """The flagged member declares, with a reason, that there is no conflict (recorded in the protocol)."""
    if by.pk != member.user_id:
        raise PermissionDenied(_("Only the member can declare this."))
    if not reason.strip():
        raise ValidationError(_("Say why there is no conflict of interest."), code="required")
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.status not in (AgendaItem.Status.PENDING, AgendaItem.Status.VOTING):
            raise ValidationError(_("The vote on this item is over."), code="wrong_state")
        flag = ConflictFlag.objects.select_for_update().filter(item=item, member=member).first()
        if flag is None:
            raise ValidationError(_("The portal found no possible conflict for you on this item."), code="no_flag")
        flag.declared_reason, flag.declared_at, flag.declared_by = reason.strip()[:300], at, by
        flag.save(update_fields=["declared_reason", "declared_at", "declared_by"])
        audit_record(
            actor=by,
            obj=item,
            action="council_conflict_declared_none",
            reason=f"{member}: {flag.declared_reason}",
            rule="§21",
            at=at,
        )
    return flag


def conflict_blocks_vote(*, item: AgendaItem, member: CouncilMember) -> bool:
    """A flagged member who has neither recused nor declared "no conflict" may not vote yet."""
    return ConflictFlag.objects.filter(item=item, member=member, declared_at__isnull=True).exists()
