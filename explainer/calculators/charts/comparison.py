"""1. Isolated vs cross, side by side: account value against mark price."""

from decimal import Decimal

from .. import display
from ..questions.comparison import Comparison
from . import (
    INK,
    MARKER,
    NAME,
    STYLE,
    Chart,
    axis,
    band,
    corners,
    floats,
    layout,
    line,
    num,
    points,
    usdc,
    vlines,
)


def comparison(outcome: Comparison) -> Chart:
    iso, cross = outcome.isolated, outcome.cross
    prices = floats([point.price for point in iso.curve])
    values = {m.mode: floats([point.account_value for point in m.curve]) for m in outcome.modes}
    traces = [
        line(
            prices,
            values[m.mode],
            name=NAME[m.mode],
            style={**STYLE[m.mode], "width": 3.5 if m.mode == outcome.chosen else 2},
        )
        for m in outcome.modes
    ]
    traces += _cross_loses_more(prices, values[iso.mode], values[cross.mode])
    for mode in outcome.modes:
        liquidation = mode.position.liquidation_price
        if liquidation is not None:
            y = _value_before(mode, liquidation)
            traces.append(
                points(
                    [num(liquidation)],
                    [y],
                    name=f"{NAME[mode.mode]} liquidation",
                    symbol=MARKER[mode.mode],
                    color=STYLE[mode.mode]["color"],
                )
            )
    what_if = num(outcome.what_if_price)
    traces.append(
        points(
            [what_if, what_if],
            floats([m.what_if.account_value for m in outcome.modes]),
            name="At the what-if price",
            symbol="circle-open",
            color=INK,
        )
    )
    shapes, notes = _comparison_marks(outcome, prices)
    top = max(value for series in values.values() for value in series if value is not None)
    figure = {
        "data": traces,
        "layout": layout(
            "Mark price (USDC)",
            "Account value (USDC)",
            shapes=shapes,
            annotations=notes,
            yaxis=axis("Account value (USDC)", range=[0, top * 1.12 or 1]),
        ),
    }
    return Chart(
        figure,
        "Account value against mark price, isolated and cross",
        _comparison_summary(outcome, prices),
    )


def _value_before(mode, liquidation: Decimal) -> float:
    """The account value just on the safe side of the liquidation price (the grid has it)."""
    sign = mode.position.side.sign
    safe = [p for p in mode.curve if sign * (p.price - liquidation) > 0]
    nearest = min(safe, key=lambda p: abs(p.price - liquidation)) if safe else mode.curve[0]
    return round(float(nearest.account_value), 2)


def _cross_loses_more(prices: list, isolated: list, cross: list) -> list[dict]:
    """The area between the lines where cross is below isolated, filled and named."""
    worse = [i for i, (a, b) in enumerate(zip(isolated, cross, strict=True)) if b < a]
    if not worse:
        return []
    span = slice(worse[0], worse[-1] + 1)
    upper, lower = corners(prices[span], isolated[span]), corners(prices[span], cross[span])
    edge = {"type": "scatter", "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
    return [
        {**edge, "x": upper[0], "y": upper[1], "showlegend": False},
        {
            **edge,
            "x": lower[0],
            "y": lower[1],
            "fill": "tonexty",
            "fillcolor": "rgba(213,94,0,0.2)",
            "name": "Cross has lost more",
        },
    ]


def _only_isolated_liquidated(outcome: Comparison) -> tuple[Decimal, Decimal] | None:
    pairs = zip(outcome.isolated.curve, outcome.cross.curve, strict=True)
    inside = [a.price for a, b in pairs if a.liquidated[0] and not b.liquidated[0]]
    return (min(inside), max(inside)) if inside else None


def _comparison_marks(outcome: Comparison, prices: list) -> tuple[list, list]:
    shapes, notes = [], []
    stretch = _only_isolated_liquidated(outcome)
    if stretch:
        shape, note = band(
            num(stretch[0]),
            num(stretch[1]),
            "Isolated liquidated,<br>cross still open",
            "rgba(86,180,233,0.16)",
        )
        shapes.append(shape)
        notes.append(note)
    marks = [
        (num(outcome.trade.entry), "Entry", "dot"),
        (num(outcome.what_if_price), "What if", "solid"),
    ]
    lines, labels = vlines(marks, prices[-1] - prices[0])
    return shapes + lines, notes + labels


def _comparison_summary(outcome: Comparison, prices: list) -> str:
    market = outcome.trade.market
    parts = [
        f"Account value against mark price, from {display.price(Decimal(str(prices[0])), market)} "
        f"to {display.price(Decimal(str(prices[-1])), market)}."
    ]
    for mode in outcome.modes:
        position = mode.position
        if position.liquidation_price is None:
            parts.append(f"{NAME[mode.mode]}: never liquidated; the line follows the price down.")
        else:
            parts.append(
                f"{NAME[mode.mode]}: liquidated at "
                f"{display.price(position.liquidation_price, market)}, "
                f"leaving {usdc(mode.left_after_liquidation)}."
            )
    stretch = _only_isolated_liquidated(outcome)
    if stretch:
        parts.append(
            f"Between {display.price(stretch[0], market)} and {display.price(stretch[1], market)} "
            "isolated has been liquidated while cross is still open."
        )
    worse = [
        p.price
        for p, q in zip(outcome.isolated.curve, outcome.cross.curve, strict=True)
        if q.account_value < p.account_value
    ]
    if worse:
        parts.append(
            f"From {display.price(min(worse), market)} to {display.price(max(worse), market)} "
            "cross has lost more than isolated."
        )
    return " ".join(parts)
