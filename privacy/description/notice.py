"""The privacy notice (tietosuojaseloste, GDPR Art. 13 and 14) generated from the inventory.

Its data sections say what the inventory declares: each purpose with its legal basis, the
data, where it comes from, who receives it, transfers outside the EEA, how long it is kept,
whether it must be given, automated decision-making, and the rights the register carries
out as requests of data subjects. They are generated in Finnish and English and frozen in
the version when it is published, as section 3's list of categories is.

The free-text parts (controller, contact person, security) are the version's own fields,
which a new notice takes over from the version in force for staff to revise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from privacy.inventory import (
    DataCategory,
    Declaration,
    LegalBasis,
    Registry,
    Text,
    registry,
)
from privacy.requests.workflow import RequestKind

from .models import LANGUAGE_CODES, RegisterDescription

# GDPR applies from this day (Art. 99(2)); a version in force from before it cannot be a
# notice under the Regulation.
GDPR_APPLIES_FROM = date(2018, 5, 25)

# Wording a privacy notice starts from in place of the 2013 text's statutory basis.
NOTICE_LEGAL_BASIS = Text(
    fi="EU:n yleisen tietosuoja-asetuksen (2016/679) 13 ja 14 artiklan mukainen tietosuojaseloste.",
    en=(
        "Privacy notice under Articles 13 and 14 of the EU General Data Protection Regulation "
        "(2016/679)."
    ),
)


@dataclass(frozen=True)
class NoticeItem:
    """One generated section: its key, the article that requires it, its titles."""

    key: str
    article: str
    title_fi: str
    title_en: str

    def title(self, language: str) -> str:
        return self.title_fi if language == "fi" else self.title_en


# The generated sections, in the order the page shows them.
NOTICE_ITEMS = [
    NoticeItem(
        "purposes",
        "13(1)(c), 13(1)(d)",
        "Henkilötietojen käsittelyn tarkoitukset ja oikeusperusteet",
        "Purposes of processing and their legal bases",
    ),
    NoticeItem("categories", "14(1)(d)", "Käsiteltävät henkilötiedot", "Personal data processed"),
    NoticeItem("sources", "14(2)(f)", "Mistä tiedot saadaan", "Where the data comes from"),
    NoticeItem("recipients", "13(1)(e)", "Tietojen vastaanottajat", "Recipients of the data"),
    NoticeItem(
        "transfers",
        "13(1)(f)",
        "Tietojen siirrot EU:n ja ETA:n ulkopuolelle",
        "Transfers outside the EU and the EEA",
    ),
    NoticeItem("retention", "13(2)(a)", "Tietojen säilytysajat", "How long the data is kept"),
    NoticeItem(
        "requirement",
        "13(2)(e)",
        "Onko tietojen antaminen pakollista",
        "Whether you must give the data",
    ),
    NoticeItem(
        "automated",
        "13(2)(f)",
        "Automaattinen päätöksenteko ja profilointi",
        "Automated decision-making and profiling",
    ),
    NoticeItem("rights", "13(2)(b), 13(2)(c)", "Sinun oikeutesi", "Your rights"),
    NoticeItem(
        "complaint",
        "13(2)(d)",
        "Oikeus valittaa valvontaviranomaiselle",
        "Right to lodge a complaint with the supervisory authority",
    ),
]
NOTICE_ITEM_KEYS = [item.key for item in NOTICE_ITEMS]

# The rights of Art. 13(2)(b) a notice must state, each once.
REQUIRED_RIGHTS = ["access", "rectification", "erasure", "restriction", "objection", "portability"]

# Each kind of request the register handles, as the notice states the right behind it.
_RIGHT_OF_REQUEST_KIND = {
    RequestKind.ACCESS: Text(
        fi=(
            "Oikeus saada pääsy tietoihisi: saat tietää, mitä sinusta on tallennettu, ja "
            "jäljennöksen tiedoista (tietosuoja-asetuksen 15 artikla)."
        ),
        en=(
            "Right of access: to know what is stored about you and to get a copy of it "
            "(Article 15 of the Regulation)."
        ),
    ),
    RequestKind.RECTIFICATION: Text(
        fi=(
            "Oikeus tietojen oikaisemiseen: virheelliset tiedot korjataan ja puutteelliset "
            "täydennetään (16 artikla)."
        ),
        en=(
            "Right to rectification: inaccurate data is corrected and incomplete data "
            "completed (Article 16)."
        ),
    ),
    RequestKind.ERASURE: Text(
        fi=(
            "Oikeus tietojen poistamiseen. Tiedot, jotka laki velvoittaa säilyttämään, kuten "
            "kirjanpidon tositteet, poistetaan, kun lakisääteinen säilytysaika päättyy "
            "(17 artikla)."
        ),
        en=(
            "Right to erasure. Data the law obliges us to keep, such as the vouchers of the "
            "bookkeeping, is erased when the period the law sets ends (Article 17)."
        ),
    ),
    RequestKind.RESTRICTION: Text(
        fi=(
            "Oikeus käsittelyn rajoittamiseen, esimerkiksi tietojen oikeellisuuden "
            "tarkistamisen ajaksi tai kun tarvitset tietoja oikeudellisen vaateen "
            "esittämiseen (18 artikla)."
        ),
        en=(
            "Right to restriction of processing, for instance while the accuracy of the data "
            "is checked or when you need the data to make a legal claim (Article 18)."
        ),
    ),
    RequestKind.OBJECTION: Text(
        fi=(
            "Oikeus vastustaa käsittelyä, joka perustuu oikeutettuun etuun, henkilökohtaiseen "
            "tilanteeseesi liittyvällä perusteella (21 artikla)."
        ),
        en=(
            "Right to object, on grounds relating to your particular situation, to processing "
            "based on legitimate interests (Article 21)."
        ),
    ),
}
_PORTABILITY = Text(
    fi=(
        "Oikeus siirtää tiedot järjestelmästä toiseen: sopimukseen tai suostumukseen "
        "perustuvat tiedot, jotka olet itse antanut, saat tarkastuspyynnön vastauksen mukana "
        "koneluettavassa muodossa (JSON ja CSV) (20 artikla)."
    ),
    en=(
        "Right to data portability: the data you gave us that is processed under a contract "
        "or your consent comes with the answer to an access request in machine-readable form "
        "(JSON and CSV) (Article 20)."
    ),
)
_HOW_TO_ASK = Text(
    fi=(
        "Pyynnön voi lähettää kirjallisesti ja allekirjoitettuna Webstrellan postiosoitteeseen "
        "(Yhteystiedot-sivulla); valmiin lomakkeen saa Tarkastuspyyntö-sivulta. Vastaamme "
        "kuukauden kuluessa (12 artikla)."
    ),
    en=(
        "Send your request in writing and signed to Webstrella's postal address (on the "
        "Contact page); a ready form is on the Access request page. We answer within a month "
        "(Article 12)."
    ),
)
_COMPLAINT = Text(
    fi=(
        "Jos katsot, että henkilötietojesi käsittely rikkoo tietosuoja-asetusta, sinulla on "
        "oikeus tehdä valitus valvontaviranomaiselle (77 artikla). Suomessa se on "
        "Tietosuojavaltuutetun toimisto:"
    ),
    en=(
        "If you consider that the processing of your personal data infringes the Regulation, "
        "you have the right to lodge a complaint with a supervisory authority (Article 77). "
        "In Finland it is the Office of the Data Protection Ombudsman (Tietosuojavaltuutetun "
        "toimisto):"
    ),
)
OMBUDSMAN_URL = "https://tietosuoja.fi/"
_NO_TRANSFERS = Text(
    fi="Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
    en="The data is not transferred outside the EU or the EEA.",
)
_NO_AUTOMATED_DECISIONS = Text(
    fi=(
        "Tietojesi perusteella ei tehdä yksinomaan automaattiseen käsittelyyn, kuten "
        "profilointiin, perustuvia päätöksiä, joilla olisi sinuun oikeusvaikutuksia tai "
        "vastaava merkittävä vaikutus (22 artikla)."
    ),
    en=(
        "No decision based solely on automated processing, profiling included, that produces "
        "legal effects concerning you or similarly significantly affects you is taken from "
        "your data (Article 22)."
    ),
)
_AUTOMATED_DECISION = Text(fi="Automaattinen päätös:", en="Automated decision:")
_AUTOMATED_OTHER = Text(
    fi="Automaattisesti, ilman päätöksiä sinusta:", en="By automated means, deciding nothing:"
)
_WITHDRAW_CONSENT = Text(
    fi=(
        "Oikeus peruuttaa suostumuksesi milloin tahansa, kun käsittely perustuu "
        "suostumukseen. Peruutus ei vaikuta sitä ennen tehdyn käsittelyn lainmukaisuuteen "
        "(7 artiklan 3 kohta)."
    ),
    en=(
        "Right to withdraw your consent at any time where processing is based on consent. "
        "Withdrawing it does not affect the lawfulness of processing before it (Article 7(3))."
    ),
)
_WORDS = {
    "basis": Text(fi="Oikeusperuste", en="Legal basis"),
    "interest": Text(fi="Oikeutettu etu", en="Legitimate interest"),
    "law": Text(fi="Velvoittava laki", en="Law that requires it"),
    "withdrawal": Text(fi="Suostumuksen peruuttaminen", en="Withdrawing consent"),
    "data": Text(fi="Tiedot", en="Data"),
    "safeguard": Text(fi="Suojatoimi", en="Safeguard"),
    "recipients": Text(fi="Vastaanottajat", en="Recipients"),
    "from_person": Text(fi="Sinulta itseltäsi:", en="From you:"),
    "elsewhere": Text(fi="Muualta kuin sinulta itseltäsi:", en="From others than you:"),
    "consequence": Text(fi="Jos tietoja ei anneta:", en="If the data is not given:"),
    "how_to_ask": Text(fi="Näin käytät oikeuksiasi:", en="How to use your rights:"),
}


def _word(key: str, language: str) -> str:
    return _WORDS[key].in_language(language)


def _categories(declarations: list[Declaration], language: str) -> str:
    return ", ".join(dict.fromkeys(d.category.label(language) for d in declarations))


def _grouped(pairs) -> dict:
    """{thing: [declarations]} in the order things first appear."""
    grouped: dict = {}
    for thing, declaration in pairs:
        grouped.setdefault(thing, []).append(declaration)
    return grouped


def _list(items) -> str:
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))


def _purposes(declarations: list[Declaration], language: str) -> tuple[str, list[str]]:
    grouped = _grouped((basis, d) for d in declarations for basis in d.bases)
    items = []
    for purpose_basis, holders in grouped.items():
        details = [
            format_html(
                "{}: {} ({})",
                _word("basis", language),
                purpose_basis.basis.label(language),
                purpose_basis.basis.citation(language),
            )
        ]
        for key in ("interest", "law", "withdrawal"):
            text = getattr(purpose_basis, key)
            if text is not None:
                details.append(
                    format_html("{}: {}", _word(key, language), text.in_language(language))
                )
        details.append(
            format_html("{}: {}", _word("data", language), _categories(holders, language))
        )
        items.append(
            format_html(
                "<strong>{}</strong><br>{}",
                purpose_basis.purpose.in_language(language),
                format_html_join(mark_safe("<br>"), "{}", ((d,) for d in details)),  # noqa: S308
            )
        )
    covers = sorted({pb.basis.point for pb, _holders in grouped.items()})
    return (_list(items) if items else ""), covers


def _data_categories(the_registry: Registry, language: str) -> str:
    items = [
        format_html(
            "<strong>{}</strong>: {}",
            category.label(language),
            ", ".join(the_registry.item_labels(category, language)),
        )
        for category in the_registry.categories_in_use()
    ]
    return _list(items) if items else ""


def _sources(declarations: list[Declaration], language: str) -> str:
    own = list(dict.fromkeys(d.source.in_language(language) for d in declarations))
    others = list(
        dict.fromkeys(d.other_source.in_language(language) for d in declarations if d.other_source)
    )
    if not own:
        return ""
    html = format_html("<p>{}</p>{}", _word("from_person", language), _list(own))
    if others:
        html += format_html("<p>{}</p>{}", _word("elsewhere", language), _list(others))
    return html


def _recipients(declarations: list[Declaration], language: str) -> str:
    grouped = _grouped((disclosure, d) for d in declarations for disclosure in d.disclosures)
    items = [
        format_html(
            "<strong>{}</strong>: {}",
            disclosure.recipients.in_language(language),
            disclosure.text.in_language(language),
        )
        for disclosure in grouped
    ]
    return _list(items) if items else ""


def _transfers(declarations: list[Declaration], language: str) -> str:
    grouped = _grouped(
        (disclosure, d)
        for d in declarations
        for disclosure in d.disclosures
        if disclosure.outside_eea
    )
    if not grouped:
        return format_html("<p>{}</p>", _NO_TRANSFERS.in_language(language))
    items = [
        format_html(
            "<strong>{}</strong>: {}<br>{}: {}",
            disclosure.recipients.in_language(language),
            disclosure.text.in_language(language),
            _word("safeguard", language),
            disclosure.safeguard.in_language(language),
        )
        for disclosure in grouped
    ]
    return _list(items)


def _labelled(grouped: dict, language: str) -> list[tuple[str, object]]:
    """(label, thing) for each group: its categories, and where a category is in several
    groups (one period for contacts, another for a test of consent), the holders' purposes,
    so that the reader can tell the entries apart."""
    seen: dict[DataCategory, int] = {}
    for holders in grouped.values():
        for category in dict.fromkeys(d.category for d in holders):
            seen[category] = seen.get(category, 0) + 1
    labelled = []
    for thing, holders in grouped.items():
        label = _categories(holders, language)
        if any(seen[d.category] > 1 for d in holders):
            purposes = dict.fromkeys(d.purpose.in_language(language).rstrip(".") for d in holders)
            label = f"{label} – {'; '.join(purposes)}"
        labelled.append((label, thing))
    return labelled


def _retention(declarations: list[Declaration], language: str) -> str:
    grouped = _grouped(((d.category, d.retention.text), d) for d in declarations)
    items = [
        format_html("<strong>{}</strong>: {}", label, text.in_language(language))
        for label, (_category, text) in _labelled(grouped, language)
    ]
    return _list(items) if items else ""


def _requirement(declarations: list[Declaration], language: str) -> str:
    grouped = _grouped((d.requirement, d) for d in declarations if d.requirement is not None)
    items = [
        format_html(
            "<strong>{}</strong>: {} {} {}",
            label,
            requirement.kind.text(language),
            _word("consequence", language),
            requirement.consequence.in_language(language),
        )
        for label, requirement in _labelled(grouped, language)
    ]
    return _list(items) if items else ""


def _automated(declarations: list[Declaration], language: str) -> str:
    processing = list(dict.fromkeys(d.automated for d in declarations if d.automated))
    decisions = [p for p in processing if p.decides]
    html = (
        "" if decisions else format_html("<p>{}</p>", _NO_AUTOMATED_DECISIONS.in_language(language))
    )
    items = [
        format_html(
            "<strong>{}</strong> {} {}",
            _AUTOMATED_DECISION.in_language(language),
            p.logic.in_language(language),
            p.consequences.in_language(language),
        )
        for p in decisions
    ] + [
        format_html(
            "<strong>{}</strong> {}",
            _AUTOMATED_OTHER.in_language(language),
            p.logic.in_language(language),
        )
        for p in processing
        if not p.decides
    ]
    if items:
        html += _list(items)
    return html


def _rights(declarations: list[Declaration], language: str) -> tuple[str, list[str]]:
    """The rights the register carries out as requests (one per kind of request it handles),
    portability through the access answer's machine-readable files, and withdrawing consent
    where consent is a basis."""
    items, covers = [], []
    for kind in RequestKind:
        wording = _RIGHT_OF_REQUEST_KIND.get(kind)
        if wording is None:
            raise ImproperlyConfigured(
                f"The privacy notice has no wording for {kind.value} requests."
            )
        items.append(wording.in_language(language))
        covers.append(kind.value)
    # Its own wording says which data it covers (Art. 20(1)(a)).
    items.append(_PORTABILITY.in_language(language))
    covers.append("portability")
    bases = {pb.basis for d in declarations for pb in d.bases}
    if LegalBasis.CONSENT in bases:
        items.append(_WITHDRAW_CONSENT.in_language(language))
        covers.append("withdrawal")
    html = _list(items) + format_html(
        "<p><strong>{}</strong> {}</p>",
        _word("how_to_ask", language),
        _HOW_TO_ASK.in_language(language),
    )
    return html, covers


def _complaint(language: str) -> str:
    return format_html(
        '<p>{} <a href="{}">{}</a></p>',
        _COMPLAINT.in_language(language),
        OMBUDSMAN_URL,
        "tietosuoja.fi",
    )


def notice_sections_snapshot(the_registry: Registry | None = None) -> dict[str, list[dict]]:
    """The generated sections in both languages, as publishing freezes them.

    {"fi": [{"key", "title", "html", "covers"}], "en": [...]}; `covers` names what a section
    states where the completeness check needs to know more than that it is there: the
    points of Art. 6(1) used, and the rights.
    """
    the_registry = the_registry or registry
    declarations = the_registry.all()
    snapshot = {}
    for language in LANGUAGE_CODES:
        purposes, bases_used = _purposes(declarations, language)
        rights, rights_stated = _rights(declarations, language)
        html_of = {
            "purposes": (purposes, bases_used),
            "categories": (_data_categories(the_registry, language), []),
            "sources": (_sources(declarations, language), []),
            "recipients": (_recipients(declarations, language), []),
            "transfers": (_transfers(declarations, language), []),
            "retention": (_retention(declarations, language), []),
            "requirement": (_requirement(declarations, language), []),
            "automated": (_automated(declarations, language), []),
            "rights": (rights, rights_stated),
            "complaint": (_complaint(language), []),
        }
        snapshot[language] = [
            {
                "key": item.key,
                "title": item.title(language),
                "html": str(html_of[item.key][0]),
                "covers": html_of[item.key][1],
            }
            for item in NOTICE_ITEMS
        ]
    return snapshot


def inventory_gaps(the_registry: Registry | None = None) -> list[str]:
    """What the inventory lacks for the notice, one line per declaration and item."""
    the_registry = the_registry or registry
    gaps = []
    for declaration in the_registry.all():
        what = f"{declaration.category.label()} ({declaration.label})"
        if not declaration.bases:
            gaps.append(str(_("legal basis of %(data)s")) % {"data": what})
        if declaration.requirement is None:
            gaps.append(str(_("whether %(data)s must be given")) % {"data": what})
        if not declaration.disclosures:
            gaps.append(str(_("recipients of %(data)s")) % {"data": what})
    return gaps


_FREE_TEXT_ITEMS = [
    ("controller_name", _("controller's name")),
    ("controller_street_address", _("controller's postal address")),
    ("controller_postal_code", _("controller's postal code")),
    ("controller_city", _("controller's city")),
    ("contact_person", _("contact person")),
    ("protection_fi", _("security of the data (Finnish)")),
    ("protection_en", _("security of the data (English)")),
]
_NOT_A_NOTICE = _("a privacy notice under the GDPR (this version follows the repealed Act)")
_ITEM_LABELS = {
    "purposes": _("purposes and legal bases"),
    "categories": _("categories of personal data"),
    "sources": _("sources of the data"),
    "recipients": _("recipients"),
    "transfers": _("transfers outside the EEA"),
    "retention": _("retention periods"),
    "requirement": _("whether the data must be given, and the consequences"),
    "automated": _("automated decision-making"),
    "rights": _("rights of the data subject"),
    "complaint": _("right to complain to the Data Protection Ombudsman"),
}
_RIGHT_LABELS = {
    "access": _("right of access"),
    "rectification": _("right to rectification"),
    "erasure": _("right to erasure"),
    "restriction": _("right to restriction of processing"),
    "objection": _("right to object"),
    "portability": _("right to data portability"),
    "withdrawal": _("right to withdraw consent"),
}


def notice_missing_items(
    description: RegisterDescription, sections: dict | None = None
) -> list[str]:
    """What the version lacks of GDPR Art. 13 and 14, in words; empty when complete.

    `sections` are the generated sections to judge (a draft's, as publishing would freeze
    them); by default the version's own frozen ones.
    """
    missing = []
    if not description.is_privacy_notice:
        missing.append(str(_NOT_A_NOTICE))
    if description.effective_date and description.effective_date < GDPR_APPLIES_FROM:
        missing.append(
            str(_("an effective date on or after %(date)s, when the GDPR applies"))
            % {"date": GDPR_APPLIES_FROM.strftime("%d.%m.%Y")}
        )
    if not description.is_privacy_notice:
        # Its sections follow the repealed Act; listing each notice item would say no more.
        return missing
    for field, label in _FREE_TEXT_ITEMS:
        if not str(getattr(description, field) or "").strip():
            missing.append(str(label))
    sections = description.notice_sections if sections is None else sections
    for language in LANGUAGE_CODES:
        by_key = {s["key"]: s for s in (sections or {}).get(language, [])}
        suffix = f" ({language})"
        for key in NOTICE_ITEM_KEYS:
            section = by_key.get(key)
            if section is None or not section.get("html", "").strip():
                missing.append(str(_ITEM_LABELS[key]) + suffix)
        stated = set(by_key.get("rights", {}).get("covers", []))
        needed = list(REQUIRED_RIGHTS)
        if "a" in by_key.get("purposes", {}).get("covers", []):
            needed.append("withdrawal")
        for right in needed:
            if "rights" in by_key and right not in stated:
                missing.append(str(_RIGHT_LABELS[right]) + suffix)
    return list(dict.fromkeys(missing))


def notice_sections(description: RegisterDescription, language: str) -> list[dict]:
    """A notice's generated sections in one language, numbered after the controller's.

    A published notice shows what was frozen; a draft's preview what publishing now would
    freeze. A register description has none.
    """
    if not description.is_privacy_notice:
        return []
    if description.is_published:
        sections = description.notice_sections.get(language, [])
    else:
        sections = notice_sections_snapshot()[language]
    return [{**section, "number": number} for number, section in enumerate(sections, start=2)]
