"""The mail jobs of the task runner (django-tasks; the worker is `manage.py db_worker`)."""

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from jobs.models import register_job_label

from .imap import mailbox_fetch
from .services import mail_import_run


@task()
def mailbox_fetch_task() -> dict:
    """Fetch the customer-service mailbox; run on a schedule and from the admin."""
    summary = mailbox_fetch()
    return {
        "imported": summary.imported,
        "duplicates": summary.duplicates,
        "unknown_senders": summary.unknown_senders,
        "failed": summary.failed,
    }


@task()
def mail_import_task(mail_import_id: int) -> dict:
    """Import a mailbox file uploaded in the admin."""
    done = mail_import_run(mail_import_id=mail_import_id)
    return {"status": done.status, "imported": done.imported, "failed": done.failed}


register_job_label(mailbox_fetch_task, _("Fetch the customer-service mailbox"))
register_job_label(mail_import_task, _("Import a mailbox file"))
