"""Demo data of the customer register: invented but realistic Finnish people for development.

`DemoCustomersBuilder` builds contacts, customers (private persons and companies), further
contacts of customers, customer-service email threads and analytics events, and writes them
a round of contacts at a time. Orders come from orders/demo.py, which hands back what the
web shop's analytics record of each order (`Purchase`); access requests come from
privacy/demo.py. The `seed_demo` command of the project shell runs the three in turn. The
same seed and the same day give the same register.

Everything is invented. Email addresses use only the domains reserved for documentation
(RFC 2606: example.com, example.org, example.net) and business IDs come from a number range
far above those issued so far. Names, streets and postcodes are common Finnish ones and
mobile numbers follow the real numbering plan, so a demo person may happen to share a name
or a number with a real one: the demo register is for development machines only.

Demo rows are recognised by `DEMO_PREFIX`: customer numbers (`DEMO-000001`), order numbers
(`DEMO-240901-000001`) and support-email Message-IDs (`<demo.0000001.…@mail.example.com>`)
start with it. These are the rows whose unique keys a second run would repeat, so when any
of them exists nothing is created. To build the demo register again, delete the demo
customers with their orders, contacts, emails and events first.
"""

import hashlib
import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import NamedTuple
from zoneinfo import ZoneInfo

from stdnum.fi import ytunnus

from .models import (
    AnalyticsEvent,
    Contact,
    Customer,
    CustomerContact,
    SupportEmail,
)

DEMO_PREFIX = "DEMO-"
DEMO_MESSAGE_ID_PREFIX = "<demo."
DEFAULT_CONTACTS = 300
DEFAULT_SEED = 1
MAX_CONTACTS = 200_000

# Rows per INSERT; Django lowers it further where SQLite limits the number of parameters.
BATCH_SIZE = 1000
# Contacts generated and written per round, with everything that belongs to them; keeps
# memory flat however many contacts are asked for.
CONTACTS_PER_ROUND = 1000

HELSINKI = ZoneInfo("Europe/Helsinki")
CUSTOMERS_FROM = date(2016, 1, 1)
SUPPORT_FROM = date(2019, 1, 1)
ANALYTICS_DAYS = 730

SUPPORT_ADDRESS = "asiakaspalvelu@example.com"
MESSAGE_ID_DOMAIN = "mail.example.com"

COMPANY_SHARE = 0.2
# Share of contacts who only asked something and never became customers.
ENQUIRER_SHARE = 0.06


class Weighted:
    """A table of (item, weight) pairs to draw from."""

    def __init__(self, pairs: Sequence[tuple]) -> None:
        self.items = [item for item, _weight in pairs]
        self.cum_weights = list(accumulate(weight for _item, weight in pairs))

    def pick(self, rng: random.Random):
        position = rng.random() * self.cum_weights[-1]
        return self.items[bisect_right(self.cum_weights, position)]


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def moment(rng: random.Random, day: date, first_hour: int = 7, last_hour: int = 21) -> datetime:
    """A time of `day` in Helsinki, within office and evening hours."""
    clock = time(rng.randint(first_hour, last_hour), rng.randint(0, 59), rng.randint(0, 59))
    return datetime.combine(day, clock, tzinfo=HELSINKI)


def _words(text: str) -> list[str]:
    """The long tables below are written as text, one word per entry, to fit on a screen."""
    return text.split()


