"""Admin behaviour every app of the register shares: typed or posted garbage gives a form
error or an ordinary list, never a server error."""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

# A search for more words than this uses the first ones only. Each word adds a condition
# over every search field, and SQLite refuses expressions deeper than 1000.
MAX_SEARCH_WORDS = 12
MAX_SEARCH_CHARS = 200


def bounded_search_term(term: str) -> str:
    """The term as the database can search it: no NUL characters, a bounded length."""
    words = term.replace("\x00", "").split()
    return " ".join(words[:MAX_SEARCH_WORDS])[:MAX_SEARCH_CHARS]


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
