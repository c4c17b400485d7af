"""The answers form, built from an attempt's questions: a radio group for each multiple-choice
question and a text box for each numeric one. Nothing unanswered is an error (it scores as
wrong), but a number that cannot be read is, with the text kept as typed."""

import re
from collections.abc import Sequence
from decimal import Decimal

from django import forms

from .questions import Question
from .scoring import Given

MAX_TYPED = 40
# Plain decimals only: no exponent (1e400), no NaN or Infinity, at most 15 digits before the
# point, so that nothing typed can be huge or take long to compare.
NUMBER = re.compile(r"[+-]?(?:\d{1,15}(?:\.\d{0,30})?|\.\d{1,30})")
UNITS = re.compile(r"\s*(?:usdc|%)\s*$", re.IGNORECASE)
NOT_A_NUMBER = "Enter a plain number such as 1234.5 (no letters or exponents)."


def read_number(text: str) -> Decimal:
    """The reader's number: thousands separators, spaces, a typographic minus and a trailing
    unit are allowed; anything else is a ValidationError."""
    cleaned = UNITS.sub("", text.strip()).replace("−", "-").replace(",", "").replace(" ", "")
    if not NUMBER.fullmatch(cleaned):
        raise forms.ValidationError(NOT_A_NUMBER, code="invalid")
    return Decimal(cleaned)


class NumberAnswer(forms.CharField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(required=False, max_length=MAX_TYPED, strip=True, **kwargs)
        self.error_messages["max_length"] = NOT_A_NUMBER

    def clean(self, value: str) -> Decimal | None:
        text = super().clean(value)
        return read_number(text) if text else None


class AnswersForm(forms.Form):
    def __init__(self, questions: Sequence[Question], data: object = None) -> None:
        super().__init__(data)
        self.questions = tuple(questions)
        for number, question in enumerate(self.questions, start=1):
            label = f"Question {number}"
            if question.numeric:
                self.fields[question.id] = NumberAnswer(label=label)
            else:
                keys = [(choice.key, choice.text) for choice in question.choices]
                self.fields[question.id] = forms.ChoiceField(
                    label=label, choices=keys, required=False, widget=forms.RadioSelect
                )

    def rows(self) -> list[tuple[int, Question, forms.BoundField]]:
        return [(n, q, self[q.id]) for n, q in enumerate(self.questions, start=1)]

    def answers(self) -> dict[str, Given]:
        given = {question.id: self.cleaned_data.get(question.id) for question in self.questions}
        return {key: None if value in ("", None) else value for key, value in given.items()}
