from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import Region
from registry.reach import Reach


class Council(models.Model):
    """ӨҮК (§2, §21): the regional coordination council, one per region."""

    region = models.OneToOneField(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="council")
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)

    REACH = Reach(region="region")

    class Meta:
        verbose_name = _("regional coordination council")
        verbose_name_plural = _("regional coordination councils")

    def __str__(self) -> str:
        from registry.models.localized import pick

        return pick(self.name_kk, self.name_ru)


class CouncilMemberQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "CouncilMemberQuerySet":
        """Seats whose term covers ``day`` (§21 counts only these)."""
        return self.filter(term_from__lte=day).filter(models.Q(term_until__isnull=True) | models.Q(term_until__gte=day))


class CouncilMember(models.Model):
    """A seat on the council: position, business-community flag and term (§21)."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        # §2(18): the chair is the akim; the deputy chair presides when the chair is absent.
        DEPUTY = "deputy", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    council = models.ForeignKey(Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT, related_name="council_seats"
    )
    position = models.CharField(_("position"), max_length=10, choices=Position.choices, default=Position.MEMBER)
    business_community = models.BooleanField(_("represents the business community"), default=False)
    term_from = models.DateField(_("term from"))
    term_until = models.DateField(_("term until"), null=True, blank=True)

    objects = CouncilMemberQuerySet.as_manager()

    REACH = Reach(region="council__region", roles=frozenset({"coordinator", "council_member", "central"}))

    class Meta:
        ordering = ["council", "position", "user__last_name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(fields=["council", "user", "term_from"], name="council_seat_once"),
            models.CheckConstraint(
                name="council_seat_term_ordered",
                condition=models.Q(term_until__isnull=True) | models.Q(term_until__gte=models.F("term_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_position_display()})"

    def is_active_on(self, day: date) -> bool:
        return self.term_from <= day and (self.term_until is None or self.term_until >= day)
