"""Applying retention in the task runner: the daily run queued by cron (`--enqueue`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from jobs.models import register_job_label

from .services import retention_apply


@task()
def retention_apply_task() -> dict:
    """Delete or anonymise what has expired; returns the counts (no personal data)."""
    counts = retention_apply(today=timezone.localdate(), dry_run=False)
    return {
        "groups": [
            {"category": c.category, "data": c.data, "action": c.action, "rows": c.rows}
            for c in counts
        ]
    }


register_job_label(retention_apply_task, _("Apply the retention periods"))
