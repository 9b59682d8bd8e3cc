"""The answer to an access request (GDPR Art. 15), built from the personal-data inventory.

The data comes from `registry.rows_for` for every contact and customer an officer confirmed
as the requester's, plus the support emails of a confirmed email address. Category by
category, in the order of section 3 of the register description, the answer lists every
stored value under the inventory's label in the requester's language, and with each
category its purposes, sources, disclosures and retention.

Other people's data stays out: a row reached through a customer that is about another
contact person is left out, and a reference to another person is shown as "another
person" (Art. 15(4): the copy must not adversely affect the rights of others).

The letter's own wording is written here in both languages as data, like the inventory's
legal wording, so that the letter reads the same whatever the staff's admin language.
"""

import csv
import datetime
import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation

from privacy.description.models import RegisterDescription
from privacy.inventory import CONTACT_MODEL, SELF, Declaration, Text, registry
from webstrella.pdf import render_pdf

from .matching import support_emails_by_address
from .models import AccessRequest, MatchKind

OTHER_PERSON = Text(fi="(toinen henkilö)", en="(another person)")
YES_NO = {True: Text(fi="kyllä", en="yes"), False: Text(fi="ei", en="no")}

EXPORT_JSON = "data.json"
EXPORT_CSV = "data.csv"
CSV_COLUMNS = ["category", "category_name", "data", "record", "field", "label", "value"]

LETTER_TEXTS = {
    "title": Text(fi="Vastaus tarkastuspyyntöön", en="Answer to your access request"),
    "reference": Text(fi="Viite", en="Reference"),
    "date": Text(fi="Päiväys", en="Date"),
    "intro": Text(
        fi=(
            "Olette pyytäneet saada tietää, mitä teitä koskevia tietoja asiakasrekisteriimme on "
            "talletettu. Pyyntönne saapui {received}. Alla ovat kaikki rekisterissä olevat "
            "teitä koskevat tiedot tietoryhmittäin rekisteriselosteen kohdan 3 "
            "järjestyksessä, ja kunkin ryhmän kohdalla tietojen käyttötarkoitus, "
            "tietolähteet, tietojen luovutukset ja säilytysaika (EU:n yleinen "
            "tietosuoja-asetus, 15 artikla)."
        ),
        en=(
            "You asked what data about you is stored in our customer register. Your request "
            "was received on {received}. Below is all the data the register holds about you, "
            "category by category in the order of section 3 of the register description, "
            "with each category's purposes, sources, disclosures and retention (EU General "
            "Data Protection Regulation, Article 15)."
        ),
    ),
    "no_data_at_all": Text(
        fi="Asiakasrekisterissämme ei ole teitä koskevia tietoja.",
        en="Our customer register holds no data about you.",
    ),
    "no_data": Text(
        fi="Tähän ryhmään ei ole talletettu teitä koskevia tietoja.",
        en="No data about you is stored in this category.",
    ),
    "purpose": Text(fi="Käyttötarkoitus", en="Purpose"),
    "source": Text(fi="Tietolähteet", en="Sources"),
    "disclosures": Text(fi="Tietojen luovutukset", en="Disclosures and recipients"),
    "retention": Text(fi="Säilytysaika", en="Retention"),
    "data": Text(fi="Talletetut tiedot", en="Data stored"),
    "export": Text(
        fi=(
            "Samat tiedot koneluettavassa muodossa (JSON ja CSV) toimitetaan tämän kirjeen mukana."
        ),
        en="The same data in machine-readable form (JSON and CSV) comes with this letter.",
    ),
    "rights": Text(
        fi=(
            "Teillä on oikeus vaatia virheellisen tiedon oikaisemista ja tietojenne "
            "poistamista, pyytää käsittelyn rajoittamista ja vastustaa käsittelyä. Voitte "
            "myös tehdä valituksen valvontaviranomaiselle, tietosuojavaltuutetun toimistolle "
            "(tietosuoja.fi)."
        ),
        en=(
            "You have the right to have inaccurate data rectified and your data erased, to "
            "ask for the processing to be restricted and to object to it. You may also lodge "
            "a complaint with the supervisory authority, the Office of the Data Protection "
            "Ombudsman in Finland (tietosuoja.fi)."
        ),
    ),
    "regards": Text(fi="Ystävällisin terveisin", en="Kind regards"),
}

