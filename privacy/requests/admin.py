import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from privacy.audit.mixins import AuditedAdminMixin
from privacy.audit.models import AuditAction
from privacy.description.selectors import description_current
from privacy.inventory import DataCategory
from privacy.staff.selectors import is_privacy_officer

from . import deadlines, tasks, uploads, workflow
from .answers import signed_request_letter_pdf
from .forms import (
    AccessRequestIntakeForm,
    AnswerForm,
    ConfirmMatchesForm,
    EraseForm,
    ExtendForm,
    RectifyForm,
    RefuseForm,
    RestrictForm,
    StepForm,
    VerifyIdentityForm,
)
from .letters import extension_letter_pdf, outcome_letter_pdf, refusal_letter_pdf
from .matching import describe
from .models import (
    INTAKE_FIELDS,
    INTAKE_FIELDSETS,
    AccessRequest,
    AccessRequestExtension,
    AccessRequestPackage,
)
from .services import (
    access_request_answer,
    access_request_compile,
    access_request_confirm_matches,
    access_request_erase,
    access_request_extend,
    access_request_find_data,
    access_request_log,
    access_request_rectify,
    access_request_refuse,
    access_request_restrict,
    access_request_review,
    access_request_update_intake,
    access_request_verify_identity,
)
from .workflow import CLOSED_ACCESS_REQUEST_STATUSES, Step

# Access requests (tarkastuspyyntö). Only privacy officers and superusers see them: every
# page, scan and package answers 403 to other staff, whatever permissions they were given.


def _scan_label(scan) -> str:
    kind = uploads.kind_of_name(scan.file.name)
    return _("Download the scan (%(kind)s)") % {"kind": kind.name if kind else "?"}


def _current_scan_link(obj: AccessRequest):
    if not obj.scan:
        return "–"
    kind = uploads.kind_of_name(obj.scan.name)
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:privacy_accessrequest_scan", args=[obj.pk]),
        _("Download the scan (%(kind)s)") % {"kind": kind.name if kind else "?"},
    )


