"""What the review registers at start-up: the coordinator's cabinet panel and the dossier's PDF kinds."""
from django.utils import timezone

from applications.models import Status
from applications.review import selectors
from registry.cabinet import Panel, register_panel


def _inbox_summary(request) -> dict:
    today = timezone.localdate()
    waiting = list(
        selectors.inbox_base(request.user).filter(status=Status.SUBMITTED).values_list("review_due", flat=True)
    )
    return {
        "waiting": len(waiting),
        "overdue": sum(1 for due in waiting if due and due < today),
        "due_today": sum(1 for due in waiting if due == today),
        "recommended": selectors.inbox_base(request.user).filter(status=Status.RECOMMENDED).count(),
    }


def register() -> None:
    """Called from ``ApplicationsConfig.ready()``."""
    from applications.review.dossier import register_kinds

    register_kinds()
    register_panel(Panel(
        template="applications/review/_cabinet_panel.html", roles=frozenset({"coordinator"}),
        context=_inbox_summary, order=20,
    ))
