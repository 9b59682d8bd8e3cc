"""The public pages: register description, contact page and the access-request form."""

import sys
from collections.abc import Callable
from datetime import date

from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from privacy.visits.selectors import visit_counts
from privacy.visits.services import visit_record
from webstrella.database import database_unreachable
from webstrella.pdf import render_pdf

from .models import RegisterDescription
from .notice import notice_sections
from .rendered_pages import (
    COUNTER_MARKS,
    last_counts,
    last_counts_keep,
    rendered_page_get,
    rendered_page_keep,
    rendered_page_key,
)
from .selectors import (
    description_current,
    description_data_categories,
    description_of_stamp,
    description_sections,
    descriptions_published,
    version_stamp_sql,
)

# How long a visitor is asked to wait while the database is unreachable.
RETRY_AFTER_SECONDS = 30

# URL names of each public page in Finnish and English, for the language switch.
PAGE_NAMES = {
    "description": {"fi": "description", "en": "description_en"},
    "description_dated": {"fi": "description_dated", "en": "description_dated_en"},
    "contact": {"fi": "contact", "en": "contact_en"},
    "access_form": {"fi": "access_form", "en": "access_form_en"},
    "access_form_pdf": {"fi": "access_form_pdf", "en": "access_form_pdf_en"},
}


def _get_current_description_or_404() -> RegisterDescription:
    description = description_current()
    if description is None:
        raise Http404("No register description has been published.")
    return description


def _other_language(language: str) -> str:
    return "en" if language == "fi" else "fi"


def _layout_context(language: str, page: str, in_force: RegisterDescription | None = None) -> dict:
    """What base.html draws around every public page: navigation in the page's language.

    The first link leads to the version in force, so it is named as that version is: the
    privacy notice, or the register description of the 2013 format. Error pages read no
    database, and name it as the 2013 format does.
    """
    return {
        "language": language,
        "page": page,
        "in_force_is_notice": in_force is not None and in_force.is_privacy_notice,
        "alternate_language": _other_language(language),
        "urls": {
            name: reverse(names[language])
            for name, names in PAGE_NAMES.items()
            if name != "description_dated"
        },
    }


def _render_public(
    request: HttpRequest,
    template: str,
    context: dict,
    *,
    language: str,
    page: str,
    count_visit: bool = True,
    visits=None,
    **kwargs,
) -> HttpResponse:
    """Count the view, then render in the page's language with the language switch.

    `visits` given, it is drawn as the counter instead, and nothing is counted or read.
    """
    if visits is None:
        counted = visit_record(request) if count_visit else None
        visits = counted.counts if counted else visit_counts()
    addresses = {
        code: request.build_absolute_uri(reverse(PAGE_NAMES[page][code], kwargs=kwargs or None))
        for code in ("fi", "en")
    }
    context = {
        **context,
        **_layout_context(language, page, context.get("in_force")),
        "alternate_url": reverse(
            PAGE_NAMES[page][_other_language(language)], kwargs=kwargs or None
        ),
        # Every language version, this one included, by absolute address, and Finnish for
        # visitors whose language is neither: search engines ignore hreflang links that
        # are relative or that the other version does not return.
        "alternates": [
            {"language": "fi", "url": addresses["fi"]},
            {"language": "en", "url": addresses["en"]},
            {"language": "x-default", "url": addresses["fi"]},
        ],
        "visits": visits,
    }
    with translation.override(language):
        response = render(request, template, context)
    response["Content-Language"] = language
    return response


def _description_context(
    description: RegisterDescription,
    language: str,
    versions: list[RegisterDescription] | None = None,
) -> dict:
    return {
        "description": description,
        "sections": description_sections(description, language),
        "data_categories": description_data_categories(description, language),
        # A privacy notice's sections generated from the inventory; none for the 2013 format.
        "notice_sections": notice_sections(description, language),
        "versions": descriptions_published() if versions is None else versions,
    }


