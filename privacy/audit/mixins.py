"""Audit trail of the admin: every look at a person's data leaves an entry."""

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.utils.translation import gettext_lazy as _

from privacy.inventory import registry
from privacy.lifecycle.selectors import restricted_ids, restriction_exists
from privacy.staff.selectors import is_privacy_officer
from webstrella.admin_inputs import bounded_search_term

from .models import AuditAction
from .services import audit_record


class AuditedAdminMixin:
    """For ModelAdmins of personal data: records lists, searches, views and changes."""

    def _audit(self, request, action: str, object_id="", detail: str = "") -> None:
        audit_record(
            request=request,
            action=action,
            target_model=self.opts.label,
            target_id=object_id or "",
            detail=detail,
        )

    def get_queryset(self, request):
        # Restricted rows (GDPR Art. 18, or kept by law after erasure) are for privacy
        # officers only: lists, searches, autocomplete and pages of others leave them out.
        queryset = super().get_queryset(request)
        if registry.for_model(self.model) is None:
            return queryset
        if is_privacy_officer(request.user):
            return queryset.annotate(is_restricted=restriction_exists(self.model))
        return queryset.exclude(pk__in=restricted_ids(self.model))

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        if registry.for_model(self.model) is None or not is_privacy_officer(request.user):
            return shown
        return [*shown, "restricted_marker"]

    @admin.display(description=_("restricted"))
    def restricted_marker(self, obj) -> str:
        return _("Restricted") if getattr(obj, "is_restricted", False) else ""

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            # What the list was searched for: the term as the search used it.
            term = bounded_search_term(request.GET.get(SEARCH_VAR, ""))
            if term:
                self._audit(request, AuditAction.SEARCH, detail=term)
            else:
                self._audit(request, AuditAction.LIST)
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id and request.method == "GET" and response.status_code == 200:
            self._audit(request, AuditAction.VIEW, object_id)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._audit(request, AuditAction.VIEW, object_id, detail="history")
        return response

    def log_addition(self, request, obj, message):
        self._audit(request, AuditAction.ADD, obj.pk)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, AuditAction.CHANGE, obj.pk)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, AuditAction.DELETE, obj.pk)
        return super().log_deletions(request, queryset)
