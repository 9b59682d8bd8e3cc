"""System checks that keep the personal-data inventory and the models in step.

The register description is generated from the inventory, so a model or field that holds
personal data without a declaration would silently be missing from the published text.
"""

import re
import sys
from pathlib import Path

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.core.checks import Error
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .declarations import (
    SELF,
    ErasureAction,
    IdentifierKind,
    Registry,
    customer_model_label,
    is_customer_model,
    path_field,
    path_target,
    person_model_label,
)
from .declarations import registry as default_registry

# Message ids, all in one place.
UNDECLARED_MODEL = "privacy.E001"  # holds personal data, neither declared nor exempt
UNKNOWN_FIELD = "privacy.E002"  # a declaration names a field the model does not have
UNDECLARED_FIELD = "privacy.E003"  # a personal-looking field is missing from the declaration
BROKEN_LOOKUP_PATH = "privacy.E004"  # a contact/customer path does not reach its model
BROKEN_RETENTION_DATE = "privacy.E005"  # retention counted from something not a date
REACHES_NO_SUBJECT = "privacy.E006"  # no path, part or identifier relates a row to a person
NO_ERASURE_POLICY = "privacy.E007"  # no erasure policy, or one naming unknown fields

BROKEN_IDENTIFIER = "privacy.E009"  # an identifier names a field the model does not have
NO_NATURAL_PERSON_RULE = "privacy.E010"  # the customer model does not say who is a person
# lacks what the privacy notice must say: a legal basis, whether the data must be given, recipients
MISSING_NOTICE_ITEM = "privacy.E011"

# What makes a field personal by its name, word by word ("billing_street_address" is the
# words billing, street, address). Bare "name" is not among them: products have names too.
_CONTACT_WORDS = {
    "email",
    "emails",
    "phone",
    "phones",
    "mobile",
    "address",
    "addresses",
    "street",
    "postcode",
    "zip",
    "city",
    "ip",
    "person",
    "hetu",
    "ssn",
    "birthday",
    "birthdate",
}
# "<word>_name" names a person when the word is one of these: first_name, billing_name.
_PERSON_NAME_WORDS = {
    "first",
    "last",
    "full",
    "given",
    "family",
    "sur",
    "middle",
    "billing",
    "requester",
    "contact",
    "customer",
    "recipient",
    "sender",
    "holder",
    "signer",
    "person",
}
_PERSONAL_SUFFIXES = ("postal_code", "surname")


def _subject_models() -> set[str]:
    return {person_model_label().lower(), customer_model_label().lower()}


def _label_lower(model) -> str:
    if isinstance(model, str):
        return model.lower()
    return model._meta.label_lower


def is_personal_field(field: models.Field) -> bool:
    """Whether a field names or contacts a person, or links a row to one."""
    if field.is_relation:
        return field.related_model is not None and (
            _label_lower(field.related_model) in _subject_models()
        )
    if isinstance(field, models.EmailField | models.GenericIPAddressField):
        return True
    words = re.split(r"_+", field.name.lower())
    if _CONTACT_WORDS.intersection(words) or field.name.lower().endswith(_PERSONAL_SUFFIXES):
        return True
    return len(words) >= 2 and words[-1] == "name" and words[-2] in _PERSON_NAME_WORDS


