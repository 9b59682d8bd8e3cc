"""The jobs page: each job's state, the reason of a failure, and running it again."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from customers.mail.tasks import mailbox_fetch_task
from customers.models import SupportEmail
from jobs.models import Job
from jobs.services import job_reason, job_retry
from tests.customers import mail_samples as samples

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_tasks")]

LIST = reverse("admin:jobs_job_changelist")


def test_a_queued_job_waits_for_the_worker_and_then_is_done(
    customer_service_client, imap, run_queued_jobs
):
    imap.deliver(samples.MESSAGES[:2])
    customer_service_client.post(reverse("admin:customers_mailimport_fetch_mailbox"))
    job = Job.objects.get()
    assert job.status == TaskResultStatus.READY
    assert not SupportEmail.objects.exists()

    assert run_queued_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.return_value["imported"]) == (TaskResultStatus.SUCCESSFUL, 2)
    page = customer_service_client.get(LIST).content.decode()
    with translation.override("fi"):
        assert str(job.label) in page and str(job.state) in page


def test_a_failed_job_shows_its_reason_and_runs_again_from_the_admin(
    customer_service_client, imap, settings, run_queued_jobs
):
    imap.deliver(samples.MESSAGES[:2])
    settings.MAILBOX_IMAP_PASSWORD = "vanhentunut"
    mailbox_fetch_task.enqueue()
    run_queued_jobs()
    failed = Job.objects.get()
    assert failed.status == TaskResultStatus.FAILED

    response = customer_service_client.get(LIST)
    assert "refused the login" in response.content.decode()
    detail = customer_service_client.get(reverse("admin:jobs_job_change", args=[failed.pk]))
    assert "refused the login" in detail.content.decode()
    # The traceback stays in the database for the developers, off the page.
    assert "Traceback" not in detail.content.decode()

    settings.MAILBOX_IMAP_PASSWORD = imap.settings()["MAILBOX_IMAP_PASSWORD"]
    response = customer_service_client.post(
        LIST, {"action": "retry", "_selected_action": [str(failed.pk)]}
    )
    assert response.status_code == 302
    retried = Job.objects.exclude(pk=failed.pk).get()
    assert retried.status == TaskResultStatus.READY
    run_queued_jobs()
    retried.refresh_from_db()
    assert retried.status == TaskResultStatus.SUCCESSFUL
    assert SupportEmail.objects.count() == 2


def test_a_job_whose_worker_died_is_shown_failed_and_can_run_again(run_queued_jobs, imap):
    imap.deliver(samples.MESSAGES[:1])
    mailbox_fetch_task.enqueue()
    job = DBTaskResult.objects.get()
    job.claim("worker-that-died")
    out = io.StringIO()
    call_command("recover_jobs", stdout=out)
    assert "Marked 1 interrupted jobs" in out.getvalue()
    job = Job.objects.get()
    assert job.status == TaskResultStatus.FAILED
    with translation.override("en"):
        assert "worker stopped" in job_reason(job)
    job_retry(job=job)
    run_queued_jobs()
    assert SupportEmail.objects.count() == 1


def test_only_old_running_jobs_are_recovered_while_workers_run(run_queued_jobs):
    mailbox_fetch_task.enqueue()
    DBTaskResult.objects.get().claim("busy-worker")
    call_command("recover_jobs", "--older-than-minutes", "30", stdout=io.StringIO())
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING


def test_jobs_are_not_for_sales_and_cannot_be_changed(
    sales_client, customer_service_client, run_queued_jobs
):
    mailbox_fetch_task.enqueue()
    job = Job.objects.get()
    assert sales_client.get(LIST).status_code == 403
    change = reverse("admin:jobs_job_change", args=[job.pk])
    assert customer_service_client.get(change).status_code == 200
    assert customer_service_client.post(change, {}).status_code == 403
    assert customer_service_client.get(reverse("admin:jobs_job_add")).status_code == 403
