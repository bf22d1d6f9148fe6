from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import InfrastructureObjectType, OkedCode, PersonalAccount, Region
from registry.reach import Reach


class Status(models.TextChoices):
    """The application's life (DESIGN.md): every move is a named transition."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REFUSED = "refused", _("Refused by the coordinator")
    RECOMMENDED = "recommended", _("Recommended to the council")
    ON_AGENDA = "on_agenda", _("On the council's agenda")
    APPROVED = "approved", _("Approved by the council")
    REJECTED = "rejected", _("Rejected by the council")
    SENT_TO_BUDGET = "sent_to_budget", _("Sent to the budget administrator")
    FUNDED = "funded", _("Funded")
    IN_MONITORING = "in_monitoring", _("In monitoring")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


# §24: once the protocol is signed the applicant learns the council's decision.
DECIDED_BY_COUNCIL = frozenset(
    {
        Status.APPROVED,
        Status.REJECTED,
        Status.SENT_TO_BUDGET,
        Status.FUNDED,
        Status.IN_MONITORING,
        Status.COMPLETED,
    }
)


class Application(models.Model):
    """The electronic application (the rules' Appendix) and where it stands."""

    number = models.CharField(_("registry number"), max_length=32, unique=True, null=True, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    account = models.ForeignKey(
        PersonalAccount,
        verbose_name=_("personal account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # §19: the coordinator's five working days run from this date.
    received_on = models.DateField(_("received"), null=True, blank=True)
    review_due = models.DateField(_("review due (§19)"), null=True, blank=True)
    # §5: Ауыл аманаты, БАБӨ and cooperatives' projects are reviewed first.
    priority = models.BooleanField(_("priority (§5)"), default=False)
    # §5: Ауыл аманаты and БАБӨ are claims until the coordinator confirms them (cooperatives: a legal entity).
    priority_confirmed = models.BooleanField(_("priority confirmed by the coordinator"), default=False)

    applicant_name = models.CharField(_("applicant"), max_length=300, blank=True)
    applicant_identifier = models.CharField(_("BIN / IIN"), max_length=12, blank=True, db_index=True)
    project_name = models.CharField(_("project name"), max_length=300, blank=True)
    oked = models.ForeignKey(
        OkedCode, verbose_name=_("ЭҚЖЖ code"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    infrastructure_type = models.ForeignKey(
        InfrastructureObjectType,
        verbose_name=_("infrastructure type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    construction_cost = models.DecimalField(
        _("construction cost, thousand tenge"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    project_cost = models.DecimalField(
        _("project cost, thousand tenge"), max_digits=16, decimal_places=2, null=True, blank=True
    )

    REACH = Reach(
        region="region",
        owner="applicant",
        # regional_body: the region's authorized body monitors the projects (§28), as the administrator does.
        roles=frozenset({"entrepreneur", "coordinator", "budget_admin", "planning", "regional_body", "central"}),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            # The coordinator's inbox: a region's queue, priority first, then by arrival.
            models.Index(fields=["region", "status", "-priority", "submitted_at", "id"], name="application_inbox_idx"),
            # The same queue over every status (no status filter): read in order, no sort of the region's rows.
            models.Index(
                fields=["region", "-priority", "submitted_at", "id"],
                name="application_queue_idx",
                condition=models.Q(submitted_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="application_costs_not_negative",
                condition=(models.Q(construction_cost__isnull=True) | models.Q(construction_cost__gte=0))
                & (models.Q(project_cost__isnull=True) | models.Q(project_cost__gte=0)),
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"#{self.pk} {self.project_name}".strip()
