from django.db import migrations, models
from django.db.models import Sum


def total_of_the_days(apps, schema_editor):
    VisitDay = apps.get_model("privacy", "VisitDay")
    VisitCounterSettings = apps.get_model("privacy", "VisitCounterSettings")
    counted = VisitDay.objects.aggregate(total=Sum("count", default=0))["total"]
    VisitCounterSettings.objects.filter(pk=1).update(counted_total=counted)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0015_register_description_kind")]

    operations = [
        migrations.AddField(
            model_name="visitcountersettings",
            name="counted_total",
            field=models.PositiveBigIntegerField(
                default=0, editable=False, verbose_name="counted by this system"
            ),
        ),
        migrations.RunPython(total_of_the_days, migrations.RunPython.noop),
    ]
