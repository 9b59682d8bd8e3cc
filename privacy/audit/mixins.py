"""Audit trail of the admin: every look at a person's data leaves an entry."""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from privacy.inventory import registry
from privacy.lifecycle.selectors import restricted_ids, restriction_exists
from privacy.staff.selectors import is_privacy_officer
from webstrella.admin_inputs import (
    OfferedFiltersOnlyMixin,
    bounded_filters,
    bounded_search_term,
)

from .models import AuditAction
from .services import audit_record


class AuditedAdminMixin(OfferedFiltersOnlyMixin):
    """For ModelAdmins of personal data: records lists, searches, views and changes.

    A list is filtered only by the filters it offers (a lookup typed into the address would
    search around the search box); the filters used go into the entry's `detail`.
    """

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
        if response.status_code == 200 and self._is_delete_confirmation(request):
            # "Delete selected" first shows the chosen records with everything deleted with them.
            for object_id in request.POST.getlist(ACTION_CHECKBOX_NAME):
                self._audit(request, AuditAction.VIEW, object_id[:64], detail="delete page")
        elif response.status_code == 200:
            # What the list was searched for: the term as the search used it, and the filters.
            term = bounded_search_term(request.GET.get(SEARCH_VAR, ""))
            changelist = getattr(response, "context_data", {}).get("cl")
            filters = bounded_filters(changelist.get_filters_params()) if changelist else ""
            detail = "; ".join(part for part in (term, filters) if part)
            self._audit(request, AuditAction.SEARCH if term else AuditAction.LIST, detail=detail)
        return response

    @staticmethod
    def _is_delete_confirmation(request) -> bool:
        return (
            request.method == "POST"
            and request.POST.get("action") == "delete_selected"
            and "post" not in request.POST
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id and request.method == "GET" and response.status_code == 200:
            self._audit(request, AuditAction.VIEW, object_id)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        # The confirmation page names the record and everything deleted with it.
        if request.method == "GET" and response.status_code == 200:
            self._audit(request, AuditAction.VIEW, object_id, detail="delete page")
        return response

    def history_view(self, request, object_id, extra_context=None):
        # Django looks the record up first and redirects when there is none, which would
        # tell someone refused the page (403) which ids exist; refuse them before the lookup.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
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