SIGNED_REQUEST_TEXTS = {
    "title": Text(fi="Tarkastuspyyntönne", en="Your access request"),
    "reference": LETTER_TEXTS["reference"],
    "date": LETTER_TEXTS["date"],
    "body": Text(
        fi=(
            "Olemme vastaanottaneet tarkastuspyyntönne {received}. Rekisteriselosteemme "
            "kohdan 7 mukaan tarkastuspyyntö lähetetään kirjallisesti ja allekirjoitettuna. "
            "Emme voi luovuttaa henkilötietoja ennen kuin olemme varmistuneet siitä, että "
            "pyyntö tulee teiltä, koska tiedot eivät saa päätyä väärälle henkilölle."
        ),
        en=(
            "We received your access request on {received}. Under section 7 of our register "
            "description, an access request is made in writing and signed. We cannot give "
            "out personal data before we are sure that the request comes from you, as the "
            "data must not reach the wrong person."
        ),
    ),
    "ask": Text(
        fi=(
            "Pyydämme teitä lähettämään allekirjoitetun tarkastuspyynnön postitse alla "
            "olevaan osoitteeseen. Voitte käyttää verkkosivuiltamme tulostettavaa lomaketta. "
            "Mainitkaa kirjeessä viite {reference}."
        ),
        en=(
            "Please send a signed access request by post to the address below. You may use "
            "the printable form on our website. Please quote the reference {reference}."
        ),
    ),
    "regards": LETTER_TEXTS["regards"],
}


@dataclass(frozen=True)
class AnswerField:
    name: str
    label: str
    value: object  # JSON-serialisable
    display: str


@dataclass(frozen=True)
class AnswerRecord:
    model: str  # "app_label.ModelName"
    model_name: str
    pk: int
    fields: tuple[AnswerField, ...]
    ordinal: int = 1  # the record's number among those of its model, for the letter

    @property
    def stored_fields(self) -> tuple[AnswerField, ...]:
        """The fields that hold something, for the letter's compact form."""
        return tuple(f for f in self.fields if f.display)


# A kind of record with more than this many in one answer is printed compactly, a
# paragraph for each record: a table for each would take a page for every two or three and
# minutes of layout for a long usage history. The export holds every record alike.
MAX_RECORDS_AS_TABLES = 10


@dataclass(frozen=True)
class RecordGroup:
    """The records of one kind (one model) within a category, as the letter prints them."""

    model_name: str
    records: tuple[AnswerRecord, ...]

    @property
    def is_compact(self) -> bool:
        return len(self.records) > MAX_RECORDS_AS_TABLES


@dataclass(frozen=True)
class CategoryAnswer:
    key: str
    number: int
    name: str
    purposes: tuple[str, ...]
    sources: tuple[str, ...]
    disclosures: tuple[str, ...]
    retention: tuple[str, ...]
    records: tuple[AnswerRecord, ...]

    @property
    def groups(self) -> tuple[RecordGroup, ...]:
        # The records come model by model (see build_answer), so each model's are adjacent.
        return tuple(
            RecordGroup(model_name=records[0].model_name, records=records)
            for records in (
                tuple(group) for _model, group in groupby(self.records, key=lambda r: r.model)
            )
        )


@dataclass(frozen=True)
class Answer:
    reference: str
    language: str
    compiled_at: datetime.datetime
    categories: tuple[CategoryAnswer, ...]

    @property
    def has_data(self) -> bool:
        return any(category.records for category in self.categories)

    def summary(self) -> list[dict]:
        return [{"category": c.key, "records": len(c.records)} for c in self.categories]


@dataclass(frozen=True)
class _Subjects:
    contact_ids: frozenset[int]
    customer_ids: frozenset[int]
    addresses: tuple[str, ...]


def _confirmed(access_request: AccessRequest) -> _Subjects:
    matches = list(access_request.matches.filter(confirmed=True))
    return _Subjects(
        contact_ids=frozenset(
            m.contact_id for m in matches if m.kind == MatchKind.CONTACT and m.contact_id
        ),
        customer_ids=frozenset(
            m.customer_id for m in matches if m.kind == MatchKind.CUSTOMER and m.customer_id
        ),
        addresses=tuple(
            sorted({m.email_address for m in matches if m.kind == MatchKind.EMAIL_ADDRESS})
        ),
    )


def _is_contact_model(model: type[models.Model]) -> bool:
    return model._meta.label_lower == CONTACT_MODEL.lower()


def _direct_contact_attnames(declaration: Declaration) -> list[str]:
    """The model's own foreign keys to a contact among its lookup paths."""
    names = []
    for path in declaration.contact_paths:
        if path == SELF or "__" in path:
            continue
        found = declaration.model._meta.get_field(path)
        if found.many_to_one and _is_contact_model(found.related_model):
            names.append(found.attname)
    return names


