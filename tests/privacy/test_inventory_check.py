import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.test.utils import isolate_apps

from customers.models import Contact
from orders.models import Product
from privacy.inventory import (
    DataCategory,
    Declaration,
    Erasure,
    ErasureAction,
    Identifier,
    LegalBasis,
    PurposeBasis,
    Registry,
    Requirement,
    RequirementKind,
    Retention,
    Text,
)
from privacy.inventory.checks import (
    BROKEN_IDENTIFIER,
    BROKEN_LOOKUP_PATH,
    BROKEN_RETENTION_DATE,
    MISSING_NOTICE_ITEM,
    NO_ERASURE_POLICY,
    REACHES_NO_SUBJECT,
    UNDECLARED_FIELD,
    UNDECLARED_MODEL,
    UNKNOWN_FIELD,
    check_personal_data_inventory,
    is_personal_field,
    is_project_app,
    personal_fields,
)


def _none_ended(rows, cutoff):
    return rows.none()


def _declare(local: Registry, model, fields, **overrides) -> Declaration:
    attrs = {
        "model": model,
        "category": DataCategory.CONTACT_DETAILS,
        "fields": fields,
        "purpose": Text("Tarkoitus.", "Purpose."),
        "retention": Retention(
            Text("Vuosi.", "A year."), months=12, counted_from=None, ended_before=_none_ended
        ),
        "erasure": Erasure.delete(),
        "bases": [PurposeBasis(Text("Tarkoitus.", "Purpose."), LegalBasis.CONTRACT)],
        "requirement": Requirement(RequirementKind.VOLUNTARY, Text("Ei mitään.", "Nothing.")),
        # Unless a test says otherwise, the rows are found by their first field.
        "identifiers": [Identifier.phone(fields[0])],
    }
    return local.register(Declaration(**{**attrs, **overrides}))


def _check(isolated_apps, local: Registry):
    return check_personal_data_inventory(
        app_configs=[isolated_apps.get_app_config("customers")], registry=local
    )


def test_the_project_is_clean():
    assert check_personal_data_inventory() == []


def test_an_undeclared_model_with_personal_data_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class NewsletterSubscriber(models.Model):  # noqa: DJ008
            email = models.EmailField()
            subscribed_at = models.DateTimeField()

            class Meta:
                app_label = "customers"

        errors = _check(isolated_apps, Registry())

    assert [error.id for error in errors] == [UNDECLARED_MODEL]
    assert errors[0].obj is NewsletterSubscriber
    assert "email" in errors[0].msg


def test_an_undeclared_model_linked_to_a_contact_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class CallNote(models.Model):  # noqa: DJ008
            contact = models.ForeignKey(Contact, on_delete=models.CASCADE)
            text = models.TextField()

            class Meta:
                app_label = "customers"

        errors = _check(isolated_apps, Registry())

    assert [error.id for error in errors] == [UNDECLARED_MODEL]
    assert "contact" in errors[0].msg


def test_a_declared_model_missing_a_personal_field_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class Lead(models.Model):  # noqa: DJ008
            first_name = models.CharField(max_length=100)
            phone = models.CharField(max_length=20)

            class Meta:
                app_label = "customers"

            def __str__(self) -> str:
                return self.phone

        local = Registry()
        _declare(local, Lead, ["first_name"])
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [UNDECLARED_FIELD]
    assert "Lead.phone" in errors[0].msg


def test_a_declared_field_the_model_lacks_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class Lead(models.Model):  # noqa: DJ008
            first_name = models.CharField(max_length=100)

            class Meta:
                app_label = "customers"

        local = Registry()
        _declare(local, Lead, ["first_name", "last_name"])
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [UNKNOWN_FIELD]
    assert "'last_name'" in errors[0].msg


def test_a_lookup_path_that_does_not_reach_the_person_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class Lead(models.Model):  # noqa: DJ008
            first_name = models.CharField(max_length=100)
            contact = models.ForeignKey(Contact, on_delete=models.CASCADE)

            class Meta:
                app_label = "customers"

        local = Registry()
        _declare(
            local,
            Lead,
            ["first_name", "contact"],
            # Only the first path is right: a name, a missing field and a path to the
            # wrong model are reported.
            person_paths=["contact", "first_name", "missing"],
            customer_paths=["contact"],
        )
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [BROKEN_LOOKUP_PATH] * 3


