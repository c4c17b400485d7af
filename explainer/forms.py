from django import forms


class FeedbackForm(forms.Form):
    helpful = forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Choose Yes or No.", "invalid_choice": "Choose Yes or No."},
    )
    comment = forms.CharField(
        required=False,
        max_length=2000,
        strip=True,
        label="What could we explain better? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"
