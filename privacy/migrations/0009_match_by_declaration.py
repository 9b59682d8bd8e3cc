from django.db import migrations, models
from django.db.models import Q

# The reason codes of the matches found before the inventory's discovery, as references
# to the declared identifier that matched.
OLD_REASONS = {
    "email": "customers.contact:email:email",
    "phone": "customers.contact:phone:phone",
    "name_postal_code": "customers.contact:name_and_address:postal_code",
    "name_street": "customers.contact:name_and_address:street_address",
    "customer_number": "customers.customer:customer_number:customer_number",
    "billing_email": "orders.order:email:billing_email",
    "support_email": "customers.supportemail:email:from_address",
}


def to_declared_data(apps, schema_editor):
    """A contact or customer match names its row; an address match its support emails."""
    Match = apps.get_model("privacy", "AccessRequestMatch")
    for match in Match.objects.all():
        if match.kind == "contact":
            match.data, match.object_id = "customers.contact", str(match.contact_id or "")
        elif match.kind == "customer":
            match.data, match.object_id = "customers.customer", str(match.customer_id or "")
        else:
            match.data = "customers.supportemail"
            match.identifier_kind, match.value = "email", match.email_address.lower()
        if not match.object_id and not match.value:
            # The row was erased; what matched is still in the reasons.
            match.object_id = "0"
        match.reasons = [OLD_REASONS.get(code, code) for code in match.reasons]
        match.save()


def to_kinds(apps, schema_editor):
    Match = apps.get_model("privacy", "AccessRequestMatch")
    for match in Match.objects.all():
        if match.data == "customers.contact":
            match.kind, match.contact_id = "contact", int(match.object_id) or None
        elif match.data == "customers.customer":
            match.kind, match.customer_id = "customer", int(match.object_id) or None
        elif match.data == "customers.supportemail" and match.identifier_kind == "email":
            match.kind, match.email_address = "email_address", match.value
        else:
            # No earlier kind can hold it: the match is dropped with the going back.
            match.delete()
            continue
        reverse = {new: old for old, new in OLD_REASONS.items()}
        match.reasons = [reverse.get(code, code) for code in match.reasons]
        match.save()


class Migration(migrations.Migration):
    """Matches name a declared model and a row or an identifier value, not a fixed kind."""

    dependencies = [("privacy", "0008_privacy_officer_handles_access_requests")]

    operations = [
        migrations.RemoveConstraint(
            model_name="accessrequestmatch", name="accessrequestmatch_kind_valid"
        ),
        migrations.RemoveConstraint(
            model_name="accessrequestmatch", name="accessrequestmatch_one_target"
        ),
        migrations.RemoveConstraint(
            model_name="accessrequestmatch", name="accessrequestmatch_contact_once"
        ),
        migrations.RemoveConstraint(
            model_name="accessrequestmatch", name="accessrequestmatch_customer_once"
        ),
        migrations.RemoveConstraint(
            model_name="accessrequestmatch", name="accessrequestmatch_address_once"
        ),
        migrations.AddField(
            model_name="accessrequestmatch",
            name="data",
            field=models.CharField(default="", max_length=100, verbose_name="data"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessrequestmatch",
            name="object_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="record"),
        ),
        migrations.AddField(
            model_name="accessrequestmatch",
            name="identifier_kind",
            field=models.CharField(blank=True, max_length=20, verbose_name="identifier"),
        ),
        migrations.AddField(
            model_name="accessrequestmatch",
            name="value",
            field=models.CharField(blank=True, max_length=254, verbose_name="identifier value"),
        ),
        migrations.AddField(
            model_name="accessrequestmatch",
            name="rows",
            field=models.PositiveIntegerField(default=1, verbose_name="records"),
        ),
        migrations.RunPython(to_declared_data, to_kinds),
        migrations.RemoveField(model_name="accessrequestmatch", name="kind"),
        migrations.RemoveField(model_name="accessrequestmatch", name="contact"),
        migrations.RemoveField(model_name="accessrequestmatch", name="customer"),
        migrations.RemoveField(model_name="accessrequestmatch", name="email_address"),
        migrations.AlterModelOptions(
            name="accessrequestmatch",
            options={
                "ordering": ["access_request", "pk"],
                "verbose_name": "match of an access request",
                "verbose_name_plural": "matches of access requests",
            },
        ),
        migrations.AddConstraint(
            model_name="accessrequestmatch",
            constraint=models.CheckConstraint(
                condition=(~Q(object_id="") & Q(identifier_kind="") & Q(value=""))
                | (Q(object_id="") & ~Q(identifier_kind="") & ~Q(value="")),
                name="accessrequestmatch_row_or_value",
            ),
        ),
        migrations.AddConstraint(
            model_name="accessrequestmatch",
            constraint=models.UniqueConstraint(
                fields=["access_request", "data", "object_id", "identifier_kind", "value"],
                name="accessrequestmatch_once",
            ),
        ),
    ]