def personal_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own fields that look personal (inherited ones belong to the parent)."""
    opts = model._meta
    return [f for f in [*opts.local_fields, *opts.local_many_to_many] if is_personal_field(f)]


def is_project_app(app_config: AppConfig) -> bool:
    """An app of this project: under BASE_DIR, and not installed into the environment."""
    path = Path(app_config.path).resolve()
    if not path.is_relative_to(Path(settings.BASE_DIR).resolve()):
        return False
    return not path.is_relative_to(Path(sys.prefix).resolve()) and "site-packages" not in (
        path.parts
    )


def _skipped(model: type[models.Model]) -> bool:
    # Proxies share their concrete model's table and declaration; unmanaged models are views
    # or foreign tables described where they are managed; auto-created many-to-many tables
    # are covered by the field that creates them.
    opts = model._meta
    return opts.abstract or opts.proxy or not opts.managed or opts.auto_created or opts.swapped


def check_personal_data_inventory(app_configs=None, registry: Registry | None = None, **kwargs):
    """Every project model holding personal data is declared, and every declaration is true."""
    registry = registry or default_registry
    if app_configs is None:
        app_configs = global_apps.get_app_configs()
    labels = {app_config.label for app_config in app_configs}
    errors = []
    for declaration in registry.all():
        if declaration.model._meta.app_label in labels:
            errors.extend(_check_declaration(declaration, registry))
    for app_config in app_configs:
        if not is_project_app(app_config):
            continue
        for model in app_config.get_models():
            if _skipped(model) or registry.is_exempt(model) or registry.for_model(model):
                continue
            errors.extend(_check_undeclared_model(model))
    return errors


def _check_undeclared_model(model: type[models.Model]) -> list[Error]:
    fields = personal_fields(model)
    if not fields:
        return []
    return [
        Error(
            f"{model._meta.label} holds personal data ({', '.join(f.name for f in fields)}) "
            "but is not in the personal-data inventory.",
            hint=(
                f"Declare it in {model._meta.app_label}/personal_data.py with "
                "privacy.inventory.registry.register(Declaration(...)), or exempt it with "
                "registry.exempt(...) if it holds no data subject's data."
            ),
            obj=model,
            id=UNDECLARED_MODEL,
        )
    ]


def _is_concrete_field(model, name: str) -> bool:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return not (found.auto_created and not found.concrete)


def _check_erasure(declaration) -> list[Error]:
    model = declaration.model
    erasure = declaration.erasure
    if erasure is None:
        return [
            Error(
                f"The personal-data declaration of {model._meta.label} has no erasure policy.",
                hint=(
                    "Give erasure=Erasure.delete(), Erasure.anonymise(fields...) or "
                    "Erasure.keep_until_retention_ends(law=...)."
                ),
                obj=model,
                id=NO_ERASURE_POLICY,
            )
        ]
    errors = []
    if erasure.action is ErasureAction.ANONYMISE:
        for name in erasure.fields:
            if not _is_concrete_field(model, name):
                errors.append(
                    Error(
                        f"The erasure policy of {model._meta.label} anonymises '{name}', which "
                        "the model does not have.",
                        obj=model,
                        id=NO_ERASURE_POLICY,
                    )
                )
            elif name not in declaration.field_names:
                errors.append(
                    Error(
                        f"The erasure policy of {model._meta.label} anonymises '{name}', which "
                        "is not a declared personal-data field.",
                        obj=model,
                        id=NO_ERASURE_POLICY,
                    )
                )
    if (
        erasure.action is ErasureAction.KEEP_THEN_DELETE
        and declaration.retention.counted_from is None
    ):
        errors.append(
            Error(
                f"{model._meta.label} is kept until its retention ends, but its retention is "
                "not counted from a date on the row.",
                obj=model,
                id=NO_ERASURE_POLICY,
            )
        )
    return errors


def _check_declaration(declaration, registry: Registry) -> list[Error]:
    model = declaration.model
    errors = []
    declared = set(declaration.field_names)
    for name in declaration.field_names:
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            found = None
        # Reverse relations are the other model's fields.
        if found is None or (found.auto_created and not found.concrete):
            errors.append(
                Error(
                    f"The personal-data declaration of {model._meta.label} names the field "
                    f"'{name}', which the model does not have.",
                    hint="Remove it from the declaration or correct its name.",
                    obj=model,
                    id=UNKNOWN_FIELD,
                )
            )
    for field in personal_fields(model):
        if field.name not in declared:
            errors.append(
                Error(
                    f"{model._meta.label}.{field.name} looks like personal data but is not in "
                    "the model's personal-data declaration.",
                    hint="Add it to the declaration's fields, with its Finnish and English label.",
                    obj=model,
                    id=UNDECLARED_FIELD,
                )
            )
    for paths, target in (
        (declaration.person_paths, person_model_label()),
        (declaration.customer_paths, customer_model_label()),
    ):
        for path in paths:
            reached = path_target(model, path)
            if reached is None or _label_lower(reached) != target.lower():
                errors.append(
                    Error(
                        f"The lookup path '{path}' of {model._meta.label} does not lead to "
                        f"{target}.",
                        hint=(
                            f"Use field names joined by '__' that end at {target}, or "
                            f"'{SELF}' on {target} itself."
                        ),
                        obj=model,
                        id=BROKEN_LOOKUP_PATH,
                    )
                )
    if declaration.part_of:
        reached = path_target(model, declaration.part_of)
        if reached is None or registry.for_model(reached) is None:
            errors.append(
                Error(
                    f"{model._meta.label} is declared part of '{declaration.part_of}', which "
                    "does not lead to a declared model.",
                    hint="Name the foreign key to the declared model whose rows hold these.",
                    obj=model,
                    id=BROKEN_LOOKUP_PATH,
                )
            )
    if not declaration.reaches_a_person:
        errors.append(
            Error(
                f"The personal-data declaration of {model._meta.label} does not say whose data "
                "its rows are.",
                hint=(
                    "Give person_paths, customer_paths, part_of or identifiers, so that a "
                    "person's requests find these rows."
                ),
                obj=model,
                id=REACHES_NO_SUBJECT,
            )
        )
    for identifier in declaration.identifiers:
        for name in identifier.fields:
            if not _is_concrete_field(model, name):
                errors.append(
                    Error(
                        f"An identifier ({identifier.kind.key}) of {model._meta.label} names "
                        f"the field '{name}', which the model does not have.",
                        obj=model,
                        id=BROKEN_IDENTIFIER,
                    )
                )
        if identifier.is_list and identifier.kind is IdentifierKind.NAME_AND_ADDRESS:
            errors.append(
                Error(
                    f"A name with an address of {model._meta.label} cannot be a list.",
                    obj=model,
                    id=BROKEN_IDENTIFIER,
                )
            )
    errors.extend(_check_erasure(declaration))
    errors.extend(_check_notice_items(declaration))
    if is_customer_model(model) and declaration.natural_person is None:
        errors.append(
            Error(
                f"The declaration of {model._meta.label} does not say which customers are "
                "private persons.",
                hint="Give natural_person=Q(...): their customer data is their own.",
                obj=model,
                id=NO_NATURAL_PERSON_RULE,
            )
        )
    counted_from = declaration.retention.counted_from
    if counted_from is None and declaration.retention.ended_before is None:
        errors.append(
            Error(
                f"The retention of {model._meta.label} runs from an event no field records, "
                "and nothing computes it: its rows would be kept forever.",
                hint="Give the Retention ended_before=callable(rows, cutoff).",
                obj=model,
                id=BROKEN_RETENTION_DATE,
            )
        )
    if counted_from is not None:
        found = path_field(model, counted_from)
        if not isinstance(found, models.DateField):
            errors.append(
                Error(
                    f"The retention of {model._meta.label} is counted from '{counted_from}', "
                    "which is not a date or datetime field.",
                    obj=model,
                    id=BROKEN_RETENTION_DATE,
                )
            )
    return errors


def _check_notice_items(declaration) -> list[Error]:
    """What the privacy notice (GDPR Art. 13 and 14) says of these rows must be declared."""
    model = declaration.model
    missing = []
    if not declaration.bases:
        missing.append(
            (
                "has no purpose with its legal basis (GDPR Art. 13(1)(c))",
                "Give bases=[PurposeBasis(purpose=Text(...), basis=LegalBasis.CONTRACT), ...].",
            )
        )
    if declaration.requirement is None:
        missing.append(
            (
                "does not say whether the data must be given and what follows if it is not "
                "(GDPR Art. 13(2)(e))",
                "Give requirement=Requirement(kind=RequirementKind..., consequence=Text(...)).",
            )
        )
    if not declaration.disclosures:
        missing.append(
            (
                "names no recipients (GDPR Art. 13(1)(e))",
                "Give disclosures=[Disclosure(...)], or the default that says when data is "
                "disclosed at all.",
            )
        )
    return [
        Error(
            f"The personal-data declaration of {model._meta.label} {what}.",
            hint=hint,
            obj=model,
            id=MISSING_NOTICE_ITEM,
        )
        for what, hint in missing
    ]
