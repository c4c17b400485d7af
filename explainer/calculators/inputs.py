"""Form fields and layout pieces the calculators share: numbers with units and bounds, and
errors that say what to type."""

from decimal import Decimal

from crispy_forms.layout import Div, LayoutObject
from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from explainer.engine import MARKETS, MarginMode, Side
from explainer.engine.bounds import LARGEST, MAX_PLACES
from explainer.formatting import plain

# The engine's one bound for every amount, price and size, as the API has it.
MAX_USDC = MAX_PRICE = MAX_SIZE = LARGEST
# No exchange quotes a price below its market's tick or opens less than its lot; the smallest
# of each across the markets keeps every sum the engine then does far from its limits.
MIN_PRICE = min(market.tick_size for market in MARKETS.values())
MIN_SIZE = min(market.lot_size for market in MARKETS.values())
SLIDER = "calculators/_slider.html"
MAX_LEVERAGE = max(market.max_leverage for market in MARKETS.values())
MAX_FILLS = 10  # rows of the average entry calculator


class NumberField(forms.DecimalField):
    """A decimal with a unit, bounds and errors that say what to type."""

    def __init__(
        self,
        label: str,
        unit: str,
        *,
        high: Decimal,
        low: Decimal | None = None,
        noun: str = "",
        **kw,
    ):
        """`low` None means "more than 0"; `noun` names the value in error messages."""
        noun = noun or label.lower()
        shown = f" {unit}".replace("%", "%%").rstrip()  # Django %-formats these messages
        most = f"{high:,f}".rstrip("0").rstrip(".") if high < 1e6 else f"{high:,.0f}"
        messages = {
            "required": f"Enter the {noun}.",
            "invalid": f"Enter the {noun} as a number, like 500 or 0.02.",
            "max_value": f"The {noun} can be at most {most}{shown}.".replace(" ×", "×"),
            "min_value": f"The {noun} must be at least {low}{shown}.".replace(" ×", "×"),
            "max_decimal_places": f"Use at most {MAX_PLACES} decimal places for the {noun}.",
        }
        validators = [_above_zero(noun)] if low is None else []
        super().__init__(
            label=label,
            max_value=high,
            min_value=low,
            error_messages=messages,
            validators=validators,
            decimal_places=MAX_PLACES,  # also bounds the exponent: 1e-999999999 cannot get in
            **kw,
        )
        self.unit = unit
        self.optional_hint = not self.required
        self.widget.attrs.update({"step": "any", "inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: object) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace(",", "").replace("_", "").strip()
            if value and not value.isascii():  # Python reads "٣" and "３" as 3; the API does not
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


def _above_zero(noun: str):
    def validate(value: Decimal) -> None:
        if value <= 0:
            raise ValidationError(f"The {noun} must be more than 0.", code="above_zero")

    return validate


def usdc(label: str, **kw) -> NumberField:
    return NumberField(label, "USDC", high=MAX_USDC, **kw)


def price(label: str = "Entry price", **kw) -> NumberField:
    return NumberField(label, "USDC", high=MAX_PRICE, low=MIN_PRICE, **kw)


# Each market's coin, for the help beside a size: "BTC, ETH, SOL, XRP, AVAX".
COINS = ", ".join(market.base for market in MARKETS.values())


def size(**kw) -> NumberField:
    kw.setdefault("help_text", f"In the market's coin: {COINS}.")
    return NumberField("Position size", "coins", high=MAX_SIZE, low=MIN_SIZE, **kw)


SIZE_IN = {"base": "The coin (BTC, ETH, …)", "usdc": "USDC (notional)"}


def sized(label: str = "Position size", **kw) -> tuple[NumberField, forms.ChoiceField]:
    """A size and the unit it is given in: the coin, or USDC of notional at the entry price,
    which the form divides by that price (CalculatorForm.base_size)."""
    kw.setdefault("help_text", "In the coin, or in USDC when you choose USDC under Size in.")
    amount = NumberField(label, "", high=MAX_SIZE, low=MIN_SIZE, noun=label.lower(), **kw)
    return amount, size_in()


def size_in() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Size in",
        choices=list(SIZE_IN.items()),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Choose the coin or USDC."},
    )


def _maximums() -> str:
    """Every market's maximum leverage: the help text is written before a market is chosen,
    and the inputs are not swapped when it changes, so it must be right for all of them."""
    return ", ".join(f"{symbol} {plain(found.max_leverage)}×" for symbol, found in MARKETS.items())


def leverage(**kw) -> NumberField:
    help_text = f"From 1× up to the market's maximum ({_maximums()}), less for a large position."
    kw.setdefault("help_text", help_text)
    return NumberField("Leverage", "×", high=MAX_LEVERAGE, low=Decimal(1), **kw)


def maintenance_rate() -> NumberField:
    return NumberField(
        "Maintenance margin rate",
        "%",
        high=Decimal("99.99"),
        low=Decimal(0),
        required=False,
        help_text="Leave empty to use the market's tiers.",
    )


def market(label: str = "Market") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[(symbol, symbol) for symbol in MARKETS],
        error_messages={"invalid_choice": "Choose one of the listed markets."},
    )


def choice(label: str, enum, names: dict[str, str], **kw) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        **kw,
        choices=[(member.value, names[member.value]) for member in enum],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": f"Choose {' or '.join(names.values())}."},
    )


def side() -> forms.ChoiceField:
    return choice("Side", Side, {"long": "Long", "short": "Short"})


def mode(label: str = "Margin mode", **kw) -> forms.ChoiceField:
    return choice(label, MarginMode, {"isolated": "Isolated", "cross": "Cross"}, **kw)


def describe_fields(form: forms.Form) -> None:
    """Point each field at its error and help text, by the ids calculators/_field.html and
    _field_error.html give them, so a screen reader reads both with the field."""
    for name, field in form.fields.items():
        ids = [f"{form.auto_id % name}_error"]
        if field.help_text:
            ids.append(f"{form.auto_id % name}_helptext")
        field.widget.attrs["aria-describedby"] = " ".join(ids)


class Details(Div):
    """A <details> disclosure in a crispy layout, open when a field inside has a value."""

    template = "calculators/_details.html"

    def __init__(self, summary: str, *fields: str, form: forms.Form):
        super().__init__(*fields)
        self.summary = summary
        self.open = any(form[name].value() for name in fields)


def row(*names: str, width: str = "col-sm-6 col-lg-3") -> Div:
    return Div(*(Div(name, css_class=width) for name in names), css_class="row g-3")


class Slider(LayoutObject):
    """The what-if slider beside a price field (see calculators/_slider.html)."""

    def __init__(self, price_id: str, entry_id: str):
        self.price_id, self.entry_id = price_id, entry_id

    def render(self, form, context, template_pack=None, **kwargs) -> str:
        return render_to_string(SLIDER, {"price_id": self.price_id, "entry_id": self.entry_id})


def what_if(form: forms.Form, field: str, entry: str) -> Div:
    """A price to test: a number, and (with JavaScript) a slider in % of the entry price."""
    return Div(
        Div(field, css_class="col-sm-6 col-lg-3"),
        Slider(form.auto_id % field, form.auto_id % entry),
        css_class="row g-3 calc-what-if",
    )
