"""The real worker process (`manage.py db_worker`) running queued jobs from the database.

The only test that does not run jobs in the test process: the web side queues a mailbox
import and a large access-request answer, and a separate worker process does both.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django_tasks import TaskResultStatus

from customers.models import MailImport, SupportEmail
from jobs.models import Job
from privacy.requests.models import AccessRequestPackage
from privacy.requests.services import (
    access_request_verify_identity,
)
from tests.customers import mail_samples as samples
from tests.customers.factories import (
    ContactFactory,
    CustomerFactory,
    SupportEmailFactory,
)
from tests.jobs.conftest import DATABASE_BACKEND
from tests.privacy.factories import AccessRequestFactory, confirm_every_candidate
from tests.privacy.pages import post_from_page

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url() -> str:
    """The test database, as the worker process must reach it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_worker() -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "TEST_TASKS_BACKEND": DATABASE_BACKEND["default"]["BACKEND"],
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(MANAGE),
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ready_to_compile(officer, records: int):
    contact = ContactFactory()
    customer = CustomerFactory(primary_contact=contact)
    for _ in range(records):
        SupportEmailFactory(customer=customer, contact=contact)
    access_request = AccessRequestFactory(contact=contact)
    access_request_verify_identity(
        access_request=access_request, verified_by=officer, method="register_details"
    )
    confirm_every_candidate(access_request, officer)
    return access_request


def test_the_worker_imports_an_uploaded_mailbox_and_compiles_a_large_answer(
    settings, customer_service_client, privacy_officer_client, privacy_officer, tmp_path
):
    settings.TASKS = DATABASE_BACKEND
    settings.ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE = 10

    mbox = samples.write_mbox(tmp_path / "postia.mbox")
    customer_service_client.post(
        reverse("admin:customers_mailimport_add"),
        {"file": SimpleUploadedFile("postia.mbox", mbox.read_bytes())},
    )
    access_request = ready_to_compile(privacy_officer, records=20)
    emails_before = SupportEmail.objects.count()
    response = post_from_page(
        privacy_officer_client,
        reverse("admin:privacy_accessrequest_change", args=[access_request.pk]),
        {},
        url=reverse("admin:privacy_accessrequest_compile", args=[access_request.pk]),
    )
    assert response.status_code == 302
    # Queued, not done: the requests returned without doing the work.
    assert Job.objects.filter(status=TaskResultStatus.READY).count() == 2
    assert not AccessRequestPackage.objects.exists()

    finished = run_worker()
    assert finished.returncode == 0, finished.stdout + finished.stderr

    assert set(Job.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    upload = MailImport.objects.get()
    assert (upload.status, upload.imported, upload.failed) == (
        MailImport.Status.DONE,
        samples.GOOD_MESSAGES,
        1,
    )
    assert SupportEmail.objects.count() == emails_before + samples.GOOD_MESSAGES
    package = AccessRequestPackage.objects.get(access_request=access_request)
    assert sum(entry["records"] for entry in package.summary) > 20