class PrivacyOfficerOnlyMixin:
    def has_module_permission(self, request) -> bool:
        return is_privacy_officer(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_privacy_officer(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args) -> bool:
        return is_privacy_officer(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_privacy_officer(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("soon", _("Due within a week")),
            ("later", _("Due later")),
            ("closed", _("Answered or refused")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=deadlines.DUE_SOON_DAYS)
        open_requests = queryset.exclude(status__in=CLOSED_ACCESS_REQUEST_STATUSES)
        match self.value():
            case "overdue":
                return open_requests.filter(due_on__lt=today)
            case "soon":
                return open_requests.filter(due_on__gte=today, due_on__lte=soon)
            case "later":
                return open_requests.filter(due_on__gt=soon)
            case "closed":
                return queryset.filter(status__in=CLOSED_ACCESS_REQUEST_STATUSES)
        return queryset


def _days_left_html(access_request: AccessRequest):
    if access_request.is_closed:
        return "–"
    today = timezone.localdate()
    left = deadlines.days_left(access_request.due_on, today)
    urgency = deadlines.urgency(access_request.due_on, today)
    if left < 0:
        text = ngettext("%(days)d day overdue", "%(days)d days overdue", -left) % {"days": -left}
    else:
        text = ngettext("%(days)d day", "%(days)d days", left) % {"days": left}
    return format_html('<span class="deadline deadline-{}">{}</span>', urgency.value, text)


def _form_errors(form) -> list[str]:
    return [message for field_messages in form.errors.values() for message in field_messages]


class AccessRequestExtensionInline(admin.TabularInline):
    model = AccessRequestExtension
    # Who decided, by name: a link to the user's page would give privacy officers 403.
    fields = ["months", "reason", "decided_by_name", "decided_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    classes = ["access-request-extensions"]

    @admin.display(description=_("decided by"))
    def decided_by_name(self, obj: AccessRequestExtension) -> str:
        user = obj.decided_by
        if user is None:
            return "–"
        return user.get_full_name() or user.get_username()

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return is_privacy_officer(request.user) and super().has_view_permission(request, obj)


@dataclass(frozen=True)
class _StepAction:
    """How the admin takes a step: the form it posts, the service it calls, what it says."""

    form: type[StepForm]
    service: Callable[..., object]
    # The service's keyword for the officer taking the step, e.g. "verified_by".
    taken_by: str
    done: str
    # The title of the step's own page; a step without one is a button that posts at once.
    title: str | None = None


_STEP_ACTIONS = {
    Step.VERIFY: _StepAction(
        form=VerifyIdentityForm,
        service=access_request_verify_identity,
        taken_by="verified_by",
        done=_("The identity is recorded as verified."),
        title=_("Verify the identity"),
    ),
    Step.COMPILE: _StepAction(
        form=StepForm,
        service=access_request_compile,
        taken_by="compiled_by",
        done=_("The answer package is compiled."),
    ),
    Step.REVIEW: _StepAction(
        form=StepForm,
        service=access_request_review,
        taken_by="reviewed_by",
        done=_("The answer package is reviewed."),
    ),
    Step.ERASE: _StepAction(
        form=EraseForm,
        service=access_request_erase,
        taken_by="erased_by",
        done=_("The data is erased; what the law requires is kept, restricted, until its date."),
        title=_("Erase the requester's data"),
    ),
    Step.RECTIFY: _StepAction(
        form=RectifyForm,
        service=access_request_rectify,
        taken_by="rectified_by",
        done=_("The data is corrected."),
        title=_("Correct the requester's data"),
    ),
    Step.RESTRICT: _StepAction(
        form=RestrictForm,
        service=access_request_restrict,
        taken_by="restricted_by",
        done=_("The processing of the requester's data is restricted."),
        title=_("Restrict the processing of the requester's data"),
    ),
    Step.ANSWER: _StepAction(
        form=AnswerForm,
        service=access_request_answer,
        taken_by="answered_by",
        done=_("The request is answered and closed."),
        title=_("Record the answer as sent"),
    ),
    Step.EXTEND: _StepAction(
        form=ExtendForm,
        service=access_request_extend,
        taken_by="extended_by",
        done=_("The deadline is extended."),
        title=_("Extend the deadline"),
    ),
    Step.REFUSE: _StepAction(
        form=RefuseForm,
        service=access_request_refuse,
        taken_by="refused_by",
        done=_("The request is refused and closed."),
        title=_("Refuse the request"),
    ),
}


@admin.register(AccessRequest)
class AccessRequestAdmin(PrivacyOfficerOnlyMixin, AuditedAdminMixin, admin.ModelAdmin):
    form = AccessRequestIntakeForm
    list_display = ["reference", "kind", "requester_name", "due", "days_left", "status"]
    list_display_links = ["reference", "requester_name"]
    list_filter = [DeadlineFilter, "kind", "status"]
    list_select_related = []
    ordering = ["due_on", "pk"]
    inlines = [AccessRequestExtensionInline]
    # Searched by reference only: a name or an address would end up in the address bar.
    search_fields = ["id"]
    search_help_text = _("Search by reference, e.g. TP-00012.")

    class Media:
        css = {"all": ["css/admin_privacy.css"]}

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        pk = AccessRequest.pk_from_reference(search_term)
        return (queryset.none() if pk is None else queryset.filter(pk=pk)), False

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(name, {"fields": list(fields)}) for name, fields in INTAKE_FIELDSETS]
        if obj is None:
            return fieldsets
        letter_fields = next(
            options["fields"] for _name, options in fieldsets if "scan" in options["fields"]
        )
        if not workflow.is_open_for(Step.CORRECT_INTAKE, obj):
            letter_fields.remove("scan")
        letter_fields.insert(letter_fields.index("is_signed"), "scan_link")
        fieldsets.append(
            (
                _("Deadline"),
                # `seen`: the stamp of the request the page was made from, in a hidden input.
                {"fields": ["status", "due_on", "days_left", "extension_months", "seen"]},
            )
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        shown = ["status", "due_on", "days_left", "extension_months", "scan_link"]
        if self.has_change_permission(request, obj) and workflow.offered(
            Step.CORRECT_INTAKE, obj, request.user
        ):
            return shown
        return [*(f for f in INTAKE_FIELDS if f != "scan"), *shown]

    def get_inlines(self, request, obj):
        # The extensions are shown once there are some; they are added by their own step.
        return self.inlines if obj is not None and obj.extensions.exists() else []

    def has_change_permission(self, request, obj=None) -> bool:
        # Answered and refused requests are read-only.
        if obj is not None and obj.is_closed:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("reference"), ordering="pk")
    def reference(self, obj: AccessRequest) -> str:
        return obj.reference

    @admin.display(description=_("due on"), ordering="due_on")
    def due(self, obj: AccessRequest) -> str:
        return date_format(obj.due_on, "SHORT_DATE_FORMAT")

    @admin.display(description=_("days left"), ordering="due_on")
    def days_left(self, obj: AccessRequest):
        return _days_left_html(obj)

    @admin.display(description=_("stored scans"))
    def scan_link(self, obj: AccessRequest):
        scans = list(obj.scans.all())
        if not scans:
            return _current_scan_link(obj)
        return format_html(
            '<ul class="access-request-scans">{}</ul>',
            format_html_join(
                "",
                '<li><a href="{}">{}</a> <span class="scan-uploaded">{}</span></li>',
                (
                    (
                        reverse("admin:privacy_accessrequest_scan_file", args=[obj.pk, scan.pk]),
                        _scan_label(scan),
                        _("uploaded %(time)s")
                        % {
                            "time": date_format(
                                timezone.localtime(scan.uploaded_at), "SHORT_DATETIME_FORMAT"
                            )
                        },
                    )
                    for scan in scans
                ),
            ),
        )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            access_request_update_intake(
                access_request=obj, corrected_by=request.user, seen=form.cleaned_data["seen"]
            )
            return
        created = access_request_log(
            logged_by=request.user, **{name: form.cleaned_data[name] for name in INTAKE_FIELDS}
        )
        # The admin goes on with `obj` (messages, history, redirect): make it the saved row.
        obj.__dict__.update(created.__dict__)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None:
            extra_context.update(self._workflow_context(request, obj))
            if not workflow.is_open_for(Step.CORRECT_INTAKE, obj):
                # Nothing on the form is editable after the intake; the steps have buttons.
                extra_context.update(
                    show_save=False, show_save_and_continue=False, show_save_and_add_another=False
                )
        extra_context.setdefault("show_save_and_add_another", False)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            # The correction service refused under the row lock (a colleague moved or
            # corrected the request meanwhile); the admin's transaction is rolled back.
            if obj is None:
                raise
            return self._refused(request, obj, exc)

    def _workflow_context(self, request, obj: AccessRequest) -> dict:
        can_change = self.has_change_permission(request, obj)
        package = getattr(obj, "package", None) if obj.pk else None
        steps = [
            (_("Received and logged"), obj.created_by, obj.created_at, True),
            (
                _("Identity verified"),
                obj.identity_verified_by,
                obj.identity_verified_at,
                obj.identity_verified_at is not None,
            ),
            (_("Data compiled"), obj.compiled_by, obj.compiled_at, obj.compiled_at is not None),
            (
                _("Carried out"),
                obj.carried_out_by,
                obj.carried_out_at,
                obj.carried_out_at is not None,
            ),
            (_("Reviewed"), obj.reviewed_by, obj.reviewed_at, obj.reviewed_at is not None),
            (_("Answered"), obj.answered_by, obj.answered_at, obj.answered_at is not None),
        ]
        if obj.status == AccessRequest.Status.REFUSED:
            steps.append((_("Refused"), obj.refused_by, obj.refused_at, True))
        awaits_verification = workflow.is_open_for(Step.VERIFY, obj)
        return {
            "steps": steps,
            "package": package,
            "can_change": can_change,
            # can_verify, can_find_data, can_compile, ...: the buttons the table offers.
            **{
                f"can_{step}": can_change and workflow.offered(step, obj, request.user)
                for step in Step
            },
            "awaits_verification": awaits_verification,
            "needs_signed_request": awaits_verification and not obj.is_signed,
            "has_extension_letter": obj.extension_months > 0,
            "has_refusal_letter": obj.status == AccessRequest.Status.REFUSED,
            "has_outcome_letter": bool(obj.result),
            "seen": workflow.stamp(obj),
        }

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"

        def view(function, name: str, route: str, post_only: bool = False):
            wrapped = require_POST(function) if post_only else function
            return path(
                f"<int:pk>/{route}/", self.admin_site.admin_view(wrapped), name=f"{prefix}_{name}"
            )

        return [
            view(self.scan_view, "scan", "scan"),
            view(self.scan_file_view, "scan_file", "scans/<int:scan_pk>"),
            view(self.signed_request_letter_view, "signed_request_letter", "signed-request-letter"),
            view(self.extension_letter_view, "extension_letter", "extension-letter"),
            view(self.refusal_letter_view, "refusal_letter", "refusal-letter"),
            view(self.outcome_letter_view, "outcome_letter", "outcome-letter"),
            view(self.find_data_view, "find_data", "find-data"),
            *(
                view(self.step_view, step, step, post_only=action.title is None)
                for step, action in _STEP_ACTIONS.items()
            ),
            *super().get_urls(),
        ]

    # The request's own pages. Each checks the officer's permission on the object first.

    def _get_for_view(self, request: HttpRequest, pk: int) -> AccessRequest:
        if not self.has_view_permission(request):
            raise PermissionDenied
        access_request = get_object_or_404(AccessRequest, pk=pk)
        if not self.has_view_permission(request, access_request):
            raise PermissionDenied
        return access_request

    def _get_for_change(self, request: HttpRequest, pk: int) -> AccessRequest:
        access_request = self._get_for_view(request, pk)
        if not self.has_change_permission(request, access_request):
            raise PermissionDenied
        return access_request

    def _change_url(self, access_request: AccessRequest) -> str:
        return reverse("admin:privacy_accessrequest_change", args=[access_request.pk])

    def _page(self, request, access_request, template: str, title, **context) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "original": access_request,
            "change_url": self._change_url(access_request),
            "media": self.media,
            **context,
        }
        return TemplateResponse(request, f"admin/privacy/accessrequest/{template}", context)

    def _done(self, request, access_request, message, step: str) -> HttpResponse:
        self.log_change(request, access_request, step)
        self.message_user(request, message, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(access_request))

    def _refused(self, request, access_request, exc: ValidationError) -> HttpResponse:
        self.message_user(request, " ".join(exc.messages), messages.ERROR)
        return HttpResponseRedirect(self._change_url(access_request))

    def scan_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        access_request = self._get_for_view(request, pk)
        if not access_request.scan:
            raise PermissionDenied
        kind = uploads.kind_of_name(access_request.scan.name)
        self._audit(request, AuditAction.DOWNLOAD, access_request.pk, detail="scan")
        return FileResponse(
            access_request.scan.open("rb"),
            as_attachment=True,
            filename=f"{access_request.reference}-scan{kind.extension if kind else ''}",
            content_type=kind.content_type if kind else "application/octet-stream",
        )

    def scan_file_view(self, request: HttpRequest, pk: int, scan_pk: int) -> HttpResponse:
        """One of the scans the request was ever given, the replaced ones included."""
        access_request = self._get_for_view(request, pk)
        scan = access_request.scans.filter(pk=scan_pk).first()
        if scan is None:
            raise PermissionDenied
        kind = uploads.kind_of_name(scan.file.name)
        self._audit(request, AuditAction.DOWNLOAD, access_request.pk, detail=f"scan {scan.pk}")
        return FileResponse(
            scan.file.open("rb"),
            as_attachment=True,
            filename=(
                f"{access_request.reference}-scan-{timezone.localtime(scan.uploaded_at):%Y%m%d-%H%M}"
                f"{kind.extension if kind else ''}"
            ),
            content_type=kind.content_type if kind else "application/octet-stream",
        )

    def _letter(
        self, request: HttpRequest, pk: int, make_pdf, *, name: str, detail: str
    ) -> HttpResponse:
        """A letter to the requester as a PDF download, made from the current description."""
        access_request = self._get_for_view(request, pk)
        controller = description_current()
        if controller is None:
            return self._refused(
                request,
                access_request,
                ValidationError(_("Publish a register description first.")),
            )
        try:
            pdf = make_pdf(access_request, controller)
        except ValidationError as exc:
            return self._refused(request, access_request, exc)
        self._audit(request, AuditAction.EXPORT, access_request.pk, detail=detail)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{access_request.reference}-{name}.pdf"'
        )
        return response

    def signed_request_letter_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._letter(
            request,
            pk,
            signed_request_letter_pdf,
            name="signed-request",
            detail="letter asking for a signature",
        )

    def extension_letter_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        # GDPR Art. 12(3): the requester is told of the extension and its reasons.
        return self._letter(
            request, pk, extension_letter_pdf, name="extension", detail="extension letter"
        )

    def refusal_letter_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        # GDPR Art. 12(4): the reasons, and the right to complain and to a judicial remedy.
        return self._letter(
            request, pk, refusal_letter_pdf, name="refusal", detail="refusal letter"
        )

    def outcome_letter_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        # GDPR Art. 12(3): the requester is told what was done on their request.
        return self._letter(
            request, pk, outcome_letter_pdf, name="outcome", detail="outcome letter"
        )

    def find_data_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        access_request = self._get_for_view(request, pk)
        can_change = self.has_change_permission(request, access_request)
        can_search = can_change and workflow.offered(Step.FIND_DATA, access_request, request.user)
        can_confirm = can_change and workflow.offered(
            Step.CONFIRM_MATCHES, access_request, request.user
        )
        search_form = StepForm(access_request=access_request)
        matches = list(access_request.matches.select_related("decided_by"))
        form = ConfirmMatchesForm(
            initial={"confirmed": [m.pk for m in matches if m.confirmed]}, matches=matches
        )
        if request.method == "POST":
            if not (can_search if "search" in request.POST else can_confirm):
                raise PermissionDenied
            try:
                if "search" in request.POST:
                    search_form = StepForm(request.POST, access_request=access_request)
                    if not search_form.is_valid():
                        raise ValidationError(_form_errors(search_form))
                    access_request_find_data(
                        access_request=access_request,
                        searched_by=request.user,
                        seen=search_form.cleaned_data["seen"],
                    )
                    # The request's reference is enough: its identifiers are on the request.
                    self._audit(
                        request,
                        AuditAction.SEARCH,
                        access_request.pk,
                        detail=f"find data for {access_request.reference}",
                    )
                    self.message_user(request, _("The search is done."), messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
                form = ConfirmMatchesForm(request.POST, matches=matches)
                if form.is_valid():
                    access_request_confirm_matches(
                        access_request=access_request,
                        decided_by=request.user,
                        confirmed_ids=form.cleaned_data["confirmed"],
                        shown_ids=form.cleaned_data["shown"],
                    )
                    self.log_change(request, access_request, "Matches decided")
                    self.message_user(request, _("The decisions are saved."), messages.SUCCESS)
                    return HttpResponseRedirect(request.path)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                return HttpResponseRedirect(request.path)
        self._audit(request, AuditAction.VIEW, access_request.pk, detail="find data")
        rows = describe(matches)
        return self._page(
            request,
            access_request,
            "find_data.html",
            _("Find the data of %(reference)s") % {"reference": access_request.reference},
            rows=rows,
            form=form,
            search_form=search_form,
            can_search=can_search,
            can_confirm=can_confirm,
        )

    def step_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        step = Step(request.resolver_match.url_name.removeprefix("privacy_accessrequest_"))
        action = _STEP_ACTIONS[step]
        access_request = self._get_for_change(request, pk)
        posted = request.method == "POST"
        form = action.form(request.POST if posted else None, access_request=access_request)
        if posted and form.is_valid():
            try:
                if step is Step.COMPILE and tasks.compiles_in_background(access_request):
                    # A large answer is compiled by the task runner; the step is checked
                    # now, so the officer hears at once if it cannot be taken.
                    workflow.check(
                        step, access_request, by=request.user, seen=form.cleaned_data["seen"]
                    )
                    tasks.access_request_compile_task.enqueue(
                        access_request_id=access_request.pk, compiled_by_id=request.user.pk
                    )
                    return self._done(
                        request, access_request, tasks.QUEUED_MESSAGE, "Step: compile queued"
                    )
                action.service(
                    access_request=access_request,
                    **{action.taken_by: request.user},
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                # A stale page is not shown again: the request as it is now is.
                if action.title is None or getattr(exc, "code", None) == "stale":
                    return self._refused(request, access_request, exc)
                form.add_error(None, exc)
            else:
                return self._done(request, access_request, action.done, f"Step: {step}")
        elif posted and action.title is None:
            return self._refused(request, access_request, ValidationError(_form_errors(form)))
        if not posted:
            self._audit(request, AuditAction.VIEW, access_request.pk, detail=step)
        return self._page(
            request, access_request, "step_form.html", action.title, form=form, step=step
        )


@admin.register(AccessRequestPackage)
class AccessRequestPackageAdmin(PrivacyOfficerOnlyMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Answer packages as compiled: shown, downloaded, never changed or deleted."""

    list_display = ["access_request", "language", "created_at", "created_by"]
    list_select_related = ["access_request", "created_by"]
    fields = [
        "access_request",
        "language",
        "letter_link",
        "letter_sha256",
        "export_link",
        "export_sha256",
        "summary_table",
        "created_at",
        "created_by",
    ]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("letter (PDF)"))
    def letter_link(self, obj: AccessRequestPackage):
        return format_html(
            '<a href="{}">{}</a>', self._download_url(obj, "letter"), _("Download the letter")
        )

    @admin.display(description=_("machine-readable export"))
    def export_link(self, obj: AccessRequestPackage):
        return format_html(
            '<a href="{}">{}</a>', self._download_url(obj, "export"), _("Download the export")
        )

    @admin.display(description=_("records by category"))
    def summary_table(self, obj: AccessRequestPackage):
        language = obj.language
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} {}: {}</li>",
                (
                    (
                        DataCategory.from_key(entry["category"]).number,
                        DataCategory.from_key(entry["category"]).label(language),
                        entry["records"],
                    )
                    for entry in obj.summary
                ),
            ),
        )

    def _download_url(self, obj: AccessRequestPackage, part: str) -> str:
        return reverse("admin:privacy_accessrequestpackage_download", args=[obj.pk, part])

    def get_urls(self):
        return [
            path(
                "<int:pk>/download/<str:part>/",
                self.admin_site.admin_view(self.download_view),
                name="privacy_accessrequestpackage_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request: HttpRequest, pk: int, part: str) -> HttpResponse:
        if part not in ("letter", "export") or not self.has_view_permission(request):
            raise PermissionDenied
        package = get_object_or_404(
            AccessRequestPackage.objects.select_related("access_request"), pk=pk
        )
        file = getattr(package, part)
        kind = uploads.kind_of_name(file.name)
        reference = package.access_request.reference
        self._audit(request, AuditAction.DOWNLOAD, package.pk, detail=f"{part} of {reference}")
        return FileResponse(
            file.open("rb"),
            as_attachment=True,
            filename=f"{reference}-{part}{kind.extension if kind else ''}",
            content_type=kind.content_type if kind else "application/octet-stream",
        )
