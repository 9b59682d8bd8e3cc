from django.db import models


class Subscription(models.Model):
    email = models.EmailField("email address")
    newsletter = models.CharField("newsletter", max_length=100)
    subscribed_at = models.DateTimeField("subscribed")

    class Meta:
        verbose_name = "newsletter subscription"
        verbose_name_plural = "newsletter subscriptions"

    def __str__(self) -> str:
        return self.newsletter