# Given names and surnames common in Finland, Finnish- and Swedish-speaking, and a few of
# residents from abroad.
FIRST_NAMES = {
    "fi": _words("""
        Anna Maria Aino Helmi Sofia Emilia Johanna Tiina Päivi Sari Minna Hanna Satu Jaana
        Anne Kaisa Elina Sanna Leena Riikka Tuula Kirsi Heli Marjatta Venla Iida Siiri Pirjo
        Sirkka Anu Eeva Linnea Ella Aada Päivikki Tyyne Juha Mikko Timo Matti Jari Kari
        Antti Jukka Markku Pekka Mika Janne Sami Ville Tuomas Lauri Eero Väinö Jyrki Seppo
        Ilkka Esa Kalle Onni Eino Leevi Elias Aleksi Otto Tapio Yrjö Kyösti
    """),
    "sv": _words("""
        Anders Johan Mikael Fredrik Henrik Erik Björn Göran Stefan Kristian Jörgen Anna
        Maria Linnéa Sofia Ebba Ida Karin Ulla Åsa Camilla Märta
    """),
    "en": _words("""
        James Emily Daniel Sarah Michael Laura David Olivia Thomas Emma Lucas Chloé Jürgen Ana
    """),
}
LAST_NAMES = {
    "fi": _words("""
        Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen
        Järvinen Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen
        Salonen Turunen Salo Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila
        Savolainen Lahtinen Ahonen Hiltunen Leppänen Räsänen Väisänen Kärkkäinen Häkkinen
        Jääskeläinen Mäenpää Pääkkönen Hyvärinen Kettunen Miettinen Pöyhönen Söderholm
    """),
    "sv": _words("""
        Johansson Lindqvist Nyström Lindholm Karlsson Andersson Eriksson Lindroos Holmström
        Sjöberg Söderström Björklund Åberg Wikström Granqvist Forsman Öhman Ekström
    """),
    "en": _words(
        "Smith Brown Wilson Taylor Müller Rossi García Novak Kowalski Nguyen Silva Dubois"
    ),
}
LANGUAGES = Weighted(
    (
        (Contact.Language.FINNISH, 88),
        (Contact.Language.SWEDISH, 9),
        (Contact.Language.ENGLISH, 3),
    )
)

# Real postcodes with their post town, weighted roughly by population.
_POSTCODE_TABLE = """
    00100 Helsinki 30    00120 Helsinki 8     00130 Helsinki 6     00140 Helsinki 5
    00150 Helsinki 7     00160 Helsinki 4     00170 Helsinki 5     00180 Helsinki 8
    00200 Helsinki 9     00250 Helsinki 7     00260 Helsinki 6     00330 Helsinki 6
    00500 Helsinki 10    00510 Helsinki 6     00530 Helsinki 8     00550 Helsinki 7
    00610 Helsinki 5     00700 Helsinki 7     00810 Helsinki 6     00840 Helsinki 5
    00920 Helsinki 6     00980 Helsinki 8     02100 Espoo 8        02150 Espoo 4
    02230 Espoo 8        02320 Espoo 7        02600 Espoo 10       02770 Espoo 7
    02700 Kauniainen 3   02400 Kirkkonummi 5  01300 Vantaa 10      01350 Vantaa 5
    01600 Vantaa 8       01900 Nurmijärvi 5   04200 Kerava 5       04300 Tuusula 5
    04400 Järvenpää 5    05800 Hyvinkää 5     06100 Porvoo 6       08100 Lohja 4
    11100 Riihimäki 3    13100 Hämeenlinna 6  15100 Lahti 8        15140 Lahti 4
    20100 Turku 12       20500 Turku 6        20700 Turku 5        20780 Kaarina 4
    21100 Naantali 2     21200 Raisio 3       24100 Salo 4         26100 Rauma 3
    28100 Pori 6         33100 Tampere 14     33200 Tampere 7      33500 Tampere 6
    33720 Tampere 6      33470 Ylöjärvi 3     36200 Kangasala 3    37100 Nokia 3
    37500 Lempäälä 2     40100 Jyväskylä 10   40500 Jyväskylä 3    45100 Kouvola 5
    48100 Kotka 4        50100 Mikkeli 4      53100 Lappeenranta 5 57100 Savonlinna 3
    60100 Seinäjoki 4    65100 Vaasa 5        67100 Kokkola 3      68600 Pietarsaari 2
    70100 Kuopio 8       80100 Joensuu 5      87100 Kajaani 3      90100 Oulu 10
    90500 Oulu 4         90570 Oulu 4         94100 Kemi 2         96100 Rovaniemi 4
"""
_POSTCODE_WORDS = _POSTCODE_TABLE.split()
POSTCODE_WEIGHTS = [
    ((postcode, city), int(weight))
    for postcode, city, weight in zip(
        _POSTCODE_WORDS[::3], _POSTCODE_WORDS[1::3], _POSTCODE_WORDS[2::3], strict=True
    )
]
POSTCODES = Weighted(POSTCODE_WEIGHTS)
# Swedish-speaking contacts live mostly in the bilingual towns and write their Swedish name.
SWEDISH_CITY_NAMES = {
    "Helsinki": "Helsingfors",
    "Espoo": "Esbo",
    "Vantaa": "Vanda",
    "Kauniainen": "Grankulla",
    "Kirkkonummi": "Kyrkslätt",
    "Porvoo": "Borgå",
    "Lohja": "Lojo",
    "Turku": "Åbo",
    "Kaarina": "S:t Karins",
    "Vaasa": "Vasa",
    "Kokkola": "Karleby",
    "Pietarsaari": "Jakobstad",
}
SWEDISH_POSTCODES = Weighted(
    [(pair, weight) for pair, weight in POSTCODE_WEIGHTS if pair[1] in SWEDISH_CITY_NAMES]
)
STREETS = {
    "fi": _words("""
        Koulukatu Kirkkokatu Puistokatu Asemakatu Rantakatu Satamakatu Kauppakatu Myllytie
        Koivukuja Mäntytie Rinnetie Kuusitie Pihlajatie Vaahterakuja Sepänkatu Hämeenkatu
        Keskuskatu Peltotie Metsätie Kalliotie Harjutie Niittytie Kielotie Tähtitie
        Urheilutie Saarikatu Mannerheimintie Teollisuuskatu Pajatie Lähteentie Kivikatu
        Järvenrannantie
    """),
    "sv": _words("""
        Skolgatan Kyrkogatan Parkgatan Stationsvägen Strandgatan Hamngatan Kvarnvägen
        Björkgränden Tallvägen Ängsvägen Smedjegatan Sjövägen
    """),
}

