"""Anonymous, aggregated guesses per predict widget, so the content team can see which
article leaves readers furthest off.

`record` adds one guess through `explainer.tallies.add_one` (a single UPDATE … SET count =
count + 1, so two readers guessing at once never lose a count; the first guess of a bucket
creates its row). A database that cannot write just now costs one count, never the reader's
answer.
"""

import logging
from dataclasses import dataclass

from django.db import DatabaseError
from django.db.models import Sum

from explainer.tallies import add_one

from .models import PredictionTally
from .question import Kind, Question
from .questions import QUESTIONS
from .verdict import NUMBER_BUCKETS, Verdict

logger = logging.getLogger(__name__)


def record(widget: str, verdict: Verdict) -> None:
    key = {"widget": widget, "bucket": verdict.bucket, "correct": verdict.correct}
    try:
        add_one(PredictionTally, key, "count")
    except DatabaseError as error:
        logger.warning("A guess on %s was not counted: %s", widget, error)


@dataclass(frozen=True)
class Summary:
    question: Question
    guesses: int
    correct: int
    # (label, count) in the order the admin shows them: buckets lowest first, or the choices.
    histogram: tuple[tuple[str, int], ...]
    typical_miss: str

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.guesses if self.guesses else None


def summaries() -> list[Summary]:
    rows = PredictionTally.objects.values("widget", "bucket", "correct").annotate(n=Sum("count"))
    counts: dict[str, dict[str, int]] = {slug: {} for slug in QUESTIONS}
    correct = dict.fromkeys(QUESTIONS, 0)
    for row in rows:
        if row["widget"] not in QUESTIONS:
            continue  # a widget since retired
        buckets = counts[row["widget"]]
        buckets[row["bucket"]] = buckets.get(row["bucket"], 0) + row["n"]
        correct[row["widget"]] += row["n"] if row["correct"] else 0
    return [_summary(question, counts[slug], correct[slug]) for slug, question in QUESTIONS.items()]


def _summary(question: Question, counts: dict[str, int], correct: int) -> Summary:
    if question.kind is Kind.CHOICE:
        labels = [(choice.value, choice.label) for choice in question.choices]
    else:
        labels = list(NUMBER_BUCKETS)
    histogram = tuple((label, counts.get(bucket, 0)) for bucket, label in labels)
    guesses = sum(counts.values())
    return Summary(question, guesses, correct, histogram, _typical(question, histogram, guesses))


def _typical(question: Question, histogram: tuple[tuple[str, int], ...], guesses: int) -> str:
    """Numbers: the bucket the median guess falls in. Choices: the commonest wrong choice."""
    if not guesses:
        return "—"
    if question.kind is Kind.CHOICE:
        right = question.answer.shown
        wrong = [(count, label) for label, count in histogram if label != right and count]
        return f"{max(wrong)[1]}" if wrong else "No wrong answers"
    seen, middle = 0, (guesses + 1) // 2
    for label, count in histogram:
        seen += count
        if seen >= middle:
            return label
    return "—"
