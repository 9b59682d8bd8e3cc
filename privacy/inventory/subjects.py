"""Whose data a row is: the one rule that gathers a data subject's rows from every model.

A person's data is, model by model as the declarations relate it:

- the rows confirmed as theirs (their person row, a row found by name and address);
- rows *about* them: reached from their person row by a person path;
- rows of their *own customer relationships*: customers that are private persons and
  either confirmed or having them as the person (a company's rows are nobody's personal
  data, so they reach a person only by the two other ways). A row of such a customer that
  is about another person (another contact person's email) stays out;
- rows holding an identifier value confirmed as theirs (an order's billing email);
- rows that are part of a row already gathered (an order's lines).

GDPR Art. 15(4): the copy must not adversely affect the rights of others. This rule is why a
company's second contact person gets their own role and the orders billed to their email,
but not the company's other orders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from .declarations import (
    SELF,
    Declaration,
    IdentifierKind,
    Registry,
    is_customer_model,
    is_person_model,
    path_field,
    registry,
)
from .discovery import rows_with_value


@dataclass(frozen=True)
class Subject:
    """What was confirmed as one data subject's: rows by model, and identifier values.

    `rows` maps a model's label_lower to the primary keys confirmed; `identifiers` holds
    (IdentifierKind key, normalised value) pairs.
    """

    rows: Mapping[str, frozenset] = field(default_factory=dict)
    identifiers: frozenset[tuple[str, str]] = frozenset()

    def confirmed(self, declaration: Declaration) -> frozenset:
        return self.rows.get(declaration.label_lower, frozenset())

    @property
    def is_empty(self) -> bool:
        return not self.identifiers and not any(self.rows.values())


def _in(path: str, values) -> Q:
    return Q(pk__in=values) if path == SELF else Q(**{f"{path}__in": values})


def _person_foreign_keys(declaration: Declaration) -> list[str]:
    """The person paths that end at a foreign key to a person, the model's own or another row's.

    `SELF` names no field, so it is none of them.
    """
    names = []
    for path in declaration.person_paths:
        found = path_field(declaration.model, path)
        if found is not None and found.many_to_one:
            names.append(path)
    return names


def _ordered(registry: Registry) -> list[Declaration]:
    """Every declaration, each after the one it is part of."""
    ordered: list[Declaration] = []
    pending = list(registry.all())
    while pending:
        progress = False
        for declaration in list(pending):
            parent = _parent(declaration, registry)
            if parent is None or parent in ordered or parent not in pending:
                ordered.append(declaration)
                pending.remove(declaration)
                progress = True
        if not progress:  # a cycle; the system check reports it
            ordered.extend(pending)
            break
    return ordered


def _parent(declaration: Declaration, registry: Registry) -> Declaration | None:
    if not declaration.part_of:
        return None
    found = path_field(declaration.model, declaration.part_of)
    if found is None or not found.is_relation:
        return None
    return registry.for_model(found.related_model)


@dataclass(frozen=True)
class SubjectRows:
    declaration: Declaration
    rows: models.QuerySet
    persons: frozenset  # the subject's person ids, to tell them from other people


def own_customer_ids(subject: Subject, *, registry: Registry = registry) -> frozenset:
    """The private-person customers that are the subject's own."""
    customers = registry.for_customer_model()
    persons = registry.for_person_model()
    if customers is None or customers.natural_person is None:
        return frozenset()
    person_ids = subject.confirmed(persons) if persons else frozenset()
    reached = Q(pk__in=subject.confirmed(customers))
    for path in customers.person_paths:
        reached |= _in(path, person_ids)
    manager = customers.model._default_manager
    return frozenset(
        manager.filter(customers.natural_person & reached).values_list("pk", flat=True)
    )


def rows_of_subject(subject: Subject, *, registry: Registry = registry) -> list[SubjectRows]:
    """Every declared model's rows of the subject, in the order of `registry.all()`.

    The querysets are lazy; each holds a row once.
    """
    persons_declaration = registry.for_person_model()
    customers = own_customer_ids(subject, registry=registry)
    persons = frozenset()
    if persons_declaration is not None:
        # The persons confirmed, and the persons who are the own customers (a private
        # customer's primary contact).
        reached = Q(pk__in=subject.confirmed(persons_declaration))
        for path in persons_declaration.customer_paths:
            reached |= _in(path, customers)
        manager = persons_declaration.model._default_manager
        persons = frozenset(manager.filter(reached).values_list("pk", flat=True))
    gathered: dict[Declaration, models.QuerySet] = {}

    for declaration in _ordered(registry):
        manager = declaration.model._default_manager
        condition = Q(pk__in=[])
        if is_person_model(declaration.model):
            condition |= Q(pk__in=persons)
        elif is_customer_model(declaration.model):
            condition |= Q(pk__in=customers)
        else:
            condition |= Q(pk__in=subject.confirmed(declaration))
        for path in declaration.person_paths:
            condition |= _in(path, persons)
        about_nobody_else = Q()
        for name in _person_foreign_keys(declaration):
            about_nobody_else &= Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__in": persons})
        for path in declaration.customer_paths:
            condition |= _in(path, customers) & about_nobody_else
        if not (is_person_model(declaration.model) or is_customer_model(declaration.model)):
            for identifier in declaration.identifiers:
                for kind_key, value in subject.identifiers:
                    if identifier.kind is IdentifierKind.NAME_AND_ADDRESS:
                        continue
                    if kind_key == identifier.kind.key:
                        matching = rows_with_value(declaration, identifier, value)
                        # The ids, not a subquery: within OR, a subquery makes PostgreSQL
                        # test every row of the table, where a list of ids uses the index.
                        condition |= Q(pk__in=list(matching.values_list("pk", flat=True)))
        parent = _parent(declaration, registry)
        if parent is not None and parent in gathered:
            parents = list(gathered[parent].values_list("pk", flat=True))
            condition |= Q(**{f"{declaration.part_of}__in": parents})
        gathered[declaration] = manager.filter(condition).distinct()

    return [
        SubjectRows(declaration, gathered[declaration], persons) for declaration in registry.all()
    ]
