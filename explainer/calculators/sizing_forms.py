"""The forms of the two sizing calculators: the largest position a balance opens, and several
fills averaged into one position. Like forms.py's, each validates, asks the engine through
its question module and leaves MarginError to CalculatorForm.clean."""

import re
from decimal import Decimal

from crispy_forms.layout import Div, Layout
from django import forms

from explainer.engine import MARKETS, Fill, MarginMode, Side, get_market
from explainer.formatting import plain

from . import inputs
from .forms import CalculatorForm
from .questions.average import average
from .questions.max_size import max_size

# Every market here charges the same taker rate by default (engine.markets).
TAKER = min(market.fees.taker for market in MARKETS.values()) * 100
FILL_PATH = re.compile(r"fills\[(\d+)\]\.(price|size)")


class MaxOpenSizeForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    entry = inputs.price()
    wallet = inputs.usdc("Account balance", help_text="The margin and the fee come out of it.")
    leverage = inputs.leverage()
    fee = inputs.NumberField(
        "Taker fee",
        "%",
        high=Decimal(1),
        low=Decimal(0),
        noun="taker fee",
        help_text=f"Charged on the notional when the order fills; {plain(TAKER)} % by default "
        "here. 0 leaves the fee out.",
    )

    def layout(self) -> Layout:
        return Layout(
            inputs.row("market", "side", "entry"),
            inputs.row("wallet", "leverage", "fee"),
        )

    def compute(self, data: dict):
        return max_size(
            market=get_market(data["market"]),
            side=Side(data["side"]),
            entry=data["entry"],
            leverage=data["leverage"],
            wallet=data["wallet"],
            fee=data["fee"] / 100,
        )


class FillRows(Div):
    """The fills, a row each, with the count of rows and the buttons that change it (see
    calculators/_fill_rows.html)."""

    template = "calculators/_fill_rows.html"

    def __init__(self, form: "AverageEntryForm"):
        super().__init__(*(_fill_row(number) for number in range(1, form.count + 1)))
        self.count_field = form["fills"]
        self.region_id = form.auto_id % "fill-rows"
        self.results_id = form.auto_id % "results"
        self.summary_id = form.auto_id % "summary"
        # An article's widget ("calc-2") sits in a page with other ids: its rows change in
        # the full calculator.
        self.buttons = form.auto_id == "calc-%s"
        self.more = form.count + 1 if form.count < inputs.MAX_FILLS else None
        self.fewer = form.count - 1 if form.count > 1 else None


def _fill_row(number: int) -> Div:
    return Div(
        Div(f"price{number}", css_class="col-6 col-lg-3"),
        Div(f"size{number}", css_class="col-6 col-lg-3"),
        css_class="row g-3 calc-fill",
    )


def fill_count(data) -> int:
    """How many rows to show: the count asked for, kept within 1 to MAX_FILLS; without a
    count that reads as one, the last row that holds a value."""
    try:
        count = int(data.get("fills", ""))
    except ValueError:
        named = [n for n in range(1, inputs.MAX_FILLS + 1) if data.get(f"price{n}") is not None]
        count = max(named, default=1)
    return min(max(count, 1), inputs.MAX_FILLS)


class AverageEntryForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    mode = inputs.mode()
    leverage = inputs.leverage()
    wallet = inputs.usdc("Account balance", help_text="In cross mode all of it backs the trade.")
    size_in = inputs.size_in()
    fills = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=inputs.MAX_FILLS,
        error_messages={
            "required": "Say how many fills there are.",
            "invalid": "The number of fills must be a whole number.",
            "min_value": "Give at least one fill.",
            "max_value": f"The calculator averages at most {inputs.MAX_FILLS} fills.",
        },
    )
    renames = {"size": "size1", "entry": "price1"}

    def __init__(self, data, *, widget_id: str = "calc"):
        self.count = fill_count(data)
        rows = {}
        for number in range(1, self.count + 1):
            rows[f"price{number}"] = inputs.price(
                f"Price of fill {number}", required=False, help_text=""
            )
            rows[f"size{number}"], _ = inputs.sized(
                f"Size of fill {number}", required=False, help_text=""
            )
            for field in (rows[f"price{number}"], rows[f"size{number}"]):
                field.optional_hint = False  # an empty row is skipped, not a missing value
        self.base_fields = type(self).base_fields | rows  # this form's rows, before the copy
        self.rows: list[int] = []  # the rows that hold a fill
        super().__init__(data, widget_id=widget_id)

    def layout(self) -> Layout:
        return Layout(
            FillRows(self),
            inputs.row("size_in", width="col-12"),
            inputs.row("market", "side", "mode"),
            inputs.row("leverage", "wallet"),
        )

    def clean(self) -> dict:
        for number in range(1, self.count + 1):
            price, size = f"price{number}", f"size{number}"
            given = [name for name in (price, size) if str(self.data.get(name) or "").strip()]
            if len(given) == 1:
                missing = size if given == [price] else price
                what = "size" if missing == size else "price"
                self.add_error(missing, f"Enter the {what} of fill {number}, or clear the row.")
            elif given:
                self.rows.append(number)
        if not self.rows and not self.errors:
            self.add_error("price1", "Enter at least one fill: its price and its size.")
        return super().clean()

    def compute(self, data: dict):
        fills = [Fill(price=data[f"price{n}"], size=self._size(data, n)) for n in self.rows]
        return average(
            fills=fills,
            rows=self.rows,
            market=get_market(data["market"]),
            side=Side(data["side"]),
            leverage=data["leverage"],
            mode=MarginMode(data["mode"]),
            wallet=data["wallet"],
        )

    def _size(self, data: dict, number: int) -> Decimal:
        label = f"Fill {number} in the coin"
        return self.base_size(data, data[f"size{number}"], data[f"price{number}"], label=label)

    def field_for(self, path: str | None) -> str | None:
        match = FILL_PATH.fullmatch(path or "")
        if match and int(match[1]) < len(self.rows):
            return f"{match[2]}{self.rows[int(match[1])]}"
        return "price1" if path == "fills" else super().field_for(path)
