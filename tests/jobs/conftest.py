import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    """Jobs queued in the database, as in production, instead of run at once."""
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture
def run_queued_jobs():
    """Run the queued jobs in this process, as the worker's loop would, one at a time."""

    def run() -> int:
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )
        count = 0
        while (job := DBTaskResult.objects.ready().first()) is not None:
            job.claim(worker.worker_id)
            worker.run_task(job)
            count += 1
        return count

    return run
