"""The personal-data inventory: the one door to the personal data of the register.

Each app declares its models in a `personal_data` module (`declarations`); discovery
finds a requester's candidates by the declared identifiers (`discovery`), and the rows of
a confirmed data subject are collected by one rule (`subjects`).
"""

from .declarations import (
    DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,
    SELF,
    SOURCE_ORDERING_AND_SUPPORT,
    AlreadyRegistered,
    AutomatedProcessing,
    DataCategory,
    DataItem,
    Declaration,
    Disclosure,
    Erasure,
    ErasureAction,
    Identifier,
    IdentifierKind,
    Registry,
    Retention,
    Text,
    customer_model_label,
    is_customer_model,
    is_person_model,
    path_field,
    path_target,
    person_model_label,
    registry,
)

__all__ = [
    "DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW",
    "SELF",
    "SOURCE_ORDERING_AND_SUPPORT",
    "AlreadyRegistered",
    "AutomatedProcessing",
    "DataCategory",
    "DataItem",
    "Declaration",
    "Disclosure",
    "Erasure",
    "ErasureAction",
    "Identifier",
    "IdentifierKind",
    "Registry",
    "Retention",
    "Text",
    "customer_model_label",
    "is_customer_model",
    "is_person_model",
    "path_field",
    "path_target",
    "person_model_label",
    "registry",
]
