"""The visit counter of the public pages: a count a day, nothing about the visitor."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VisitDay(models.Model):
    """Page views of the public pages on one day (Helsinki time).

    Nothing about the visitor is stored: no address, no cookie, only the day's count.
    """

    date = models.DateField(_("date"), unique=True)
    count = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits by day")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.count}"


class VisitCounterSettings(models.Model):
    """The counter's single row: the total carried over from the old site, and the running
    total of this system's daily counts."""

    carried_over_total = models.PositiveIntegerField(
        _("total carried over"),
        default=0,
        help_text=_("Visits counted before this system, added to the total."),
    )
    # The sum of every VisitDay.count, raised by the same statement that counts a view, so a
    # page shows the total without adding up all the days.
    counted_total = models.PositiveBigIntegerField(
        _("counted by this system"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("visit counter settings")
        verbose_name_plural = _("visit counter settings")
        constraints = [
            # A single row: the primary key is always 1.
            models.CheckConstraint(condition=Q(pk=1), name="visitcounter_single_row"),
        ]

    def __str__(self) -> str:
        return str(_("Visit counter"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        if not self._state.adding and kwargs.get("update_fields") is None:
            # Page views raise counted_total all the time; writing back the value read when
            # the admin form opened would lose the views counted in between.
            kwargs["update_fields"] = ["carried_over_total"]
        super().save(*args, **kwargs)
