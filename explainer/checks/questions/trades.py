"""Trades drawn from sensible ranges: a price near the market's usual level on its tick, a size
on its lot, a leverage the tier allows. Every figure after that comes from the engine."""

import random
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from explainer import formatting
from explainer.calculators import display, questions
from explainer.engine import (
    MARKETS,
    Account,
    AccountResult,
    MarginMode,
    Market,
    Position,
    PositionResult,
    Side,
    evaluate,
)

from .base import on_lot, on_tick

# Where each market's price is drawn from: round levels of recent years, illustrative only.
PRICES = {
    "BTC-PERP": (Decimal(40000), Decimal(90000)),
    "ETH-PERP": (Decimal(1800), Decimal(4200)),
    "SOL-PERP": (Decimal(80), Decimal(250)),
    "XRP-PERP": (Decimal("0.4"), Decimal("2.5")),
    "AVAX-PERP": (Decimal(15), Decimal(60)),
}
LEVERAGES = (5, 10, 15, 20, 25)


@dataclass(frozen=True)
class Trade(questions.Trade):
    """The calculators' trade, held on the market's own tiers, with the words a question
    shows it in."""

    @property
    def sign(self) -> int:
        return self.side.sign

    def position(
        self,
        mode: MarginMode = MarginMode.ISOLATED,
        *,
        mark: Decimal | None = None,
        margin: Decimal | None = None,
        id: str = "",
    ) -> Position:
        return super().position(mode, mark_price=mark, isolated_margin=margin, id=id)

    def facts(self) -> list[tuple[str, str]]:
        return [
            ("Market", self.market.symbol),
            ("Side", self.side.value.capitalize()),
            ("Size", display.size(self.size, self.market)),
            ("Entry price", display.price(self.entry, self.market)),
            ("Leverage", display.leverage(self.leverage)),
        ]


def draw(
    rng: random.Random,
    symbols: tuple[str, ...],
    *,
    notional: tuple[int, int],
    leverages: tuple[int, ...] = LEVERAGES,
    side: Side | None = None,
) -> Trade:
    """A trade whose value at entry lies within `notional` (in USDC)."""
    market = MARKETS[rng.choice(symbols)]
    entry = on_tick(rng, market, *PRICES[market.symbol])
    low, high = (Decimal(n) / entry for n in notional)
    size = on_lot(rng, market, low, high)
    most = market.tier_for(size * entry).max_leverage
    leverage = Decimal(rng.choice([n for n in leverages if n <= most]))
    return Trade(market, side or rng.choice(list(Side)), size, entry, leverage)


def alone(position: Position, wallet: Decimal) -> PositionResult:
    """The engine's figures for a position held on its own in an account of `wallet`."""
    return evaluate(Account(wallet, (position,))).positions[0]


def account(wallet: Decimal, *positions: Position) -> AccountResult:
    return evaluate(Account(wallet, positions))


def price(value: Decimal | None, market: Market) -> str:
    return display.price(value, market)


def usdc(value: Decimal) -> str:
    return formatting.usdc(value)


def percent(fraction: Decimal) -> str:
    return formatting.percent(fraction)


def rate(value: Decimal) -> str:
    return formatting.rate(value)


def spare_wallet(rng: random.Random, trade: Trade) -> Decimal:
    """A round wallet of two to ten times the trade's margin: money left beside it."""
    margin = trade.size * trade.entry / trade.leverage
    hundreds = (margin * rng.randint(2, 10) / 100).quantize(Decimal(1), rounding=ROUND_UP)
    return hundreds * 100
