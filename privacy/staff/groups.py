"""The staff groups, and the login-attempt identity used by django-axes.

What each group may do is set by data migrations (`privacy/migrations/_staff_groups.py`
holds the grants as each migration saw them); the README's table of roles lists them.
"""

from django.utils.translation import gettext_lazy as _

CUSTOMER_SERVICE = "Customer service"
SALES = "Sales"
PRIVACY_OFFICER = "Privacy officer"

# Display names of the groups, for the admin; the stored names stay in English so that
# code and migrations can refer to them.
GROUP_LABELS = {
    CUSTOMER_SERVICE: _("Customer service"),
    SALES: _("Sales"),
    PRIVACY_OFFICER: _("Privacy officer"),
}


def axes_username(request, credentials) -> str | None:
    """The username django-axes counts failures for.

    Usernames are compared case-insensitively and without surrounding spaces, so that
    "Admin " and "admin" share one failure counter and one lockout.
    """
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        username = request.POST.get("username")
    if username is None:
        return None
    return str(username).strip().casefold()
