from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.reach import Reach


class CalendarOverride(models.Model):
    """A correction to the working-day calendar that wins over the holidays package."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    reference = models.CharField(_("decree reference"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)

    REACH = Reach()

    class Meta:
        ordering = ["-day"]
        verbose_name = _("calendar correction")
        verbose_name_plural = _("calendar corrections")

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} {self.get_kind_display()}"
