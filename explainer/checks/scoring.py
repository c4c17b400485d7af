"""Scoring an attempt on the server: each answer against the engine's, then the share right.
Nothing here trusts the page: the questions and answers are made again from the seed."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from explainer import formatting

from .questions import PASS_PERCENT, Question

Given = str | Decimal | None  # a choice's key, a number, or nothing (unanswered)


@dataclass(frozen=True)
class Mark:
    number: int
    question: Question
    given: Given
    right: bool

    @property
    def given_text(self) -> str:
        if self.given is None:
            return "No answer"
        if isinstance(self.given, Decimal):
            unit = " %" if self.question.unit == "%" else f" {self.question.unit}"
            return f"{formatting.plain(self.given)}{unit}"
        return next(c.text for c in self.question.choices if c.key == self.given)


@dataclass(frozen=True)
class Outcome:
    marks: tuple[Mark, ...]
    correct: int
    total: int

    @property
    def passed(self) -> bool:
        return self.correct * 100 >= PASS_PERCENT * self.total

    @property
    def score(self) -> int:
        """The percentage right, rounded as the page shows it."""
        return int(formatting.amount(Decimal(self.correct * 100) / self.total, places=0))

    @property
    def percent(self) -> str:
        return f"{self.score} %"


def score(questions: Sequence[Question], answers: Mapping[str, Given]) -> Outcome:
    """Unanswered questions count as wrong."""
    marks = tuple(
        Mark(
            number, question, answers.get(question.id), question.is_right(answers.get(question.id))
        )
        for number, question in enumerate(questions, start=1)
    )
    return Outcome(marks, sum(mark.right for mark in marks), len(marks))
