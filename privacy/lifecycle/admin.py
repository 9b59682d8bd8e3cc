from django.contrib import admin

from privacy.requests.admin import PrivacyOfficerOnlyMixin

from .models import Restriction


@admin.register(Restriction)
class RestrictionAdmin(PrivacyOfficerOnlyMixin, admin.ModelAdmin):
    """Restricted records, for privacy officers: set by requests and erasures, not by hand."""

    list_display = ["data", "object_id", "reason", "until", "access_request", "created_at"]
    list_filter = ["reason", "data"]
    list_select_related = ["access_request"]
    fields = ["data", "object_id", "reason", "until", "law", "access_request", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
