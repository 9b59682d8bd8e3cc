"""Publishes the register description of 01.10.2013 as the company's page has it.

The Finnish text is the published page word for word; the English one is its translation.
The page named no postal address or business ID: the address below is a placeholder for
the operator to replace by publishing a new version (the contact page shows it).
"""

import datetime

from django.db import migrations
from django.utils import timezone

EFFECTIVE_DATE = datetime.date(2013, 10, 1)

FIRST_VERSION = {
    "effective_date": EFFECTIVE_DATE,
    "register_name_fi": "Webstrella verkkopalveluiden asiakasrekisteri.",
    "register_name_en": "Customer register of Webstrella's web services.",
    "legal_basis_fi": "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste.",
    "legal_basis_en": (
        "Register description under section 10 of the Personal Data Act (523/1999)."
    ),
    "controller_name": "Webstrella",
    "controller_business_id": "",
    "controller_street_address": "Esimerkkikatu 1",
    "controller_postal_code": "00100",
    "controller_city": "Helsinki",
    "controller_email": "",
    "controller_phone": "",
    "contact_person": "Jyri Tähtelä",
    "basis_fi": (
        "<p>Webstrellan web-kauppa palvelun käyttäjän tai asiakassuhteen perusteella "
        "tapahtuvan verkkopalvelun sekä siihen kulloinkin kuuluvien palveluiden liittyvä "
        "henkilötietojen käsittely.</p>"
    ),
    "basis_en": (
        "<p>Processing of personal data in connection with the web service, and the services "
        "belonging to it at any time, based on the use of Webstrella's web-shop service or "
        "on a customer relationship.</p>"
    ),
    "purpose_fi": (
        "<p>Käyttäjän henkilötietoja käsitellään palveluihin liittyvien asiakassuhteiden "
        "ylläpitämiseen, hoitamiseen ja kehittämiseen, analysointiin, tilastointiin sekä "
        "palveluiden tuottamiseen, tarjoamiseen ja kehittämiseen.</p>"
    ),
    "purpose_en": (
        "<p>The user's personal data is processed to maintain, manage and develop the "
        "customer relationships of the services, for analysis and statistics, and to "
        "produce, offer and develop the services.</p>"
    ),
    "contents_intro_fi": "Palveluissa käsitellään seuraaviin ryhmiin kuuluvia tietoja:",
    "contents_intro_en": "The services process data belonging to the following groups:",
    "contents_fi": (
        "<p>Käyttäjää koskevia tietoja voidaan käsitellä henkilötietolain sallimissa "
        "rajoissa Webstrellan omissa rekistereissä.</p>"
    ),
    "contents_en": (
        "<p>Data concerning the user may be processed in Webstrella's own registers within "
        "the limits permitted by the Personal Data Act.</p>"
    ),
    "sources_fi": (
        "<p>Henkilötietoja kerätään käyttäjältä palvelun tai tuotteen tilaamisen ja "
        "asiakaspalvelutilanteiden yhteydessä.</p>"
    ),
    "sources_en": (
        "<p>Personal data is collected from the user when a service or product is ordered "
        "and in customer-service situations.</p>"
    ),
    "disclosures_fi": (
        "<p>Ellei lainsäädäntö siihen pakota, Webstrella ei luovuta näitä tietoja ilman "
        "lupaasi kolmannelle osapuolelle, ellei se ole tarpeen tilauksen "
        "käsittelemiseksi.</p>"
    ),
    "disclosures_en": (
        "<p>Unless required to do so by law, Webstrella does not disclose this data to a "
        "third party without your permission, unless it is necessary for processing an "
        "order.</p>"
    ),
    "protection_fi": (
        "<p>Tiedot kerätään Webstrellan tietokantoihin, jotka ovat salasanoilla, tai muilla "
        "teknisillä keinoilla suojattuja. Tietokannat sijaitsevat lukituissa tiloissa ja "
        "tietoihin pääsevät käsiksi vain tietyt ennalta määritellyt henkilöt.</p>"
    ),
    "protection_en": (
        "<p>The data is collected into Webstrella's databases, which are protected by "
        "passwords or other technical means. The databases are located in locked premises "
        "and only certain predefined persons can access the data.</p>"
    ),
    "access_fi": (
        "<p>Käyttäjällä on henkilötietolain 26 §:n mukaisesti oikeus tarkastaa, mitä häntä "
        "koskevia tietoja henkilörekisteriin on talletettu.</p>"
        "<p>Tarkastuspyyntö tulee lähettää kirjallisesti ja allekirjoitettuna Webstrellan "
        "postitusosoitteeseen (postitusosoite "
        '<a href="/yhteystiedot/">Yhteystiedot-sivulla</a>)</p>'
    ),
    "access_en": (
        "<p>Under section 26 of the Personal Data Act, the user has the right to check what "
        "data concerning them has been stored in the personal data register.</p>"
        "<p>The access request must be sent in writing and signed to Webstrella's postal "
        'address (the postal address is on the <a href="/en/contact/">Contact page</a>).</p>'
    ),
}


