"""What the review registers at start-up: the coordinator's cabinet panel and the dossier's PDF kinds."""

from django.db.models import Count, Q
from django.utils import timezone

from applications.models import Application, Status
from registry.cabinet import Panel, register_panel
from registry.reach import scope


def _inbox_summary(request) -> dict:
    """One query: what waits for the coordinator, and what §19 says about it."""
    today = timezone.localdate()
    waiting = Q(status=Status.SUBMITTED)
    return scope(request.user, Application.objects.all()).aggregate(
        waiting=Count("pk", filter=waiting),
        overdue=Count("pk", filter=waiting & Q(review_due__lt=today)),
        due_today=Count("pk", filter=waiting & Q(review_due=today)),
        recommended=Count("pk", filter=Q(status=Status.RECOMMENDED)),
    )


def register() -> None:
    """Called from ``ApplicationsConfig.ready()``."""
    from applications.review.dossier import register_kinds

    register_kinds()
    register_panel(
        Panel(
            template="applications/review/_cabinet_panel.html",
            roles=frozenset({"coordinator"}),
            context=_inbox_summary,
            order=20,
        )
    )