def test_a_retention_counted_from_something_else_than_a_date_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class Lead(models.Model):  # noqa: DJ008
            first_name = models.CharField(max_length=100)
            created_at = models.DateTimeField()

            class Meta:
                app_label = "customers"

        local = Registry()
        _declare(
            local,
            Lead,
            ["first_name"],
            retention=Retention(Text("Vuosi.", "A year."), months=12, counted_from="first_name"),
        )
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [BROKEN_RETENTION_DATE]


def test_a_retention_from_an_event_nothing_computes_is_reported():
    with isolate_apps("customers") as isolated_apps:

        class Lead(models.Model):
            phone = models.CharField(max_length=20)

            class Meta:
                app_label = "customers"

            def __str__(self) -> str:
                return self.phone

        local = Registry()
        _declare(
            local,
            Lead,
            ["phone"],
            retention=Retention(Text("Aina.", "Ever."), months=12, counted_from=None),
        )
        assert [e.id for e in _check(isolated_apps, local)] == ["privacy.E005"]


def test_exempt_proxy_and_unmanaged_models_are_not_reported():
    with isolate_apps("customers") as isolated_apps:

        class ControllerDetails(models.Model):  # noqa: DJ008
            controller_email = models.EmailField()

            class Meta:
                app_label = "customers"

        class Lead(models.Model):  # noqa: DJ008
            email = models.EmailField()

            class Meta:
                app_label = "customers"

        class HotLead(Lead):  # noqa: DJ008
            class Meta:
                app_label = "customers"
                proxy = True

        class LegacyContact(models.Model):  # noqa: DJ008
            email = models.EmailField()

            class Meta:
                app_label = "customers"
                managed = False

        local = Registry()
        local.exempt(ControllerDetails, reason="The controller's own published details.")
        _declare(local, Lead, ["email"])
        errors = _check(isolated_apps, local)

    assert errors == []


def test_product_is_not_flagged():
    assert personal_fields(Product) == []
    errors = check_personal_data_inventory(app_configs=[apps.get_app_config("orders")])
    assert not [error for error in errors if error.obj is Product]


def _field(name: str, field_class=models.CharField) -> models.Field:
    field = field_class(max_length=100) if field_class is models.CharField else field_class()
    field.set_attributes_from_name(name)
    return field


@pytest.mark.parametrize(
    "name",
    [
        "first_name",
        "last_name",
        "full_name",
        "billing_name",
        "requester_name",
        "email",
        "phone",
        "street_address",
        "billing_postal_code",
        "postal_code",
        "address",
        "ip_address",
        "to_addresses",
    ],
)
def test_names_that_name_or_contact_a_person_are_personal(name):
    assert is_personal_field(_field(name))


@pytest.mark.parametrize(
    "name", ["name", "company_name", "sku", "description", "message_id", "subject"]
)
def test_other_names_are_not_personal(name):
    assert not is_personal_field(_field(name))


def test_email_and_ip_fields_are_personal_whatever_their_name():
    assert is_personal_field(_field("reply_to", models.EmailField))
    assert is_personal_field(_field("origin", models.GenericIPAddressField))


def test_only_the_projects_own_apps_are_checked():
    assert is_project_app(apps.get_app_config("customers"))
    assert is_project_app(apps.get_app_config("privacy"))
    assert not is_project_app(apps.get_app_config("auth"))
    assert not is_project_app(apps.get_app_config("axes"))


def _lead_model():
    class Lead(models.Model):  # noqa: DJ008
        first_name = models.CharField(max_length=100)
        email = models.EmailField()
        contact = models.ForeignKey(Contact, on_delete=models.CASCADE)

        class Meta:
            app_label = "customers"

    return Lead


def test_a_declaration_that_reaches_no_person_is_reported():
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(local, Lead, ["first_name", "email", "contact"], identifiers=[])
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [REACHES_NO_SUBJECT]


@pytest.mark.parametrize(
    "relation",
    [
        {"person_paths": ["contact"]},
        {"identifiers": [Identifier.email("email")]},
    ],
)
def test_a_person_path_or_an_identifier_is_enough_to_reach_a_person(relation):
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(local, Lead, ["first_name", "email", "contact"], **{"identifiers": [], **relation})
        errors = _check(isolated_apps, local)

    assert errors == []


def test_a_declaration_without_an_erasure_policy_is_reported():
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(local, Lead, ["first_name", "email", "contact"], erasure=None)
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [NO_ERASURE_POLICY]
    assert "no erasure policy" in errors[0].msg


