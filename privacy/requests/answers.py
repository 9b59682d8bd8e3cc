"""The answer to an access request (GDPR Art. 15), built from the personal-data inventory.

The data is what the inventory gathers for the data subject that the officer's confirmed
candidates make up (`privacy.inventory.subjects`): the rule of whose data a row is lives
there, not here. Category by category, in the order of section 3 of the register
description, the answer lists every stored value under the inventory's label in the
requester's language, and with each category its purposes, sources, disclosures and
retention. A reference to another person is shown as "another person" (Art. 15(4): the
copy must not adversely affect the rights of others).

The letter's own wording is in `wording`, in both languages as data like the inventory's
legal wording, so that the letter reads the same whatever the staff's admin language.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.conf import settings
from django.db import models
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.utils import timezone, translation

from privacy.audit.selectors import audit_entries_of_records
from privacy.description.models import RegisterDescription
from privacy.inventory import (
    Declaration,
    Text,
    is_customer_model,
    is_person_model,
    path_field,
    registry,
)
from privacy.inventory.subjects import Subject, own_customer_ids, rows_of_subject
from webstrella.pdf import render_pdf

from .matching import subject_of
from .models import AccessRequest
from .wording import (
    ACCESS_ACTIONS,
    ADMINISTRATOR,
    FORMER_STAFF,
    LETTER_TEXTS,
    OTHER_PERSON,
    OTHER_STAFF,
    SIGNED_REQUEST_TEXTS,
    STAFF_ROLES,
    SUMMARY_TEXTS,
    TIMES,
    YES_NO,
    StaffRole,
)

EXPORT_JSON = "data.json"
EXPORT_CSV = "data.csv"
CSV_COLUMNS = ["category", "category_name", "data", "record", "field", "label", "value"]


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


def letter_max_records() -> int:
    """Records of one kind the letter prints; more are summarised (all are in the export)."""
    return settings.PRIVACY_ANSWER_LETTER_MAX_RECORDS


@dataclass(frozen=True)
class GroupSummary:
    """Many records of one kind, as the letter tells them: how many, from when, what is held.

    A long usage history would otherwise take a page for every twenty records, thousands
    of pages nobody reads; the export holds every record.
    """

    model: str  # "app_label.ModelName"
    count: int
    first: str  # the earliest date, formatted; "" when the kind has no date
    last: str
    date_label: str
    labels: tuple[str, ...]  # the data held in at least one of the records
    text: str  # the summary as the letter says it


@dataclass(frozen=True)
class RecordGroup:
    """The records of one kind (one model) within a category, as the letter prints them."""

    model_name: str
    records: tuple[AnswerRecord, ...]
    summary: GroupSummary | None = None

    @property
    def is_compact(self) -> bool:
        return self.summary is None and len(self.records) > MAX_RECORDS_AS_TABLES


@dataclass(frozen=True)
class CategoryAnswer:
    key: str
    number: int
    name: str
    purposes: tuple[str, ...]
    sources: tuple[str, ...]
    disclosures: tuple[str, ...]
    recipients: tuple[str, ...]
    retention: tuple[str, ...]
    records: tuple[AnswerRecord, ...]
    summaries: tuple[GroupSummary, ...] = ()

    @property
    def groups(self) -> tuple[RecordGroup, ...]:
        # The records come model by model (see build_answer), so each model's are adjacent.
        summaries = {summary.model: summary for summary in self.summaries}
        return tuple(
            RecordGroup(
                model_name=records[0].model_name,
                records=records,
                summary=summaries.get(records[0].model),
            )
            for records in (
                tuple(group) for _model, group in groupby(self.records, key=lambda r: r.model)
            )
        )


@dataclass(frozen=True)
class TransferAnswer:
    """A transfer outside the EU and the EEA of data the answer holds (GDPR Art. 15(2))."""

    category: str
    text: str
    recipients: str
    safeguard: str


@dataclass(frozen=True)
class AutomatedAnswer:
    """Automated processing of data the answer holds (GDPR Art. 15(1)(h))."""

    category: str
    logic: str
    decides: bool
    consequences: str


@dataclass(frozen=True)
class AccessAnswer:
    """Staff of one role looking at or changing records of one kind on one day."""

    day: datetime.date
    date: str
    data: str
    action: str
    role: str
    purpose: str
    count: int
    times: str  # the count as the letter says it, "" for once


@dataclass(frozen=True)
class Answer:
    reference: str
    language: str
    compiled_at: datetime.datetime
    categories: tuple[CategoryAnswer, ...]
    transfers: tuple[TransferAnswer, ...] = ()
    automated: tuple[AutomatedAnswer, ...] = ()
    accesses: tuple[AccessAnswer, ...] = ()

    @property
    def has_summaries(self) -> bool:
        return any(category.summaries for category in self.categories)

    @property
    def automated_decisions(self) -> tuple[AutomatedAnswer, ...]:
        return tuple(a for a in self.automated if a.decides)

    @property
    def automated_other(self) -> tuple[AutomatedAnswer, ...]:
        return tuple(a for a in self.automated if not a.decides)

    @property
    def has_data(self) -> bool:
        return any(category.records for category in self.categories)

    def summary(self) -> list[dict]:
        return [{"category": c.key, "records": len(c.records)} for c in self.categories]


def _with_related(declaration: Declaration, queryset: models.QuerySet) -> models.QuerySet:
    """The rows with the records their declared many-to-many relations point at."""
    opts = declaration.model._meta
    fields = [opts.get_field(item.field) for item in declaration.fields]
    return queryset.prefetch_related(*(f.name for f in fields if f.many_to_many))


def _related_records(declaration: Declaration, queryset: models.QuerySet | None) -> dict:
    """The records the rows' declared foreign keys point at: {field name: {pk: record}}.

    The answer names each (a contact, a customer). Thousands of rows point at a handful
    of records: each is read once, one query for each foreign key, instead of being joined
    to every row and built again for each.
    """
    if queryset is None:
        return {}
    opts = declaration.model._meta
    related = {}
    for item in declaration.fields:
        field = opts.get_field(item.field)
        if field.many_to_one or field.one_to_one:
            ids = queryset.order_by().values_list(field.attname, flat=True).distinct()
            related[field.name] = field.related_model._default_manager.in_bulk(
                [pk for pk in ids if pk is not None]
            )
    return related


# Rows read from the database at a time while the answer is built: a long history is never
# held as model instances all at once, only as the answer's records.
ROWS_PER_READ = 2000


def _collect(subject: Subject) -> dict[Declaration, models.QuerySet]:
    """The query of every declared model's rows of the subject, in section-3 order.

    Each row comes once. The rows are read while the answer is built (`_rows`); the queries
    also summarise many rows in the database.
    """
    if subject.is_empty:
        return {}
    return {found.declaration: found.rows for found in rows_of_subject(subject)}


def _rows(declaration: Declaration, querysets: dict):
    """The subject's rows of one model with what they refer to, read a chunk at a time."""
    queryset = querysets.get(declaration)
    if queryset is None:
        return iter(())
    return _with_related(declaration, queryset.order_by("pk")).iterator(chunk_size=ROWS_PER_READ)


def _date_path(declaration: Declaration) -> str | None:
    """The date a record of the model is from: its first declared date, else its retention's."""
    for item in declaration.fields:
        if isinstance(declaration.model._meta.get_field(item.field), models.DateField):
            return item.field
    return declaration.retention.counted_from


def _summary(
    declaration: Declaration, records: list[AnswerRecord], rows: models.QuerySet, language: str
) -> GroupSummary:
    first = last = date_label = ""
    path = _date_path(declaration)
    if path is not None:
        dates = rows.aggregate(first=Min(path), last=Max(path))
        first, last = (
            _letter_date(dates["first"], language),
            _letter_date(dates["last"], language),
        )
        if path in declaration.field_names:
            date_label = declaration.item_label(path, language)
        else:
            with translation.override(language):
                date_label = str(path_field(declaration.model, path).verbose_name)
    held = {f.name for record in records for f in record.stored_fields}
    count = f"{len(records):,}".replace(",", "\N{NO-BREAK SPACE}" if language == "fi" else ",")
    text = SUMMARY_TEXTS["dated" if first else "undated"].in_language(language)
    return GroupSummary(
        model=declaration.label,
        count=len(records),
        first=first,
        last=last,
        date_label=date_label,
        text=text.format(count=count, first=first, last=last, date_label=date_label),
        labels=tuple(
            declaration.item_label(item, language)
            for item in declaration.fields
            if item.field in held
        ),
    )


def _letter_date(value, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return format_date(value, language)


@dataclass(frozen=True)
class _Others:
    """Who in the answer is the requester, so that nobody else is named."""

    persons: frozenset
    own_customers: frozenset
    private_customers: frozenset  # of the customers the answer refers to
    # Each related row is named once: many rows refer to the same customer.
    names: dict = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, subject: Subject, querysets: dict[Declaration, models.QuerySet]) -> _Others:
        persons = frozenset(
            pk
            for declaration, rows in querysets.items()
            if is_person_model(declaration.model)
            for pk in rows.values_list("pk", flat=True)
        )
        customers = registry.for_customer_model()
        referred = set()
        for declaration, rows in querysets.items():
            for item in declaration.fields:
                field = declaration.model._meta.get_field(item.field)
                if field.many_to_one and is_customer_model(field.related_model):
                    referred.update(
                        rows.order_by().values_list(field.attname, flat=True).distinct()
                    )
        referred.discard(None)
        private = frozenset()
        if customers is not None and customers.natural_person is not None and referred:
            private = frozenset(
                customers.model._default_manager.filter(
                    customers.natural_person, pk__in=referred
                ).values_list("pk", flat=True)
            )
        return cls(persons, own_customer_ids(subject), private)


def format_date(value: datetime.date, language: str) -> str:
    return f"{value.day}.{value.month}.{value.year}" if language == "fi" else value.isoformat()


def _format_datetime(value: datetime.datetime, language: str) -> str:
    value = timezone.localtime(value)
    if language == "fi":
        return f"{format_date(value.date(), language)} klo {value:%H.%M}"
    return f"{value.date().isoformat()} {value:%H:%M}"


def _related_display(obj, others: _Others, language: str) -> str:
    """A related row as the letter names it; another person is never named."""
    if is_person_model(type(obj)) and obj.pk not in others.persons:
        return OTHER_PERSON.in_language(language)
    if (
        is_customer_model(type(obj))
        and obj.pk in others.private_customers
        and obj.pk not in others.own_customers
    ):
        return OTHER_PERSON.in_language(language)
    key = (obj._meta.label_lower, obj.pk)
    if key not in others.names:
        others.names[key] = str(obj)
    return others.names[key]


def _field_value(
    row, field: models.Field, others: _Others, language: str, choices=None, related=None
):
    """(JSON value, display text) of one field of a row.

    `choices` are the field's choices as `_choice_names` gives them, `related` the records
    its foreign key points at as `_related_records` gives them.
    """
    if field.many_to_many:
        related = [_related_display(o, others, language) for o in getattr(row, field.name).all()]
        return related, ", ".join(related)
    if field.is_relation:
        pk = getattr(row, field.attname)
        if pk is None:
            return None, ""
        obj = related.get(pk) if related is not None else None
        if obj is None:
            obj = getattr(row, field.name)
        text = _related_display(obj, others, language)
        return text, text
    value = getattr(row, field.attname)
    if value is None or value == "":
        return None, ""
    json_value, display = _plain_value(value, language)
    if field.flatchoices:
        if choices is None:
            choices = _choice_names(field, language)
        display = choices.get(value, display)
    return json_value, display


def _choice_names(field: models.Field, language: str) -> dict:
    with translation.override(language):
        return {value: str(name) for value, name in field.flatchoices}


def _plain_value(value, language: str):
    if isinstance(value, bool):
        return value, YES_NO[value].in_language(language)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(), _format_datetime(value, language)
    if isinstance(value, datetime.date):
        return value.isoformat(), format_date(value, language)
    if isinstance(value, Decimal):
        text = str(value)
        return text, text.replace(".", ",") if language == "fi" else text
    if isinstance(value, dict | list):
        return value, json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return value, str(value)
    return str(value), str(value)


@dataclass(frozen=True)
class _RecordShape:
    """What every record of one model shares in one language: names, labels, choices.

    Worked out once per model, not for each of thousands of records.
    """

    label: str
    model_name: str
    fields: tuple[tuple[str, models.Field, str, dict | None], ...]
    related: dict = field(default_factory=dict)  # as `_related_records` gives

    @classmethod
    def of(
        cls, declaration: Declaration, language: str, related: dict | None = None
    ) -> _RecordShape:
        opts = declaration.model._meta
        with translation.override(language):
            model_name = str(opts.verbose_name)
        fields = []
        for item in declaration.fields:
            model_field = opts.get_field(item.field)
            choices = _choice_names(model_field, language) if model_field.flatchoices else None
            fields.append(
                (item.field, model_field, declaration.item_label(item, language), choices)
            )
        return cls(opts.label, model_name, tuple(fields), related or {})


def _record(
    declaration: Declaration,
    row,
    others: _Others,
    language: str,
    ordinal: int,
    shape: _RecordShape | None = None,
) -> AnswerRecord:
    shape = shape or _RecordShape.of(declaration, language)
    fields = []
    for name, model_field, label, choices in shape.fields:
        value, display = _field_value(
            row, model_field, others, language, choices, shape.related.get(name)
        )
        fields.append(AnswerField(name, label, value, display))
    return AnswerRecord(shape.label, shape.model_name, row.pk, tuple(fields), ordinal)


