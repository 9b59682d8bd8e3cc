"""What the customer register holds about people: contacts, customers, email and analytics."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from privacy.inventory import (
    SELF,
    AutomatedProcessing,
    DataCategory,
    DataItem,
    Declaration,
    Erasure,
    Identifier,
    LegalBasis,
    PurposeBasis,
    Requirement,
    RequirementKind,
    Retention,
    Text,
    registry,
)

from .models import (
    AnalyticsEvent,
    Contact,
    Customer,
    CustomerContact,
    MailImport,
    SupportEmail,
    SupportEmailAttachment,
)

# Laki velan vanhentumisesta (728/2003) 4 §: the general limitation period of a claim is
# three years, so what was agreed with a customer is kept that long after the relationship.
RELATIONSHIP_RETENTION_MONTHS = 36

# What a contact's details are replaced with while rows kept by law still name them.
_CONTACT_DETAILS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "city",
)


def _contacts_past_retention(contacts: QuerySet, cutoff: date) -> QuerySet:
    """Contacts whose last customer relationship ended before `cutoff`, with no support
    email left; a contact who never had a relationship goes with their last support email."""
    current = Q(ended_on__isnull=True) | Q(ended_on__gte=cutoff)
    return (
        contacts.filter(created_at__date__lt=cutoff)
        .exclude(Exists(Customer.objects.filter(current, primary_contact=OuterRef("pk"))))
        .exclude(
            Exists(
                CustomerContact.objects.filter(
                    Q(customer__ended_on__isnull=True) | Q(customer__ended_on__gte=cutoff),
                    contact=OuterRef("pk"),
                )
            )
        )
        .exclude(Exists(SupportEmail.objects.filter(contact=OuterRef("pk"))))
    )


# What the privacy notice says of the customer relationship (GDPR Art. 13 and 14).
_CUSTOMER_CONTRACT = PurposeBasis(
    purpose=Text(
        fi=(
            "Asiakassuhteen hoitaminen sekä tilattujen palveluiden ja tuotteiden toimittaminen "
            "yksityisasiakkaalle."
        ),
        en=(
            "Managing the customer relationship and delivering the services and products a "
            "private customer ordered."
        ),
    ),
    basis=LegalBasis.CONTRACT,
)
# A company's contact persons are not party to the company's contract: their details are
# processed for the company's relationship, a legitimate interest of both.
_COMPANY_CONTACT_PERSONS = PurposeBasis(
    purpose=Text(
        fi="Yritysasiakkaan asioiden hoitaminen sen nimeämien yhteyshenkilöiden kanssa.",
        en="Dealing with a company customer through the contact persons it has named.",
    ),
    basis=LegalBasis.LEGITIMATE_INTERESTS,
    interest=Text(
        fi=(
            "Webstrellan ja yritysasiakkaan yhteinen etu hoitaa yritysasiakkaan tilauksia, "
            "laskutusta ja asiakaspalvelua yrityksen nimeämien henkilöiden kanssa."
        ),
        en=(
            "The common interest of Webstrella and its company customer in handling the "
            "company's orders, invoicing and customer service with the persons the company "
            "has named."
        ),
    ),
)
_NEEDED_FOR_THE_CONTRACT = Requirement(
    kind=RequirementKind.NEEDED_FOR_CONTRACT,
    consequence=Text(
        fi=(
            "Ilman yhteystietoja ja asiakkuuden tietoja emme voi tehdä asiakassopimusta, "
            "toimittaa tilausta emmekä laskuttaa siitä."
        ),
        en=(
            "Without the contact details and the data of the customer relationship we cannot "
            "enter into the customer contract, deliver an order or invoice it."
        ),
    ),
)
_FROM_THE_COMPANY = Text(
    fi="Yritysasiakkaan yhteyshenkilöiden tiedot saadaan yritykseltä, joka on nimennyt heidät.",
    en="The details of a company customer's contact persons are obtained from the company "
    "that named them.",
)


registry.register(
    Declaration(
        model=Contact,
        category=DataCategory.CONTACT_DETAILS,
        fields=[
            DataItem("first_name", "etunimi", "first name"),
            DataItem("last_name", "sukunimi", "last name"),
            DataItem("email", "sähköpostiosoite", "email address"),
            DataItem("phone", "puhelinnumero", "phone number"),
            DataItem("street_address", "katuosoite", "street address"),
            DataItem("postal_code", "postinumero", "postal code"),
            DataItem("city", "postitoimipaikka", "city"),
            DataItem("country", "maa", "country"),
            DataItem("preferred_language", "asiointikieli", "preferred language"),
            DataItem("source", "tietojen lähde", "where the details were obtained"),
        ],
        purpose=Text(
            fi=(
                "Asiakkaan ja sen yhteyshenkilöiden tavoittaminen tilauksiin, laskutukseen "
                "ja asiakaspalveluun liittyvissä asioissa."
            ),
            en=(
                "Reaching the customer and its contact persons about orders, invoicing and "
                "customer service."
            ),
        ),
        retention=Retention(
            text=Text(
                fi=(
                    "Asiakkuuden ajan ja kolme vuotta viimeisen asiakkuuden päättymisestä "
                    "(laki velan vanhentumisesta 728/2003, 4 §). Ilman asiakkuutta "
                    "asiakaspalvelussa saadut yhteystiedot säilytetään yhtä kauan kuin "
                    "niihin liittyvät asiakaspalveluviestit."
                ),
                en=(
                    "For the duration of the customer relationship and three years after the "
                    "last relationship ends (Act on the Limitation of Debts 728/2003, "
                    "section 4). Details received in customer service without a customer "
                    "relationship are kept as long as the related support emails."
                ),
            ),
            months=RELATIONSHIP_RETENTION_MONTHS,
            # Runs from the end of the person's last customer relationship, which no single
            # field of the contact records.
            counted_from=None,
            ended_before=_contacts_past_retention,
        ),
        bases=[_CUSTOMER_CONTRACT, _COMPANY_CONTACT_PERSONS],
        requirement=_NEEDED_FOR_THE_CONTRACT,
        other_source=_FROM_THE_COMPANY,
        erasure=Erasure.delete(or_anonymise=_CONTACT_DETAILS),
        person_paths=[SELF],
        # A private customer's primary contact is that customer, the person themselves.
        customer_paths=["primary_for_customers"],
        identifiers=[
            Identifier.email("email"),
            Identifier.phone("phone"),
            Identifier.name_and_address(
                first_name="first_name",
                last_name="last_name",
                street_address="street_address",
                postal_code="postal_code",
            ),
        ],
    )
)

_RELATIONSHIP_PURPOSE = Text(
    fi=(
        "Asiakassuhteen ylläpitäminen, hoitaminen ja kehittäminen sekä palveluiden "
        "tuottaminen ja tarjoaminen asiakkaalle."
    ),
    en=(
        "Maintaining, managing and developing the customer relationship, and producing and "
        "offering the services to the customer."
    ),
)


def _relationship_retention(counted_from: str) -> Retention:
    return Retention(
        text=Text(
            fi=(
                "Asiakkuuden ajan ja kolme vuotta sen päättymisestä (laki velan vanhentumisesta "
                "728/2003, 4 §)."
            ),
            en=(
                "For the duration of the customer relationship and three years after it ends "
                "(Act on the Limitation of Debts 728/2003, section 4)."
            ),
        ),
        months=RELATIONSHIP_RETENTION_MONTHS,
        counted_from=counted_from,
    )


registry.register(
    Declaration(
        model=Customer,
        category=DataCategory.CUSTOMER_RELATIONSHIP,
        fields=[
            DataItem("customer_number", "asiakasnumero", "customer number"),
            DataItem(
                "kind",
                "asiakkuuden tyyppi (yksityishenkilö tai yritys)",
                "type of customer (private person or company)",
            ),
            DataItem("company_name", "yrityksen nimi", "company name"),
            DataItem("business_id", "Y-tunnus", "business ID"),
            DataItem("primary_contact", "ensisijainen yhteyshenkilö", "primary contact person"),
            DataItem("contacts", "muut yhteyshenkilöt", "other contact persons"),
            DataItem("status", "asiakkuuden tila", "status of the customer relationship"),
            DataItem(
                "started_on", "asiakkuuden alkamispäivä", "start of the customer relationship"
            ),
            DataItem("ended_on", "asiakkuuden päättymispäivä", "end of the customer relationship"),
            DataItem("notes", "asiakkuuteen liittyvät muistiinpanot", "notes on the customer"),
        ],
        purpose=_RELATIONSHIP_PURPOSE,
        bases=[_CUSTOMER_CONTRACT, _COMPANY_CONTACT_PERSONS],
        requirement=_NEEDED_FOR_THE_CONTRACT,
        other_source=_FROM_THE_COMPANY,
        retention=_relationship_retention("ended_on"),
        # A customer whose orders are kept as vouchers stays with them, without its notes.
        erasure=Erasure.delete(or_anonymise=["notes"]),
        # The primary contact is named on the row. Other contact persons are not: each has
        # a role row of their own (CustomerContact), which is what their data says.
        person_paths=["primary_contact"],
        customer_paths=[SELF],
        identifiers=[Identifier.customer_number("customer_number")],
        natural_person=Q(kind="private"),
    )
)

registry.register(
    Declaration(
        model=CustomerContact,
        category=DataCategory.CUSTOMER_RELATIONSHIP,
        fields=[
            # Same wording as Customer.contacts: these rows are that list, with roles.
            DataItem("contact", "muut yhteyshenkilöt", "other contact persons"),
            DataItem(
                "customer",
                "asiakkuus, johon yhteyshenkilö kuuluu",
                "customer the contact person belongs to",
            ),
            DataItem(
                "role",
                "yhteyshenkilön rooli (laskutus, tekninen, markkinointi)",
                "role of the contact person (billing, technical, marketing)",
            ),
        ],
        purpose=_RELATIONSHIP_PURPOSE,
        # Only companies have further contact persons.
        bases=[_COMPANY_CONTACT_PERSONS],
        requirement=_NEEDED_FOR_THE_CONTRACT,
        other_source=_FROM_THE_COMPANY,
        retention=_relationship_retention("customer__ended_on"),
        erasure=Erasure.delete(),
        person_paths=["contact"],
        customer_paths=["customer"],
    )
)

_SUPPORT_EMAIL_PURPOSE = Text(
    fi=(
        "Asiakaspalvelupyyntöjen käsittely ja seuranta sekä sen todentaminen "
        "jälkikäteen, mitä asiakkaan kanssa on sovittu."
    ),
    en=(
        "Handling and following up customer-service requests, and being able to show "
        "afterwards what was agreed with the customer."
    ),
)


_SUPPORT_EMAIL_BASES = [
    PurposeBasis(
        purpose=Text(
            fi="Asiakkaan yhteydenottoihin vastaaminen ja niiden seuranta.",
            en="Answering and following up the customer's messages.",
        ),
        basis=LegalBasis.CONTRACT,
    ),
    PurposeBasis(
        purpose=Text(
            fi="Sen todentaminen jälkikäteen, mitä asiakkaan kanssa on sovittu.",
            en="Being able to show afterwards what was agreed with the customer.",
        ),
        basis=LegalBasis.LEGITIMATE_INTERESTS,
        interest=Text(
            fi=(
                "Webstrellan etu pystyä osoittamaan, mitä asiakkaan kanssa on sovittu, ja "
                "puolustautua mahdollisia vaatimuksia vastaan niiden vanhentumisaikana."
            ),
            en=(
                "Webstrella's interest in being able to show what was agreed with a customer, "
                "and to defend itself against claims within their limitation period."
            ),
        ),
    ),
]
_SUPPORT_EMAIL_REQUIREMENT = Requirement(
    kind=RequirementKind.VOLUNTARY,
    consequence=Text(
        fi="Ilman viestiä ja sen lähettäjän osoitetta emme voi vastata yhteydenottoon.",
        en="Without the message and its sender's address we cannot answer it.",
    ),
)
_COPY_RECIPIENTS_FROM_THE_SENDER = Text(
    fi="Viestin muiden vastaanottajien ja kopion saajien osoitteet saadaan viestin lähettäjältä.",
    en="The addresses of a message's other recipients and copy recipients are obtained from "
    "its sender.",
)


def _support_email_retention(counted_from: str) -> Retention:
    return Retention(
        text=Text(
            fi=(
                "Kolme vuotta viestin lähettämisestä tai saapumisesta (laki velan "
                "vanhentumisesta 728/2003, 4 §)."
            ),
            en=(
                "Three years from when the message was sent or received (Act on the "
                "Limitation of Debts 728/2003, section 4)."
            ),
        ),
        months=RELATIONSHIP_RETENTION_MONTHS,
        counted_from=counted_from,
    )


registry.register(
    Declaration(
        model=SupportEmail,
        category=DataCategory.SUPPORT_EMAIL,
        fields=[
            DataItem(
                "direction",
                "viestin suunta (saapunut tai lähetetty)",
                "direction of the message (received or sent)",
            ),
            DataItem("from_address", "lähettäjän sähköpostiosoite", "sender's email address"),
            DataItem("from_name", "lähettäjän nimi", "sender's name"),
            DataItem(
                "to_addresses", "vastaanottajien sähköpostiosoitteet", "recipients' email addresses"
            ),
            DataItem(
                "cc_addresses",
                "kopion saajien sähköpostiosoitteet",
                "email addresses of copy recipients",
            ),
            DataItem("subject", "viestin aihe", "subject"),
            DataItem("body_text", "viestin sisältö", "message text"),
            DataItem("sent_at", "lähetys- tai saapumisaika", "time sent or received"),
            DataItem(
                "thread_id",
                "keskustelu, johon viesti kuuluu",
                "conversation the message belongs to",
            ),
            DataItem("in_reply_to", "viesti, johon vastataan", "message the message answers"),
            DataItem(
                "references",
                "keskustelun aiemmat viestit",
                "earlier messages of the conversation",
            ),
            DataItem("contact", "henkilö, jota viesti koskee", "person the message concerns"),
            DataItem("customer", "asiakkuus, jota viesti koskee", "customer the message concerns"),
        ],
        purpose=_SUPPORT_EMAIL_PURPOSE,
        bases=_SUPPORT_EMAIL_BASES,
        requirement=_SUPPORT_EMAIL_REQUIREMENT,
        other_source=_COPY_RECIPIENTS_FROM_THE_SENDER,
        retention=_support_email_retention("sent_at"),
        erasure=Erasure.delete(),
        person_paths=["contact"],
        customer_paths=["customer"],
        identifiers=[
            Identifier.email("from_address"),
            Identifier.email("to_addresses", is_list=True),
            Identifier.email("cc_addresses", is_list=True),
        ],
    )
)

registry.register(
    Declaration(
        model=SupportEmailAttachment,
        category=DataCategory.SUPPORT_EMAIL,
        fields=[
            DataItem("filename", "liitetiedoston nimi", "name of an attached file"),
            DataItem("content_type", "liitetiedoston tyyppi", "type of an attached file"),
            DataItem("size", "liitetiedoston koko", "size of an attached file"),
            DataItem(
                "sha256",
                "liitetiedoston tiiviste (sisältöä ei tallenneta)",
                "hash of an attached file (its content is not stored)",
            ),
        ],
        purpose=_SUPPORT_EMAIL_PURPOSE,
        bases=_SUPPORT_EMAIL_BASES,
        requirement=_SUPPORT_EMAIL_REQUIREMENT,
        # Kept as long as its message: the period runs from the message's time.
        retention=_support_email_retention("email__sent_at"),
        erasure=Erasure.delete(),
        # An attachment is part of its message and goes wherever the message goes.
        part_of="email",
    )
)

registry.exempt(
    MailImport,
    reason=(
        "Records that staff uploaded a mailbox file and how its import went (counts and the "
        "positions of broken messages); the file itself is deleted once imported, and the "
        "messages it held are support emails."
    ),
)

_ANALYTICS_PURPOSE = Text(
    fi="Palveluiden käytön analysointi ja tilastointi sekä palveluiden kehittäminen.",
    en="Analysing the use of the services, statistics, and developing the services.",
)

registry.register(
    Declaration(
        model=AnalyticsEvent,
        category=DataCategory.ANALYTICS,
        fields=[
            DataItem(
                "event_type",
                "tapahtuman tyyppi (sivun katselu, kirjautuminen, tilaus, yhteydenotto)",
                "type of event (page view, login, order, customer-service contact)",
            ),
            DataItem("occurred_at", "tapahtuma-aika", "time of the event"),
            DataItem("path", "käytetty sivu", "page used"),
            DataItem(
                "session_hash",
                "istuntotunnisteen tiiviste",
                "hash of the session identifier",
            ),
            DataItem("contact", "henkilö, jota tapahtuma koskee", "person the event concerns"),
            DataItem("customer", "asiakkuus, jota tapahtuma koskee", "customer the event concerns"),
            DataItem("properties", "tapahtuman lisätiedot", "further details of the event"),
        ],
        purpose=_ANALYTICS_PURPOSE,
        source=Text(
            fi="Kerätään käyttäjän käyttäessä verkkopalvelua ja tilatessa palveluita.",
            en="Collected when the user uses the web service and orders services.",
        ),
        bases=[
            PurposeBasis(
                purpose=_ANALYTICS_PURPOSE,
                basis=LegalBasis.LEGITIMATE_INTERESTS,
                interest=Text(
                    fi=(
                        "Webstrellan etu tuntea, miten sen verkkopalveluita käytetään, jotta se "
                        "voi korjata ja kehittää niitä."
                    ),
                    en=(
                        "Webstrella's interest in knowing how its web services are used, so as "
                        "to fix and develop them."
                    ),
                ),
            )
        ],
        requirement=Requirement(
            kind=RequirementKind.VOLUNTARY,
            consequence=Text(
                fi=(
                    "Tiedot syntyvät palveluiden käytöstä. Voit vastustaa niiden käsittelyä; "
                    "palveluiden käyttö ei edellytä sitä."
                ),
                en=(
                    "The data arises from using the services. You may object to its "
                    "processing; using the services does not depend on it."
                ),
            ),
        ),
        retention=Retention(
            text=Text(
                fi="26 kuukautta tapahtumasta.",
                en="26 months from the event.",
            ),
            # Two full years of comparable statistics, plus two months to run the reports.
            months=26,
            counted_from="occurred_at",
        ),
        # Counted automatically, but for statistics only: no decision about a person is
        # taken from it, so it is not automated decision-making under GDPR Art. 22.
        automated=AutomatedProcessing(
            logic=Text(
                fi=(
                    "Palveluiden käyttötapahtumat (sivujen katselut, kirjautumiset, tilaukset, "
                    "yhteydenotot) kootaan automaattisesti tilastoiksi siitä, miten palveluita "
                    "käytetään. Tilastoilla kehitetään palveluita; niillä ei arvioida "
                    "yksittäistä henkilöä eikä tehdä häntä koskevia päätöksiä."
                ),
                en=(
                    "Events of using the services (page views, logins, orders, contacts) are "
                    "compiled automatically into statistics on how the services are used. The "
                    "statistics serve to develop the services; they are not used to evaluate "
                    "an individual or to take decisions about them."
                ),
            ),
        ),
        # The event stays in the statistics without anything that ties it to a person.
        erasure=Erasure.anonymise("contact", "customer", "session_hash", "properties"),
        person_paths=["contact"],
        customer_paths=["customer"],
    )
)
