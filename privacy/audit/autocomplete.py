"""The admin's autocomplete of choice fields, audited like a search of the list.

Choosing an order's customer types a few letters and gets back names: a search of personal
data as much as the list's search box is.
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
