"""§13: the coordinator settles, for each funded project, whether last year's results were met.

Rev. 2: the mark must hold for every funded project, not only for those whose entrepreneur
reported. The yearly clock (monitoring, issue 15) opens the counter-obligation report of the
previous year for every project in monitoring; whatever comes of it (a report with indicators,
a report without them, or no report), the coordinator settles the year explicitly here. Until
then nothing is presumed: an unsettled year blocks nothing, and the eligibility check reads
only settled marks (``PastPerformanceMark.met is False``).
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from applications.models import Application, PastPerformanceMark, Status
from registry.audit import audit_record
from registry.models import User

# The projects §13 speaks of: funded by the programme (in monitoring, or completed since).
FUNDED = (Status.FUNDED, Status.IN_MONITORING, Status.COMPLETED)


def past_performance_settle(
    *,
    project: Application,
    year: int,
    met: bool,
    reason: str,
    evidence: str = "",
    by: User,
    at: datetime,
) -> PastPerformanceMark:
    """§13: the coordinator's explicit settlement of ``year`` for a funded project.

    One mark per business (БСН/ЖСН) and year: a year not met on any of its projects stays not met.
    """
    if by.role != "coordinator" or by.region_id != project.region_id:
        raise PermissionDenied
    if project.status not in FUNDED:
        raise ValidationError(_("Only a funded project's results are settled (§13)."), code="not_funded")
    if year >= at.year:
        raise ValidationError(_("Only a past financial year can be settled (§13)."), code="year")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say what the settlement rests on.")}, code="required")
    with transaction.atomic():
        mark = (
            PastPerformanceMark.objects.select_for_update()
            .filter(identifier=project.applicant_identifier, year=year)
            .first()
        )
        if mark is not None and mark.project_id == project.pk:
            raise ValidationError(_("This project's year is already settled (§13)."), code="settled_twice")
        if mark is not None and not mark.met and met:
            raise ValidationError(
                _("This business's year is already settled as not met on another project."), code="settled"
            )
        if mark is None:
            mark = PastPerformanceMark(identifier=project.applicant_identifier, year=year)
        mark.met, mark.reason, mark.evidence = met, reason, (evidence or "").strip()
        mark.project, mark.settled_by = project, by
        mark.save()
        audit_record(
            actor=by,
            obj=project,
            action=f"s13 settled {'met' if met else 'not met'} {year}",
            reason=reason,
            rule="§13",
            at=at,
        )
    return mark


def projects_to_settle(*, region_id: int, year: int) -> QuerySet[Application]:
    """§13: the region's funded projects whose business has no settled mark for ``year`` yet."""
    settled = PastPerformanceMark.objects.filter(year=year).values("identifier")
    return (
        Application.objects.filter(region_id=region_id, status__in=FUNDED)
        .exclude(applicant_identifier__in=settled)
        .order_by("number")
    )
