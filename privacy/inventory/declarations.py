"""The personal-data inventory: which models hold whose personal data, and why.

Every privacy feature works from this registry: the register description (rekisteriseloste)
lists its categories and data items, access requests follow its lookup paths to find a
person's rows, and retention uses its periods. Each app declares its models in a
`personal_data` module, which `PrivacyConfig.ready()` imports; the system checks in
`privacy.checks` report any model that holds personal data without a declaration.

Languages: the Finnish wording of the published register description is legal text and is
kept here as data, so it renders word for word and no translation file can change it. The
English wording sits next to it as a second explicit string rather than a `gettext_lazy`
message: it is only ever shown on the English page, and a message catalogue would only give
translators a way to turn it back into Finnish that differs from the legal text.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import translation

# A lookup path naming the row itself, for the person and customer models.
SELF = "pk"


def person_model_label() -> str:
    """The model of the data subjects, "app_label.ModelName" (like AUTH_USER_MODEL)."""
    return settings.PRIVACY_PERSON_MODEL


def customer_model_label() -> str:
    """The model of customer relationships, whose private persons' data is their own."""
    return settings.PRIVACY_CUSTOMER_MODEL


def is_person_model(model: type[models.Model] | str) -> bool:
    return _label_lower(model) == person_model_label().lower()


def is_customer_model(model: type[models.Model] | str) -> bool:
    return _label_lower(model) == customer_model_label().lower()


def _language(language: str | None) -> str:
    """'fi' or 'en'; None means the active language."""
    language = (language or translation.get_language() or "fi").lower()
    return "fi" if language.startswith("fi") else "en"


@dataclass(frozen=True)
class Text:
    """A piece of wording in Finnish and English."""

    fi: str
    en: str

    def __post_init__(self) -> None:
        if not self.fi.strip() or not self.en.strip():
            raise ImproperlyConfigured(f"Both the Finnish and English wording are needed: {self}")

    def in_language(self, language: str | None = None) -> str:
        return self.fi if _language(language) == "fi" else self.en

    def __str__(self) -> str:
        return self.in_language()


class DataCategory(Enum):
    """The data categories of section 3 of the register description, in its order.

    `key` is stable and is stored in published descriptions; `name_fi` is the published
    wording character for character, including its punctuation.
    """

    CONTACT_DETAILS = ("contact_details", "Yhteystiedot", "Contact details")
    ANALYTICS = (
        "analytics",
        "Tapahtuma-, ja käyttäjäanalyysitiedot",
        "Event and user analytics data",
    )
    CUSTOMER_RELATIONSHIP = (
        "customer_relationship",
        "Asiakkuuteen liittyvät tiedot",
        "Data related to the customer relationship",
    )
    SUPPORT_EMAIL = (
        "support_email",
        "Asiakaspalvelutilanteisiin sähköpostilla liittyvä viestinnän tallennus",
        "Recording of email communication in customer-service situations",
    )
    ORDERS = ("orders", "Asiakas / tilausrekisteri", "Customer / order register")

    def __init__(self, key: str, name_fi: str, name_en: str) -> None:
        self.key = key
        self.name_fi = name_fi
        self.name_en = name_en

    @classmethod
    def from_key(cls, key: str) -> DataCategory:
        for category in cls:
            if category.key == key:
                return category
        raise KeyError(key)

    @property
    def number(self) -> int:
        """Position in section 3, from 1."""
        return list(type(self)).index(self) + 1

    def label(self, language: str | None = None) -> str:
        return self.name_fi if _language(language) == "fi" else self.name_en


# Section 4 of the register description: the regular sources of data.
SOURCE_ORDERING_AND_SUPPORT = Text(
    fi=(
        "Henkilötietoja kerätään käyttäjältä palvelun tai tuotteen tilaamisen ja "
        "asiakaspalvelutilanteiden yhteydessä."
    ),
    en=(
        "Collected from the user when a service or product is ordered and in "
        "customer-service situations."
    ),
)