def _about_someone_else(declaration: Declaration, row, subjects: _Subjects) -> bool:
    """Whether a row reached through a confirmed customer is about another person."""
    if _is_contact_model(declaration.model):
        return row.pk not in subjects.contact_ids
    if SELF in declaration.customer_paths:
        return False  # the confirmed customer itself
    return any(
        getattr(row, attname) is not None and getattr(row, attname) not in subjects.contact_ids
        for attname in _direct_contact_attnames(declaration)
    )


def _with_related(declaration: Declaration, queryset: models.QuerySet) -> models.QuerySet:
    """The rows with the records their declared relations point at, fetched together.

    The answer shows each relation (a contact, a customer), which would otherwise take a
    query for each row and relation.
    """
    opts = declaration.model._meta
    fields = [opts.get_field(item.field) for item in declaration.fields]
    return queryset.select_related(
        *(f.name for f in fields if f.many_to_one or f.one_to_one)
    ).prefetch_related(*(f.name for f in fields if f.many_to_many))


def collect_rows(access_request: AccessRequest) -> list[tuple[Declaration, list]]:
    """Every declared model's rows of the requester, in section-3 order, each row once."""
    from customers.models import Contact, Customer, SupportEmail

    subjects = _confirmed(access_request)
    rows: dict[Declaration, dict[int, models.Model]] = {d: {} for d in registry.all()}
    for contact in Contact.objects.filter(pk__in=subjects.contact_ids):
        for declaration, queryset in registry.rows_for(contact=contact):
            rows[declaration].update((row.pk, row) for row in _with_related(declaration, queryset))
    for customer in Customer.objects.filter(pk__in=subjects.customer_ids):
        for declaration, queryset in registry.rows_for(customer=customer):
            for row in _with_related(declaration, queryset):
                if row.pk not in rows[declaration] and not _about_someone_else(
                    declaration, row, subjects
                ):
                    rows[declaration][row.pk] = row
    support = registry.for_model(SupportEmail)
    if support is not None:
        for address in subjects.addresses:
            found = _with_related(support, support_emails_by_address(address))
            rows[support].update((row.pk, row) for row in found)
    return [
        (declaration, [found[pk] for pk in sorted(found)]) for declaration, found in rows.items()
    ]


def _format_date(value: datetime.date, language: str) -> str:
    return f"{value.day}.{value.month}.{value.year}" if language == "fi" else value.isoformat()


def _format_datetime(value: datetime.datetime, language: str) -> str:
    value = timezone.localtime(value)
    if language == "fi":
        return f"{_format_date(value.date(), language)} klo {value:%H.%M}"
    return f"{value.date().isoformat()} {value:%H:%M}"


def _person(contact, subjects: _Subjects, language: str) -> str:
    if contact.pk in subjects.contact_ids:
        return contact.full_name
    return OTHER_PERSON.in_language(language)


def _related_display(obj, subjects: _Subjects, language: str) -> str:
    if _is_contact_model(type(obj)):
        return _person(obj, subjects, language)
    if obj._meta.label_lower == "customers.customer":
        return f"{obj.customer_number} {obj.company_name}".strip()
    return str(obj)


def _field_value(row, field: models.Field, subjects: _Subjects, language: str):
    """(JSON value, display text) of one field of a row."""
    if field.many_to_many:
        related = [_related_display(o, subjects, language) for o in getattr(row, field.name).all()]
        return related, ", ".join(related)
    if field.is_relation:
        obj = getattr(row, field.name)
        if obj is None:
            return None, ""
        text = _related_display(obj, subjects, language)
        return text, text
    value = getattr(row, field.attname)
    if value is None or value == "":
        return None, ""
    json_value, display = _plain_value(value, language)
    if field.flatchoices:
        with translation.override(language):
            display = str(dict(field.flatchoices).get(value, display))
    return json_value, display


def _plain_value(value, language: str):
    if isinstance(value, bool):
        return value, YES_NO[value].in_language(language)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(), _format_datetime(value, language)
    if isinstance(value, datetime.date):
        return value.isoformat(), _format_date(value, language)
    if isinstance(value, Decimal):
        text = str(value)
        return text, text.replace(".", ",") if language == "fi" else text
    if isinstance(value, dict | list):
        return value, json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return value, str(value)
    return str(value), str(value)


