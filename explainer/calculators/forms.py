"""The calculators' forms. Each validates the reader's numbers, asks the engine (questions/),
and turns the engine's MarginError into an error on the field that caused it, in one place:
`CalculatorForm.clean`.
"""

import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms

from explainer.engine import (
    MARKETS,
    Derivation,
    MarginError,
    MarginMode,
    Side,
    get_market,
    size_in_base,
)
from explainer.engine.validation import MAX_FUNDING_RATE
from explainer.formatting import plain

from . import inputs
from .questions import Trade, size_for, size_math
from .questions.comparison import compare
from .questions.contagion import contagion
from .questions.drift import MAX_DAYS, drift
from .questions.leverage import leverage_explorer
from .questions.liquidation import liquidation
from .questions.pnl import SOLVE_FOR, pnl, solve_trade
from .questions.target import FEES, target

# The engine names inputs by its own words ("positions[0].entry_price"); the forms use short
# query-string names so a permalink stays readable.
FORM_NAMES = {
    "wallet_balance": "wallet",
    "entry_price": "entry",
    "isolated_margin": "margin",
    "maintenance_margin_rate": "mmr",
    "mark_price": "price",
    "margin_mode": "mode",
}
ENGINE_PATH = re.compile(r"positions?(?:\[(\d+)\])?\.(\w+)")


class CalculatorForm(forms.Form):
    position_prefixes: tuple[str, ...] = ("",)
    renames: dict[str, str] = {}

    def __init__(self, data, *, widget_id: str = "calc"):
        super().__init__(data, auto_id=f"{widget_id}-%s")
        self.outcome = None
        self.conversions: list[Derivation] = []  # sizes given in USDC, for the math
        inputs.describe_fields(self)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.form_show_errors = False
        self.helper.field_template = "calculators/_field.html"
        self.helper.layout = self.layout()

    def layout(self) -> Layout:
        return Layout(inputs.row(*self.fields))

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.outcome = self.compute(cleaned)
            except MarginError as error:
                self.add_error(self.field_for(error.field), error.message)
        return cleaned

    def compute(self, data: dict):
        raise NotImplementedError

    def field_for(self, path: str | None) -> str | None:
        """The form field an engine field path names, or None for the whole form."""
        match = ENGINE_PATH.fullmatch(path or "")
        if match:
            index = int(match[1]) if match[1] is not None else len(self.position_prefixes) - 1
            attribute = FORM_NAMES.get(match[2], match[2])
            name = self.position_prefixes[index] + self.renames.get(attribute, attribute)
        else:
            name = FORM_NAMES.get(path or "", path)
        return name if name in self.fields else None

    def base_size(
        self, data: dict, amount: Decimal | None, price: Decimal, *, label: str = "Size in the coin"
    ) -> Decimal | None:
        """`amount` in the coin: as given, or, when the reader chose USDC, that notional at
        `price` turned into the coin by the engine (and kept for the math)."""
        if amount is None or data.get("size_in") != "usdc":
            return amount
        base = size_in_base(notional=amount, price=price)
        self.conversions.append(size_math(notional=amount, price=price, size=base, label=label))
        return base

    def trade(self, data: dict, prefix: str = "", **changes) -> Trade:
        mmr = data.get("mmr")
        values = {
            "market": get_market(data[f"{prefix}market"]),
            "side": Side(data[f"{prefix}side"]),
            "size": self.base_size(data, data.get(f"{prefix}size"), data[f"{prefix}entry"]),
            "entry": data[f"{prefix}entry"],
            "leverage": data.get(f"{prefix}leverage"),
            "rate": None if mmr is None else mmr / 100,
        }
        return Trade(**(values | changes))


class IsolatedVsCrossForm(CalculatorForm):
    wallet = inputs.usdc("Account balance", help_text="All the USDC in your account.")
    margin = inputs.usdc("Margin for this trade", help_text="What isolated mode would set aside.")
    leverage = inputs.leverage()
    side = inputs.side()
    entry = inputs.price()
    market = inputs.market()
    price = inputs.price(
        "What if the price moves to", noun="what-if price", help_text="A mark price to test."
    )
    mode = inputs.mode("Your mode", help_text="Picked out in the table and the chart.")
    mmr = inputs.maintenance_rate()
    renames = {"size": "margin"}

    def layout(self) -> Layout:
        return Layout(
            inputs.row("wallet", "margin", "leverage", "entry"),
            inputs.row("market", "side", "mode"),
            inputs.what_if(self, "price", "entry"),
            inputs.Details("Advanced: maintenance margin", "mmr", form=self),
        )

    def compute(self, data: dict):
        size = size_for(margin=data["margin"], leverage=data["leverage"], entry=data["entry"])
        return compare(
            trade=self.trade(data, size=size),
            wallet=data["wallet"],
            margin=data["margin"],
            what_if=data["price"],
            chosen=MarginMode(data["mode"]),
        )


class LiquidationPriceForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    mode = inputs.mode()
    size, size_in = inputs.sized()
    entry = inputs.price()
    leverage = inputs.leverage()
    wallet = inputs.usdc("Account balance", help_text="In cross mode all of it backs the trade.")
    margin = inputs.usdc(
        "Isolated margin",
        required=False,
        help_text="Isolated mode only. Empty means the initial margin; more moves the "
        "liquidation price away.",
    )
    mmr = inputs.maintenance_rate()

    def layout(self) -> Layout:
        return Layout(
            inputs.row("market", "side", "mode"),
            inputs.row("size", "size_in", "entry", "leverage"),
            inputs.row("wallet", "margin"),
            inputs.Details("Advanced: maintenance margin", "mmr", form=self),
        )

    def compute(self, data: dict):
        mode = MarginMode(data["mode"])
        margin = data.get("margin") if mode is MarginMode.ISOLATED else None
        return liquidation(trade=self.trade(data), mode=mode, wallet=data["wallet"], margin=margin)


class LeverageExplorerForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    size, size_in = inputs.sized()
    entry = inputs.price()
    leverage = inputs.leverage(help_text="The leverage to pick out on the chart and in the table.")
    wallet = inputs.usdc("Account balance", help_text="What backs the trade in cross mode.")
    mmr = inputs.maintenance_rate()

    def layout(self) -> Layout:
        return Layout(
            inputs.row("market", "side", "size", "size_in"),
            inputs.row("entry", "wallet", "leverage"),
            inputs.Details("Advanced: maintenance margin", "mmr", form=self),
        )

    def compute(self, data: dict):
        return leverage_explorer(trade=self.trade(data), wallet=data["wallet"])


