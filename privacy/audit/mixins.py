"""Audit trail of the admin: every look at a person's data leaves an entry."""

from django.contrib.admin.views.main import SEARCH_VAR

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
