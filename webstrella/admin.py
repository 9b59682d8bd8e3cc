"""The admin site of the register: staff-only, with a second factor when required.

Besides Django's, the site holds the rules every admin page shares, third-party ones
included: one answer to a wrong password or code, wrong old passwords counted as failed
sign-ins, query strings checked before the database, lists filtered only as they offer,
and autocomplete searches of personal data in the audit log.
"""

import types
from functools import wraps

from django.conf import settings
from django.contrib.admin import AdminSite, ModelAdmin
from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth import authenticate, logout
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminAuthenticationForm

from .admin_inputs import OfferedFiltersOnlyMixin, checked_query


class StaffSignInForm(OTPAdminAuthenticationForm):
    """Username, password and a code, answered as one: a wrong code after a right password
    gets the same message as a wrong password, and counts as a failed sign-in too.

    django-otp's form answers differently (a message about the code, the person's devices
    listed), which tells whoever is guessing that the password was right. The code's shape
    says which factor it is: as many digits as the authenticator gives, or a recovery code.
    """

    error_messages = {
        **OTPAdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter the correct username, password and code of a staff account. "
            "Note that the password is case-sensitive."
        ),
    }

    def clean_otp(self, user):
        if user is not None and not self.cleaned_data.get("otp_device"):
            device = _device_for_code(user, self.cleaned_data.get("otp_token") or "")
            if device is not None:
                self.cleaned_data["otp_device"] = device.persistent_id
        return super().clean_otp(user)

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if self.user_cache is not None:
                # The password was right, so authenticate() counted nothing: django-axes
                # counts this failure as it counts a wrong password.
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": self.cleaned_data.get("username")},
                    request=self.request,
                )
                self.user_cache = None
            raise ValidationError(
                self.error_messages["invalid_login"], code="invalid_login"
            ) from None


def _device_for_code(user, code: str):
    from django_otp import devices_for_user
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = code.strip()
    devices = list(devices_for_user(user))
    for device in devices:
        if isinstance(device, TOTPDevice) and code.isdecimal() and len(code) == device.digits:
            return device
    for device in devices:
        if isinstance(device, StaticDevice):
            return device
    return None


class CountedPasswordChangeForm(AdminPasswordChangeForm):
    """Checks the old password by signing in with it, so that django-axes counts a wrong one
    as a failed sign-in and refuses even the right one while the account is locked out.

    Otherwise a session left open on someone's desk would let the old password be guessed
    without limit.
    """

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        signed_in = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if signed_in is None or signed_in.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class CountedPasswordChangeView(PasswordChangeView):
    form_class = CountedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            # The lockout page follows (django-axes' middleware); the session ends with it.
            logout(self.request)
        return super().form_invalid(form)


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
        return StaffSignInForm if settings.ADMIN_REQUIRE_OTP else None

    @property
    def login_template(self):
        return "otp/admin111/login.html" if settings.ADMIN_REQUIRE_OTP else None

    def register(self, model_or_iterable, admin_class=None, **options):
        # Django's own and third-party admins too: lists take only the filters they offer.
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, OfferedFiltersOnlyMixin):
            admin_class = types.new_class(
                admin_class.__name__,
                (OfferedFiltersOnlyMixin, admin_class),
                exec_body=lambda body: body.update(__module__=admin_class.__module__),
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

    def password_change(self, request, extra_context=None):
        request.current_app = self.name
        view = CountedPasswordChangeView.as_view(
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )
        return view(request)

    def autocomplete_view(self, request):
        # Every choice-field search of a person's data leaves an audit entry.
        from privacy.audit.autocomplete import AuditedAutocompleteJsonView

        return AuditedAutocompleteJsonView.as_view(admin_site=self)(request)

    def has_permission(self, request) -> bool:
        allowed = super().has_permission(request)
        if allowed and settings.ADMIN_REQUIRE_OTP:
            return request.user.is_verified()
        return allowed
