"""2. Liquidation price: what backs the position against its maintenance margin."""

from explainer.engine import MarginMode

from .. import display
from ..questions.liquidation import LiquidationOutcome
from . import (
    INK,
    STYLE,
    VERMILLION,
    Chart,
    floats,
    layout,
    line,
    num,
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
        "layout": layout("Mark price (USDC)", "USDC", shapes=[shape], annotations=[note]),
    }
    summary = (
        f"{backing_name} and maintenance margin against mark price. The lines meet at the "
        f"liquidation price, {display.price(position.liquidation_price, market)}; the first line "
        f"reaches zero at the bankruptcy price, {display.price(position.bankruptcy_price, market)}."
    )
    return Chart(figure, f"{backing_name} and maintenance margin against mark price", summary)