def _record(
    declaration: Declaration, row, subjects: _Subjects, language: str, ordinal: int
) -> AnswerRecord:
    opts = declaration.model._meta
    with translation.override(language):
        model_name = str(opts.verbose_name)
    fields = []
    for item in declaration.fields:
        value, display = _field_value(row, opts.get_field(item.field), subjects, language)
        fields.append(
            AnswerField(item.field, declaration.item_label(item, language), value, display)
        )
    return AnswerRecord(opts.label, model_name, row.pk, tuple(fields), ordinal)


def _unique(texts) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def build_answer(
    access_request: AccessRequest,
    *,
    language: str | None = None,
    now: datetime.datetime | None = None,
) -> Answer:
    language = language or access_request.language
    subjects = _confirmed(access_request)
    rows = dict(collect_rows(access_request))
    categories = []
    for category in registry.categories_in_use():
        declarations = registry.for_category(category)
        records = [
            _record(declaration, row, subjects, language, ordinal)
            for declaration in declarations
            for ordinal, row in enumerate(rows.get(declaration, []), start=1)
        ]
        categories.append(
            CategoryAnswer(
                key=category.key,
                number=category.number,
                name=category.label(language),
                purposes=_unique(d.purpose.in_language(language) for d in declarations),
                sources=_unique(d.source.in_language(language) for d in declarations),
                disclosures=_unique(
                    text.in_language(language) for d in declarations for text in d.disclosures
                ),
                retention=_unique(d.retention.text.in_language(language) for d in declarations),
                records=tuple(records),
            )
        )
    return Answer(
        reference=access_request.reference,
        language=language,
        compiled_at=now or timezone.now(),
        categories=tuple(categories),
    )


def answer_json(answer: Answer) -> bytes:
    document = {
        "reference": answer.reference,
        "language": answer.language,
        "compiled_at": timezone.localtime(answer.compiled_at).isoformat(),
        "categories": [
            {
                "key": category.key,
                "number": category.number,
                "name": category.name,
                "purposes": list(category.purposes),
                "sources": list(category.sources),
                "disclosures": list(category.disclosures),
                "retention": list(category.retention),
                "records": [
                    {
                        "data": record.model,
                        "data_name": record.model_name,
                        "record": record.pk,
                        "fields": [
                            {
                                "field": f.name,
                                "label": f.label,
                                "value": f.value,
                                "display": f.display,
                            }
                            for f in record.fields
                        ],
                    }
                    for record in category.records
                ],
            }
            for category in answer.categories
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def answer_csv(answer: Answer) -> bytes:
    """One line per stored value: category, data, record, field, label and value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for category in answer.categories:
        for record in category.records:
            for f in record.fields:
                writer.writerow(
                    [
                        category.key,
                        category.name,
                        record.model,
                        record.pk,
                        f.name,
                        f.label,
                        _csv_value(f.value),
                    ]
                )
    return out.getvalue().encode()


def answer_zip(answer: Answer) -> bytes:
    stamp = timezone.localtime(answer.compiled_at).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in ((EXPORT_JSON, answer_json(answer)), (EXPORT_CSV, answer_csv(answer))):
            # A ZipInfo carries its own compression, "stored" unless it is given.
            archive.writestr(
                zipfile.ZipInfo(name, date_time=stamp), content, compress_type=zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def _texts(texts: dict[str, Text], language: str, **values) -> dict[str, str]:
    return {key: text.in_language(language).format(**values) for key, text in texts.items()}


def _render_pdf(template: str, context: dict, language: str) -> bytes:
    with translation.override(language):
        html = render_to_string(template, {**context, "language": language})
    return render_pdf(html, stylesheets=["css/privacy_letter.css"])


def answer_letter_pdf(
    access_request: AccessRequest, answer: Answer, controller: RegisterDescription
) -> bytes:
    language = answer.language
    today = timezone.localdate(answer.compiled_at)
    context = {
        "request": access_request,
        "answer": answer,
        "controller": controller,
        "date": _format_date(today, language),
        "texts": _texts(
            LETTER_TEXTS, language, received=_format_date(access_request.received_on, language)
        ),
    }
    return _render_pdf("privacy/answer_letter.html", context, language)


def signed_request_letter_pdf(
    access_request: AccessRequest,
    controller: RegisterDescription,
    *,
    today: datetime.date | None = None,
) -> bytes:
    """The letter asking for a signed request, for a request that cannot be answered yet."""
    language = access_request.language
    context = {
        "request": access_request,
        "controller": controller,
        "date": _format_date(today or timezone.localdate(), language),
        "texts": _texts(
            SIGNED_REQUEST_TEXTS,
            language,
            received=_format_date(access_request.received_on, language),
            reference=access_request.reference,
        ),
    }
    return _render_pdf("privacy/signed_request_letter.html", context, language)
