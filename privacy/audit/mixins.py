"""Audit trail of the admin: every look at a person's data leaves an entry."""

from django.contrib.admin import SimpleListFilter
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models.constants import LOOKUP_SEP

from webstrella.admin_inputs import bounded_filters, bounded_search_term

from .models import AuditAction
from .services import audit_record

# The parameters Django's field list filters put in the address: a choice or a value
# (`exact`), empty or not (`isnull`, `isempty`), and the date filter's range (`gte`, `lt`).
_FIELD_FILTER_LOOKUPS = ("exact", "isnull", "isempty", "gte", "lt")
_DATE_HIERARCHY_LOOKUPS = ("year", "month", "day")


class AuditedAdminMixin:
    """For ModelAdmins of personal data: records lists, searches, views and changes.

    A list is filtered only by the filters it offers: a lookup typed into the address
    (`?email=...`, `?last_name__startswith=...`) would find people around the search box
    and its audit entry, so it is refused (400) as Django refuses undeclared lookups
    across relations. The filters used go into the entry's `detail`.
    """

    def _audit(self, request, action: str, object_id="", detail: str = "") -> None:
        audit_record(
            request=request,
            action=action,
            target_model=self.opts.label,
            target_id=object_id or "",
            detail=detail,
        )

    def _filter_parameters(self, request) -> set[str]:
        parameters = set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                parameters.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            parameters.update(f"{path}{LOOKUP_SEP}{lookup}" for lookup in _FIELD_FILTER_LOOKUPS)
            field = get_fields_from_path(self.model, path)[-1]
            if field.is_relation:
                target = field.target_field.name
                parameters.add(f"{path}{LOOKUP_SEP}{target}{LOOKUP_SEP}exact")
        if self.date_hierarchy:
            parameters.update(
                f"{self.date_hierarchy}{LOOKUP_SEP}{part}" for part in _DATE_HIERARCHY_LOOKUPS
            )
        return parameters

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        if lookup not in self._filter_parameters(request):
            return False
        return super().lookup_allowed(lookup, value, request)

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
