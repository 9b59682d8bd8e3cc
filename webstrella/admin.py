"""The admin site of the register: staff-only, with a second factor when required."""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm


class RegisterAdminSite(AdminSite):
    """Django's admin site, requiring a verified TOTP device when ADMIN_REQUIRE_OTP is on.

    Register description, section 6: only predefined persons reach the data. A password
    alone is not enough for that in production.
    """

    site_header = _("Webstrella customer register")
    site_title = "Webstrella"
    index_title = _("Customer register")

    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.ADMIN_REQUIRE_OTP else None

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.ADMIN_REQUIRE_OTP else None

    def autocomplete_view(self, request):
        # Every choice-field search of a person's data leaves an audit entry.
        from privacy.audit.autocomplete import AuditedAutocompleteJsonView

        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def has_permission(self, request) -> bool:
        allowed = super().has_permission(request)
        if allowed and settings.ADMIN_REQUIRE_OTP:
            return request.user.is_verified()
        return allowed