@dataclass(frozen=True)
class Disclosure:
    """A regular disclosure of a model's data (section 5 of the register description).

    `recipients` names the recipients by category (GDPR Art. 15(1)(c)). A recipient outside
    the EU and the EEA is a transfer to a third country (Chapter V), which the answer to an
    access request states with its safeguard (Art. 15(2)): an adequacy decision (Art. 45),
    appropriate safeguards such as standard contractual clauses (Art. 46) or a derogation
    (Art. 49).
    """

    text: Text
    recipients: Text
    outside_eea: bool = False
    safeguard: Text | None = None

    def __post_init__(self) -> None:
        if self.outside_eea and self.safeguard is None:
            raise ImproperlyConfigured(
                f"A transfer outside the EEA needs its safeguard (GDPR Art. 44-49): {self.text}"
            )
        if not self.outside_eea and self.safeguard is not None:
            raise ImproperlyConfigured(f"A safeguard is for transfers outside the EEA: {self.text}")


# Section 5 of the register description: disclosures.
DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW = Disclosure(
    text=Text(
        fi=(
            "Ellei lainsäädäntö siihen pakota, tietoja ei luovuteta ilman lupaa kolmannelle "
            "osapuolelle, ellei se ole tarpeen tilauksen käsittelemiseksi."
        ),
        en=(
            "Unless the law requires it, not disclosed to a third party without permission, "
            "unless it is necessary for processing an order."
        ),
    ),
    recipients=Text(
        fi=(
            "viranomaiset, kun laki velvoittaa luovuttamaan tietoja, ja tilauksen "
            "käsittelyssä tarvittavat yhteistyökumppanit"
        ),
        en=(
            "authorities, where the law obliges us to disclose data, and the partners needed "
            "to process an order"
        ),
    ),
)


@dataclass(frozen=True)
class AutomatedProcessing:
    """What a model's data is processed for by automated means (GDPR Art. 15(1)(h), 22).

    `logic` says what is done automatically and how. `decides` is true for decisions based
    solely on automated processing, profiling included, that produce legal effects for the
    person or similarly significantly affect them (Art. 22(1)); those need `consequences`,
    the significance and the envisaged consequences for the person.
    """

    logic: Text
    decides: bool = False
    consequences: Text | None = None

    def __post_init__(self) -> None:
        if self.decides and self.consequences is None:
            raise ImproperlyConfigured(
                "An automated decision needs its significance and consequences (GDPR Art. "
                f"15(1)(h)): {self.logic}"
            )


class LegalBasis(Enum):
    """The lawful bases of processing, GDPR Art. 6(1)(a)-(f): (point, Finnish, English)."""

    CONSENT = ("a", "suostumus", "consent")
    CONTRACT = (
        "b",
        "sopimuksen täytäntöönpano tai sopimusta edeltävät toimenpiteet",
        "the performance of a contract, or steps taken before entering into one",
    )
    LEGAL_OBLIGATION = (
        "c",
        "rekisterinpitäjän lakisääteisen velvoitteen noudattaminen",
        "compliance with a legal obligation of the controller",
    )
    VITAL_INTERESTS = (
        "d",
        "rekisteröidyn tai toisen henkilön elintärkeiden etujen suojaaminen",
        "protecting the vital interests of the person or of another person",
    )
    PUBLIC_TASK = (
        "e",
        "yleistä etua koskeva tehtävä tai julkisen vallan käyttäminen",
        "a task carried out in the public interest or in the exercise of official authority",
    )
    LEGITIMATE_INTERESTS = (
        "f",
        "rekisterinpitäjän oikeutettu etu",
        "the legitimate interests of the controller",
    )

    def __init__(self, point: str, name_fi: str, name_en: str) -> None:
        self.point = point
        self.name_fi = name_fi
        self.name_en = name_en

    def label(self, language: str | None = None) -> str:
        return self.name_fi if _language(language) == "fi" else self.name_en

    def citation(self, language: str | None = None) -> str:
        if _language(language) == "fi":
            return f"tietosuoja-asetuksen 6 artiklan 1 kohdan {self.point} alakohta"
        return f"Article 6(1)({self.point}) of the Regulation"