# Section 3 as the personal-data inventory listed it when this version was published.
DATA_CATEGORIES = [
    {
        "key": "contact_details",
        "fi": "Yhteystiedot",
        "en": "Contact details",
        "items_fi": [
            "etunimi",
            "sukunimi",
            "sähköpostiosoite",
            "puhelinnumero",
            "katuosoite",
            "postinumero",
            "postitoimipaikka",
            "maa",
            "asiointikieli",
            "tietojen lähde",
        ],
        "items_en": [
            "first name",
            "last name",
            "email address",
            "phone number",
            "street address",
            "postal code",
            "city",
            "country",
            "preferred language",
            "where the details were obtained",
        ],
    },
    {
        "key": "analytics",
        "fi": "Tapahtuma-, ja käyttäjäanalyysitiedot",
        "en": "Event and user analytics data",
        "items_fi": [
            "tapahtuman tyyppi (sivun katselu, kirjautuminen, tilaus, yhteydenotto)",
            "tapahtuma-aika",
            "käytetty sivu",
            "istuntotunnisteen tiiviste",
            "henkilö, jota tapahtuma koskee",
            "asiakkuus, jota tapahtuma koskee",
            "tapahtuman lisätiedot",
        ],
        "items_en": [
            "type of event (page view, login, order, customer-service contact)",
            "time of the event",
            "page used",
            "hash of the session identifier",
            "person the event concerns",
            "customer the event concerns",
            "further details of the event",
        ],
    },
    {
        "key": "customer_relationship",
        "fi": "Asiakkuuteen liittyvät tiedot",
        "en": "Data related to the customer relationship",
        "items_fi": [
            "asiakasnumero",
            "asiakkuuden tyyppi (yksityishenkilö tai yritys)",
            "yrityksen nimi",
            "Y-tunnus",
            "ensisijainen yhteyshenkilö",
            "muut yhteyshenkilöt",
            "asiakkuuden tila",
            "asiakkuuden alkamispäivä",
            "asiakkuuden päättymispäivä",
            "asiakkuuteen liittyvät muistiinpanot",
            "asiakkuus, johon yhteyshenkilö kuuluu",
            "yhteyshenkilön rooli (laskutus, tekninen, markkinointi)",
        ],
        "items_en": [
            "customer number",
            "type of customer (private person or company)",
            "company name",
            "business ID",
            "primary contact person",
            "other contact persons",
            "status of the customer relationship",
            "start of the customer relationship",
            "end of the customer relationship",
            "notes on the customer",
            "customer the contact person belongs to",
            "role of the contact person (billing, technical, marketing)",
        ],
    },
    {
        "key": "support_email",
        "fi": "Asiakaspalvelutilanteisiin sähköpostilla liittyvä viestinnän tallennus",
        "en": "Recording of email communication in customer-service situations",
        "items_fi": [
            "viestin suunta (saapunut tai lähetetty)",
            "lähettäjän sähköpostiosoite",
            "vastaanottajien sähköpostiosoitteet",
            "kopion saajien sähköpostiosoitteet",
            "viestin aihe",
            "viestin sisältö",
            "lähetys- tai saapumisaika",
            "henkilö, jota viesti koskee",
            "asiakkuus, jota viesti koskee",
        ],
        "items_en": [
            "direction of the message (received or sent)",
            "sender's email address",
            "recipients' email addresses",
            "email addresses of copy recipients",
            "subject",
            "message text",
            "time sent or received",
            "person the message concerns",
            "customer the message concerns",
        ],
    },
    {
        "key": "orders",
        "fi": "Asiakas / tilausrekisteri",
        "en": "Customer / order register",
        "items_fi": [
            "tilausnumero",
            "tilaaja",
            "tilauksen tila",
            "tilausaika",
            "maksuaika",
            "toimitusaika",
            "laskutusnimi",
            "laskutussähköpostiosoite",
            "laskutusosoite",
            "laskutusosoitteen postinumero",
            "laskutusosoitteen postitoimipaikka",
            "laskutusosoitteen maa",
            "laskutettavan Y-tunnus",
            "tilattu tuote tai palvelu",
            "määrä",
            "yksikköhinta",
            "arvonlisäverokanta",
        ],
        "items_en": [
            "order number",
            "customer who ordered",
            "status of the order",
            "time of the order",
            "time of payment",
            "time of delivery",
            "billing name",
            "billing email address",
            "billing address",
            "billing postal code",
            "billing city",
            "billing country",
            "business ID invoiced",
            "product or service ordered",
            "quantity",
            "unit price",
            "VAT rate",
        ],
    },
]


def publish_first_version(apps, schema_editor):
    RegisterDescription = apps.get_model("privacy", "RegisterDescription")
    VisitCounterSettings = apps.get_model("privacy", "VisitCounterSettings")
    RegisterDescription.objects.create(
        **FIRST_VERSION,
        status="published",
        published_at=timezone.now(),
        data_categories=DATA_CATEGORIES,
    )
    # The old site's counter stood at 62,588 visits when the register moved here.
    VisitCounterSettings.objects.update_or_create(pk=1, defaults={"carried_over_total": 62588})


def remove_first_version(apps, schema_editor):
    apps.get_model("privacy", "RegisterDescription").objects.filter(
        effective_date=EFFECTIVE_DATE, status="published"
    ).delete()
    apps.get_model("privacy", "VisitCounterSettings").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_privacy_officer_permissions")]

    operations = [migrations.RunPython(publish_first_version, remove_first_version)]
