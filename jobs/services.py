"""Retrying failed jobs, and giving up on jobs whose worker died.

The jobs are django-tasks' results in the database backend (django-tasks-db). Every job of
the register is safe to run again: the imports skip what they saved before, and compiling
an answer refuses a request that moved on.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

INTERRUPTED = "jobs.Interrupted"
INTERRUPTED_REASON = _(
    "The worker stopped while the job ran; nothing of an unfinished step was saved."
)


def job_retry(*, job: DBTaskResult) -> DBTaskResult:
    """Queue a failed job again, with the same arguments, as a new job."""
    with transaction.atomic():
        job = DBTaskResult.objects.select_for_update().get(pk=job.pk)
        if job.status != TaskResultStatus.FAILED:
            raise ValidationError(_("Only a failed job can be run again."), code="not_failed")
        try:
            task = job.task
        except ImportError:
            raise ValidationError(
                _("This kind of job no longer exists."), code="unknown_task"
            ) from None
        args = job.args_kwargs
        result = task.enqueue(*args["args"], **args["kwargs"])
    return DBTaskResult.objects.get(pk=result.id)


def jobs_recover_interrupted(*, running_for_longer_than: datetime.timedelta | None = None) -> int:
    """Mark as failed the jobs left running by a worker that is gone. Returns how many.

    Run before a worker starts (then every running job is an orphan: there is one worker),
    or with `running_for_longer_than` from cron while workers run.
    """
    jobs = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if running_for_longer_than is not None:
        jobs = jobs.filter(started_at__lt=timezone.now() - running_for_longer_than)
    return jobs.update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=INTERRUPTED,
        traceback=str(INTERRUPTED_REASON),
    )


def job_reason(job: DBTaskResult) -> str:
    """Why a job failed, in one line: the exception's last line, without the traceback."""
    if job.status != TaskResultStatus.FAILED:
        return ""
    if job.exception_class_path == INTERRUPTED:
        return str(INTERRUPTED_REASON)
    lines = [line for line in (job.traceback or "").strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else job.exception_class_path