@dataclass(frozen=True)
class PurposeBasis:
    """One purpose of processing with its lawful basis (GDPR Art. 13(1)(c)).

    The basis belongs to the purpose it justifies, not to the model: an order is processed
    under the contract and kept as a voucher under the Accounting Act, two purposes with two
    bases. A declaration lists each purpose its rows serve; its `purpose` stays the summary
    that the answer to an access request quotes.

    - `interest`: for legitimate interests, the interest pursued (Art. 13(1)(d));
    - `law`: for a legal obligation, the law that imposes it;
    - `withdrawal`: for consent, how the person withdraws it (Art. 7(3), 13(2)(c)).
    """

    purpose: Text
    basis: LegalBasis
    interest: Text | None = None
    law: Text | None = None
    withdrawal: Text | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.basis, LegalBasis):
            raise ImproperlyConfigured(f"The basis must be a LegalBasis: {self.purpose}")
        needed = {
            LegalBasis.LEGITIMATE_INTERESTS: ("interest", "the legitimate interest pursued"),
            LegalBasis.LEGAL_OBLIGATION: ("law", "the law that imposes the obligation"),
            LegalBasis.CONSENT: ("withdrawal", "how consent is withdrawn"),
        }
        for basis, (name, what) in needed.items():
            given = getattr(self, name) is not None
            if self.basis is basis and not given:
                raise ImproperlyConfigured(f"Processing based on {basis.name_en} needs {what}.")
            if self.basis is not basis and given:
                raise ImproperlyConfigured(
                    f"'{name}' is for processing based on {basis.name_en}: {self.purpose}"
                )


class RequirementKind(Enum):
    """Whether a person must give the data, GDPR Art. 13(2)(e): (key, Finnish, English)."""

    STATUTORY = (
        "statutory",
        "Tietojen antaminen on lakisääteinen vaatimus.",
        "Giving the data is a statutory requirement.",
    )
    CONTRACTUAL = (
        "contractual",
        "Tietojen antaminen on sopimukseen perustuva vaatimus.",
        "Giving the data is a contractual requirement.",
    )
    NEEDED_FOR_CONTRACT = (
        "needed_for_contract",
        "Tietojen antaminen on edellytys sopimuksen tekemiselle.",
        "Giving the data is a requirement necessary to enter into a contract.",
    )
    VOLUNTARY = (
        "voluntary",
        "Tietojen antaminen ei ole lakisääteinen eikä sopimukseen perustuva vaatimus.",
        "Giving the data is neither a statutory nor a contractual requirement.",
    )

    def __init__(self, key: str, text_fi: str, text_en: str) -> None:
        self.key = key
        self.text_fi = text_fi
        self.text_en = text_en

    def text(self, language: str | None = None) -> str:
        return self.text_fi if _language(language) == "fi" else self.text_en


@dataclass(frozen=True)
class Requirement:
    """Whether the person must give the data, and what follows if they do not (13(2)(e))."""

    kind: RequirementKind
    consequence: Text

    def __post_init__(self) -> None:
        if not isinstance(self.kind, RequirementKind):
            raise ImproperlyConfigured(f"The kind must be a RequirementKind: {self.consequence}")


def _months_before(day: date, months: int) -> date:
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retention:
    """How long rows are kept.

    `months` runs from the date at `counted_from`, a lookup path from the declared model to
    a date or datetime field (it may cross relations: "order__ordered_at"). With
    `from_end_of_year` the period starts at the end of that date's calendar year, as the
    Accounting Act counts it. `counted_from=None` means the period runs from an event that
    no single date on the row records (the text says which); `ended_before(rows, cutoff)`
    then computes it, returning the rows whose event lies before `cutoff`.
    """

    text: Text
    months: int
    counted_from: str | None
    from_end_of_year: bool = False
    ended_before: Callable[[models.QuerySet, date], models.QuerySet] | None = None

    def __post_init__(self) -> None:
        if self.months <= 0:
            raise ImproperlyConfigured(f"A retention period must be positive: {self.months}")

    def expired(self, rows: models.QuerySet, today: date) -> models.QuerySet:
        """The rows of `rows` whose period has ended by `today`."""
        cutoff = self.cutoff(today)
        if self.counted_from is None:
            # Without a way to compute its event nothing expires; the system check says so.
            return rows.none() if self.ended_before is None else self.ended_before(rows, cutoff)
        field = path_field(rows.model, self.counted_from)
        lookup = "date__lt" if isinstance(field, models.DateTimeField) else "lt"
        return rows.filter(**{f"{self.counted_from}__{lookup}": cutoff})

    def erasable_from(self, start: date) -> date:
        """The first day a row whose period starts on `start` may be erased."""
        if isinstance(start, datetime):
            start = start.date()
        if self.from_end_of_year:
            return _months_before(date(start.year + 1, 1, 1), -self.months)
        return _months_before(start, -self.months) + timedelta(days=1)

    def cutoff(self, today: date) -> date:
        """Rows whose `counted_from` date is before this day may be erased on `today`."""
        start = _months_before(today, self.months)
        if self.from_end_of_year:
            # Kept until the end of its year plus the period: a date in year Y may go once
            # Y's last day lies before `start`, i.e. when Y is before start's year.
            return date(start.year, 1, 1)
        return start


