"""The admin site of the register: staff-only, with a second factor when required."""

import types
from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm

from .admin_inputs import OfferedFiltersOnlyMixin, checked_query


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

    def register(self, model_or_iterable, admin_class=None, **options):
        # Django's own and third-party admins too: lists take only the filters they offer.
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, OfferedFiltersOnlyMixin):
            admin_class = types.new_class(
                admin_class.__name__, (OfferedFiltersOnlyMixin, admin_class)
            )
        super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        # Every admin page, Django's and third-party ones too: the query string reaches the
        # database only as it can take it (see `checked_query`).
        @wraps(protected)
        def inner(request, *args, **kwargs):
            request.GET = checked_query(request.GET)
            return protected(request, *args, **kwargs)

        return inner

    def autocomplete_view(self, request):
        # Every choice-field search of a person's data leaves an audit entry.
        from privacy.audit.autocomplete import AuditedAutocompleteJsonView

        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def has_permission(self, request) -> bool:
        allowed = super().has_permission(request)
        if allowed and settings.ADMIN_REQUIRE_OTP:
            return request.user.is_verified()
        return allowed
