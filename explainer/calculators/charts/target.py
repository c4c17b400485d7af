"""7. Target price: net PnL against the exit price, the target picked out."""

from explainer.engine import MarginMode

from .. import display
from ..questions.target import TargetOutcome
from . import GREY, INK, STYLE, Chart, floats, layout, line, num, points, vlines


def target(outcome: TargetOutcome) -> Chart:
    prices = floats([point.price for point in outcome.curve])
    found, market = outcome.target, outcome.trade.market
    name = "PnL after fees" if outcome.with_fees else "PnL"
    traces = [
        line(
            prices,
            floats([p.net for p in outcome.curve]),
            name=name,
            style=STYLE[MarginMode.ISOLATED],
        )
    ]
    if outcome.with_fees:
        traces.append(
            line(
                prices,
                floats([p.before_fees for p in outcome.curve]),
                name="PnL before fees",
                style={"color": GREY, "width": 1.5, "dash": "dot"},
            )
        )
    traces.append(
        points(
            [num(found.exit_price)],
            [num(found.pnl)],
            name="Your target",
            symbol="circle-open",
            color=INK,
        )
    )
    marks = [
        (num(found.trade.entry_price), "Entry", "dot"),
        (num(found.exit_price), "Exit", "solid"),
    ]
    shapes, notes = vlines(marks, prices[-1] - prices[0])
    figure = {
        "data": traces,
        "layout": layout("Exit price (USDC)", "PnL (USDC)", shapes=shapes, annotations=notes),
    }
    summary = (
        f"{name} against the exit price, a straight line through zero near the entry price. "
        f"It reaches the target, {display.signed_usdc(found.pnl)}, at "
        f"{display.price(found.exit_price, market)}."
    )
    return Chart(figure, f"{name} against the exit price", summary)