def _kept_public_page(
    request: HttpRequest,
    template: str,
    *,
    language: str,
    page: str,
    shown: tuple[str, list],
    context: Callable[[RegisterDescription, list[RegisterDescription]], dict],
    **kwargs,
) -> HttpResponse:
    """A public page of the version that `shown` (version_stamp_sql) finds: counted, and
    rendered only when the versions it shows changed, for the cache keeps it
    (privacy/description/rendered_pages.py).

    On PostgreSQL a counted view is one statement: the count, and the stamps of the version
    shown and of the newest one. While the database cannot be reached, the kept page is
    served with the counter as last read, uncounted.
    """
    key = rendered_page_key(request, page=page, language=language, **kwargs)
    # The version shown, the newest one (the versions list) and, for an older version's
    # page, the one in force (the navigation's name): a page is rendered again when one of
    # them changes.
    stamps = [shown, version_stamp_sql()]
    if shown != _in_force():
        stamps.append(_in_force())
    try:
        counted = visit_record(request, only_if=shown, read_along=stamps)
        if counted is not None:
            counts, stamp = counted.counts, counted.read_along
        else:
            counts, stamp = visit_counts(), tuple(_read(sql, params) for sql, params in stamps)
        if stamp[0] is None:
            raise Http404("No such published register description.")
        kept = rendered_page_get(key)
        if kept is None or kept.stamp != stamp:
            rendered = _render_public(
                request,
                template,
                context(description_of_stamp(stamp[0]), descriptions_published()),
                language=language,
                page=page,
                visits=COUNTER_MARKS,
                **kwargs,
            )
            kept = rendered_page_keep(
                key, stamp=stamp, language=language, html=rendered.content.decode()
            )
        last_counts_keep(counts)
    except DatabaseError as exc:
        kept, counts = rendered_page_get(key), last_counts()
        if not database_unreachable(exc) or kept is None or counts is None:
            raise
    response = HttpResponse(kept.with_counts(counts))
    response["Content-Language"] = language
    return response


def _read(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def _in_force() -> tuple[str, list]:
    return version_stamp_sql(in_force_on=timezone.localdate())


@require_safe
def description_page(request: HttpRequest, language: str = "fi") -> HttpResponse:
    return _kept_public_page(
        request,
        "privacy/description.html",
        language=language,
        page="description",
        shown=_in_force(),
        context=lambda description, versions: {
            **_description_context(description, language, versions),
            "in_force": description,
        },
    )


def render_description_preview(
    request: HttpRequest, description: RegisterDescription, language: str
) -> HttpResponse:
    """A draft as visitors would see it once published; staff views are not counted."""
    return _render_public(
        request,
        "privacy/description.html",
        {
            **_description_context(description, language),
            "is_preview": True,
            "in_force": description_current(),
        },
        language=language,
        page="description",
        count_visit=False,
    )


@require_safe
def description_dated_page(
    request: HttpRequest, effective_date: date, language: str = "fi"
) -> HttpResponse:
    return _kept_public_page(
        request,
        "privacy/description.html",
        language=language,
        page="description_dated",
        shown=version_stamp_sql(of_date=effective_date),
        context=lambda description, versions: {
            **_description_context(description, language, versions),
            "in_force": description_current(),
        },
        effective_date=effective_date,
    )


@require_safe
def contact_page(request: HttpRequest, language: str = "fi") -> HttpResponse:
    return _kept_public_page(
        request,
        "privacy/contact.html",
        language=language,
        page="contact",
        shown=_in_force(),
        context=lambda description, versions: {"description": description, "in_force": description},
    )


@require_safe
def access_request_form(request: HttpRequest, language: str = "fi") -> HttpResponse:
    return _kept_public_page(
        request,
        "privacy/access_request_form.html",
        language=language,
        page="access_form",
        shown=_in_force(),
        context=lambda description, versions: {"description": description, "in_force": description},
    )


@require_safe
def access_request_form_pdf(request: HttpRequest, language: str = "fi") -> HttpResponse:
    """The same form as an A4 PDF, made with WeasyPrint from the form's own template."""
    description = _get_current_description_or_404()
    with translation.override(language):
        html = render_to_string(
            "privacy/access_request_form_pdf.html",
            {"description": description, "language": language},
        )
    pdf = render_pdf(html, stylesheets=["css/print.css"])
    filename = "tarkastuspyynto.pdf" if language == "fi" else "access-request.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever a page links; WhiteNoise serves it."""
    return redirect(static("favicon.ico"))


def _language_of_path(path: str) -> str:
    """English under /en/, Finnish elsewhere, as the public pages' addresses are laid out."""
    return "en" if path == "/en" or path.startswith("/en/") else "fi"


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    """An error page in the site's layout and in the language of the address asked for.

    Rendered without the request, so no context processor runs and nothing is read from
    the database: the server-error page must show even when the database is down. For the
    same reason the visit counter is left out.
    """
    language = _language_of_path(request.path)
    context = {
        **_layout_context(language, page=""),
        "alternate_url": reverse(PAGE_NAMES["description"][_other_language(language)]),
    }
    with translation.override(language):
        content = render_to_string(template, context)
    response = HttpResponse(content, status=status)
    response["Content-Language"] = language
    return response


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler of uncaught errors; a database out of reach is not one of ours.

    Every view and middleware error comes here, so this is the one place that tells a lost
    database connection (503, try again) from a fault (500).
    """
    if database_unreachable(sys.exception()):
        response = _error_page(request, "503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_page(request, "500.html", 500)
