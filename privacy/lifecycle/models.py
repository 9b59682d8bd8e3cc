"""Rows of the register whose processing is restricted, and why."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RestrictionReason(models.TextChoices):
    # GDPR Art. 17(3)(b): erased otherwise, kept because a law requires it.
    KEPT_BY_LAW = "kept_by_law", _("Kept under a legal obligation after erasure")
    # GDPR Art. 18.
    RESTRICTION = "restriction", _("Restriction of processing requested")
    # GDPR Art. 21.
    OBJECTION = "objection", _("Objection to processing")


class Restriction(models.Model):
    """A declared row that only privacy officers may see and use (käsittelyn rajoittaminen).

    Customer service and sales no longer find the row in their lists, searches or
    autocomplete. A row kept by law after its person's erasure is restricted until its
    retention ends; `apply_retention` then deletes it.
    """

    Reason = RestrictionReason

    # The declared model as its label_lower, as the inventory names it.
    data = models.CharField(_("data"), max_length=100)
    object_id = models.CharField(_("record"), max_length=64)
    reason = models.CharField(_("reason"), max_length=20, choices=RestrictionReason)
    until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty: until it is lifted.")
    )
    law = models.CharField(_("law requiring it to be kept"), max_length=300, blank=True)
    access_request = models.ForeignKey(
        "privacy.AccessRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="restrictions",
        verbose_name=_("request"),
    )
    created_at = models.DateTimeField(_("restricted"), auto_now_add=True)

    class Meta:
        verbose_name = _("restricted record")
        verbose_name_plural = _("restricted records")
        ordering = ["data", "object_id"]
        indexes = [
            # Every admin list of customer service and sales leaves out its model's rows.
            models.Index(fields=["data", "object_id"], name="restriction_row_idx"),
            # `apply_retention` finds the kept rows whose date has come.
            models.Index(fields=["reason", "until"], name="restriction_reason_until_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["data", "object_id", "reason"], name="restriction_once_per_reason"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=RestrictionReason.values), name="restriction_reason_valid"
            ),
            models.CheckConstraint(
                condition=~Q(reason="kept_by_law") | (Q(until__isnull=False) & ~Q(law="")),
                name="restriction_kept_by_law_has_date_and_law",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.data} {self.object_id}"
