"""The privacy app's admin pages, registered by the room of each concern."""

from .audit import admin as audit_admin  # noqa: F401
from .description import admin as description_admin  # noqa: F401
from .lifecycle import admin as lifecycle_admin  # noqa: F401
from .requests import admin as requests_admin  # noqa: F401
from .visits import admin as visits_admin  # noqa: F401
