"""One form per control of the practice desk. Each checks what the reader typed, asks the engine
to apply it to their account, and turns the engine's MarginError into an error on the field it
names, in one place (`PracticeForm.clean`). A valid form holds the new account in `result`."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from explainer.calculators import inputs
from explainer.engine import MarginError, MarginMode, PositionMode, Side
from explainer.engine import practice as engine

# A custom path is one line a step; 60 characters a line for MAX_STEPS lines stays inside the
# 64 KB the site accepts in a request body (settings.BODY_LIMIT).
MAX_PATH_TEXT = 60_000
MAX_HOURS_PER_STEP = Decimal(24)
MAX_STEPS_A_REQUEST = 50
SIZE_HELP = f"In the market's coin ({inputs.COINS})."


class PracticeForm(forms.Form):
    name = ""  # the control's name: the form's id and its fields' id prefix

    def __init__(self, data=None, *, practice: engine.Practice, initial=None):
        super().__init__(data, auto_id=f"{self.name}-%s", initial=initial)
        self.practice = practice
        self.result: engine.Practice | None = None
        self.setup()
        inputs.describe_fields(self)

    @property
    def action(self) -> str:
        return reverse(f"practice:{self.name}")

    def setup(self) -> None:
        """Fields whose choices depend on the account (its positions, its orders)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.result = self.apply(cleaned)
            except MarginError as error:
                self.add_error(self.field_for(error.field), error.message)
        return cleaned

    def apply(self, data: dict) -> engine.Practice:
        raise NotImplementedError

    def field_for(self, engine_name: str | None) -> str | None:
        return engine_name if engine_name in self.fields else None


def position_choice(practice: engine.Practice, *, everything: bool = False) -> forms.ChoiceField:
    choices = [(p.id, position_label(p)) for p in practice.account.positions]
    if everything and choices:
        choices.append(("all", "Every position"))
    return forms.ChoiceField(
        label="Position",
        choices=choices,
        error_messages={
            "required": "Choose a position.",
            "invalid_choice": "Choose one of your open positions.",
        },
    )


def position_label(position) -> str:
    return f"{position.id}: {position.market} {position.side.value}, {position.margin_mode.value}"


class OrderForm(PracticeForm):
    name = "order"
    market = inputs.market()
    side = inputs.side()
    kind = forms.ChoiceField(
        label="Order type",
        choices=[("market", "Market"), ("limit", "Limit")],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Choose Market or Limit."},
    )
    size = inputs.size(help_text=SIZE_HELP)
    price = inputs.price(
        "Limit price",
        noun="limit price",
        required=False,
        help_text="Limit orders only: it fills when the path's price crosses it.",
    )
    margin_mode = inputs.mode()
    field_order = ("market", "margin_mode", "kind", "side", "size", "price")  # as exchanges do

    def apply(self, data: dict) -> engine.Practice:
        chosen = {
            "market": data["market"],
            "side": Side(data["side"]),
            "size": data["size"],
            "margin_mode": MarginMode(data["margin_mode"]),
        }
        if data["kind"] == "market":
            return engine.market_order(self.practice, **chosen)
        if data.get("price") is None:
            raise MarginError("Enter the limit price for a limit order.", field="price")
        return engine.limit_order(self.practice, **chosen, price=data["price"])


class CancelForm(PracticeForm):
    name = "cancel"

    def setup(self) -> None:
        self.fields["order_id"] = forms.ChoiceField(
            label="Order",
            choices=[(o.id, o.id) for o in self.practice.orders],
            error_messages={
                "required": "Choose an order to cancel.",
                "invalid_choice": "Choose one of your open orders.",
            },
        )

    def apply(self, data: dict) -> engine.Practice:
        return engine.cancel_order(self.practice, order_id=data["order_id"])


class LeverageForm(PracticeForm):
    name = "leverage"
    market = inputs.market()
    leverage = inputs.leverage(help_text="For new orders in the market, and for its open position.")

    def apply(self, data: dict) -> engine.Practice:
        return engine.set_leverage(self.practice, market=data["market"], leverage=data["leverage"])


class PositionModeForm(PracticeForm):
    name = "position_mode"
    position_mode = inputs.choice(
        "Position mode",
        PositionMode,
        {"one_way": "One-way", "hedge": "Hedge"},
        help_text="One-way: one position a market. Hedge: a long and a short in each. "
        "Changed only with no position open and no order resting.",
    )

    def apply(self, data: dict) -> engine.Practice:
        mode = PositionMode(data["position_mode"])
        return engine.set_position_mode(self.practice, mode=mode)


class ModeForm(PracticeForm):
    name = "mode"
    mode = inputs.mode("Switch to")

    def setup(self) -> None:
        self.fields = {"position_id": position_choice(self.practice), **self.fields}

    def apply(self, data: dict) -> engine.Practice:
        return engine.switch_margin_mode(
            self.practice, position_id=data["position_id"], mode=MarginMode(data["mode"])
        )


