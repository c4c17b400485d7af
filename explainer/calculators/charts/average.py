"""Average entry: each fill as a bar of its size at its price, the average entry price and the
combined position's liquidation price as lines across them."""

from explainer import formatting

from .. import display
from ..questions.average import AverageOutcome
from . import BLUE, SKY, Chart, axis, floats, layout, num, vline

BAR_SHARE = 0.012  # each bar's width, as a share of the prices the chart spans


def average(outcome: AverageOutcome) -> Chart:
    position = outcome.combined.position
    prices = floats([fill.price for fill in outcome.fills])
    marks = [num(outcome.average.entry_price), num(position.liquidation_price)]
    known = [x for x in (*prices, *marks) if x is not None]
    span = (max(known) - min(known)) or max(known) * 0.1
    bars = {
        "type": "bar",
        "x": prices,
        "y": floats([fill.size for fill in outcome.fills]),
        "width": [span * BAR_SHARE] * len(prices),
        "name": "Fills",
        "marker": {"color": SKY, "line": {"color": BLUE, "width": 1}},
        "text": [f"Fill {row}" for row in outcome.rows],
        "hovertemplate": f"%{{text}}: %{{y}} {outcome.combined.trade.market.base} at "
        "%{x:,.2f}<extra></extra>",
    }
    shapes, notes = [], []
    lines = [(marks[0], "Average entry", "solid"), (marks[1], "Liquidation", "dash")]
    for x, text, dash in lines:
        if x is not None:
            shape, note = vline(x, text, dash=dash)
            # Each label leans away from the other line, so close lines never overlap them.
            note["xanchor"] = "right" if x == min(m for m in marks if m is not None) else "left"
            shapes.append(shape)
            notes.append(note)
    pad = span * 0.08
    base = outcome.combined.trade.market.base
    figure = {
        "data": [bars],
        "layout": layout(
            "Price (USDC)",
            f"Size ({base})",
            xaxis=axis("Price (USDC)", range=[min(known) - pad, max(known) + pad]),
            yaxis=axis(f"Size ({base})", rangemode="tozero"),
            shapes=shapes,
            annotations=notes,
            showlegend=False,
        ),
    }
    return Chart(figure, "The fills by price and size, with the average entry", _summary(outcome))


def _summary(outcome: AverageOutcome) -> str:
    market = outcome.combined.trade.market
    position = outcome.combined.position
    where = (
        "no price liquidates it"
        if position.liquidation_price is None
        else f"it is liquidated at {display.price(position.liquidation_price, market)}"
    )
    return (
        f"{len(outcome.fills)} fills drawn as bars, as tall as their size, at their prices. "
        f"The solid line is the average entry, {display.price(outcome.average.entry_price, market)}"
        f", nearer the larger fills; combined into one position of "
        f"{display.size(outcome.average.size, market)} ({formatting.usdc(position.notional)}), "
        f"{where}."
    )