# (subject, question, answer) in each language; a thread uses the contact's language.
SUPPORT_TOPICS = {
    "fi": (
        (
            "Laskun eräpäivä",
            "Saisinko lisää maksuaikaa viimeisimpään laskuun? Eräpäivä osuu lomalleni.",
            "Siirsimme laskun eräpäivää kahdella viikolla. Uusi lasku tulee sähköpostiin.",
        ),
        (
            "Verkkotunnuksen siirto",
            "Haluaisin siirtää verkkotunnukseni teille. Mitä tarvitsette minulta?",
            "Tarvitsemme siirtoavaimen nykyiseltä välittäjältä. Teemme siirron saman päivän "
            "aikana, kun avain on perillä.",
        ),
        (
            "Sähköposti ei toimi",
            "Sähköpostini ei ole lähtenyt eilisestä asti. Puhelimessa tulee virheilmoitus.",
            "Salasanasi oli vaihtunut palvelussa, mutta ei puhelimessa. Päivitä uusi salasana "
            "puhelimen tiliasetuksiin, niin viestit lähtevät taas.",
        ),
        (
            "Kotisivujen päivitys",
            "Voisitteko vaihtaa etusivun kuvan ja aukioloajat? Liitin uudet tiedot.",
            "Päivitimme etusivun kuvan ja aukioloajat. Katsothan, että kaikki näyttää oikealta.",
        ),
        (
            "Verkkokaupan maksutavat",
            "Saako verkkokauppaan MobilePayn? Asiakkaat ovat kysyneet sitä.",
            "MobilePay on mukana M- ja L-paketeissa. Voimme vaihtaa pakettisi heti.",
        ),
        (
            "Tilauksen peruutus",
            "Tilasin vahingossa kaksi webhotellia. Voinko perua toisen?",
            "Peruimme ylimääräisen webhotellin eikä siitä tule laskua.",
        ),
    ),
    "sv": (
        (
            "Fakturans förfallodag",
            "Kan jag få längre betalningstid för den senaste fakturan?",
            "Vi har flyttat förfallodagen två veckor framåt. Den nya fakturan kommer per e-post.",
        ),
        (
            "Flytt av domännamn",
            "Jag vill flytta mitt domännamn till er. Vad behöver ni av mig?",
            "Vi behöver överföringskoden från din nuvarande förmedlare.",
        ),
        (
            "E-posten fungerar inte",
            "Min e-post har inte gått iväg sedan igår.",
            "Lösenordet hade bytts i tjänsten men inte i telefonen. Uppdatera det i "
            "kontoinställningarna.",
        ),
    ),
    "en": (
        (
            "Invoice due date",
            "Could I have more time to pay the latest invoice?",
            "We have moved the due date two weeks ahead. The new invoice will come by email.",
        ),
        (
            "Domain transfer",
            "I would like to move my domain to you. What do you need from me?",
            "We need the transfer code from your current registrar.",
        ),
        (
            "Web shop payment methods",
            "Can I offer MobilePay in my web shop?",
            "MobilePay is included in the M and L plans; we can switch your plan today.",
        ),
    ),
}
SUPPORT_PHRASES = {
    "fi": ("Hei", "Terveisin", "Kiitos, nyt toimii!", "Hienoa! Hyvää päivänjatkoa."),
    "sv": ("Hej", "Med vänliga hälsningar", "Tack, nu fungerar det!", "Fint! Ha en bra dag."),
    "en": ("Hello", "Best regards", "Thank you, it works now!", "Great! Have a nice day."),
}
SUPPORT_SIGNATURE = {
    "fi": "Webstrellan asiakaspalvelu",
    "sv": "Webstrellas kundtjänst",
    "en": "Webstrella customer service",
}