@dataclass(frozen=True)
class DataItem:
    """One personal-data field of a model, with its label on the register page.

    Without an explicit label the field's `verbose_name`, translated, is used.
    """

    field: str
    label_fi: str | None = None
    label_en: str | None = None


class IdentifierKind(Enum):
    """What a requester can give in their letter to be found by."""

    EMAIL = ("email", "sähköpostiosoite", "email address")
    PHONE = ("phone", "puhelinnumero", "phone number")
    CUSTOMER_NUMBER = ("customer_number", "asiakasnumero", "customer number")
    NAME_AND_ADDRESS = ("name_and_address", "nimi ja osoite", "name and address")

    def __init__(self, key: str, name_fi: str, name_en: str) -> None:
        self.key = key
        self.name_fi = name_fi
        self.name_en = name_en

    @classmethod
    def from_key(cls, key: str) -> IdentifierKind:
        for kind in cls:
            if kind.key == key:
                return kind
        raise KeyError(key)

    def label(self, language: str | None = None) -> str:
        return self.name_fi if _language(language) == "fi" else self.name_en


@dataclass(frozen=True)
class Identifier:
    """Fields of a model that identify a person, searched when a person asks for their data.

    `fields` is one field, except for a name with an address: first name, last name,
    street address and postal code, in that order. `is_list` marks a field holding several
    comma-separated values (the recipients of an email).
    """

    kind: IdentifierKind
    fields: tuple[str, ...]
    is_list: bool = False

    def __post_init__(self) -> None:
        expected = 4 if self.kind is IdentifierKind.NAME_AND_ADDRESS else 1
        if len(self.fields) != expected:
            raise ImproperlyConfigured(f"{self.kind.key} is identified by {expected} field(s).")

    @property
    def field(self) -> str:
        return self.fields[0]

    @classmethod
    def email(cls, field: str, *, is_list: bool = False) -> Identifier:
        return cls(IdentifierKind.EMAIL, (field,), is_list)

    @classmethod
    def phone(cls, field: str) -> Identifier:
        return cls(IdentifierKind.PHONE, (field,))

    @classmethod
    def customer_number(cls, field: str) -> Identifier:
        return cls(IdentifierKind.CUSTOMER_NUMBER, (field,))

    @classmethod
    def name_and_address(
        cls, *, first_name: str, last_name: str, street_address: str, postal_code: str
    ) -> Identifier:
        return cls(
            IdentifierKind.NAME_AND_ADDRESS, (first_name, last_name, street_address, postal_code)
        )


