from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OTPStaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPConfig


class RegisterAdminConfig(AdminConfig):
    default_site = "webstrella.admin.RegisterAdminSite"


class WebstrellaConfig(AppConfig):
    """The project shell as an app of its own, so that its management commands are found.

    RegisterAdminConfig above stands in for django.contrib.admin and carries that app's
    name; Django looks for commands under an app's name, so it cannot carry these.
    """

    name = "webstrella"


# The third-party apps under names staff read on the admin index, in their language; the
# packages give only their labels ("AXES", "OTP_TOTP").
class SignInLockoutConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockout")


class AuthenticatorAppsConfig(OTPTOTPConfig):
    verbose_name = _("Authenticator apps")


class RecoveryCodesConfig(OTPStaticConfig):
    verbose_name = _("Recovery codes")