COMPANY_FORMS = Weighted((("Oy", 60), ("Tmi", 18), ("Ky", 12), ("Ay", 10)))
TRADES = _words("""
    Rakennus Sähkö Kiinteistöhuolto Tilitoimisto Kuljetus Puutarha Hiusstudio Autokorjaamo
    Kahvila Valokuvaamo Konsultointi Catering Remontti Siivouspalvelu Metsäpalvelu Hieronta
    Kukkakauppa Leipomo LVI Maalaus Kehystämö Eläinlääkäri Kampaamo Mökkivuokraus
""")
REGIONS = _words("""
    Pohjolan Lapin Savon Hämeen Pirkanmaan Uudenmaan Kymen Karjalan Pohjanmaan
    Länsi-Suomen Itä-Suomen Kaakon Saariston Järviseudun
""")
BRANDS = (
    "Kide Design",
    "Revontuli Media",
    "Tuulensuu",
    "Sisu Solutions",
    "Kuura Digital",
    "Pohjantähti Consulting",
    "Lumo Studio",
    "Mänty & Meri",
    "Kajo Works",
    "Utu Creative",
)
CUSTOMER_NOTES = (
    "Laskut sähköpostilla.",
    "Toivoo yhteydenottoa puhelimitse aamupäivisin.",
    "Sopimushinta voimassa vuoden loppuun.",
    "Verkkolaskutus, välittäjätunnus pyydetty.",
    "Kotisivut uudistetaan ensi keväänä.",
)
EXTRA_CONTACT_ROLES = Weighted(
    (
        (CustomerContact.Role.BILLING, 4),
        (CustomerContact.Role.TECHNICAL, 4),
        (CustomerContact.Role.MARKETING, 2),
        (CustomerContact.Role.OTHER, 1),
    )
)

PAGE_PATHS = Weighted(
    (
        ("/", 30),
        ("/palvelut/", 10),
        ("/palvelut/kotisivut/", 8),
        ("/palvelut/verkkokauppa/", 7),
        ("/hinnasto/", 10),
        ("/verkkotunnukset/", 6),
        ("/ohjeet/sahkopostin-asetukset/", 4),
        ("/blogi/", 3),
        ("/yhteystiedot/", 4),
        ("/oma-tili/", 5),
    )
)
REFERRERS = Weighted(
    (("direct", 40), ("google", 35), ("bing", 3), ("facebook", 8), ("newsletter", 6))
)
DEVICES = Weighted((("desktop", 50), ("mobile", 42), ("tablet", 8)))
EMAIL_DOMAINS = Weighted((("example.com", 5), ("example.net", 3), ("example.org", 2)))
_ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "ü": "u", "í": "i"})


def business_id_with_base(base: str) -> str | None:
    """The valid Y-tunnus `1234567-8` on a seven-digit base, or None when there is none.

    python-stdnum decides: the check digit makes a weighted sum divisible by 11, and no
    ID is issued on a base that would need the check digit 10.
    """
    for digit in "0123456789":
        business_id = f"{base}-{digit}"
        if ytunnus.is_valid(business_id):
            return business_id
    return None