class ErasureAction(Enum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    KEEP_THEN_DELETE = "keep_then_delete"


@dataclass(frozen=True)
class Erasure:
    """What erasing a person's rows of a model means (GDPR Art. 17).

    - `delete()`: the row goes. `delete(or_anonymise=fields)`: while rows that must be kept
      still refer to it (a voucher to its customer), the named fields are emptied instead
      and the row goes when they do.
    - `anonymise(fields)`: the named fields are emptied, the row stays (for statistics).
    - `keep_until_retention_ends(law)`: the row stays unchanged until its retention ends,
      because `law` requires keeping it (Art. 17(3)(b)); then it is deleted.
    """

    action: ErasureAction
    fields: tuple[str, ...] = ()
    law: Text | None = None
    or_anonymise: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.action is ErasureAction.ANONYMISE and not self.fields:
            raise ImproperlyConfigured("Name the fields that anonymising empties.")
        if self.action is ErasureAction.KEEP_THEN_DELETE and self.law is None:
            raise ImproperlyConfigured("Name the law that requires keeping the rows.")

    @classmethod
    def delete(cls, *, or_anonymise: Sequence[str] = ()) -> Erasure:
        return cls(ErasureAction.DELETE, or_anonymise=tuple(or_anonymise))

    @classmethod
    def anonymise(cls, *fields: str) -> Erasure:
        return cls(ErasureAction.ANONYMISE, tuple(fields))

    @classmethod
    def keep_until_retention_ends(cls, *, law: Text) -> Erasure:
        return cls(ErasureAction.KEEP_THEN_DELETE, law=law)


@dataclass(frozen=True)
class Declaration:
    """What one model holds about people, and how each row relates to a data subject.

    The data subjects are people, the rows of the person model
    (`settings.PRIVACY_PERSON_MODEL`). A row relates to a person in one or more ways:

    - `person_paths`: ORM lookup paths to the person the row is *about* (`SELF` on the
      person model itself), such as "contact";
    - `customer_paths`: paths to the customer relationship the row *belongs to*
      (`settings.PRIVACY_CUSTOMER_MODEL`). A private person's customer data is their own;
      a company's is nobody's personal data, so a company's row reaches a person only
      through a person path or an identifier;
    - `part_of`: a path to a row of another declared model that this row is part of (an
      order's lines); it goes wherever that row goes;
    - `identifiers`: fields that name a person by an email address, a phone number, a
      customer number or a name with an address; a row whose identifier holds a value the
      person confirmed as theirs is about them.

    On the customer model, `natural_person` says which customers are private persons.
    """

    model: type[models.Model]
    category: DataCategory
    fields: Sequence[DataItem | str]
    purpose: Text
    retention: Retention
    erasure: Erasure | None = None
    person_paths: Sequence[str] = ()
    customer_paths: Sequence[str] = ()
    part_of: str | None = None
    identifiers: Sequence[Identifier] = ()
    natural_person: Q | None = None
    source: Text = SOURCE_ORDERING_AND_SUPPORT
    disclosures: Sequence[Disclosure] = (DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,)
    # None: the model's data is processed by no automated means the answer must describe.
    automated: AutomatedProcessing | None = None
    # What the privacy notice owes the person (GDPR Art. 13 and 14). Empty by default so
    # that a declaration without them still imports; the system check reports it.
    bases: Sequence[PurposeBasis] = ()
    requirement: Requirement | None = None
    # Where data comes from when not from the person themselves (Art. 14(2)(f)); None when
    # all of it is obtained from them (the `source`).
    other_source: Text | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.category, DataCategory):
            raise ImproperlyConfigured(f"{self.label}: category must be a DataCategory.")
        items = tuple(
            item if isinstance(item, DataItem) else DataItem(item) for item in self.fields
        )
        if not items:
            raise ImproperlyConfigured(f"{self.label}: declare at least one field.")
        names = [item.field for item in items]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ImproperlyConfigured(f"{self.label}: fields declared twice: {duplicates}")
        # Frozen, and hashable: sequences become tuples.
        object.__setattr__(self, "fields", items)
        object.__setattr__(self, "person_paths", tuple(self.person_paths))
        object.__setattr__(self, "customer_paths", tuple(self.customer_paths))
        object.__setattr__(self, "identifiers", tuple(self.identifiers))
        object.__setattr__(self, "disclosures", tuple(self.disclosures))
        object.__setattr__(self, "bases", tuple(self.bases))
        if not all(isinstance(b, PurposeBasis) for b in self.bases):
            raise ImproperlyConfigured(f"{self.label}: each basis must be a PurposeBasis.")
        if not all(isinstance(d, Disclosure) for d in self.disclosures):
            raise ImproperlyConfigured(f"{self.label}: each disclosure must be a Disclosure.")

    def __hash__(self) -> int:
        # Q objects do not hash; a model is declared once, so its label identifies it.
        return hash(self.label)

    def __eq__(self, other) -> bool:
        return isinstance(other, Declaration) and other.label == self.label

    @property
    def label(self) -> str:
        """The model's label, "app_label.ModelName"."""
        return self.model._meta.label

    @property
    def label_lower(self) -> str:
        return self.model._meta.label_lower

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(item.field for item in self.fields)

    @property
    def reaches_a_person(self) -> bool:
        return bool(self.person_paths or self.customer_paths or self.part_of or self.identifiers)

    def item_label(self, item: DataItem | str, language: str | None = None) -> str:
        if isinstance(item, str):
            matching = [i for i in self.fields if i.field == item]
            if not matching:
                raise KeyError(f"{self.label} declares no field {item!r}.")
            item = matching[0]
        language = _language(language)
        explicit = item.label_fi if language == "fi" else item.label_en
        if explicit:
            return explicit
        with translation.override(language):
            return str(self.model._meta.get_field(item.field).verbose_name)

    def labels(self, language: str | None = None) -> list[str]:
        return [self.item_label(item, language) for item in self.fields]

    def model_name(self, language: str | None = None) -> str:
        with translation.override(_language(language)):
            return str(self.model._meta.verbose_name)

    def identifier_label(self, identifier: Identifier, language: str | None = None) -> str:
        """How a match by `identifier` reads to an officer: "order: billing email address"."""
        if identifier.kind is IdentifierKind.NAME_AND_ADDRESS:
            what = identifier.kind.label(language)
        else:
            what = self.item_label(identifier.field, language)
        return f"{self.model_name(language)}: {what}"