def test_anonymising_a_field_that_is_not_declared_is_reported():
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(
            local,
            Lead,
            ["first_name", "email", "contact"],
            erasure=Erasure.anonymise("first_name", "id", "missing"),
        )
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [NO_ERASURE_POLICY, NO_ERASURE_POLICY]
    assert "'id'" in errors[0].msg and "'missing'" in errors[1].msg


def test_keeping_rows_until_their_retention_ends_needs_a_date_to_count_from():
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(
            local,
            Lead,
            ["first_name", "email", "contact"],
            erasure=Erasure.keep_until_retention_ends(law=Text("Laki.", "A law.")),
        )
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [NO_ERASURE_POLICY]


def test_an_identifier_naming_a_missing_field_is_reported():
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(
            local,
            Lead,
            ["first_name", "email", "contact"],
            identifiers=[Identifier.email("email"), Identifier.email("billing_email")],
        )
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [BROKEN_IDENTIFIER]
    assert "'billing_email'" in errors[0].msg


def test_an_erasure_policy_must_say_what_it_anonymises_and_which_law_keeps_rows():
    with pytest.raises(ImproperlyConfigured, match="fields"):
        Erasure.anonymise()
    with pytest.raises(ImproperlyConfigured, match="law"):
        Erasure(ErasureAction.KEEP_THEN_DELETE)


def test_an_admin_of_declared_data_without_the_audit_mixin_is_reported():
    from django.contrib import admin

    from privacy.audit.checks import UNAUDITED_ADMIN, check_personal_data_admins_are_audited
    from privacy.audit.mixins import AuditedAdminMixin

    class PlainContactAdmin(admin.ModelAdmin):
        pass

    site = admin.AdminSite(name="check")
    site.register(Contact, PlainContactAdmin)
    # Products hold no personal data: an admin without the mixin is fine there.
    site.register(Product, admin.ModelAdmin)

    errors = check_personal_data_admins_are_audited(site=site)

    assert [(error.id, error.obj) for error in errors] == [(UNAUDITED_ADMIN, PlainContactAdmin)]
    assert check_personal_data_admins_are_audited() == []
    site.unregister(Contact)
    site.register(Contact, type("AuditedContactAdmin", (AuditedAdminMixin, admin.ModelAdmin), {}))
    assert check_personal_data_admins_are_audited(site=site) == []


def test_the_customer_model_must_say_which_customers_are_private_persons(settings):
    from privacy.inventory.checks import NO_NATURAL_PERSON_RULE

    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        settings.PRIVACY_CUSTOMER_MODEL = "customers.Lead"
        local = Registry()
        _declare(local, Lead, ["first_name", "email", "contact"], customer_paths=["pk"])
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [NO_NATURAL_PERSON_RULE]


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ({"bases": []}, "legal basis"),
        ({"requirement": None}, "whether the data must be given"),
        ({"disclosures": []}, "recipients"),
    ],
)
def test_a_declaration_lacking_what_the_privacy_notice_says_is_reported(missing, said):
    with isolate_apps("customers") as isolated_apps:
        Lead = _lead_model()
        local = Registry()
        _declare(local, Lead, ["first_name", "email", "contact"], **missing)
        errors = _check(isolated_apps, local)

    assert [error.id for error in errors] == [MISSING_NOTICE_ITEM]
    assert said in errors[0].msg
    assert "Lead" in errors[0].msg


def test_a_purposes_basis_must_carry_what_its_kind_of_basis_needs():
    purpose = Text("Tarkoitus.", "Purpose.")
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^Processing based on the legitimate interests of the controller needs the "
        r"legitimate interest pursued\.$",
    ):
        PurposeBasis(purpose, LegalBasis.LEGITIMATE_INTERESTS)
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^Processing based on consent needs how consent is withdrawn\.$",
    ):
        PurposeBasis(purpose, LegalBasis.CONSENT)
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^Processing based on compliance with a legal obligation of the controller "
        r"needs the law that imposes the obligation\.$",
    ):
        PurposeBasis(purpose, LegalBasis.LEGAL_OBLIGATION)
    with pytest.raises(ImproperlyConfigured, match="'interest' is for"):
        PurposeBasis(purpose, LegalBasis.CONTRACT, interest=Text("Etu.", "Interest."))
    with pytest.raises(ImproperlyConfigured, match="LegalBasis"):
        PurposeBasis(purpose, "f")
