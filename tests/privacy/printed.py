"""Where the lines of text fall on a printed page, in millimetres from its top edge.

The access-request form is written on by hand; its tests measure the printed page (the PDF
that WeasyPrint serves, or Chromium's print of the HTML page) rather than the CSS.
"""

import io
from dataclasses import dataclass

from pypdf import PdfReader

MM_PER_POINT = 25.4 / 72


@dataclass(frozen=True)
class PrintedLine:
    text: str
    top_mm: float  # baseline, from the top edge of the page


@dataclass(frozen=True)
class PrintedPage:
    height_mm: float
    lines: list[PrintedLine]

    def top_of(self, text: str, *, after: float = -1.0) -> float:
        """The baseline of the first line that starts with `text` below `after` mm."""
        for line in self.lines:
            if line.top_mm > after and line.text.startswith(text):
                return line.top_mm
        raise AssertionError(f"{text!r} is not printed below {after} mm: {self.lines}")

    @property
    def last_line_mm(self) -> float:
        return max(line.top_mm for line in self.lines)


def printed_pages(pdf: bytes) -> list[PrintedPage]:
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        lines: list[PrintedLine] = []

        def collect(text, cm, tm, font, size, lines=lines, height=height):
            if text.strip():
                x, y = tm[4], tm[5]
                y_on_page = cm[1] * x + cm[3] * y + cm[5]
                lines.append(PrintedLine(text.strip(), (height - y_on_page) * MM_PER_POINT))

        page.extract_text(visitor_text=collect)
        lines.sort(key=lambda line: line.top_mm)
        pages.append(PrintedPage(height * MM_PER_POINT, lines))
    return pages


# Labels of the printed access-request form that the measurements start from.
FORM_LABELS = {
    "fi": {
        "email": "Sähköposti",
        "phone": "Puhelin",
        "only_some": "Haluan tietää vain seuraavat tiedot",
        "delivery": "Vastauksen toimitustapa",
    },
    "en": {
        "email": "Email",
        "phone": "Phone",
        "only_some": "I want to know only the following data",
        "delivery": "Delivery of the answer",
    },
}


def assert_the_form_leaves_room_to_write(page: PrintedPage, language: str) -> None:
    """Rows tall enough for handwriting, several lines for the data asked for, no empty fifth."""
    labels = FORM_LABELS[language]
    email = page.top_of(labels["email"])
    row = page.top_of(labels["phone"], after=email) - email
    assert row >= 10, f"a row of the requester's details is {row:.1f} mm"
    only_some = page.top_of(labels["only_some"])
    room = page.top_of(labels["delivery"], after=only_some) - only_some
    # Three or more lines of about 9 mm, and the gap before the next heading.
    assert room >= 35, f"{room:.1f} mm to write which data is asked for"
    below = page.height_mm - page.last_line_mm
    # The page margin is 16 mm; at most about 15 mm more may stay blank.
    assert below <= 31, f"{below:.0f} mm of the page is left blank under the form"
