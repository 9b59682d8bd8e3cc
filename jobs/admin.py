from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Job
from .services import job_reason, job_retry

# django-tasks-db's own page shows tracebacks and arguments; staff get the page below.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["enqueued_at", "label", "state", "reason", "started_at", "finished_at"]
    list_filter = ["status"]
    ordering = ["-enqueued_at"]
    date_hierarchy = "enqueued_at"
    fields = ["label", "state", "reason", "enqueued_at", "started_at", "finished_at"]
    readonly_fields = fields
    actions = ["retry"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # The change form shows the job read-only; "change" allows running a failed one again.
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    def has_retry_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    @admin.display(description=_("job"))
    def label(self, obj: Job) -> str:
        return obj.label

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj: Job) -> str:
        return obj.state

    @admin.display(description=_("reason of failure"))
    def reason(self, obj: Job) -> str:
        return job_reason(obj)

    @admin.action(description=_("Run the selected failed jobs again"), permissions=["retry"])
    def retry(self, request, queryset):
        retried = 0
        for job in queryset.filter(status=TaskResultStatus.FAILED):
            try:
                job_retry(job=job)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
            else:
                retried += 1
        self.message_user(
            request,
            _("%(count)d jobs queued again.") % {"count": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )
