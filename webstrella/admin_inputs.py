"""Admin behaviour every app of the register shares: typed or posted garbage gives a form
error or an ordinary list, never a server error."""

import datetime
import json
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.exceptions import DisallowedModelAdminLookup
from django.contrib.admin.utils import flatten_fieldsets, get_fields_from_path
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.admin.widgets import AutocompleteSelect, url_params_from_lookup_dict
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, Max, Min, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.http import QueryDict
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# A search for more words than this uses the first ones only. Each word adds a condition
# over every search field, and SQLite refuses expressions deeper than 1000.
MAX_SEARCH_WORDS = 12
MAX_SEARCH_CHARS = 200


def bounded_search_term(term: str) -> str:
    """The term as the database can search it: no NUL characters, a bounded length."""
    words = term.replace("\x00", "").split()
    return " ".join(words[:MAX_SEARCH_WORDS])[:MAX_SEARCH_CHARS]


# A pattern from the address could fail to compile (a 500 on PostgreSQL and SQLite alike) or
# backtrack for minutes; no page of the admin links with one.
REFUSED_LOOKUPS = ("regex", "iregex")
# No id of the register is this large, and the database drivers fail on such a number
# instead of finding nothing.
LARGEST_ID = 2**63 - 1
# Free text, bounded by the search itself: a long number is a fair thing to search for.
SEARCH_TERMS = (SEARCH_VAR, "term")


def checked_query(query: QueryDict) -> QueryDict:
    """The query string of an admin page as the database can take it.

    NUL characters are dropped (PostgreSQL's text cannot hold them; the search box drops
    them too). A regular-expression lookup, or a whole number beyond 64 bits outside the
    search term, is refused with DisallowedModelAdminLookup, which Django answers with 400.
    """
    checked = QueryDict(mutable=True)
    for raw_name, values in query.lists():
        name = raw_name.replace("\x00", "")
        if name.rsplit(LOOKUP_SEP, 1)[-1] in REFUSED_LOOKUPS:
            raise DisallowedModelAdminLookup(f"Filtering by {name} not allowed")
        for raw_value in values:
            value = raw_value.replace("\x00", "")
            if name not in SEARCH_TERMS and _is_beyond_any_id(value):
                raise DisallowedModelAdminLookup(f"Filtering by {name} not allowed")
            checked.appendlist(name, value)
    checked._mutable = False
    return checked


def _is_beyond_any_id(value: str) -> bool:
    digits = value.strip().removeprefix("-").removeprefix("+")
    return digits.isdecimal() and len(digits) > 18 and abs(int(value)) > LARGEST_ID


class AutocompleteSelectForValidIds(AutocompleteSelect):
    """Re-renders a refused form without looking up ids that are not ids at all.

    Django's widget looks the posted value up with `pk__in` to show the chosen label; a
    value such as "1 OR 1=1", or a number beyond 64 bits, makes that query fail before the
    form can show its "Select a valid choice" error.
    """

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        valid = []
        for item in value:
            if item in ("", None):
                continue
            try:
                target.run_validators(target.to_python(item))
            except (ValidationError, TypeError, ValueError, OverflowError):
                continue
            valid.append(item)
        return super().optgroups(name, valid, attr)


class SafeInputsMixin:
    """For every ModelAdmin and inline: bounded searches and robust autocomplete fields."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, bounded_search_term(search_term))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelectForValidIds(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


MAX_FILTER_CHARS = 300


def bounded_filters(params: dict[str, list[str]]) -> str:
    """The filters of a list as the audit log records them: `name=value; ...`, bounded."""
    parts = [
        f"{name}={value[:MAX_SEARCH_CHARS]}"
        for name, values in sorted(params.items())
        for value in (values if isinstance(values, list) else [values])
    ]
    return "; ".join(parts).replace("\x00", "")[:MAX_FILTER_CHARS]


# The parameters Django's field list filters put in the address: a choice or a value
# (`exact`), empty or not (`isnull`, `isempty`), and the date filter's range (`gte`, `lt`).
_FIELD_FILTER_LOOKUPS = ("exact", "isnull", "isempty", "gte", "lt")
_DATE_HIERARCHY_LOOKUPS = ("year", "month", "day")


class OfferedFiltersOnlyMixin:
    """A list is filtered only by the filters it offers.

    Django accepts any lookup on a model's own fields from the address (`?email=...`,
    `?last_name__startswith=...`, `?ip_address=x`): a search around the search box and its
    audit entry, and values the database may refuse with an error. Anything but the list's
    filters, its date hierarchy and the choices of a raw-id popup (`limit_choices_to`) is
    refused as Django refuses undeclared lookups across relations: with 400.
    """

    def offered_filter_parameters(self, request) -> set[str]:
        list_filter = self.get_list_filter(request) if request is not None else self.list_filter
        parameters = set()
        for item in list_filter:
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                parameters.add(item.parameter_name)
                continue
            path = item[0] if isinstance(item, (list, tuple)) else item
            parameters.update(f"{path}{LOOKUP_SEP}{lookup}" for lookup in _FIELD_FILTER_LOOKUPS)
            field = get_fields_from_path(self.model, path)[-1]
            if field.is_relation:
                target = field.target_field.name
                parameters.add(f"{path}{LOOKUP_SEP}{target}{LOOKUP_SEP}exact")
        if self.date_hierarchy:
            parameters.update(
                f"{self.date_hierarchy}{LOOKUP_SEP}{part}" for part in _DATE_HIERARCHY_LOOKUPS
            )
        return parameters

    def _is_popup_choice(self, lookup: str, value) -> bool:
        for limit in self.model._meta.related_fkey_lookups:
            limit = limit() if callable(limit) else limit
            if (lookup, value) in url_params_from_lookup_dict(limit).items():
                return True
        return False

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        if lookup not in self.offered_filter_parameters(request) and not self._is_popup_choice(
            lookup, value
        ):
            return False
        return super().lookup_allowed(lookup, value, request)


# Change forms: a save must not silently undo what a colleague saved meanwhile.

ROW_STAMP_FIELD = "row_stamp"


def row_stamp(model, pk) -> str:
    """A keyed digest of a row's stored values, or "" when the row is gone."""
    names = [field.attname for field in model._meta.concrete_fields]
    stored = model._default_manager.filter(pk=pk).values_list(*names).first()
    if stored is None:
        return ""
    text = json.dumps(stored, default=str, ensure_ascii=False)
    return salted_hmac("webstrella.admin_inputs.row_stamp", text).hexdigest()


class StaleEditGuardMixin:
    """Optimistic locking of a ModelAdmin's change form.

    The form carries a stamp of the row as it was shown. On save the row is read again
    under a lock (the admin saves in a transaction, so the lock holds until the save is
    done); if its stamp differs, a colleague saved it meanwhile, and the form is refused
    with a message instead of overwriting their change. Inline rows are not covered.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or ROW_STAMP_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [ROW_STAMP_FIELD], "classes": ["hidden"]})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.pk is not None:
            kwargs["form"] = _stale_edit_guarded(kwargs.get("form", self.form), type(obj))
        return super().get_form(request, obj, change=change, **kwargs)


def _stale_edit_guarded(form_class, model):
    class StaleEditGuardedForm(form_class):
        row_stamp = forms.CharField(widget=forms.HiddenInput, required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.initial.setdefault(ROW_STAMP_FIELD, row_stamp(model, self.instance.pk))

        def clean(self):
            cleaned = super().clean()
            shown = self.data.get(self.add_prefix(ROW_STAMP_FIELD), "")
            # Locks the row until the admin's transaction ends with the save.
            model._default_manager.select_for_update().filter(pk=self.instance.pk).exists()
            if not constant_time_compare(shown, row_stamp(model, self.instance.pk)):
                raise ValidationError(
                    _(
                        "Someone else saved this record after you opened it, so your changes "
                        "were not saved. Open the record again to see theirs, then make your "
                        "changes."
                    ),
                    code="stale",
                )
            return cleaned

    StaleEditGuardedForm.__name__ = form_class.__name__
    return StaleEditGuardedForm


# A number as people type it: "3,5" or "3.5", thousands grouped by spaces ("1 234,50").
# Anything else is refused rather than guessed at: "1.234,50" or "3,5,1" could mean
# several numbers, and a browser's own number input drops the comma (3,5 becomes 35).
_DECIMAL_TEXT = re.compile(
    r"^(?P<sign>[+-]?)(?P<whole>\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)?"
    r"(?:[.,](?P<fraction>\d+))?$"
)


def read_decimal(text: str) -> Decimal | None:
    """The number in `text`, with a decimal comma or point; None when it is not one."""
    match = _DECIMAL_TEXT.match(text.strip())
    if match is None or not (match["whole"] or match["fraction"]):
        return None
    whole = re.sub(r"\D", "", match["whole"] or "") or "0"
    try:
        fraction = f".{match['fraction']}" if match["fraction"] else ""
        return Decimal(f"{match['sign']}{whole}{fraction}")
    except InvalidOperation:
        return None


class DateTextInput(forms.DateInput):
    """A date typed in the admin language's format, with that format as the hint.

    Not the browser's own date input: it shows its own format (mm/dd/yyyy in an
    English-speaking browser) whatever the admin's language is.
    """

    # The hint follows the first input format of each language: 30.11.2026 in Finnish.
    hint = _("yyyy-mm-dd")

    def __init__(self, attrs=None):
        super().__init__({"class": "vDateField", "size": "10", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", str(self.hint))
        return context


class DecimalTextInput(forms.TextInput):
    """A text box for numbers: phones and tablets show a keypad with the decimal separator,
    and the browser passes on what was typed instead of reading it itself."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})


class DecimalCommaField(forms.DecimalField):
    """A decimal number typed with a comma or a point; shown in the reader's language.

    NaN and infinities are refused while parsing, not only when validating: an inline
    formset asks each row whether it changed before validating it, and comparing a saved
    amount with Decimal("sNaN") raises instead of answering.
    """

    widget = DecimalTextInput
    default_error_messages = {
        "invalid": _("Enter a number, such as 3,5 or 1 234,50."),
    }

    def __init__(self, **kwargs):
        kwargs["localize"] = True
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            number = value
        else:
            text = str(value)
            if len(text) > self.max_length_of_text():
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            number = read_decimal(text)
        if number is None or not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def max_length_of_text(self) -> int:
        # Digits, grouping spaces, sign and separator: longer text is no number it can hold.
        return 2 * (self.max_digits or 40) + 2

    def widget_attrs(self, widget):
        # Not the min/max/step of a number input: those belong to type="number".
        return forms.Field.widget_attrs(self, widget)


# Lists of large tables: counts and searches that do not grow with the table.

# Up to this many rows a list's count is exact; above it, on PostgreSQL, the planner's
# estimate. Counting a million rows takes as long as reading them.
EXACT_COUNT_UP_TO = 1_000


def _estimated_rows(queryset: QuerySet) -> int:
    """PostgreSQL's estimate of the rows of a query: the table's size kept by ANALYZE
    (`reltuples`) for a whole table, else the planner's estimate of the filtered query."""
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        if not queryset.query.where:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
            return max(int(row[0]), 0) if row else 0
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to EXACT_COUNT_UP_TO rows; beyond that, on PostgreSQL, estimates.

    The exact part reads at most EXACT_COUNT_UP_TO + 1 rows (`COUNT(*)` over a `LIMIT`), so a
    list costs the same whatever the size of its table. SQLite always counts exactly, as
    before: its registers are small.
    """

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
            return super().count
        exact = queryset.order_by()[: EXACT_COUNT_UP_TO + 1].count()
        if exact <= EXACT_COUNT_UP_TO:
            return exact
        return max(_estimated_rows(queryset.order_by()), exact)


class LargeTableAdminMixin:
    """For the lists of tables that grow with the years: estimated counts, no count of the
    whole table beside a search ("5 results (1 000 000 total)" is not shown)."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False


# Related records found by their own indexed fields, at most this many: a search for the
# customer "A00001" finds the orders of these customers through the order's own index.
RELATED_SEARCH_LIMIT = 1_000
_SEARCH_LOOKUPS = {"^": "istartswith", "=": "iexact"}


def _search_lookup(field: str) -> str:
    lookup = _SEARCH_LOOKUPS.get(field[:1])
    if lookup:
        return f"{field[1:]}{LOOKUP_SEP}{lookup}"
    return f"{field}{LOOKUP_SEP}icontains"


class RelatedSearchMixin:
    """Searches related records by their own fields, then the list by the found ids.

    `search_related = {"customer": ["^customer_number"]}` finds the customers whose number
    begins with the term (every word matching one of the fields, as the admin's own search
    does) and adds the rows that refer to them. A search across a join cannot use the
    indexes of both tables at once; ids read first and `customer_id IN (...)` can. At most
    RELATED_SEARCH_LIMIT related records are taken.
    """

    search_related: dict[str, list[str]] = {}

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = bounded_search_term(search_term).split()
        if not words:
            return results, may_have_duplicates
        for path, fields in self.search_related.items():
            related_model = self.model._meta.get_field(path).related_model
            condition = Q()
            for word in words:
                either = Q()
                for field in fields:
                    either |= Q(**{_search_lookup(field): word})
                condition &= either
            ids = list(
                related_model._default_manager.filter(condition)
                .order_by()
                .values_list("pk", flat=True)[:RELATED_SEARCH_LIMIT]
            )
            if ids:
                # `queryset` carries the list's filters; stay within them.
                results |= queryset.filter(**{f"{path}__in": ids})
        return results, may_have_duplicates


class _PeriodsFromIndexMixin:
    """A queryset whose list of years or months asks the index, period by period.

    Django's date hierarchy lists the years (or a year's months) that have rows with
    `SELECT DISTINCT date_trunc(...)`, which reads every row of the list. Here the first and
    last time come from the index (MIN and MAX), and one query asks, for each period in
    between, whether a row exists in it: a dozen short index lookups, whatever the size.
    """

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind not in ("year", "month"):
            return super().datetimes(field_name, kind, order, tzinfo)
        return self._periods(field_name, kind, order, is_datetime=True, tzinfo=tzinfo)

    def dates(self, field_name, kind, order="ASC"):
        if kind not in ("year", "month"):
            return super().dates(field_name, kind, order)
        return self._periods(field_name, kind, order, is_datetime=False)

    def aggregate(self, *args, **kwargs):
        result = super().aggregate(*args, **kwargs)
        # The date hierarchy asks for the first and last time before it asks for the
        # periods, of this same queryset: kept, so that they are not read twice.
        first, last = kwargs.get("first"), kwargs.get("last")
        if isinstance(first, Min) and isinstance(last, Max) and not args and len(kwargs) == 2:
            self.__dict__.setdefault("_period_bounds", {})[first.source_expressions[0].name] = {
                "first": result["first"],
                "last": result["last"],
            }
        return result

    def _periods(self, field_name, kind, order, *, is_datetime, tzinfo=None):
        bounds = self.__dict__.get("_period_bounds", {}).get(field_name) or self.aggregate(
            first=Min(field_name), last=Max(field_name)
        )
        if bounds["first"] is None:
            return []
        zone = tzinfo or timezone.get_current_timezone()
        first, last = bounds["first"], bounds["last"]
        if is_datetime:
            first, last = timezone.localtime(first, zone), timezone.localtime(last, zone)
        starts = []
        year, month = first.year, first.month if kind == "month" else 1
        while (year, month) <= (last.year, last.month if kind == "month" else 1):
            starts.append(datetime.date(year, month, 1))
            year, month = (year + 1, 1) if kind == "year" or month == 12 else (year, month + 1)
        edges = [*starts, _next_period(starts[-1], kind)]
        if is_datetime:
            edges = [
                timezone.make_aware(datetime.datetime.combine(d, datetime.time()), zone)
                for d in edges
            ]
        rows = self.order_by()
        probes = {
            f"p{number}": Exists(
                rows.filter(**{f"{field_name}__gte": start, f"{field_name}__lt": end})
            )
            for number, (start, end) in enumerate(zip(edges, edges[1:], strict=False))
        }
        # One row of the table carries the answers: EXISTS for each period.
        found = next(iter(self.model._base_manager.order_by().values(**probes)[:1]), {})
        periods = [edges[number] for number in range(len(starts)) if found.get(f"p{number}")]
        return periods if order == "ASC" else periods[::-1]


def _next_period(start: datetime.date, kind: str) -> datetime.date:
    if kind == "year" or start.month == 12:
        return datetime.date(start.year + 1, 1, 1)
    return datetime.date(start.year, start.month + 1, 1)


class IndexedDateHierarchyMixin:
    """For ModelAdmins with a date hierarchy over a large table: see _PeriodsFromIndexMixin.

    The field of the date hierarchy needs an index of its own.
    """

    def get_changelist(self, request, **kwargs):
        base = super().get_changelist(request, **kwargs)

        class IndexedDatesChangeList(base):
            def get_queryset(self, request, exclude_parameters=None):
                queryset = super().get_queryset(request, exclude_parameters)
                queryset.__class__ = _with_periods_from_index(queryset.__class__)
                return queryset

        return IndexedDatesChangeList


_PERIOD_CLASSES: dict[type, type] = {}


def _with_periods_from_index(queryset_class: type) -> type:
    if issubclass(queryset_class, _PeriodsFromIndexMixin):
        return queryset_class
    if queryset_class not in _PERIOD_CLASSES:
        _PERIOD_CLASSES[queryset_class] = type(
            f"PeriodsFromIndex{queryset_class.__name__}",
            (_PeriodsFromIndexMixin, queryset_class),
            {},
        )
    return _PERIOD_CLASSES[queryset_class]
