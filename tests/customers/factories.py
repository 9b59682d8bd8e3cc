"""Factories for the customer register and its staff, with Finnish names, addresses and IDs.

Every value is derived from the factory sequence, so a test run is repeatable and
unique fields (customer number, phone, Message-ID) never collide.
"""

import hashlib
import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from customers.models import (
    AnalyticsEvent,
    Contact,
    Customer,
    CustomerContact,
    MailImport,
    SupportEmail,
    SupportEmailAttachment,
)

HELSINKI = ZoneInfo("Europe/Helsinki")

FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Juhani",
    "Kaisa",
    "Lauri",
    "Maija",
    "Otto",
    "Sanna",
    "Ville",
    "Ilona",
    "Matti",
]
LAST_NAMES = [
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Mäkelä",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
]
STREETS = [
    "Mannerheimintie",
    "Hämeenkatu",
    "Aurakatu",
    "Isokatu",
    "Kauppakatu",
    "Aleksanterinkatu",
    "Puijonkatu",
]
# (postal code, post office)
PLACES = [
    ("00100", "Helsinki"),
    ("33100", "Tampere"),
    ("20100", "Turku"),
    ("90100", "Oulu"),
    ("40100", "Jyväskylä"),
    ("02100", "Espoo"),
    ("15110", "Lahti"),
    ("70100", "Kuopio"),
]
COMPANY_NAMES = [
    "Kahvila Kultainen Kuppi Oy",
    "Rakennus Nieminen Oy",
    "Tilitoimisto Laine Ky",
    "Puutarha Mäkelä Oy",
    "Lahden Lukkoliike Oy",
    "Kuopion Kirjakauppa Oy",
    "Pohjolan Putkityö Oy",
    "Saariston Veneveistämö Ay",
]
SUBJECTS = [
    "Laskun eräpäivä",
    "Verkkokauppaan ei pääse kirjautumaan",
    "Domainin uusiminen",
    "Kotisivujen päivitys",
    "Tarjouspyyntö: verkkokauppa",
]

# Every staff user the factories build signs in with this password.
STAFF_PASSWORD = "Kesäpäivä-2025-Vahva"

FIRST_TIMESTAMP = datetime(2025, 3, 3, 9, 0, tzinfo=HELSINKI)


def ascii_slug(text: str) -> str:
    """'Mäkelä' → 'makela', as Finnish names are written in email addresses."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def business_id_remainder(body: str) -> int:
    """Weighted sum of the seven body digits of a Y-tunnus, modulo 11."""
    return sum(w * int(d) for w, d in zip((7, 9, 10, 5, 8, 4, 2), body, strict=True)) % 11


def business_id(n: int) -> str:
    """The n-th valid Y-tunnus: check digit 11 - remainder, or 0 for remainder 0.

    Bodies whose remainder is 1 get no Y-tunnus, so the next body is taken; only the last
    digit changes, so each n keeps its own block of ten bodies.
    """
    for body in range(1_000_000 + n * 10, 1_000_000 + n * 10 + 10):
        digits = f"{body:07d}"
        remainder = business_id_remainder(digits)
        if remainder != 1:
            return f"{digits}-{(11 - remainder) % 11}"
    raise AssertionError("unreachable: at most one of ten consecutive bodies has remainder 1")


def mobile_phone(n: int) -> str:
    """The n-th Finnish mobile number in E.164 form: +358 40 100 0000, +358 40 100 0001, ..."""
    return f"+35840{1_000_000 + n:07d}"


class StaffUserFactory(DjangoModelFactory):
    """A Webstrella employee who may sign in to the admin; `groups` takes group names."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    first_name = factory.Sequence(lambda n: FIRST_NAMES[(n + 5) % len(FIRST_NAMES)])
    last_name = factory.Sequence(lambda n: LAST_NAMES[(n + 3) % len(LAST_NAMES)])
    username = factory.LazyAttributeSequence(
        lambda o, n: f"{ascii_slug(o.first_name)}.{ascii_slug(o.last_name)}{n}"
    )
    email = factory.LazyAttribute(lambda o: f"{o.username}@webstrella.fi")
    password = factory.django.Password(STAFF_PASSWORD)
    is_staff = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get(name=name) for name in extracted])


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    class Params:
        place = factory.Sequence(lambda n: PLACES[n % len(PLACES)])

    first_name = factory.Sequence(lambda n: FIRST_NAMES[n % len(FIRST_NAMES)])
    last_name = factory.Sequence(lambda n: LAST_NAMES[n % len(LAST_NAMES)])
    email = factory.LazyAttributeSequence(
        lambda o, n: f"{ascii_slug(o.first_name)}.{ascii_slug(o.last_name)}.{n}@example.com"
    )
    phone = factory.Sequence(mobile_phone)
    street_address = factory.Sequence(lambda n: f"{STREETS[n % len(STREETS)]} {n % 60 + 1}")
    postal_code = factory.LazyAttribute(lambda o: o.place[0])
    city = factory.LazyAttribute(lambda o: o.place[1])
    country = "FI"
    preferred_language = Contact.Language.FINNISH
    source = Contact.Source.ORDER


