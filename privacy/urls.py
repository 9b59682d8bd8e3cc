from datetime import date

from django.urls import path, register_converter

from .description import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> date:
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            # A well-formed but impossible date such as 2013-02-30 is simply not found.
            raise ValueError(value) from exc

    def to_url(self, value: date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()


register_converter(IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.description_page, name="description"),
    path(
        "rekisteriseloste/<isodate:effective_date>/",
        views.description_dated_page,
        name="description_dated",
    ),
    path("yhteystiedot/", views.contact_page, name="contact"),
    path("tarkastuspyynto/", views.access_request_form, name="access_form"),
    path("tarkastuspyynto.pdf", views.access_request_form_pdf, name="access_form_pdf"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("en/", views.description_page, {"language": "en"}, name="description_en"),
    path(
        "en/register-description/<isodate:effective_date>/",
        views.description_dated_page,
        {"language": "en"},
        name="description_dated_en",
    ),
    path("en/contact/", views.contact_page, {"language": "en"}, name="contact_en"),
    path(
        "en/access-request/", views.access_request_form, {"language": "en"}, name="access_form_en"
    ),
    path(
        "en/access-request.pdf",
        views.access_request_form_pdf,
        {"language": "en"},
        name="access_form_pdf_en",
    ),
]
