from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# The states as staff read them.
STATE_LABELS = {
    TaskResultStatus.READY: _("queued"),
    TaskResultStatus.RUNNING: _("running"),
    TaskResultStatus.SUCCESSFUL: _("done"),
    TaskResultStatus.FAILED: _("failed"),
}

# What each kind of job does, by the task's import path; each app adds its own.
JOB_LABELS: dict[str, str] = {}


def register_job_label(task, label) -> None:
    JOB_LABELS[task.module_path] = label


class Job(DBTaskResult):
    """A job of the task runner, as the admin lists it: its state, and why it failed."""

    class Meta:
        proxy = True
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        # "change" is running a failed job again; jobs are neither added nor deleted by hand.
        default_permissions = ("view", "change")

    def __str__(self) -> str:
        return f"{self.label} ({self.state})"

    @property
    def label(self) -> str:
        return str(JOB_LABELS.get(self.task_path, self.task_path.rsplit(".", 1)[-1]))

    @property
    def state(self) -> str:
        return str(STATE_LABELS.get(self.status, self.status))
