from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Subscription",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("email", models.EmailField(max_length=254, verbose_name="email address")),
                ("newsletter", models.CharField(max_length=100, verbose_name="newsletter")),
                ("subscribed_at", models.DateTimeField(verbose_name="subscribed")),
            ],
            options={
                "verbose_name": "newsletter subscription",
                "verbose_name_plural": "newsletter subscriptions",
            },
        ),
    ]
