"""The new-case and edit-case form's fields: `CaseForm` holds the case's own fields,
`PositionFormSet` its positions (one to ten rows). `entry.CaseEntry` checks them together."""

from datetime import UTC, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict

from explainer.calculators import inputs
from explainer.engine import (
    MARKETS,
    PositionMode,
)
from explainer.engine.bounds import LARGEST

from .form_data import (
    KNOWN_MARKETS,
    MAX_POSITIONS,
    PREFIX,
    mark_name,
)

ZERO = Decimal(0)


class PositionForm(forms.Form):
    # No defaults anywhere: a row left blank is skipped, and every figure is one staff chose.
    market = forms.ChoiceField(
        label="Market",
        choices=[("", "Choose a market"), *((symbol, symbol) for symbol in MARKETS)],
        error_messages={
            "required": "Choose the market.",
            "invalid_choice": f"Choose one of the markets: {KNOWN_MARKETS}.",
        },
    )
    side = inputs.side()
    size = inputs.size(help_text="In the market's coin (BTC for BTC-PERP), not in USDC.")
    entry_price = inputs.price(noun="entry price")
    leverage = inputs.leverage()
    margin_mode = inputs.mode()
    isolated_margin = inputs.usdc(
        "Isolated margin",
        required=False,
        help_text="Isolated positions only. Empty means the initial margin (size × entry ÷ "
        "leverage); enter the amount shown by the exchange if margin was added or removed.",
    )
    fees_paid = inputs.NumberField(
        "Fees paid",
        "USDC",
        high=LARGEST,
        low=ZERO,
        required=False,
        help_text="Trading fees already paid for this position. Empty means 0.",
    )
    funding_paid = inputs.NumberField(
        "Funding paid",
        "USDC",
        high=LARGEST,
        low=Decimal(-int(LARGEST)),
        required=False,
        help_text="Net funding already paid; negative if it was received. Empty means 0.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].error_messages["required"] = "Choose long or short."
        self.fields["margin_mode"].error_messages["required"] = "Choose isolated or cross."
        _style(self)


class BasePositionFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": "Enter at least one position.",
        "too_many_forms": f"A case holds at most {MAX_POSITIONS} positions.",
        "missing_management_form": "The form arrived incomplete. Reload the page and try again.",
    }

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this position"
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


PositionFormSet = forms.formset_factory(
    PositionForm,
    formset=BasePositionFormSet,
    extra=1,  # one blank row to fill in without JavaScript
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=MAX_POSITIONS,
    validate_max=True,
    absolute_max=MAX_POSITIONS,
)


def row_form(index: int, data=None) -> PositionForm:
    """Row `index` as the formset makes it (with its Remove box), alone, for htmx to add or
    redraw. What it was sent is shown without errors: the person has not finished."""
    formset = PositionFormSet(prefix=PREFIX)
    form = PositionForm(
        data, prefix=formset.add_prefix(index), empty_permitted=True, use_required_attribute=False
    )
    formset.add_fields(form, index)
    if data is not None:
        form._errors = ErrorDict()  # rendered as bound, never cleaned
    return form


