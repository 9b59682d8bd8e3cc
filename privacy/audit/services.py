"""Writing and pruning the audit log."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webstrella.client_address import client_address

from .models import AuditEntry


def audit_record(
    *,
    request: HttpRequest,
    action: str,
    target_model: str = "",
    target_id: str | int = "",
    detail: str = "",
) -> AuditEntry:
    """Append one entry to the audit log of staff access to personal data.

    The address is the path only: query strings may carry search terms, which go to
    `detail` where only privacy officers read them. NUL characters are dropped, as
    PostgreSQL's text columns cannot hold them.
    """
    user = request.user if request.user.is_authenticated else None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        target_model=target_model,
        target_id=str(target_id),
        detail=detail.replace("\x00", "")[:500],
        path=request.path.replace("\x00", "")[:500],
        ip_address=client_address(request),
    )


def audit_record_by_register(
    *, action: str, target_model: str = "", detail: str = ""
) -> AuditEntry:
    """Append an entry for what the register did by itself (a command run from cron)."""
    return AuditEntry.objects.create(
        user=None,
        username="",
        action=action,
        target_model=target_model,
        detail=detail.replace("\x00", "")[:500],
    )


# A century: longer is a typing error, and beyond the dates Python can count back to.
MAX_AUDIT_RETENTION_DAYS = 36_500


def audit_prune(*, older_than_days: int) -> int:
    """Erase audit entries past their retention; returns how many went."""
    if not 1 <= older_than_days <= MAX_AUDIT_RETENTION_DAYS:
        raise ValidationError(
            _("The retention must be between 1 and %(max)d days."),
            code="retention_out_of_range",
            params={"max": MAX_AUDIT_RETENTION_DAYS},
        )
    cutoff = timezone.now() - timedelta(days=older_than_days)
    deleted, _by_model = AuditEntry.objects.filter(occurred_at__lt=cutoff).delete()
    return deleted