class MarginForm(PracticeForm):
    name = "margin"
    direction = forms.ChoiceField(
        label="Margin",
        choices=[("add", "Add"), ("remove", "Remove")],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Choose Add or Remove."},
    )
    amount = inputs.usdc("Amount", help_text="Isolated positions only.")

    def setup(self) -> None:
        self.fields = {"position_id": position_choice(self.practice), **self.fields}

    def apply(self, data: dict) -> engine.Practice:
        change = engine.add_margin if data["direction"] == "add" else engine.remove_margin
        return change(self.practice, position_id=data["position_id"], amount=data["amount"])


class CloseForm(PracticeForm):
    name = "close"
    size = inputs.size(required=False, help_text=f"{SIZE_HELP} Empty closes the whole position.")

    def setup(self) -> None:
        every = position_choice(self.practice, everything=True)
        self.fields = {"position_id": every, **self.fields}

    def apply(self, data: dict) -> engine.Practice:
        if data["position_id"] == "all":
            return engine.close_all(self.practice)
        return engine.close(self.practice, position_id=data["position_id"], size=data.get("size"))


CUSTOM = "custom"


class PathForm(PracticeForm):
    name = "path"
    path = forms.ChoiceField(
        label="Price path",
        choices=[*((slug, p.title) for slug, p in engine.PATHS.items()), (CUSTOM, "My own path")],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": "Choose a price path.", "invalid_choice": "Choose a path."},
    )
    custom = forms.CharField(
        label="My own path",
        required=False,
        max_length=MAX_PATH_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        help_text=(
            f"One step a line, at most {engine.MAX_STEPS:,} lines: a market and its mark "
            "price, such as BTC-PERP 60000, or with a last price, BTC-PERP 60000 last=59000; "
            "several markets on one line are separated by commas."
        ),
        error_messages={
            "max_length": f"Keep the path under {MAX_PATH_TEXT:,} characters "
            f"(one step a line, at most {engine.MAX_STEPS:,} steps)."
        },
    )
    hours = inputs.NumberField(
        "Hours a step",
        "h",
        high=MAX_HOURS_PER_STEP,
        noun="hours a step",
        required=False,
        help_text="My own path only; funding is paid every 8 hours. Empty means 1.",
    )

    def apply(self, data: dict) -> engine.Practice:
        if data["path"] != CUSTOM:
            return engine.choose_path(self.practice, engine.PATHS[data["path"]])
        if not data["custom"].strip():
            raise MarginError("Type or paste your path, one step a line.", field="path")
        hours = data.get("hours") or Decimal(1)
        return engine.choose_path(
            self.practice, engine.custom_path(data["custom"], hours_per_step=hours)
        )

    def field_for(self, engine_name: str | None) -> str | None:
        # The engine names the text it could not read "path"; here that is the textarea.
        if engine_name == "path" and self.data.get("path") == CUSTOM:
            return "custom"
        if engine_name == "hours_per_step":
            return "hours"
        return super().field_for(engine_name)


class WholeNumberField(forms.IntegerField):
    def to_python(self, value: object) -> int | None:
        # int() reads "٣" as 3; the number typed should be one a person can read back.
        if isinstance(value, str) and not value.strip().isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class StepForm(PracticeForm):
    name = "step"
    steps = WholeNumberField(
        label="Steps",
        min_value=1,
        max_value=MAX_STEPS_A_REQUEST,
        error_messages={
            "required": "Say how many steps to play.",
            "invalid": "Enter the steps as a whole number, like 1 or 10.",
            "min_value": "Play at least 1 step.",
            "max_value": f"Play at most {MAX_STEPS_A_REQUEST} steps at a time.",
        },
    )

    def setup(self) -> None:
        self.played: list[engine.Practice] = []

    def apply(self, data: dict) -> engine.Practice:
        """Plays one step at a time, keeping each account the player shows on its way; stops
        after a step on which something pauses the replay, as engine.advance does."""
        if self.practice.path is None:
            raise MarginError("Choose a price path first.", field="steps")
        if self.practice.finished:
            raise MarginError(
                "The path has been played to its end: choose it again.", field="steps"
            )
        current = self.practice
        for _ in range(data["steps"]):
            current = engine.advance(current, 1)
            self.played.append(current)
            if current.finished or any(h.pauses for h in current.frames[-1].happenings):
                break
        return current


class ScenarioForm(forms.Form):
    """A guided scenario's prediction, asked before the path plays."""

    def __init__(self, data=None, *, scenario: engine.Scenario):
        super().__init__(data, auto_id=f"scenario-{scenario.slug}-%s")
        self.fields["guess"] = forms.ChoiceField(
            label=scenario.question,
            choices=scenario.choices,
            widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            error_messages={
                "required": "Pick the answer you expect before you play.",
                "invalid_choice": "Pick one of the answers listed.",
            },
        )
