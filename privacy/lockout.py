"""django-axes handler that treats usernames as the lockout counts them."""

from axes.handlers.database import AxesDatabaseHandler

from .access import axes_username


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
