from privacy.inventory import (
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

from .models import Subscription

registry.register(
    Declaration(
        model=Subscription,
        category=DataCategory.CONTACT_DETAILS,
        fields=[
            DataItem("email", "uutiskirjeen tilaajan sähköpostiosoite", "subscriber's email"),
            DataItem("newsletter", "tilattu uutiskirje", "newsletter subscribed to"),
            DataItem("subscribed_at", "tilausaika", "time of subscribing"),
        ],
        purpose=Text(fi="Uutiskirjeen lähettäminen.", en="Sending the newsletter."),
        bases=[
            PurposeBasis(
                purpose=Text(
                    fi="Uutiskirjeen lähettäminen sen tilanneelle.",
                    en="Sending the newsletter to those who subscribed to it.",
                ),
                basis=LegalBasis.CONSENT,
                withdrawal=Text(
                    fi="Jokaisen uutiskirjeen lopussa olevasta peruutuslinkistä.",
                    en="With the unsubscribe link at the end of every newsletter.",
                ),
            )
        ],
        requirement=Requirement(
            kind=RequirementKind.VOLUNTARY,
            consequence=Text(
                fi="Ilman sähköpostiosoitetta uutiskirjettä ei voi lähettää.",
                en="Without an email address the newsletter cannot be sent.",
            ),
        ),
        retention=Retention(
            text=Text(fi="Tilauksen ajan.", en="While the subscription lasts."),
            months=1,
            counted_from="subscribed_at",
        ),
        disclosures=[
            Disclosure(
                text=Text(
                    fi="Uutiskirje lähetetään postituspalvelun kautta.",
                    en="The newsletter is sent through a mailing service.",
                ),
                recipients=Text(fi="postituspalvelu", en="mailing service"),
                outside_eea=True,
                safeguard=Text(
                    fi="Euroopan komission vakiosopimuslausekkeet (46 artikla).",
                    en="The European Commission's standard contractual clauses (Article 46).",
                ),
            )
        ],
        erasure=Erasure.delete(),
        identifiers=[Identifier.email("email")],
    )
)
