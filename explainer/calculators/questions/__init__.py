"""What each calculator asks the margin engine, and the answers it keeps for the page.

One module per calculator. Every number a calculator shows comes from these, and they get
them from the engine: evaluate() for the figures, sweep() for account values across prices,
explain() for the math, and the rules of opening a position (`engine.opening`). What is
left here is shaping the question and the page: a form's trade as a position, a grid of
prices to chart, the distance to liquidation shown step by step.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from explainer.engine import (
    Derivation,
    MarginMode,
    Market,
    Position,
    PositionResult,
    Side,
    liquidation_distance,
    operand,
)

ISOLATED, CROSS = MarginMode.ISOLATED, MarginMode.CROSS
CURVE_POINTS = 161
PRECISION = 40
POSITION_MATH = (
    "notional",
    "initial_margin",
    "margin",
    "maintenance_margin",
    "liquidation_price",
    "bankruptcy_price",
    "max_loss",
)


@dataclass(frozen=True)
class Trade:
    """One position as a form describes it; `rate` overrides the market's tiers."""

    market: Market
    side: Side
    size: Decimal
    entry: Decimal
    leverage: Decimal
    rate: Decimal | None = None

    def position(self, mode: MarginMode, **extra: object) -> Position:
        return Position(
            side=self.side,
            size=self.size,
            entry_price=self.entry,
            leverage=self.leverage,
            margin_mode=mode,
            market=self.market.symbol,
            maintenance_margin_rate=self.rate,
            **extra,
        )


def size_for(*, margin: Decimal, leverage: Decimal, entry: Decimal) -> Decimal:
    """Size = margin × leverage / entry price, at the engine's precision (40 digits)."""
    with localcontext(prec=PRECISION):
        return (margin * leverage / entry).normalize()


def price_grid(
    prices: Iterable[Decimal | None], *, count: int = CURVE_POINTS, extra: Sequence[Decimal] = ()
) -> list[Decimal]:
    """`count` evenly spaced prices around the ones that matter, plus those prices exactly.

    Each grid price keeps three significant digits of the step, so the chart data stays short.
    """
    known = [price for price in prices if price is not None]
    low, high = min(known), max(known)
    pad = (high - low) * Decimal("0.15") or high * Decimal("0.1")
    low, high = max(low - pad, low * Decimal("0.05")), high + pad
    step = (high - low) / (count - 1)
    quantum = Decimal(1).scaleb(step.adjusted() - 2)
    grid = {(low + step * index).quantize(quantum) for index in range(count)}
    grid.update(price for price in (*known, *extra) if price > 0)
    return sorted(price for price in grid if price > 0)


def math(derivations: Sequence[Derivation], names: Sequence[str]) -> tuple[Derivation, ...]:
    by_name = {derivation.name: derivation for derivation in derivations}
    return tuple(by_name[name] for name in names if name in by_name)


def distance_math(position: PositionResult) -> Derivation:
    price = position.liquidation_price
    shown = "none" if price is None else operand(price.quantize(Decimal("0.01")))
    mark = operand(position.mark_price)
    return Derivation(
        name="distance",
        label="Distance to liquidation",
        words="how far the price can move against the position before it is liquidated, "
        "as a share of today's price (liquidation price rounded to cents here)",
        formula="distance = s·(M − P) / M",
        substituted=f"distance = {position.side.sign} × ({mark} − {shown}) / {mark}",
        value=liquidation_distance(position),
    )


def size_math(*, notional: Decimal, price: Decimal, size: Decimal, label: str) -> Derivation:
    return Derivation(
        name="size_in_base",
        label=label,
        words="a size given in USDC is a notional at its price; divided by that price it is "
        "the size in the coin, which every figure below uses",
        formula="q = N / E",
        substituted=f"q = {operand(notional)} / {operand(price)}",
        value=size,
    )
