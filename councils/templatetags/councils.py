"""Labels for the codes a frozen protocol keeps (translated at display time)."""

from typing import TYPE_CHECKING

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from councils.models import AgendaItem, CouncilMember, Vote

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def vote_label(code: str) -> "StrOrPromise":
    return Vote.Choice(code).label if code in Vote.Choice.values else code


@register.filter
def decision_label(code: str) -> "StrOrPromise":
    return AgendaItem.Decision(code).label if code in AgendaItem.Decision.values else code


@register.filter
def item_status_label(code: str) -> "StrOrPromise":
    return AgendaItem.Status(code).label if code in AgendaItem.Status.values else code


@register.filter
def position_label(code: str) -> "StrOrPromise":
    return CouncilMember.Position(code).label if code in CouncilMember.Position.values else code


@register.filter
def iso_datetime(value: str):
    parsed = parse_datetime(value or "")
    return timezone.localtime(parsed) if parsed else value


@register.filter
def explained(item) -> str:
    """§21 in words for an AgendaItem or a protocol content item (empty for decisions of the first reading)."""
    from councils.explain import content_explained, item_explained

    return content_explained(item) if isinstance(item, dict) else item_explained(item)


@register.filter
def sent_notices(item) -> list:
    """§24: the notices the coordinator has signed and sent for an agenda item (drafts stay hidden)."""
    return [notice for notice in item.notices.all() if notice.is_sent]


@register.filter
def notice_pdfs(notice) -> list:
    from councils.documents import DECISION_NOTICE
    from registry.documents import documents_for

    return list(documents_for(notice, DECISION_NOTICE))


@register.filter
def conflict_labels(codes) -> str:
    """What a possible conflict matched, in words (the codes of councils.rules.conflict_matches)."""
    from django.utils.translation import gettext

    labels = {
        "applicant": gettext("the member is the applicant or owns the applicant's account"),
        "head": gettext("the member is the applicant's head"),
        "planned_user": gettext("the member, or an account the member owns, is a planned user"),
    }
    return "; ".join(labels.get(code, code) for code in codes or [])
