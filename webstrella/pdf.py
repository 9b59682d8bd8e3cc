"""PDF documents made from HTML with WeasyPrint: letters and printable forms."""

from collections.abc import Iterable

from django.contrib.staticfiles import finders


def render_pdf(html: str, *, stylesheets: Iterable[str]) -> bytes:
    """The HTML as a PDF, styled by the named static files (e.g. "css/print.css")."""
    # Imported when a PDF is first made: WeasyPrint takes a while to load, and most
    # processes never make one.
    from weasyprint import CSS, HTML

    styles = []
    for name in stylesheets:
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"No static file {name} for the PDF.")
        styles.append(CSS(filename=path))
    return HTML(string=html).write_pdf(stylesheets=styles)
