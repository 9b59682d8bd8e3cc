from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    """Newsletter subscriptions: a kind of personal data keyed only by an email address.

    Installed in the test settings only, it shows that a new app's data reaches the register
    description, the data search and the answer through its declaration alone.
    """

    name = "tests.newsletter"
    label = "newsletter"
    default_auto_field = "django.db.models.BigAutoField"
