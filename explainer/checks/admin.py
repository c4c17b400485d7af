"""What confuses people: each readiness-check question's share answered rightly, worst first,
so the content team knows which article section to improve. Counts only; nothing to edit."""

from decimal import Decimal
from functools import cache

from django.contrib import admin
from django.db.models import F, FloatField, QuerySet
from django.db.models.functions import Cast, NullIf
from django.http import HttpRequest

from explainer import formatting

from .models import QuestionStat
from .questions import Question, attempt


@admin.register(QuestionStat)
class QuestionStatAdmin(admin.ModelAdmin):
    list_display = ["question", "title", "section", "answered", "correct", "share_right"]
    list_display_links = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionStat]:
        share = Cast("correct", FloatField()) / NullIf(Cast("answered", FloatField()), 0.0)
        return super().get_queryset(request).annotate(share=share)

    def get_ordering(self, request: HttpRequest) -> list:
        # Worst first. Not the `ordering` attribute: its system check knows only model fields,
        # and `share` is the annotation above.
        return [F("share").asc(nulls_last=True), "question"]

    @admin.display(description="Question")
    def title(self, stat: QuestionStat) -> str:
        question = _examples().get(stat.question)
        return question.title if question else "(no longer asked)"

    @admin.display(description="Taught in")
    def section(self, stat: QuestionStat) -> str:
        question = _examples().get(stat.question)
        return f"{question.link.article} › {question.link.label}" if question else "—"

    @admin.display(description="Answered rightly", ordering="share")
    def share_right(self, stat: QuestionStat) -> str:
        if not stat.answered:
            return "—"
        return formatting.percent(Decimal(stat.correct) / Decimal(stat.answered), places=0)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@cache
def _examples() -> dict[str, Question]:
    """One attempt's questions by id: their titles and links do not depend on the seed."""
    return {question.id: question for question in attempt(0)}
