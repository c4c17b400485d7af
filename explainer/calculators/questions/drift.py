"""6. Funding drift: one position held for days at a steady mark, paying or receiving funding.

The engine's funding_drift walks the account from one funding time to the next; this keeps
its points, picks one per day for the table, and states the math of the first payment and
of the liquidation price before and after.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from explainer.engine import (
    Account,
    Derivation,
    DriftPoint,
    MarginError,
    MarginMode,
    PositionResult,
    check_openable,
    explain,
    funding_drift,
    operand,
)

from . import ISOLATED, Trade, math

HOURS_A_DAY = 24
MAX_DAYS = 365  # a year of 8-hour funding is the most the engine follows


@dataclass(frozen=True)
class DriftDay:
    day: int
    funding_paid: Decimal  # since the start (negative: received)
    backing: Decimal  # the isolated margin, or the wallet in cross
    position: PositionResult


@dataclass(frozen=True)
class DriftOutcome:
    trade: Trade
    mode: MarginMode
    wallet: Decimal
    rate: Decimal
    days: int
    points: tuple[DriftPoint, ...]
    table: tuple[DriftDay, ...]
    liquidated_at: DriftPoint | None
    derivations: tuple[tuple[str, tuple[Derivation, ...]], ...]

    @property
    def start(self) -> PositionResult:
        return self.points[0].state.positions[0]


def drift(
    *,
    trade: Trade,
    mode: MarginMode,
    wallet: Decimal,
    rate: Decimal,
    days: int,
    mark: Decimal | None = None,
) -> DriftOutcome:
    """`mark` is held still the whole time; None means the entry price."""
    account = Account(wallet, (trade.position(mode, mark_price=mark),))
    check_openable(account.positions[0], wallet_balance=wallet)
    intervals = int(days * HOURS_A_DAY / trade.market.funding.interval_hours)
    points = funding_drift(account, intervals=intervals, rates={trade.market.symbol: rate})
    if len(points) == 1:
        raise MarginError(
            "At this mark price the position is liquidated already, before any funding.",
            field="mark_price",
        )
    liquidated = points[-1] if points[-1].state.positions[0].liquidated else None
    end = points[-2] if liquidated else points[-1]
    later = Account(end.wallet_balance, (_position_after(trade, mode, end),))
    names = ("margin" if mode is ISOLATED else "cross_margin_balance", "liquidation_price")
    return DriftOutcome(
        trade=trade,
        mode=mode,
        wallet=wallet,
        rate=rate,
        days=days,
        points=points,
        table=_days(points),
        liquidated_at=liquidated,
        derivations=(
            ("Funding", _funding_math(trade, rate, points, end)),
            ("At the start", math(explain(account), names)),
            (
                f"After day {day_of(end)}",
                (_backing_math(mode, points[0], end), *math(explain(later), names[1:])),
            ),
        ),
    )


def day_of(point: DriftPoint) -> int:
    """The day a funding time falls in: hour 24 closes day 1, hour 0 is day 0."""
    return int((point.hours / HOURS_A_DAY).to_integral_value(rounding=ROUND_CEILING))


def _position_after(trade: Trade, mode: MarginMode, point: DriftPoint):
    """The position as it stands at `point`: an isolated one holds what funding left it."""
    figures = point.state.positions[0]
    if mode is ISOLATED:
        return trade.position(mode, mark_price=figures.mark_price, isolated_margin=figures.margin)
    return trade.position(mode, mark_price=figures.mark_price)


def _days(points: tuple[DriftPoint, ...]) -> tuple[DriftDay, ...]:
    """The last point of each day (and the point of a liquidation, which ends the table)."""
    by_day = {day_of(point): point for point in points}
    return tuple(
        DriftDay(day, point.funding_paid[0], _backing(point), point.state.positions[0])
        for day, point in sorted(by_day.items())
    )


def _backing(point: DriftPoint) -> Decimal:
    figures = point.state.positions[0]
    return figures.margin if figures.margin_mode is ISOLATED else point.wallet_balance


def _backing_math(mode: MarginMode, start: DriftPoint, end: DriftPoint) -> Derivation:
    """What funding has left behind the position: its margin, or the whole wallet in cross."""
    word = "margin" if mode is ISOLATED else "wallet"
    return Derivation(
        name="margin" if mode is ISOLATED else "wallet_balance",
        label="Margin after funding" if mode is ISOLATED else "Balance after funding",
        words=f"the {word} less the funding paid (received funding counts as a negative payment)",
        formula=f"{word} = {word}₀ − funding",
        substituted=f"{word} = {operand(_backing(start))} − {operand(end.funding_paid[0])}",
        value=_backing(end),
    )


def _funding_math(
    trade: Trade, rate: Decimal, points: tuple[DriftPoint, ...], end: DriftPoint
) -> tuple[Derivation, ...]:
    first = points[1]
    mark = points[0].state.positions[0].mark_price
    each = Derivation(
        name="funding_payment",
        label="Funding at each funding time",
        words="the position's notional at the mark times the rate: positive means it pays, "
        "and with a positive rate a long pays and a short receives",
        formula="funding = s·q·M·rate",
        substituted=f"funding = {operand(trade.side.sign)} × {operand(trade.size)} × "
        f"{operand(mark)} × {operand(rate)}",
        value=first.payments[0],
    )
    total = Derivation(
        name="funding_total",
        label="Funding over the period",
        words=f"one payment every {operand(trade.market.funding.interval_hours)} hours, "
        f"{end.interval} funding times while the position is open",
        formula="total = funding × funding times",
        substituted=f"total = {operand(first.payments[0])} × {end.interval}",
        value=end.funding_paid[0],
    )
    return each, total