def path_field(model: type[models.Model], path: str) -> models.Field | None:
    """The field a lookup path ends at (a relation or a plain field), or None if broken."""
    current = model
    found = None
    for part in path.split("__"):
        if current is None or isinstance(current, str):
            return None
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        current = found.related_model if found.is_relation else None
    return found


def path_target(model: type[models.Model], path: str) -> type[models.Model] | None:
    """The model a lookup path leads to, or None when the path does not resolve."""
    if path == SELF:
        return model
    found = path_field(model, path)
    if found is None or not found.is_relation or isinstance(found.related_model, str):
        return None
    return found.related_model


def _label_lower(model: type[models.Model] | str) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


class AlreadyRegistered(ImproperlyConfigured):
    pass


class Registry:
    """The declarations of all models, and the models that look personal but are not."""

    def __init__(self) -> None:
        self._declarations: dict[str, Declaration] = {}
        self._exemptions: dict[str, str] = {}

    def register(self, declaration: Declaration) -> Declaration:
        key = _label_lower(declaration.model)
        if key in self._declarations:
            raise AlreadyRegistered(f"{declaration.label} is already declared.")
        if key in self._exemptions:
            raise AlreadyRegistered(f"{declaration.label} is exempt; it cannot be declared too.")
        self._declarations[key] = declaration
        return declaration

    def exempt(self, model: type[models.Model] | str, *, reason: str) -> None:
        """Mark a model whose personal-looking fields hold no data subject's data."""
        key = _label_lower(model)
        if key in self._declarations or key in self._exemptions:
            raise AlreadyRegistered(f"{model} is already declared or exempt.")
        if not reason.strip():
            raise ImproperlyConfigured(f"Say why {model} holds no personal data of the register.")
        self._exemptions[key] = reason

    def all(self) -> list[Declaration]:
        """Every declaration, in section-3 order of the categories, then as registered."""
        order = list(DataCategory)
        return sorted(self._declarations.values(), key=lambda d: order.index(d.category))

    def for_model(self, model: type[models.Model] | str) -> Declaration | None:
        """The declaration of a model class or "app_label.ModelName", or None."""
        return self._declarations.get(_label_lower(model))

    def is_exempt(self, model: type[models.Model] | str) -> bool:
        return _label_lower(model) in self._exemptions

    def exemptions(self) -> dict[str, str]:
        """{"app_label.modelname": reason} of the exempt models."""
        return dict(self._exemptions)

    def for_category(self, category: DataCategory) -> list[Declaration]:
        return [d for d in self.all() if d.category is category]

    def categories_in_use(self) -> list[DataCategory]:
        """The categories with at least one declared model, in section-3 order."""
        used = {d.category for d in self._declarations.values()}
        return [category for category in DataCategory if category in used]

    def item_labels(self, category: DataCategory, language: str | None = None) -> list[str]:
        """The data items of a category, for the register page; repeated labels once."""
        labels: dict[str, None] = {}
        for declaration in self.for_category(category):
            labels.update(dict.fromkeys(declaration.labels(language)))
        return list(labels)

    def labels_by_category(self, language: str | None = None) -> dict[DataCategory, list[str]]:
        return {c: self.item_labels(c, language) for c in self.categories_in_use()}

    def for_person_model(self) -> Declaration | None:
        return self.for_model(person_model_label())

    def for_customer_model(self) -> Declaration | None:
        return self.for_model(customer_model_label())


registry = Registry()
