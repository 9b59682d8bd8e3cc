from privacy.inventory import (
    DataCategory,
    DataItem,
    Declaration,
    Erasure,
    Identifier,
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
        retention=Retention(
            text=Text(fi="Tilauksen ajan.", en="While the subscription lasts."),
            months=1,
            counted_from="subscribed_at",
        ),
        erasure=Erasure.delete(),
        identifiers=[Identifier.email("email")],
    )
)
