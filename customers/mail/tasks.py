"""The mail jobs of the task runner (django-tasks; the worker is `manage.py db_worker`)."""

from django_tasks import task

from .imap import mailbox_fetch


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
