"""The admin's autocomplete of choice fields, audited like a search of the list.

Choosing an order's customer types a few letters and gets back names: a search of personal
data as much as the list's search box is.

A model admin may tell namesakes apart in the choices: its `autocomplete_label(obj,
request)` gives the text of a choice, and `autocomplete_select_related` what that text
reads besides the row.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from webstrella.admin_inputs import bounded_search_term

from ..inventory import registry
from .models import AuditAction
from .services import audit_record


class AuditedAutocompleteJsonView(AutocompleteJsonView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        model = self.model_admin.model
        if response.status_code == 200 and registry.for_model(model) is not None:
            term = bounded_search_term(self.term)
            audit_record(
                request=request,
                action=AuditAction.SEARCH if term else AuditAction.LIST,
                target_model=model._meta.label,
                detail=term,
            )
        return response

    def get_queryset(self):
        queryset = super().get_queryset()
        related = getattr(self.model_admin, "autocomplete_select_related", None)
        return queryset.select_related(*related) if related else queryset

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = str(label(obj, self.request))
        return result
