"""The append-only audit log of staff access to personal data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from privacy.append_only import AppendOnlyModel


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    DOWNLOAD = "download", _("Downloaded")
    ADD = "add", _("Added")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")


class AuditEntry(AppendOnlyModel):
    """One look at, or change of, a person's data by staff. Append-only.

    Register description, section 6: only predefined persons reach the data; this log shows
    who did, when, what and from where. Entries past their retention are pruned in bulk.
    """

    Action = AuditAction

    change_refused = _("Audit entries cannot be changed.")
    delete_refused = _("Audit entries cannot be deleted one by one.")
    prunable = True

    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept apart from `user` so the entry still names the person after the account is gone.
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    target_model = models.CharField(_("data"), max_length=100, blank=True)
    target_id = models.CharField(_("record"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            # "What did this person look at" and "who looked at this record".
            models.Index(fields=["username", "occurred_at"], name="audit_user_time_idx"),
            models.Index(fields=["target_model", "target_id"], name="audit_target_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AuditAction.values), name="audit_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d.%m.%Y %H:%M} {self.username} {self.action}"
