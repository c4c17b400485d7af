"""What a predict-then-reveal widget is: a fixed situation, one question about it, and the
engine's answer with the sentences that explain it.

The situation is the help text's seed trade (explainer/worked_examples.py) or a small change of
it. Nothing in a question is random: every reader sees the same numbers, so a page without a
guess is the same for everyone and the guesses of many readers can be compared.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from django.urls import reverse


class Kind(StrEnum):
    NUMBER = "number"
    CHOICE = "choice"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Answer:
    """The engine's answer: a number (in the question's unit) or one choice's value, the
    answer as a reader reads it, and plain sentences with the engine's numbers."""

    shown: str
    explanation: tuple[str, ...]
    value: Decimal | None = None
    choice: str = ""


@dataclass(frozen=True)
class Section:
    """The article section that teaches what the question asks."""

    article: str
    anchor: str
    title: str

    @property
    def url(self) -> str:
        return f"{reverse('article', args=[self.article])}#{self.anchor}"


@dataclass(frozen=True)
class Question:
    slug: str
    title: str
    # What the reader is told before guessing: inputs only, never a result.
    setup: tuple[str, ...]
    prompt: str
    kind: Kind
    section: Section
    solve: Callable[[], Answer]
    unit: str = "USDC"
    choices: tuple[Choice, ...] = ()
    # Numbers: a guess within this fraction of the answer counts as right (0.002 is 0.2 %).
    tolerance: Decimal = Decimal("0.002")
    # Numbers: whether 0 is a guess the question allows ("it does not move").
    zero_allowed: bool = False
    # Numbers: what the guess is, in the form's label ("The liquidation price").
    noun: str = ""

    @cached_property
    def answer(self) -> Answer:
        return self.solve()

    def choice_label(self, value: str) -> str:
        return next(choice.label for choice in self.choices if choice.value == value)
