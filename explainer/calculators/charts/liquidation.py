"""2. Liquidation price: what backs the position against its maintenance margin."""

from explainer.engine import MarginMode

from .. import display
from ..questions.liquidation import LiquidationOutcome
from . import (
    INK,
    STYLE,
    VERMILLION,
    Chart,
    axis,
    floats,
    layout,
    line,
    num,
    pointer,
    points,
    vline,
)


def liquidation(outcome: LiquidationOutcome) -> Chart:
    position, market = outcome.position, outcome.trade.market
    prices = floats([point.price for point in outcome.curve])
    backing_name = (
        "Margin + unrealised PnL" if outcome.mode is MarginMode.ISOLATED else "Cross margin balance"
    )
    traces = [
        line(
            prices,
            floats([p.backing for p in outcome.curve]),
            name=backing_name,
            style=STYLE[MarginMode.ISOLATED],
        ),
        line(
            prices,
            floats([p.maintenance for p in outcome.curve]),
            name="Maintenance margin",
            style={"color": VERMILLION, "width": 2.5, "dash": "dash"},
        ),
    ]
    crossing = next((p for p in outcome.curve if p.price == position.liquidation_price), None)
    if crossing is not None:
        traces.append(
            points(
                [num(crossing.price)],
                [num(crossing.maintenance)],
                name="Liquidation",
                symbol="x",
                color=INK,
            )
        )
    if position.bankruptcy_price is not None:
        traces.append(
            points(
                [num(position.bankruptcy_price)],
                [0],
                name="Bankruptcy",
                symbol="circle-open",
                color=INK,
            )
        )
    shape, note = vline(num(position.entry_price), "Entry")
    figure = {
        "data": traces,
        "layout": layout(
            "Mark price (USDC)",
            "USDC",
            shapes=[shape],
            annotations=[note, *_marker_labels(outcome, crossing)],
            yaxis=axis("USDC", range=_room_below_zero(traces)),
        ),
    }
    summary = (
        f"{backing_name} and maintenance margin against mark price. The lines meet at the "
        f"liquidation price, {display.price(position.liquidation_price, market)}; the first line "
        f"reaches zero at the bankruptcy price, {display.price(position.bankruptcy_price, market)}."
    )
    return Chart(figure, f"{backing_name} and maintenance margin against mark price", summary)


def _room_below_zero(traces: list[dict]) -> list[float]:
    """The y range of the lines, reaching at least a quarter of their top below zero: the
    bankruptcy marker's label hangs below it and must stay clear of the price ticks."""
    values = [y for trace in traces[:2] for y in trace["y"] if y is not None]
    top, bottom = max(values), min(*values, -0.25 * max(values))
    pad = (top - bottom) * 0.05
    return [bottom - pad, top + pad]


def _marker_labels(outcome: LiquidationOutcome, crossing) -> list[dict]:
    """The two markers sit a few pixels apart on a phone, so their labels go to opposite sides:
    the liquidation's up and away from the line that backs the position, the bankruptcy's down
    and the other way (a long's line rises to the right, a short's to the left)."""
    position, labels = outcome.position, []
    away = -36 * position.side.sign
    if crossing is not None:
        labels.append(
            pointer(num(crossing.price), num(crossing.maintenance), "Liquidation", ax=away, ay=-34)
        )
    if position.bankruptcy_price is not None:
        labels.append(pointer(num(position.bankruptcy_price), 0, "Bankruptcy", ax=-away, ay=30))
    return labels
