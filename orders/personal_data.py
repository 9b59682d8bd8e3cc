"""What the order register holds about people: orders with their billing details, and lines."""

from privacy.inventory import (
    DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,
    DataCategory,
    DataItem,
    Declaration,
    Disclosure,
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

from .models import Order, OrderLine

_PURPOSE = Text(
    fi=("Tilausten käsittely, toimittaminen ja laskutus sekä lakisääteinen kirjanpito."),
    en="Processing, delivering and invoicing orders, and the bookkeeping the law requires.",
)

_ACCOUNTING_ACT = Text(
    fi="kirjanpitolaki 1336/1997, 2 luku 10 §",
    en="Accounting Act 1336/1997, chapter 2, section 10",
)

# What the privacy notice says of orders (GDPR Art. 13 and 14).
_BASES = [
    PurposeBasis(
        purpose=Text(
            fi="Tilausten käsittely, toimittaminen ja laskutus.",
            en="Processing, delivering and invoicing orders.",
        ),
        basis=LegalBasis.CONTRACT,
    ),
    PurposeBasis(
        purpose=Text(
            fi="Tilausten säilyttäminen kirjanpidon tositteina.",
            en="Keeping orders as vouchers of the bookkeeping.",
        ),
        basis=LegalBasis.LEGAL_OBLIGATION,
        law=_ACCOUNTING_ACT,
    ),
]
_REQUIREMENT = Requirement(
    kind=RequirementKind.NEEDED_FOR_CONTRACT,
    consequence=Text(
        fi=(
            "Ilman tilaajan ja laskutuksen tietoja emme voi ottaa tilausta vastaan, toimittaa "
            "sitä emmekä laskuttaa siitä. Kirjanpitolaki velvoittaa säilyttämään tehdyt "
            "tilaukset tositteina."
        ),
        en=(
            "Without the details of the customer and the billing we cannot accept an order, "
            "deliver it or invoice it. The Accounting Act requires keeping the orders made as "
            "vouchers."
        ),
    ),
)
_FROM_THE_ORDERING_COMPANY = Text(
    fi="Yritysasiakkaan tilauksen laskutustiedot saadaan tilaavalta yritykseltä.",
    en="The billing details of a company customer's order are obtained from the company.",
)

_DISCLOSURES = [
    DISCLOSURE_ONLY_FOR_ORDER_OR_BY_LAW,
    # A domain is registered in the holder's name; the registry needs the holder's details.
    Disclosure(
        text=Text(
            fi=(
                "Verkkotunnuksen tilauksessa haltijan tiedot verkkotunnusrekisterille, koska se "
                "on tarpeen tilauksen käsittelemiseksi."
            ),
            en=(
                "For a domain order, the holder's details go to the domain name registry, as "
                "that is necessary for processing the order."
            ),
        ),
        recipients=Text(
            fi=(
                "verkkotunnusrekisterit: .fi-tunnuksissa Liikenne- ja viestintävirasto "
                "Traficom, .eu-tunnuksissa EURid"
            ),
            en=(
                "domain name registries: the Finnish Transport and Communications Agency "
                "Traficom for .fi domains, EURid for .eu domains"
            ),
        ),
    ),
    # A generic top-level domain is run under ICANN's rules, whose registration data may be
    # held in the United States; the order cannot be carried out without it.
    Disclosure(
        text=Text(
            fi=(
                ".com-verkkotunnuksen tilauksessa haltijan tiedot välitetään "
                "verkkotunnusvälittäjän kautta ICANNin sääntöjen mukaiseen rekisteriin, "
                "joka voi säilyttää niitä Yhdysvalloissa."
            ),
            en=(
                "For a .com domain order, the holder's details go through the registrar to "
                "the registry run under ICANN's rules, which may hold them in the United "
                "States."
            ),
        ),
        recipients=Text(
            fi=".com-verkkotunnusten välittäjät ja rekisteri",
            en="registrars and the registry of .com domains",
        ),
        outside_eea=True,
        safeguard=Text(
            fi=(
                "Siirto on välttämätön tilaamanne verkkotunnuksen rekisteröimiseksi, eli "
                "kanssanne tehdyn sopimuksen täytäntöönpanemiseksi (tietosuoja-asetuksen "
                "49 artiklan 1 kohdan b alakohta)."
            ),
            en=(
                "The transfer is necessary to register the domain you ordered, that is, for "
                "the performance of the contract with you (Article 49(1)(b) of the "
                "Regulation)."
            ),
        ),
    ),
]


# Vouchers must stay as they were (Art. 17(3)(b) GDPR with the Accounting Act), so erasing
# a person keeps them unchanged until their retention ends.
_KEPT_AS_VOUCHERS = Erasure.keep_until_retention_ends(
    law=Text(
        fi="Kirjanpitolaki 1336/1997, 2 luku 10 § (tositteiden säilyttäminen)",
        en="Accounting Act 1336/1997, chapter 2, section 10 (keeping vouchers)",
    )
)


def _bookkeeping_retention(counted_from: str) -> Retention:
    # Kirjanpitolaki (1336/1997) 2 luku 10 §: vouchers are kept six years from the end of
    # the year in which the financial year ended. The financial year is the calendar year,
    # so an order is kept for the rest of its year and six more.
    return Retention(
        text=Text(
            fi=("Kuusi vuotta tilausvuoden päättymisestä (kirjanpitolaki 1336/1997, 2 luku 10 §)."),
            en=(
                "Six years from the end of the year of the order (Accounting Act 1336/1997, "
                "chapter 2, section 10)."
            ),
        ),
        months=6 * 12,
        counted_from=counted_from,
        from_end_of_year=True,
    )


registry.register(
    Declaration(
        model=Order,
        category=DataCategory.ORDERS,
        fields=[
            DataItem("number", "tilausnumero", "order number"),
            DataItem("customer", "tilaaja", "customer who ordered"),
            DataItem("status", "tilauksen tila", "status of the order"),
            DataItem("ordered_at", "tilausaika", "time of the order"),
            DataItem("paid_at", "maksuaika", "time of payment"),
            DataItem("delivered_at", "toimitusaika", "time of delivery"),
            DataItem("billing_name", "laskutusnimi", "billing name"),
            DataItem("billing_email", "laskutussähköpostiosoite", "billing email address"),
            DataItem("billing_street_address", "laskutusosoite", "billing address"),
            DataItem("billing_postal_code", "laskutusosoitteen postinumero", "billing postal code"),
            DataItem("billing_city", "laskutusosoitteen postitoimipaikka", "billing city"),
            DataItem("billing_country", "laskutusosoitteen maa", "billing country"),
            DataItem("billing_business_id", "laskutettavan Y-tunnus", "business ID invoiced"),
        ],
        purpose=_PURPOSE,
        retention=_bookkeeping_retention("ordered_at"),
        disclosures=_DISCLOSURES,
        bases=_BASES,
        requirement=_REQUIREMENT,
        other_source=_FROM_THE_ORDERING_COMPANY,
        erasure=_KEPT_AS_VOUCHERS,
        customer_paths=["customer"],
        identifiers=[Identifier.email("billing_email")],
    )
)

registry.register(
    Declaration(
        model=OrderLine,
        category=DataCategory.ORDERS,
        fields=[
            DataItem("description", "tilattu tuote tai palvelu", "product or service ordered"),
            DataItem("quantity", "määrä", "quantity"),
            DataItem("unit_price", "yksikköhinta", "unit price"),
            DataItem("vat_rate", "arvonlisäverokanta", "VAT rate"),
        ],
        purpose=_PURPOSE,
        retention=_bookkeeping_retention("order__ordered_at"),
        disclosures=_DISCLOSURES,
        bases=_BASES,
        requirement=_REQUIREMENT,
        erasure=_KEPT_AS_VOUCHERS,
        part_of="order",
    )
)
