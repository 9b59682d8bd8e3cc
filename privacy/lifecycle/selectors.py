"""Which rows are restricted."""

from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Cast

from .models import Restriction


def restricted_ids(model: type[models.Model]) -> models.QuerySet:
    """A subquery of the primary keys of the model's restricted rows."""
    restrictions = Restriction.objects.filter(data=model._meta.label_lower)
    pk = model._meta.pk
    if isinstance(pk, models.IntegerField):  # AutoField and BigAutoField included
        return restrictions.annotate(row=Cast("object_id", models.BigIntegerField())).values("row")
    return restrictions.values("object_id")


def restriction_exists(model: type[models.Model]) -> models.Exists:
    """For annotating a queryset of the model: whether each row is restricted."""
    object_id = OuterRef("pk")
    if isinstance(model._meta.pk, models.IntegerField):
        object_id = Cast(OuterRef("pk"), models.CharField(max_length=64))
    return models.Exists(
        Restriction.objects.filter(data=model._meta.label_lower, object_id=object_id)
    )


def is_restricted(row: models.Model) -> bool:
    return Restriction.objects.filter(data=row._meta.label_lower, object_id=str(row.pk)).exists()
