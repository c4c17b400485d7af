"""What confuses people: per question id, how often it was answered and how often rightly.
Counted in the database with F() so that concurrent attempts never lose a count; no person,
session or address is kept, only the two counters."""

from django.db import transaction
from django.db.models import F

from .models import QuestionStat
from .scoring import Outcome


def record(outcome: Outcome) -> None:
    ids = [mark.question.id for mark in outcome.marks]
    right = [mark.question.id for mark in outcome.marks if mark.right]
    with transaction.atomic():
        # Rows that exist already are left alone: a race to create one is not an error.
        QuestionStat.objects.bulk_create(
            [QuestionStat(question=question) for question in ids], ignore_conflicts=True
        )
        QuestionStat.objects.filter(question__in=ids).update(answered=F("answered") + 1)
        if right:
            QuestionStat.objects.filter(question__in=right).update(correct=F("correct") + 1)
