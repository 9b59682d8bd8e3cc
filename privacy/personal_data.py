"""Personal data of the privacy app's own models."""

from .inventory import registry

registry.exempt(
    "privacy.RegisterDescription",
    reason=(
        "Names the controller and its person in charge of register matters, published on "
        "purpose; no data subject of the register."
    ),
)

registry.exempt(
    "privacy.AuditEntry",
    reason=(
        "Records what staff did and from which address: data about employees' use of the "
        "register, kept for its security, not data of the register's customers."
    ),
)