class CustomerFactory(DjangoModelFactory):
    """A private customer; `CustomerFactory(company=True)` gives a company with a Y-tunnus."""

    class Meta:
        model = Customer

    class Params:
        company = factory.Trait(
            kind=Customer.Kind.COMPANY,
            company_name=factory.Sequence(lambda n: COMPANY_NAMES[n % len(COMPANY_NAMES)]),
            business_id=factory.Sequence(business_id),
        )
        ended = factory.Trait(
            status=Customer.Status.ENDED,
            ended_on=factory.LazyAttribute(lambda o: o.started_on + timedelta(days=365)),
        )

    customer_number = factory.Sequence(lambda n: f"AS-{10001 + n}")
    kind = Customer.Kind.PRIVATE
    primary_contact = factory.SubFactory(ContactFactory)
    status = Customer.Status.ACTIVE
    started_on = factory.Sequence(lambda n: date(2022, 1, 3) + timedelta(days=7 * n))


class CustomerContactFactory(DjangoModelFactory):
    class Meta:
        model = CustomerContact

    customer = factory.SubFactory(CustomerFactory)
    contact = factory.SubFactory(ContactFactory)
    role = CustomerContact.Role.BILLING


class SupportEmailFactory(DjangoModelFactory):
    """A message from a customer's primary contact, handled by a member of staff."""

    class Meta:
        model = SupportEmail

    direction = SupportEmail.Direction.INBOUND
    customer = factory.SubFactory(CustomerFactory)
    contact = factory.SelfAttribute("customer.primary_contact")
    from_address = factory.LazyAttribute(lambda o: o.contact.email)
    to_addresses = "asiakaspalvelu@webstrella.fi"
    subject = factory.Sequence(lambda n: SUBJECTS[n % len(SUBJECTS)])
    body_text = "Hei,\n\nvoisitteko katsoa asiaa?\n\nTerveisin"
    sent_at = factory.Sequence(lambda n: FIRST_TIMESTAMP + timedelta(minutes=37 * n))
    message_id = factory.Sequence(lambda n: f"<viesti-{n}@mail.example.com>")
    thread_id = factory.SelfAttribute("message_id")
    handled_by = factory.SubFactory(StaffUserFactory)


class SupportEmailAttachmentFactory(DjangoModelFactory):
    class Meta:
        model = SupportEmailAttachment

    email = factory.SubFactory(SupportEmailFactory)
    filename = factory.Sequence(lambda n: f"lasku-{n}.pdf")
    content_type = "application/pdf"
    size = 12345
    sha256 = factory.Sequence(lambda n: hashlib.sha256(f"liite-{n}".encode()).hexdigest())


class MailImportFactory(DjangoModelFactory):
    """An upload of a mailbox file, imported already (its file no longer kept)."""

    class Meta:
        model = MailImport

    original_name = factory.Sequence(lambda n: f"postilaatikko-{n}.mbox")
    status = MailImport.Status.DONE
    imported = 10
    duplicates = 2
    failed = 1
    report = "postilaatikko.mbox, message 5: no sender address in From"


class AnalyticsEventFactory(DjangoModelFactory):
    class Meta:
        model = AnalyticsEvent

    event_type = AnalyticsEvent.EventType.PAGE_VIEW
    occurred_at = factory.Sequence(lambda n: FIRST_TIMESTAMP + timedelta(minutes=3 * n))
    path = "/verkkokauppa/tuotteet/"
    session_hash = factory.Sequence(lambda n: hashlib.sha256(f"istunto-{n}".encode()).hexdigest())
    customer = factory.SubFactory(CustomerFactory)
    contact = factory.SelfAttribute("customer.primary_contact")
    properties = factory.LazyFunction(lambda: {"referrer": "https://www.google.fi/"})
