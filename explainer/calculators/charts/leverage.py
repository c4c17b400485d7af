"""3. Leverage explorer: distance to liquidation against leverage."""

from decimal import ROUND_CEILING, Decimal

from explainer import formatting
from explainer.engine import MarginMode

from .. import display
from ..questions.leverage import LeverageOutcome, LeverageRow
from . import (
    INK,
    LEVERAGE_TITLE,
    STYLE,
    Chart,
    axis,
    floats,
    layout,
    leverage_axis,
    line,
    num,
    percent,
    points,
    vline,
)

# Cross distance is the same at every leverage: when no price liquidates the position there
# is no line to draw, and the legend says why.
NEVER = "Cross: never liquidated, so no line"


def leverage(outcome: LeverageOutcome) -> Chart:
    x = floats([row.leverage for row in outcome.rows])
    traces = [
        line(
            x,
            floats([percent(row.isolated_distance) for row in outcome.rows]),
            name="Isolated",
            style=STYLE[MarginMode.ISOLATED],
            unit="%",
        ),
        line(
            x,
            floats([percent(row.cross_distance) for row in outcome.rows]),
            name="Cross" if outcome.picked.cross_distance is not None else NEVER,
            style=STYLE[MarginMode.CROSS],
            unit="%",
        ),
    ]
    picked = outcome.picked
    traces.append(
        points(
            [num(picked.leverage)] * 2,
            floats([percent(picked.isolated_distance), percent(picked.cross_distance)]),
            name=f"At {display.leverage(picked.leverage)}",
            symbol="circle-open",
            color=INK,
        )
    )
    shapes, notes = [], []
    market = outcome.trade.market
    if outcome.max_leverage < market.max_leverage:
        shape, note = vline(
            num(outcome.max_leverage), f"Tier limit {display.leverage(outcome.max_leverage)}"
        )
        shapes.append(shape)
        notes.append(note)
    figure = {
        "data": traces,
        "layout": layout(
            LEVERAGE_TITLE,
            "Distance to liquidation (%)",
            xaxis=leverage_axis(market.max_leverage),
            yaxis=axis("Distance to liquidation (%)", rangemode="tozero", ticksuffix=" %"),
            shapes=shapes,
            annotations=notes,
        ),
    }
    return Chart(
        figure,
        "Distance to liquidation against leverage, isolated and cross",
        _leverage_summary(outcome),
    )


def _leverage_summary(outcome: LeverageOutcome) -> str:
    picked = outcome.picked
    parts = [
        f"Distance to liquidation against leverage from 1× to "
        f"{display.leverage(outcome.trade.market.max_leverage)}.",
        _isolated_words(picked),
        _cross_words(picked, outcome.wallet),
    ]
    if outcome.lowest_leverage > 1:
        # Rounded up, so the leverage named is one the balance does cover.
        lowest = display.leverage(outcome.lowest_leverage, rounding=ROUND_CEILING)
        parts.append(
            f"The {formatting.usdc(outcome.wallet)} balance covers the initial margin only from "
            f"{lowest} up."
        )
    return " ".join(parts)


def _isolated_words(picked: LeverageRow) -> str:
    at = display.leverage(picked.leverage)
    if picked.isolated_distance is None:
        return f"Isolated: at {at} no price, not even zero, liquidates the position."
    return (
        "Isolated: the distance shrinks as leverage rises, "
        f"{formatting.percent(picked.isolated_distance)} at {at}."
    )


def _cross_words(picked: LeverageRow, wallet: Decimal) -> str:
    if picked.cross_distance is None:
        return (
            f"Cross: no line, because the {formatting.usdc(wallet)} balance backs the position "
            "whatever the leverage, and no price, not even zero, liquidates it."
        )
    return (
        f"Cross: it stays at {formatting.percent(picked.cross_distance)}, because the whole "
        "balance backs the position whatever the leverage."
    )
