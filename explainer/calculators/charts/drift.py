"""6. Funding drift: the liquidation price over the days, the mark held still."""

from explainer.engine import MarginMode

from .. import display
from ..questions.drift import HOURS_A_DAY, DriftOutcome
from . import GREY, INK, STYLE, Chart, axis, corners, layout, line, num, points


def drift(outcome: DriftOutcome) -> Chart:
    market, start = outcome.trade.market, outcome.start
    open_points = [p for p in outcome.points if not p.state.positions[0].liquidated]
    days = [num(p.hours / HOURS_A_DAY) for p in open_points]
    prices = [num(p.state.positions[0].liquidation_price) for p in open_points]
    x, y = corners(days, prices) if None not in prices else (days, prices)
    last_day = num(outcome.points[-1].hours / HOURS_A_DAY)
    mark = num(start.mark_price)
    traces = [
        line(x, y, name="Liquidation price", style=STYLE[MarginMode.ISOLATED]),
        line(
            [0, last_day],
            [mark, mark],
            name="Mark price (held still)",
            style={"color": GREY, "width": 1.5, "dash": "dot"},
        ),
    ]
    if outcome.liquidated_at is not None:
        traces.append(
            points([last_day], [mark], name="Liquidated by funding", symbol="x", color=INK)
        )
    figure = {
        "data": traces,
        "layout": layout(
            "Days held",
            "Price (USDC)",
            xaxis=axis("Days held", rangemode="tozero"),
            hovermode="x unified",
        ),
    }
    end = outcome.table[-1]
    summary = (
        f"The liquidation price over {end.day} days of funding at a steady mark of "
        f"{display.price(start.mark_price, market)}: it starts at "
        f"{display.price(start.liquidation_price, market)} and "
        + (
            f"reaches the mark on day {end.day}, when funding alone liquidates the position."
            if outcome.liquidated_at is not None
            else f"is at {display.price(end.position.liquidation_price, market)} on day {end.day}."
        )
    )
    return Chart(figure, "Liquidation price against days of funding", summary)
