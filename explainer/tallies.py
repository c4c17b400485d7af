"""Counting rows: add 1 with a single UPDATE … SET n = n + 1 (F()), so two requests counting at
once never lose one; the first count of a key creates its row."""

from django.db import IntegrityError, transaction
from django.db.models import F, Model


def add_one(model: type[Model], key: dict, counter: str, **values: object) -> None:
    """Adds 1 to `counter` of the row with `key` (creating it at 1) and sets `values`. Raises
    DatabaseError when the database cannot write just now."""
    rows = model.objects.filter(**key)
    with transaction.atomic():
        if rows.update(**{counter: F(counter) + 1}, **values):
            return
        try:
            with transaction.atomic():
                model.objects.create(**key, **values, **{counter: 1})
        except IntegrityError:  # another request created it first
            rows.update(**{counter: F(counter) + 1}, **values)
