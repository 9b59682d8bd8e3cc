"""Compiling a large answer in the task runner instead of within the officer's request.

A letter takes about 4 ms a record to render (docs/benchmarks.md); above
ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE records the officer's page would wait too long,
so the same service runs as a job and the page says so.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from jobs.models import register_job_label
from privacy.inventory.subjects import rows_of_subject

from .matching import subject_of
from .models import AccessRequest
from .services import access_request_compile


def answer_size(access_request: AccessRequest) -> int:
    """How many records the answer will hold: one count query per declared model."""
    subject = subject_of(access_request.matches.filter(confirmed=True))
    if subject.is_empty:
        return 0
    return sum(found.rows.count() for found in rows_of_subject(subject))


QUEUED_MESSAGE = _(
    "The answer is large, so it is compiled in the background; its state shows under Jobs. "
    "Reload this page when it is done."
)


def compiles_in_background(access_request: AccessRequest) -> bool:
    return answer_size(access_request) > settings.ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE


@task()
def access_request_compile_task(access_request_id: int, compiled_by_id: int) -> dict:
    access_request = AccessRequest.objects.get(pk=access_request_id)
    compiled_by = get_user_model().objects.get(pk=compiled_by_id)
    package = access_request_compile(access_request=access_request, compiled_by=compiled_by)
    return {"package": package.pk}


register_job_label(access_request_compile_task, _("Compile an access-request answer"))
