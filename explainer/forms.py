from django import forms

from .models import Feedback


def _comment(label: str) -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=2000,
        strip=True,
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedbackForm(forms.Form):
    helpful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Choose Yes or No.", "invalid_choice": "Choose Yes or No."},
    )
    comment = _comment("What could we explain better? (optional)")

    def clean_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"


class ReasonForm(forms.Form):
    """Asked after a "No": what was wrong, and anything the reader wants to add."""

    reason = forms.ChoiceField(
        choices=Feedback.Reason.choices,
        widget=forms.RadioSelect,
        label="What was wrong with it?",
        error_messages={
            "required": "Choose what was wrong.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    comment = _comment("Anything to add? (optional)")
