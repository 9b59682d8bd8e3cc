"""Who among the staff is a privacy officer."""

from django.contrib.auth import get_user_model

from .groups import PRIVACY_OFFICER


def is_privacy_officer(user) -> bool:
    """Whether a user may handle access requests: a superuser or a privacy officer.

    Remembered on the user object: the admin asks several times on every page.
    """
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_privacy_officer", None)
    if cached is None:
        cached = user.groups.filter(name=PRIVACY_OFFICER).exists()
        user._is_privacy_officer = cached
    return cached


def privacy_officer_emails() -> list[str]:
    """Addresses of the active members of the "Privacy officer" group."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name=PRIVACY_OFFICER)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