def _unique(texts) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def _roles(user) -> list[StaffRole]:
    if user is None:
        return [FORMER_STAFF]
    roles = [STAFF_ROLES[g.name] for g in user.groups.all() if g.name in STAFF_ROLES]
    if roles:
        return sorted(roles, key=lambda role: role.name.en)
    return [ADMINISTRATOR if user.is_superuser else OTHER_STAFF]


def _accesses(querysets: dict, language: str) -> tuple[AccessAnswer, ...]:
    """When staff looked at or changed the answer's records, by day, kind, action and role."""
    declarations = {declaration.label: declaration for declaration in querysets}
    entries = audit_entries_of_records(
        {declaration.label: rows for declaration, rows in querysets.items()}
    )
    counts: dict[tuple, int] = {}
    for entry in entries:
        roles = _roles(entry.user)
        key = (
            timezone.localdate(entry.occurred_at),
            declarations[entry.target_model].model_name(language),
            ACCESS_ACTIONS[entry.action].in_language(language),
            ", ".join(role.name.in_language(language) for role in roles),
            "; ".join(role.purpose.in_language(language) for role in roles),
        )
        counts[key] = counts.get(key, 0) + 1
    return tuple(
        AccessAnswer(
            day=day,
            date=format_date(day, language),
            data=data,
            action=action,
            role=role,
            purpose=purpose,
            count=count,
            times=TIMES.in_language(language).format(count=count) if count > 1 else "",
        )
        for (day, data, action, role, purpose), count in counts.items()
    )


def build_answer(
    access_request: AccessRequest,
    *,
    language: str | None = None,
    now: datetime.datetime | None = None,
) -> Answer:
    language = language or access_request.language
    subject = subject_of(access_request.matches.filter(confirmed=True))
    querysets = _collect(subject)
    others = _Others.of(subject, querysets)
    has_rows: set[Declaration] = set()
    categories = []
    transfers: dict[TransferAnswer, None] = {}
    automated: dict[AutomatedAnswer, None] = {}
    for category in registry.categories_in_use():
        declarations = registry.for_category(category)
        name = category.label(language)
        records, summaries = [], []
        for declaration in declarations:
            shape = _RecordShape.of(
                declaration, language, _related_records(declaration, querysets.get(declaration))
            )
            of_model = [
                _record(declaration, row, others, language, ordinal, shape)
                for ordinal, row in enumerate(_rows(declaration, querysets), start=1)
            ]
            if of_model:
                has_rows.add(declaration)
            if len(of_model) > letter_max_records():
                summaries.append(_summary(declaration, of_model, querysets[declaration], language))
            records.extend(of_model)
        disclosures = [d for declaration in declarations for d in declaration.disclosures]
        categories.append(
            CategoryAnswer(
                key=category.key,
                number=category.number,
                name=name,
                purposes=_unique(d.purpose.in_language(language) for d in declarations),
                sources=_unique(d.source.in_language(language) for d in declarations),
                disclosures=_unique(d.text.in_language(language) for d in disclosures),
                recipients=_unique(d.recipients.in_language(language) for d in disclosures),
                retention=_unique(d.retention.text.in_language(language) for d in declarations),
                records=tuple(records),
                summaries=tuple(summaries),
            )
        )
        # What is done with the data the answer holds: transfers and automated processing
        # of the models the person has rows in.
        for declaration in declarations:
            if declaration not in has_rows:
                continue
            for disclosure in declaration.disclosures:
                if disclosure.outside_eea:
                    transfers[
                        TransferAnswer(
                            category=name,
                            text=disclosure.text.in_language(language),
                            recipients=disclosure.recipients.in_language(language),
                            safeguard=disclosure.safeguard.in_language(language),
                        )
                    ] = None
            if declaration.automated is not None:
                processing = declaration.automated
                automated[
                    AutomatedAnswer(
                        category=name,
                        logic=processing.logic.in_language(language),
                        decides=processing.decides,
                        consequences=(
                            processing.consequences.in_language(language)
                            if processing.consequences
                            else ""
                        ),
                    )
                ] = None
    return Answer(
        reference=access_request.reference,
        language=language,
        compiled_at=now or timezone.now(),
        categories=tuple(categories),
        transfers=tuple(transfers),
        automated=tuple(automated),
        accesses=_accesses(querysets, language),
    )


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_answer_json(answer: Answer, out) -> None:
    """The answer as one JSON document, written to the text stream `out` record by record.

    A long history is never held as one string: each record is encoded and written on a
    line of its own.
    """
    out.write("{\n")
    for key, value in (
        ("reference", answer.reference),
        ("language", answer.language),
        ("compiled_at", timezone.localtime(answer.compiled_at).isoformat()),
    ):
        out.write(f"  {_json(key)}: {_json(value)},\n")
    out.write('  "categories": [')
    for number, category in enumerate(answer.categories):
        heading = {
            "key": category.key,
            "number": category.number,
            "name": category.name,
            "purposes": list(category.purposes),
            "sources": list(category.sources),
            "disclosures": list(category.disclosures),
            "recipients": list(category.recipients),
            "retention": list(category.retention),
        }
        # The heading's object stays open for its records.
        out.write(("," if number else "") + "\n    " + _json(heading)[:-1] + ', "records": [')
        for position, record in enumerate(category.records):
            document = {
                "data": record.model,
                "data_name": record.model_name,
                "record": record.pk,
                "fields": [
                    {"field": f.name, "label": f.label, "value": f.value, "display": f.display}
                    for f in record.fields
                ],
            }
            out.write(("," if position else "") + "\n      " + _json(document))
        out.write("\n    ]}")
    out.write("\n  ],\n")
    tail = {
        "transfers_outside_eea": [
            {
                "category": t.category,
                "transfer": t.text,
                "recipients": t.recipients,
                "safeguard": t.safeguard,
            }
            for t in answer.transfers
        ],
        "automated_processing": [
            {
                "category": a.category,
                "logic": a.logic,
                "automated_decision": a.decides,
                "consequences": a.consequences,
            }
            for a in answer.automated
        ],
        "accesses_by_staff": [
            {
                "date": a.day.isoformat(),
                "data": a.data,
                "action": a.action,
                "role": a.role,
                "purpose": a.purpose,
                "count": a.count,
            }
            for a in answer.accesses
        ],
    }
    out.write(",\n".join(f"  {_json(key)}: {_json(value)}" for key, value in tail.items()))
    out.write("\n}\n")


