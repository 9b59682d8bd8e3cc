from django.contrib import admin

from webstrella.admin_inputs import SafeInputsMixin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(SafeInputsMixin, admin.ModelAdmin):
    """Readable by privacy officers; nobody adds, changes or deletes entries here."""

    list_display = [
        "occurred_at",
        "username",
        "action",
        "target_model",
        "target_id",
        "detail",
        "ip_address",
    ]
    list_filter = ["action", "target_model"]
    search_fields = ["username", "target_id", "detail", "ip_address"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
