from django.contrib import admin

from .models import VisitCounterSettings, VisitDay


@admin.register(VisitCounterSettings)
class VisitCounterSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "carried_over_total"]

    def has_add_permission(self, request) -> bool:
        # The single row comes from a migration; asking the database here would cost a
        # query on every admin page, whose menu checks this permission.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(VisitDay)
class VisitDayAdmin(admin.ModelAdmin):
    """Daily counts, read-only: they are written only by page views."""

    list_display = ["date", "count"]
    date_hierarchy = "date"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
