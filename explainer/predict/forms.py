"""The one field of a predict widget: the reader's guess, a number or one of the choices.

A number reuses the calculators' field, so text, NaN, Infinity, 1e400 and negative numbers get
the same plain errors there as here. Prices must be more than 0; a move may be 0.
"""

from decimal import Decimal

from django import forms

from explainer.calculators.inputs import MAX_USDC, NumberField

from .question import Kind, Question


class GuessForm(forms.Form):
    def __init__(self, question: Question, *args, widget_id: str, **kwargs):
        super().__init__(*args, auto_id=f"{widget_id}-%s", **kwargs)
        self.question = question
        self.fields["guess"] = _field(question)

    @property
    def guess(self) -> Decimal | str:
        return self.cleaned_data["guess"]


def _field(question: Question) -> forms.Field:
    if question.kind is Kind.CHOICE:
        return forms.ChoiceField(
            label=question.prompt,
            choices=[(choice.value, choice.label) for choice in question.choices],
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            error_messages={
                "required": "Choose one of the answers first.",
                "invalid_choice": "Choose one of the answers shown.",
            },
        )
    field = NumberField(
        question.prompt,
        question.unit,
        high=MAX_USDC,
        low=Decimal(0) if question.zero_allowed else None,
        noun=question.noun,
    )
    field.error_messages["required"] = f"Type your guess of the {question.noun} first."
    if question.zero_allowed:
        field.error_messages["min_value"] = (
            f"The {question.noun} cannot be negative: type 0 or more."
        )
    return field
