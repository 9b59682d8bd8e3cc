"""The personal-data inventory: the one door to the personal data of the register."""

from .declarations import (
    CONTACT_MODEL,
    CUSTOMER_MODEL,
    DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,
    SELF,
    SOURCE_ORDERING_AND_SUPPORT,
    AlreadyRegistered,
    DataCategory,
    DataItem,
    Declaration,
    Registry,
    Retention,
    Text,
    path_field,
    path_target,
    registry,
)

__all__ = [
    "CONTACT_MODEL",
    "CUSTOMER_MODEL",
    "DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW",
    "SELF",
    "SOURCE_ORDERING_AND_SUPPORT",
    "AlreadyRegistered",
    "DataCategory",
    "DataItem",
    "Declaration",
    "Registry",
    "Retention",
    "Text",
    "path_field",
    "path_target",
    "registry",
]
