"""How far a guess was from the engine's answer, in words and as one bucket of the histogram
the admin shows (stats.py).

A number's miss is signed and relative: (guess − answer) ÷ answer, so "2 % too high" means the
same for a price and for a move of a few USDC. A choice's bucket is the choice itself.
"""

from dataclasses import dataclass
from decimal import Decimal, localcontext

from explainer.formatting import amount, percent, rate

from .question import Answer, Kind, Question

# The histogram's buckets, lowest first, and how the admin labels them.
NUMBER_BUCKETS = (
    ("low-20", "More than 20 % too low"),
    ("low-5", "5–20 % too low"),
    ("low-1", "1–5 % too low"),
    ("within-1", "Within 1 %"),
    ("high-1", "1–5 % too high"),
    ("high-5", "5–20 % too high"),
    ("high-20", "More than 20 % too high"),
)


@dataclass(frozen=True)
class Verdict:
    correct: bool
    bucket: str
    headline: str
    words: str


def judge(question: Question, guess: Decimal | str) -> Verdict:
    answer = question.answer
    if question.kind is Kind.CHOICE:
        return _judge_choice(question, answer, str(guess))
    return _judge_number(question, answer.value, Decimal(guess))


def _judge_choice(question: Question, answer: Answer, guess: str) -> Verdict:
    chosen = question.choice_label(guess)
    if guess == answer.choice:
        return Verdict(True, guess, "Right.", f"You chose “{chosen}”, as the engine does.")
    return Verdict(False, guess, "Not this time.", f"You chose “{chosen}”.")


def _judge_number(question: Question, answer: Decimal, guess: Decimal) -> Verdict:
    with localcontext(prec=40):
        difference = guess - answer
        relative = difference / answer
    correct = abs(relative) <= question.tolerance
    headline = "Right." if correct else "Not quite."
    words = _how_far(guess, difference, relative, question.unit)
    return Verdict(correct, bucket_for(relative), headline, words)


def _how_far(guess: Decimal, difference: Decimal, relative: Decimal, unit: str) -> str:
    said = f"Your guess was {amount(guess)} {unit}"
    if amount(difference) in ("0.00", "-0.00"):
        return f"{said}: the answer, to the cent."
    side = "too high" if difference > 0 else "too low"
    return f"{said}, {amount(abs(difference))} {unit} ({percent(abs(relative))}) {side}."


def bucket_for(relative: Decimal) -> str:
    size = abs(relative)
    if size <= Decimal("0.01"):
        return "within-1"
    side = "high" if relative > 0 else "low"
    if size <= Decimal("0.05"):
        return f"{side}-1"
    if size <= Decimal("0.20"):
        return f"{side}-5"
    return f"{side}-20"


def tolerance_words(question: Question) -> str:
    return f"A guess within {rate(question.tolerance)} of the answer counts as right."