class CaseForm(forms.Form):
    wallet_balance = inputs.usdc(
        "Wallet balance",
        help_text="The wallet balance before the fees and funding entered below were paid, "
        "isolated margins included. Unrealised profit and loss is not part of it.",
    )
    position_mode = inputs.choice(
        "Position mode",
        PositionMode,
        {"one_way": "One-way", "hedge": "Hedge"},
        initial=PositionMode.ONE_WAY.value,
        help_text="One-way: one position per market. Hedge: a long and a short may be held "
        "side by side in one market.",
    )
    movement = forms.ChoiceField(
        label="Give the move as",
        choices=[
            ("marks", "The mark prices at the moment of liquidation"),
            ("path", "A price path over time, as CSV"),
        ],
        initial="marks",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose the marks or a price path."},
    )
    # The mark_<market> fields come here (see below).
    path_csv = forms.CharField(
        label="Price path (paste the CSV)",
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "spellcheck": "false",
                "autocomplete": "off",
                "placeholder": "time,market,mark,last\n2026-11-20T14:00:00Z,BTC-PERP,64250.5,64251",
            }
        ),
        help_text="A header line, then a row per market and time: time, market and mark price, "
        "and optionally the last traded and index prices. Up to 20,000 rows and 2 MB.",
    )
    path_file = forms.FileField(
        label="Or upload the CSV file",
        required=False,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
        help_text="A file chosen here is used instead of the box above.",
    )
    reported_position = forms.TypedChoiceField(
        label="Position the exchange liquidated",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "Not given"), *((str(n), f"Position {n}") for n in range(1, 11))],
        error_messages={"invalid_choice": "Choose one of the positions on the form."},
    )
    reported_price = inputs.price(
        "Liquidation price reported",
        required=False,
        noun="reported price",
        help_text="The mark price the exchange says it liquidated at.",
    )
    reported_time = forms.CharField(
        label="Time reported",
        required=False,
        max_length=40,
        help_text="When the exchange says it happened, like 2026-11-20T14:05:00Z (UTC unless "
        "the time gives an offset). Only with a price path.",
    )
    partial_liquidation = forms.BooleanField(
        label="Partial liquidation",
        required=False,
        help_text="Large positions are first cut into a lower bracket, as big exchanges do, "
        "and closed only if that is not enough.",
    )
    insurance_fund = inputs.NumberField(
        "Insurance fund",
        "USDC",
        high=LARGEST,
        low=ZERO,
        required=False,
        help_text="The fund's balance at the start. Empty means it never runs out; a small "
        "balance shows auto-deleveraging (ADL) once it does.",
    )
    funding_along_path = forms.BooleanField(
        label="Charge funding along the path",
        required=False,
        initial=True,
        help_text="Each market's default funding (0.01 % every 8 hours) at each funding time a "
        "timed path passes.",
    )
    ticket_reference = forms.CharField(
        label="Ticket reference",
        required=False,
        max_length=64,
        error_messages={"max_length": "Keep the ticket reference to 64 characters or fewer."},
        help_text="Only staff see it. The ticket number only: never the customer's name, e-mail "
        "or account id.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)

    def clean_reported_time(self) -> datetime | None:
        text = self.cleaned_data["reported_time"].strip()
        if not text:
            return None
        try:
            parsed = datetime.fromisoformat(text)
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except (ValueError, OverflowError):
            raise ValidationError(
                "Write the time like 2026-11-20T14:05:00Z (date, “T”, time, and “Z” for UTC)."
            ) from None


def _mark_field(market: str) -> inputs.NumberField:
    field = inputs.price(f"{market} mark price", required=False, noun=f"{market} mark price")
    field.optional_hint = False  # needed for every market held
    return field


def _with_marks(fields: dict[str, forms.Field]) -> dict[str, forms.Field]:
    ordered: dict[str, forms.Field] = {}
    for name, field in fields.items():
        ordered[name] = field
        if name == "movement":
            ordered |= {mark_name(market): _mark_field(market) for market in MARKETS}
    return ordered


CaseForm.base_fields = _with_marks(CaseForm.base_fields)
ACCOUNT_FIELDS = ("wallet_balance", "position_mode")  # shown above the positions
PATH_NAMES = {mark_name(market): f"marks.{market}" for market in MARKETS} | {
    f"reported_{name}": f"reported.{name}" for name in ("position", "price", "time")
}


def _style(form: forms.Form) -> None:
    form.use_required_attribute = False  # the server says what is missing, in words
    for name, field in form.fields.items():
        if not hasattr(field, "optional_hint"):
            field.optional_hint = not field.required and name not in ("path_csv", "path_file")
        if isinstance(field, inputs.NumberField):
            # Text, not type=number: a browser empties "64,250.5" pasted from an exchange's
            # screen, where the field reads it.
            field.widget = forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
            )
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            widget.attrs["class"] = "form-check-input"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "form-select"
        else:
            widget.attrs["class"] = "form-control"
