"""What each calculator asks the margin engine, and the answers it keeps for the page.

One module per calculator. Every number a calculator shows comes from these, and they get
them from the engine: evaluate() for the figures, sweep() for account values across prices,
explain() for the math. The little arithmetic on top (a distance as a share of the price, a
grid of prices to chart) is here, in the shared helpers.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from explainer import formatting
from explainer.engine import (
    Derivation,
    MarginError,
    MarginMode,
    Market,
    Position,
    PositionResult,
    Side,
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


def distance(position: PositionResult) -> Decimal | None:
    """How far the mark can move against the position before liquidation: s·(M − P) / M."""
    if position.liquidation_price is None:
        return None
    with localcontext(prec=PRECISION):
        gap = position.mark_price - position.liquidation_price
        return position.side.sign * gap / position.mark_price


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
        value=distance(position),
    )


def require_openable(position: PositionResult, wallet: Decimal) -> None:
    """What an exchange checks before it opens a position: the balance covers the initial
    margin, and an isolated margin is at least the initial margin (the engine itself accepts
    either, as a state an account can reach, so the calculators ask it here)."""
    if position.initial_margin > wallet:
        raise MarginError(
            f"The account balance ({formatting.usdc(wallet)}) cannot cover this position's "
            f"initial margin ({formatting.usdc(position.initial_margin)}).",
            field="wallet_balance",
        )
    if position.margin_mode is ISOLATED and position.margin < position.initial_margin:
        raise MarginError(
            f"Isolated margin must be at least the initial margin "
            f"({formatting.usdc(position.initial_margin)}), or leave it empty.",
            field="positions[0].isolated_margin",
        )