def answer_json(answer: Answer) -> bytes:
    out = io.StringIO()
    write_answer_json(answer, out)
    return out.getvalue().encode()


# A spreadsheet opening the CSV takes a cell beginning with one of these for a formula
# (OWASP, "CSV Injection"): a name such as =HYPERLINK(...) would run as one.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA_GUARD = "'"


def csv_cell(text: str) -> str:
    """The text as a CSV cell that no spreadsheet runs: an apostrophe before a formula start.

    Spreadsheets show the apostrophe's cell as text; the JSON file keeps the value as it is.
    """
    return CSV_FORMULA_GUARD + text if text.startswith(CSV_FORMULA_STARTS) else text


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


def write_answer_csv(answer: Answer, out) -> None:
    """One line per stored value: category, data, record, field, label and value."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for category in answer.categories:
        for record in category.records:
            writer.writerows(
                [
                    csv_cell(str(cell))
                    for cell in (
                        category.key,
                        category.name,
                        record.model,
                        record.pk,
                        f.name,
                        f.label,
                        _csv_value(f.value),
                    )
                ]
                for f in record.fields
            )


def answer_csv(answer: Answer) -> bytes:
    out = io.StringIO()
    write_answer_csv(answer, out)
    return out.getvalue().encode()


def answer_zip(answer: Answer):
    """The export as a ZIP of the JSON and the CSV, in a temporary file (open, at its start).

    Each file is compressed as it is written, so the export is never held in memory whole.
    """
    stamp = timezone.localtime(answer.compiled_at).timetuple()[:6]
    export = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, write in ((EXPORT_JSON, write_answer_json), (EXPORT_CSV, write_answer_csv)):
            # A ZipInfo carries its own compression, "stored" unless it is given.
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            with (
                archive.open(info, "w") as member,
                io.TextIOWrapper(member, encoding="utf-8", newline="") as text,
            ):
                write(answer, text)
    export.seek(0)
    return export


def letter_texts(texts: dict[str, Text], language: str, **values) -> dict[str, str]:
    return {key: text.in_language(language).format(**values) for key, text in texts.items()}


def render_letter(template: str, context: dict, language: str) -> bytes:
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
        "date": format_date(today, language),
        "texts": letter_texts(
            LETTER_TEXTS,
            language,
            received=format_date(access_request.received_on, language),
            reference=access_request.reference,
            audit_days=settings.AUDIT_LOG_RETENTION_DAYS,
            max_records=letter_max_records(),
        ),
    }
    return render_letter("privacy/answer_letter.html", context, language)


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
        "date": format_date(today or timezone.localdate(), language),
        "texts": letter_texts(
            SIGNED_REQUEST_TEXTS,
            language,
            received=format_date(access_request.received_on, language),
            reference=access_request.reference,
        ),
    }
    return render_letter("privacy/signed_request_letter.html", context, language)