def _genitive(surname: str) -> str | None:
    """Finnish genitive of the commonest surname endings, as in "Virtasen Sähkö Oy"."""
    if surname.endswith("nen"):
        return surname[:-3] + "sen"
    if surname.endswith("e"):
        return surname + "en"
    if surname[-1] in "aäoö":
        return surname + "n"
    return None


class Purchase(NamedTuple):
    """An order as the web shop's analytics record it."""

    customer: Customer
    number: str
    ordered_at: datetime
    items: int
    total: Decimal  # with VAT


@dataclass
class PeopleRound:
    contacts: list[Contact] = field(default_factory=list)
    customers: list[Customer] = field(default_factory=list)
    customer_contacts: list[CustomerContact] = field(default_factory=list)
    support_emails: list[SupportEmail] = field(default_factory=list)
    analytics_events: list[AnalyticsEvent] = field(default_factory=list)


class DemoCustomersBuilder:
    """Draws the demo rows from a random generator of its own, in a fixed order."""

    def __init__(self, *, seed: int, today: date) -> None:
        self.rng = random.Random(f"customers-{seed}")
        self.today = today
        self.last_day = today - timedelta(days=1)
        # Every timestamp lies before the start of today, so one day's runs agree.
        self.cutoff = datetime.combine(today, time.min, tzinfo=HELSINKI)
        self.analytics_from = today - timedelta(days=ANALYTICS_DAYS)
        self.used_emails: set[str] = set()
        self.used_business_ids: set[str] = set()
        self.customer_count = 0
        self.message_count = 0

    # People

    def _email(self, first_name: str, last_name: str) -> str:
        rng = self.rng
        first = first_name.lower().translate(_ASCII)
        last = last_name.lower().translate(_ASCII)
        style = rng.random()
        if style < 0.6:
            local = f"{first}.{last}"
        elif style < 0.8:
            local = f"{first[0]}.{last}"
        else:
            local = f"{first}{last}{rng.randint(1, 99)}"
        domain = EMAIL_DOMAINS.pick(rng)
        address = f"{local}@{domain}"
        suffix = 2
        while address in self.used_emails:
            address = f"{local}{suffix}@{domain}"
            suffix += 1
        self.used_emails.add(address)
        return address

    def _phone(self) -> str:
        # Finnish mobile prefixes 040, 041, 044, 045, 046 and 050, seven digits after them.
        prefix = self.rng.choice(("40", "40", "41", "44", "44", "45", "46", "50", "50"))
        return f"+358{prefix}{self.rng.randint(0, 9_999_999):07d}"

    def _address(self, language: str) -> tuple[str, str, str]:
        rng = self.rng
        if language == Contact.Language.SWEDISH:
            postcode, city = SWEDISH_POSTCODES.pick(rng)
            street = rng.choice(STREETS["sv"])
            city = SWEDISH_CITY_NAMES[city]
        else:
            postcode, city = POSTCODES.pick(rng)
            street = rng.choice(STREETS["fi"])
        house = rng.randint(1, 60)
        if rng.random() < 0.55:
            street_address = f"{street} {house} {rng.choice('ABCDEF')} {rng.randint(1, 48)}"
        else:
            street_address = f"{street} {house}"
        return street_address, postcode, city

    def _contact(
        self,
        *,
        sources: Weighted,
        address_share: float,
        phone_share: float,
        email_share: float = 0.96,
    ) -> Contact:
        rng = self.rng
        language = LANGUAGES.pick(rng)
        first_name = rng.choice(FIRST_NAMES[language])
        last_name = rng.choice(LAST_NAMES[language])
        street_address = postal_code = city = ""
        if rng.random() < address_share:
            street_address, postal_code, city = self._address(language)
        return Contact(
            first_name=first_name,
            last_name=last_name,
            email=self._email(first_name, last_name) if rng.random() < email_share else "",
            phone=self._phone() if rng.random() < phone_share else "",
            street_address=street_address,
            postal_code=postal_code,
            city=city,
            country="FI",
            preferred_language=language,
            source=sources.pick(rng),
        )

    # Customers

    def _business_id(self) -> str:
        while True:
            # Far above the numbers issued so far (about 3.5 million), so a demo ID is
            # unlikely to name a real company.
            base = f"{self.rng.randint(9_000_000, 9_999_999):07d}"
            business_id = business_id_with_base(base)
            if business_id is not None and business_id not in self.used_business_ids:
                self.used_business_ids.add(business_id)
                return business_id

    def _company_name(self, contact: Contact) -> str:
        rng = self.rng
        form = COMPANY_FORMS.pick(rng)
        trade = rng.choice(TRADES)
        genitive = _genitive(contact.last_name)
        if form == "Tmi":
            if rng.random() < 0.5:
                return f"Tmi {contact.first_name} {contact.last_name}"
            return f"Tmi {trade} {contact.last_name}"
        if form == "Ay" and rng.random() < 0.5:
            partner = rng.choice(LAST_NAMES["fi"])
            return f"{contact.last_name} & {partner} Ay"
        style = rng.random()
        if genitive and style < 0.5:
            return f"{genitive} {trade} {form}"
        if form == "Oy" and style < 0.8:
            return f"{rng.choice(BRANDS)} {form}"
        return f"{rng.choice(REGIONS)} {trade} {form}"

    def _customer(self, contact: Contact, *, company: bool) -> Customer:
        rng = self.rng
        self.customer_count += 1
        # The business grows: more relationships start in recent years than early on.
        span = (self.last_day - CUSTOMERS_FROM).days
        started_on = CUSTOMERS_FROM + timedelta(days=round(rng.triangular(0, span, span)))
        ended_on = None
        if (self.today - started_on).days < 365 and rng.random() < 0.3:
            status = Customer.Status.PROSPECT
        else:
            draw = rng.random()
            if draw < 0.74:
                status = Customer.Status.ACTIVE
            elif draw < 0.82:
                status = Customer.Status.PAUSED
            else:
                status = Customer.Status.ENDED
                earliest_end = min(started_on + timedelta(days=30), self.last_day)
                ended_on = day_between(self.rng, earliest_end, self.last_day)
        return Customer(
            customer_number=f"{DEMO_PREFIX}{self.customer_count:06d}",
            kind=Customer.Kind.COMPANY if company else Customer.Kind.PRIVATE,
            company_name=self._company_name(contact) if company else "",
            business_id=self._business_id() if company else "",
            primary_contact=contact,
            status=status,
            started_on=started_on,
            ended_on=ended_on,
            notes=rng.choice(CUSTOMER_NOTES) if rng.random() < 0.15 else "",
        )

    # Customer-service email

    def _support_thread(
        self, contact: Contact, customer: Customer | None, first: date
    ) -> list[SupportEmail]:
        rng = self.rng
        last = self.today - timedelta(days=8)
        if customer is not None and customer.ended_on:
            last = min(last, customer.ended_on + timedelta(days=30))
        if not contact.email or first > last:
            return []
        language = contact.preferred_language
        subject, question, answer = rng.choice(SUPPORT_TOPICS[language])
        greeting, regards, thanks, closing = SUPPORT_PHRASES[language]
        signature = SUPPORT_SIGNATURE[language]
        messages = [
            (
                SupportEmail.Direction.INBOUND,
                subject,
                f"{greeting},\n\n{question}\n\n{regards}\n{contact.full_name}",
            ),
            (
                SupportEmail.Direction.OUTBOUND,
                f"Re: {subject}",
                f"{greeting} {contact.first_name},\n\n{answer}\n\n{regards}\n{signature}",
            ),
        ]
        if rng.random() < 0.35:
            messages += [
                (
                    SupportEmail.Direction.INBOUND,
                    f"Re: {subject}",
                    f"{thanks}\n\n{contact.first_name}",
                ),
                (SupportEmail.Direction.OUTBOUND, f"Re: {subject}", f"{closing}\n\n{signature}"),
            ]
        sent_at = moment(self.rng, day_between(self.rng, first, last))
        thread_id = ""
        emails = []
        for direction, message_subject, body in messages:
            self.message_count += 1
            message_id = (
                f"{DEMO_MESSAGE_ID_PREFIX}{self.message_count:07d}."
                f"{rng.getrandbits(32):08x}@{MESSAGE_ID_DOMAIN}>"
            )
            thread_id = thread_id or message_id
            inbound = direction == SupportEmail.Direction.INBOUND
            emails.append(
                SupportEmail(
                    direction=direction,
                    from_address=contact.email if inbound else SUPPORT_ADDRESS,
                    to_addresses=SUPPORT_ADDRESS if inbound else contact.email,
                    subject=message_subject,
                    body_text=body,
                    sent_at=sent_at,
                    message_id=message_id,
                    thread_id=thread_id,
                    contact=contact,
                    customer=customer,
                )
            )
            # Answers within a working day or two; the customer replies within a few days.
            sent_at += timedelta(minutes=rng.randint(20, 36 * 60))
        return emails

    # Usage analytics

    def _session_hash(self) -> str:
        session_key = f"{self.rng.getrandbits(128):032x}"
        return hashlib.sha256(session_key.encode()).hexdigest()

    def _browsing(self, contact: Contact | None, customer: Customer | None) -> list[AnalyticsEvent]:
        rng = self.rng
        first, last = self.analytics_from, self.last_day
        if customer is not None:
            # Signed-in visits fall within the customer relationship.
            first = max(first, customer.started_on)
            last = min(last, customer.ended_on or last)
        if first > last:
            return []
        session_hash = self._session_hash()
        device = DEVICES.pick(rng)
        at = moment(self.rng, day_between(self.rng, first, last))
        events = []
        if customer is not None and rng.random() < 0.4:
            events.append(
                AnalyticsEvent(
                    event_type=AnalyticsEvent.EventType.LOGIN,
                    occurred_at=at,
                    path="/oma-tili/kirjaudu/",
                    session_hash=session_hash,
                    contact=contact,
                    customer=customer,
                    properties={"device": device, "method": "password"},
                )
            )
        referrer = REFERRERS.pick(rng)
        for _view in range(rng.randint(1, 5)):
            at += timedelta(seconds=rng.randint(5, 240))
            events.append(
                AnalyticsEvent(
                    event_type=AnalyticsEvent.EventType.PAGE_VIEW,
                    occurred_at=at,
                    path=PAGE_PATHS.pick(rng),
                    session_hash=session_hash,
                    contact=contact,
                    customer=customer,
                    properties={"device": device, "referrer": referrer},
                )
            )
        if contact is not None and rng.random() < 0.08:
            events.append(
                AnalyticsEvent(
                    event_type=AnalyticsEvent.EventType.SUPPORT_CONTACT,
                    occurred_at=at + timedelta(seconds=rng.randint(30, 600)),
                    path="/yhteystiedot/",
                    session_hash=session_hash,
                    contact=contact,
                    customer=customer,
                    properties={"channel": "form"},
                )
            )
        return events

    def _purchase_events(self, purchase: Purchase) -> list[AnalyticsEvent]:
        rng = self.rng
        session_hash = self._session_hash()
        device = DEVICES.pick(rng)
        started_at = purchase.ordered_at - timedelta(seconds=rng.randint(60, 900))
        common = {
            "session_hash": session_hash,
            "contact": purchase.customer.primary_contact,
            "customer": purchase.customer,
        }
        events = [
            AnalyticsEvent(
                event_type=AnalyticsEvent.EventType.PAGE_VIEW,
                occurred_at=started_at - timedelta(seconds=rng.randint(30, 600)),
                path=PAGE_PATHS.pick(rng),
                properties={"device": device, "referrer": REFERRERS.pick(rng)},
                **common,
            ),
            AnalyticsEvent(
                event_type=AnalyticsEvent.EventType.ORDER_STARTED,
                occurred_at=started_at,
                path="/tilaus/",
                properties={"device": device, "items": purchase.items},
                **common,
            ),
            AnalyticsEvent(
                event_type=AnalyticsEvent.EventType.ORDER_PLACED,
                occurred_at=purchase.ordered_at,
                path="/tilaus/valmis/",
                properties={
                    "device": device,
                    "order_number": purchase.number,
                    "items": purchase.items,
                    "total": str(purchase.total),
                },
                **common,
            ),
        ]
        return events

    # One round of contacts with everything that belongs to them

    _PRIMARY_SOURCES = Weighted(
        (
            (Contact.Source.ORDER, 85),
            (Contact.Source.CUSTOMER_SERVICE, 10),
            (Contact.Source.OTHER, 5),
        )
    )
    _EXTRA_SOURCES = Weighted(
        (
            (Contact.Source.OTHER, 5),
            (Contact.Source.CUSTOMER_SERVICE, 3),
            (Contact.Source.ORDER, 2),
        )
    )
    _ENQUIRER_SOURCES = Weighted(((Contact.Source.CUSTOMER_SERVICE, 7), (Contact.Source.OTHER, 3)))

    def _build_round(self, size: int) -> PeopleRound:
        rng = self.rng
        batch = PeopleRound()
        # (contact, customer or None) in the order drawn.
        people: list[tuple[Contact, Customer | None]] = []
        while len(batch.contacts) < size:
            if rng.random() < ENQUIRER_SHARE:
                contact = self._contact(
                    sources=self._ENQUIRER_SOURCES,
                    address_share=0.3,
                    phone_share=0.6,
                    email_share=1.0,
                )
                batch.contacts.append(contact)
                people.append((contact, None))
                continue
            company = rng.random() < COMPANY_SHARE
            primary = self._contact(
                sources=self._PRIMARY_SOURCES, address_share=1.0, phone_share=0.92
            )
            customer = self._customer(primary, company=company)
            batch.contacts.append(primary)
            batch.customers.append(customer)
            people.append((primary, customer))
            extras = 0
            if company and rng.random() < 0.5:
                extras = rng.randint(1, 2)
            elif not company and rng.random() < 0.03:
                extras = 1
            extras = min(extras, size - len(batch.contacts))
            for _extra in range(extras):
                contact = self._contact(
                    sources=self._EXTRA_SOURCES, address_share=0.2, phone_share=0.8
                )
                role = EXTRA_CONTACT_ROLES.pick(rng) if company else CustomerContact.Role.OTHER
                batch.contacts.append(contact)
                batch.customer_contacts.append(
                    CustomerContact(customer=customer, contact=contact, role=role)
                )
                people.append((contact, customer))

        for contact, customer in people:
            enquirer = customer is None
            if enquirer or rng.random() < 0.25:
                started = customer.started_on if customer is not None else SUPPORT_FROM
                first = max(started, SUPPORT_FROM)
                batch.support_emails.extend(self._support_thread(contact, customer, first))
            sessions = rng.choice((0, 1, 1, 2, 3)) if customer is not None else rng.choice((0, 1))
            for _session in range(sessions):
                batch.analytics_events.extend(self._browsing(contact, customer))
            # Visitors who never signed in or ordered.
            for _session in range(rng.choice((0, 0, 1, 1, 2))):
                batch.analytics_events.extend(self._browsing(None, None))
        return batch

    def create_round(self, size: int) -> PeopleRound:
        """Draw and save `size` contacts with everything that belongs to them."""
        batch = self._build_round(size)
        # Parents before children: each bulk insert fills in the ids the next one needs.
        for model, rows in (
            (Contact, batch.contacts),
            (Customer, batch.customers),
            (CustomerContact, batch.customer_contacts),
            (SupportEmail, batch.support_emails),
            (AnalyticsEvent, batch.analytics_events),
        ):
            model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        return batch

    def create_purchase_events(self, purchases: list[Purchase]) -> list[AnalyticsEvent]:
        """Draw and save the web-shop visits in which these orders were placed.

        Only orders within the analytics window have them; the customers must be saved.
        """
        events = []
        for purchase in purchases:
            if purchase.ordered_at.date() >= self.analytics_from:
                events.extend(self._purchase_events(purchase))
        AnalyticsEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        return events


def demo_customers_exist() -> bool:
    return (
        Customer.objects.filter(customer_number__startswith=DEMO_PREFIX).exists()
        or SupportEmail.objects.filter(message_id__startswith=DEMO_MESSAGE_ID_PREFIX).exists()
    )


def demo_customer_count() -> int:
    return Customer.objects.filter(customer_number__startswith=DEMO_PREFIX).count()
