"""django-axes: the handler that treats usernames as the lockout counts them, and the
lockout page."""

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .groups import axes_username


class RegisterAxesHandler(AxesDatabaseHandler):
    """Attempts are stored under the normalised username (see `axes_username`), so the
    unlock commands normalise the name they are given too: `axes_reset_username Ville`
    unlocks the attempts counted for "ville"."""

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        if username is not None:
            username = axes_username(None, {"username": username})
        return super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The lockout page, in the admin's look and with the admin's context.

    Unlike axes' own rendering, the username is left out of the context: the page does not
    show it, and a template's debug log of a context must not carry it.
    """
    from django.contrib import admin

    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in temporarily locked"),
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else 0,
    }
    return render(request, "axes/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
