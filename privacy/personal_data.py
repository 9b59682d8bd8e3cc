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

# Access requests are the controller's record of how a data subject's own request under
# GDPR Art. 15 was handled (Art. 5(2) accountability), not contents of the customer
# register that section 3 of the register description lists.
registry.exempt(
    "privacy.AccessRequest",
    reason=(
        "Holds what a requester wrote in their access-request letter, to handle and document "
        "that request; a record of the controller's duties, not customer-register data."
    ),
)
registry.exempt(
    "privacy.AccessRequestScan",
    reason=(
        "The scanned letters of an access request, kept as records of how the request was "
        "handled; a record of the controller's duties, not customer-register data."
    ),
)
registry.exempt(
    "privacy.AccessRequestMatch",
    reason=(
        "Links an access request to the contacts and customers found for it, to show which "
        "data the answer covered; holds no data of its own."
    ),
)
