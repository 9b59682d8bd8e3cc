"""Admin of the mail intake: uploads of mailbox files, the mailbox fetch, unknown senders."""

import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from customers.models import (
    Contact,
    EmailDirection,
    MailImport,
    SupportEmail,
    SupportEmailAttachment,
)
from jobs.models import Job
from webstrella.admin_inputs import SafeInputsMixin

from .services import mail_import_retry, mail_import_upload, mail_upload_check
from .tasks import mailbox_fetch_task


class SupportEmailAttachmentInline(admin.TabularInline):
    """What was attached; the files themselves are not kept."""

    model = SupportEmailAttachment
    extra = 0
    fields = ["filename", "content_type", "size", "sha256"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("attachments (only described; the files are not kept)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SenderFilter(admin.SimpleListFilter):
    """Received mail from addresses no contact has: customer service links or creates one."""

    title = _("sender")
    parameter_name = "sender"

    def lookups(self, request, model_admin):
        return [("unknown", _("Unknown sender")), ("known", _("Linked to a contact"))]

    def queryset(self, request, queryset):
        if self.value() == "unknown":
            return queryset.filter(direction=EmailDirection.INBOUND, contact__isnull=True)
        if self.value() == "known":
            return queryset.filter(contact__isnull=False)
        return queryset


class HandledByFilter(admin.SimpleListFilter):
    """Who handled the message, from the staff accounts.

    Not Django's "related only" filter: it finds the handlers by reading every message.
    """

    title = _("handled by")
    parameter_name = "handled_by"

    def lookups(self, request, model_admin):
        staff = get_user_model().objects.filter(is_staff=True).order_by("first_name", "username")
        return [(str(user.pk), user.get_full_name() or user.get_username()) for user in staff]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdecimal() and len(value) < 19:
            return queryset.filter(handled_by_id=int(value))
        return queryset


@admin.display(description=_("contact"))
def contact_or_create_link(email: SupportEmail):
    """The linked contact, or for an unknown sender a link to add them as a contact."""
    if email.contact_id is not None:
        return email.contact
    if email.direction != EmailDirection.INBOUND:
        return "-"
    first, _space, last = (email.from_name or "").partition(" ")
    query = urlencode(
        {
            "email": email.from_address,
            "first_name": first,
            "last_name": last,
            "source": Contact.Source.CUSTOMER_SERVICE,
        }
    )
    return format_html(
        '<a href="{}?{}">{}</a>',
        reverse("admin:customers_contact_add"),
        query,
        _("Unknown sender: add as a contact"),
    )


class MailUploadForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Mailbox file"),
        help_text=_("One message (.eml) or an mbox file. Messages already in the log are skipped."),
    )

    class Meta:
        model = MailImport
        fields = ["file"]

    def clean_file(self):
        file = self.cleaned_data["file"]
        mail_upload_check(file)
        return file


@admin.register(MailImport)
class MailImportAdmin(SafeInputsMixin, admin.ModelAdmin):
    form = MailUploadForm
    list_display = [
        "created_at",
        "original_name",
        "status",
        "imported",
        "duplicates",
        "unknown_senders",
        "failed",
        "job_state",
    ]
    list_filter = ["status"]
    readonly_fields = [
        "original_name",
        "status",
        "reason",
        "imported",
        "duplicates",
        "unknown_senders",
        "failed",
        "report",
        "job_state",
        "uploaded_by",
        "created_at",
    ]
    actions = ["retry"]

    def get_fields(self, request, obj=None):
        return ["file"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        # An import is read-only once uploaded.
        return request.method in ("GET", "HEAD") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_retry_permission(self, request) -> bool:
        return self.has_add_permission(request)

    def save_model(self, request, obj, form, change) -> None:
        created = mail_import_upload(file=form.cleaned_data["file"], uploaded_by=request.user)
        obj.pk = created.pk
        obj.original_name = created.original_name

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("The file is queued for import; its state shows in the list."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:customers_mailimport_changelist"))

    def log_addition(self, request, obj, message):
        # The admin log would keep the uploaded file's name, which may name a person.
        return None

    @admin.display(description=_("job"))
    def job_state(self, obj: MailImport) -> str:
        try:
            job = Job.objects.filter(pk=uuid.UUID(obj.task_id)).first()
        except ValueError:
            # No job, or one the immediate backend ran within the request.
            job = None
        return job.state if job else "-"

    @admin.action(description=_("Import the selected failed files again"), permissions=["retry"])
    def retry(self, request, queryset):
        for upload in queryset:
            try:
                mail_import_retry(upload=upload)
            except ValidationError as exc:
                self.message_user(request, f"{upload}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(name)s queued again.") % {"name": upload})

    def get_urls(self):
        fetch = self.admin_site.admin_view(require_POST(self.fetch_mailbox_view))
        return [
            path("fetch-mailbox/", fetch, name="customers_mailimport_fetch_mailbox"),
            *super().get_urls(),
        ]

    def fetch_mailbox_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        mailbox_fetch_task.enqueue()
        self.message_user(
            request,
            _("Fetching the mailbox is queued; its state shows under Jobs."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:customers_mailimport_changelist"))