class MarginPnlRoeForm(CalculatorForm):
    solve = forms.ChoiceField(
        label="Work out",
        choices=[
            ("margin", "Margin, from size and leverage"),
            ("size", "Size, from margin and leverage"),
            ("leverage", "Leverage, from size and margin"),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Choose margin, size or leverage."},
    )
    market = inputs.market()
    side = inputs.side()
    mode = inputs.mode()
    size, size_in = inputs.sized(
        required=False, help_text="In the coin, or in USDC under Size in. Ignored when worked out."
    )
    margin = inputs.usdc(
        "Margin", required=False, help_text="Initial margin. Ignored when worked out."
    )
    leverage = inputs.leverage(required=False, help_text="Ignored when worked out.")
    entry = inputs.price()
    price = inputs.price("Exit price", help_text="The mark price to test, or where you close.")
    wallet = inputs.usdc("Account balance", help_text="For the largest position you can open.")

    def __init__(self, data, *, widget_id: str = "calc"):
        super().__init__(data, widget_id=widget_id)
        for name in SOLVE_FOR:  # each is needed unless it is the one worked out
            self.fields[name].optional_hint = False

    def layout(self) -> Layout:
        return Layout(
            inputs.row("solve", width="col-12"),
            inputs.row("size", "size_in", "margin", "leverage"),
            inputs.row("market", "side", "mode"),
            inputs.row("entry", "price", "wallet"),
        )

    def clean(self) -> dict:
        solve = self.data.get("solve")
        for name in SOLVE_FOR:
            if name != solve and self.data.get(name, "") == "" and solve in SOLVE_FOR:
                self.add_error(name, f"Enter the {name}, or choose to work it out.")
        return super().clean()

    def field_for(self, path: str | None) -> str | None:
        name = super().field_for(path)
        # A leverage the reader did not type comes from the margin they did.
        return "margin" if name == "leverage" and self.data.get("solve") == "leverage" else name

    def compute(self, data: dict):
        trade = solve_trade(self.trade(data), solve=data["solve"], margin=data.get("margin"))
        return pnl(
            trade=trade,
            mode=MarginMode(data["mode"]),
            wallet=data["wallet"],
            exit_price=data["price"],
            solved=data["solve"],
        )


class CrossContagionForm(CalculatorForm):
    wallet = inputs.usdc("Account balance", help_text="One cross balance for both positions.")
    a_market = inputs.market()
    a_side = inputs.side()
    a_size = inputs.size()
    a_entry = inputs.price()
    a_leverage = inputs.leverage()
    b_market = inputs.market()
    b_side = inputs.side()
    b_size = inputs.size()
    b_entry = inputs.price()
    b_leverage = inputs.leverage()
    price = inputs.price(
        "Move the first market to",
        noun="first market's price",
        help_text="The first position's mark price to test.",
    )
    b_price = inputs.price(
        "Move the second market to",
        noun="second market's price",
        required=False,
        help_text="The second position's mark price. Empty keeps it at its entry price.",
    )
    position_prefixes = ("a_", "b_")

    def layout(self) -> Layout:
        return Layout(
            inputs.row("wallet"),
            Fieldset("First position", _position_row("a_")),
            Fieldset("Second position", _position_row("b_")),
            inputs.what_if(self, "price", "a_entry"),
            inputs.what_if(self, "b_price", "b_entry"),
        )

    def clean(self) -> dict:
        if self.data.get("b_market") == self.data.get("a_market"):
            self.add_error("b_market", "Choose a different market from the first position's.")
        return super().clean()

    def compute(self, data: dict):
        return contagion(
            a=self.trade(data, "a_"),
            b=self.trade(data, "b_"),
            wallet=data["wallet"],
            a_price=data["price"],
            b_price=data.get("b_price"),
        )


def _position_row(prefix: str):
    names = (f"{prefix}{name}" for name in ("market", "side", "size", "entry", "leverage"))
    return inputs.row(*names, width="col-sm-6 col-lg")  # five to a row on a wide screen


MAX_FUNDING_PERCENT = (MAX_FUNDING_RATE * 100).normalize()  # 5, as the engine caps it
MAX_TARGET_ROE = Decimal(1_000_000)  # in %: any real target, and the engine says if none fits


def _funding_hours() -> str:
    """The funding interval, the same in every market (it is written before one is chosen)."""
    (hours,) = {market.funding.interval_hours for market in MARKETS.values()}
    return plain(hours)


def _fee_choice(label: str, help_text: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=list(FEES.items()),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        help_text=help_text,
        error_messages={"invalid_choice": "Choose none, maker or taker."},
    )


class FundingDriftForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    mode = inputs.mode()
    size, size_in = inputs.sized()
    entry = inputs.price()
    leverage = inputs.leverage()
    wallet = inputs.usdc("Account balance", help_text="In cross mode funding is paid from it.")
    rate = inputs.NumberField(
        "Funding rate",
        "%",
        high=MAX_FUNDING_PERCENT,
        low=-MAX_FUNDING_PERCENT,
        help_text=f"Per funding time, every {_funding_hours()} hours. Positive: longs pay "
        "shorts. 0.01 % is the usual rate of a calm market.",
    )
    price = inputs.price(
        "Mark price",
        noun="mark price",
        required=False,
        help_text="Held still the whole time. Empty means the entry price.",
    )
    days = forms.IntegerField(
        label="Days held",
        min_value=1,
        max_value=MAX_DAYS,
        help_text=f"From 1 to {MAX_DAYS}.",
        error_messages={
            "required": "Enter the number of days.",
            "invalid": "Enter the days as a whole number, like 30.",
            "min_value": "Hold the position for at least 1 day.",
            "max_value": f"The calculator follows at most {MAX_DAYS} days (a year).",
        },
    )

    def layout(self) -> Layout:
        return Layout(
            inputs.row("market", "side", "mode"),
            inputs.row("size", "size_in", "entry", "leverage"),
            inputs.row("wallet", "price", "rate", "days"),
        )

    def compute(self, data: dict):
        return drift(
            trade=self.trade(data),
            mode=MarginMode(data["mode"]),
            wallet=data["wallet"],
            rate=data["rate"] / 100,
            days=data["days"],
            mark=data.get("price"),
        )


class TargetPriceForm(CalculatorForm):
    market = inputs.market()
    side = inputs.side()
    size, size_in = inputs.sized()
    entry = inputs.price()
    leverage = inputs.leverage()
    by = forms.ChoiceField(
        label="Aim for",
        choices=[("roe", "An ROE"), ("pnl", "A PnL in USDC")],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": "Choose an ROE or a PnL."},
    )
    roe = inputs.NumberField(
        "Target ROE",
        "%",
        high=MAX_TARGET_ROE,
        low=-MAX_TARGET_ROE,
        required=False,
        help_text="The return on the initial margin; below 0 for a stop loss.",
    )
    pnl = inputs.NumberField(
        "Target PnL",
        "USDC",
        high=inputs.MAX_USDC,
        low=-inputs.MAX_USDC,
        required=False,
        help_text="After fees, if you include them; below 0 for a stop loss.",
    )
    opening = _fee_choice(
        "Opening order", "Maker: a limit order that waited on the book. Taker: a market order."
    )
    closing = _fee_choice("Closing order", "A stop loss closes with a market order: taker.")

    def __init__(self, data, *, widget_id: str = "calc"):
        super().__init__(data, widget_id=widget_id)
        for name in ("roe", "pnl"):  # the one aimed for is needed
            self.fields[name].optional_hint = False

    def layout(self) -> Layout:
        return Layout(
            inputs.row("market", "side", "size", "size_in"),
            inputs.row("entry", "leverage"),
            inputs.row("by", "roe", "pnl"),
            inputs.row("opening", "closing", width="col-sm-6 col-lg-4"),
        )

    def clean(self) -> dict:
        by = self.data.get("by")
        if by in ("roe", "pnl") and self.data.get(by, "") == "":
            self.add_error(by, f"Enter the target {by.upper() if by == 'roe' else 'PnL'}.")
        return super().clean()

    def compute(self, data: dict):
        by = data["by"]
        return target(
            trade=self.trade(data),
            by=by,
            goal=data["roe"] / 100 if by == "roe" else data["pnl"],
            opening=data["opening"],
            closing=data["closing"],
        )
