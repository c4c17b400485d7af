"""The forms of the two sizing calculators: the largest position a balance opens, and several
fills averaged into one position. Like forms.py's, each validates, asks the engine through
its question module and leaves MarginError to CalculatorForm.clean."""

from decimal import Decimal

from crispy_forms.layout import Layout

from explainer.engine import MARKETS, Side, get_market
from explainer.formatting import plain

from . import inputs
from .forms import CalculatorForm
from .questions.max_size import max_size

# Every market here charges the same taker rate by default (engine.markets).
TAKER = min(market.fees.taker for market in MARKETS.values()) * 100


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
