"""4. Margin, PnL and ROE: both against mark price."""

from explainer.engine import MarginMode

from .. import display
from ..questions.pnl import PnlOutcome
from . import (
    INK,
    STYLE,
    Chart,
    axis,
    floats,
    layout,
    line,
    num,
    points,
    vlines,
)


def pnl(outcome: PnlOutcome) -> Chart:
    prices = floats([point.price for point in outcome.curve])
    exit_price = num(outcome.exit_price)
    position = outcome.position
    traces = [
        line(
            prices,
            floats([p.pnl for p in outcome.curve]),
            name="Unrealised PnL",
            style=STYLE[MarginMode.ISOLATED],
        ),
        line(
            prices,
            floats([p.roe * 100 for p in outcome.curve]),
            name="ROE",
            unit="%",
            style=STYLE[MarginMode.CROSS],
            yaxis="y2",
        ),
        points(
            [exit_price],
            [num(position.unrealized_pnl)],
            name="At the exit price",
            symbol="circle-open",
            color=INK,
        ),
        points(
            [exit_price],
            [num(position.roe * 100)],
            name="ROE at the exit price",
            symbol="circle-open",
            color=INK,
            yaxis="y2",
            showlegend=False,
        ),
    ]
    marks = [(num(position.entry_price), "Entry", "dot"), (exit_price, "Exit", "solid")]
    shapes, notes = vlines(marks, prices[-1] - prices[0])
    figure = {
        "data": traces,
        "layout": layout(
            "Mark price (USDC)",
            "PnL (USDC)",
            xaxis=axis("Mark price (USDC)", anchor="y2"),
            yaxis=axis("PnL (USDC)", domain=[0.55, 1]),
            yaxis2=axis("ROE (%)", domain=[0, 0.45], range=[-300, 300], ticksuffix=" %"),
            shapes=shapes,
            annotations=notes,
        ),
    }
    summary = (
        f"Two panels against mark price. Top: unrealised PnL, a straight line through zero at the "
        f"entry price, {display.signed_usdc(position.unrealized_pnl)} at the exit price. Bottom: "
        f"ROE, the same line divided by the margin, {display.signed_percent(position.roe)} at the "
        "exit price; higher leverage makes it steeper (the panel is cut at ±300 %)."
    )
    return Chart(figure, "Unrealised PnL and ROE against mark price", summary)
