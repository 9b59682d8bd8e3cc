"""Records written once and never changed: the audit log and the answer packages."""

from django.core.exceptions import ValidationError
from django.db import models


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(self.model.change_refused, code="append_only")

    def delete(self):
        if not self.model.prunable:
            raise ValidationError(self.model.delete_refused, code="append_only")
        return super().delete()


class AppendOnlyModel(models.Model):
    """A row that is added, never changed, and deleted only by pruning, if at all.

    Each model says in its own words why a change or a deletion is refused
    (`change_refused`, `delete_refused`). `prunable` lets a retention job delete old rows
    in bulk through the queryset; one row at a time is never deleted.
    """

    change_refused: str
    delete_refused: str
    prunable = False

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(self.change_refused, code="append_only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(self.delete_refused, code="append_only")
