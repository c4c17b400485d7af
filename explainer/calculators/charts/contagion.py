"""5. Cross contagion: the second position's liquidation price against the first market."""

from explainer.engine import MarginMode

from .. import display, tables
from ..questions.contagion import ContagionOutcome
from . import (
    GREY,
    INK,
    STYLE,
    Chart,
    band,
    floats,
    layout,
    line,
    num,
    points,
    vline,
)


def contagion(outcome: ContagionOutcome) -> Chart:
    a, b = outcome.a.market, outcome.b.market
    x = floats([point.a_price for point in outcome.curve])
    cross = floats([None if p.liquidated else p.b_liquidation for p in outcome.curve])
    traces = []
    if outcome.isolated is not None:
        isolated = outcome.isolated.positions[1].liquidation_price
        traces.append(
            line(
                x,
                floats([isolated] * len(x)),
                name="Both isolated",
                style=STYLE[MarginMode.ISOLATED],
            )
        )
    traces += [
        line(x, cross, name="Both in cross", style=STYLE[MarginMode.CROSS]),
        points(
            [num(outcome.a_price)],
            [num(outcome.cross.positions[1].liquidation_price)],
            name="Now (cross)",
            symbol="circle-open",
            color=INK,
        ),
    ]
    b_mark = num(outcome.cross.positions[1].mark_price)
    # The price label goes on the side of its dotted line where the lines are, inside the plot,
    # and the band's label at the other end: neither can reach the entry label above the plot.
    plotted = [y for trace in traces for y in trace["y"] if y is not None]
    high = b_mark >= (min(plotted) + max(plotted)) / 2
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": b_mark,
            "y1": b_mark,
            "line": {"color": GREY, "width": 1, "dash": "dot"},
        }
    ]
    notes = [
        {
            "x": 1,
            "xref": "paper",
            "xanchor": "right",
            "y": b_mark,
            "yref": "y",
            "yanchor": "top" if high else "bottom",
            "text": f"{b.symbol} price now",
            "showarrow": False,
            "font": {"size": 11, "color": GREY},
        }
    ]
    gone = [p.a_price for p in outcome.curve if p.liquidated]
    if gone:
        shape, note = band(
            num(min(gone)),
            num(max(gone)),
            "All cross positions<br>liquidated",
            "rgba(230,159,0,0.16)",
            top=not high,
        )
        shapes.append(shape)
        notes.append(note)
    shape, note = vline(num(outcome.a.entry), f"{a.symbol} entry")
    shapes.append(shape)
    notes.append(note)
    figure = {
        "data": traces,
        "layout": layout(
            f"{a.symbol} mark price (USDC)",
            f"{b.symbol} liquidation price (USDC)",
            shapes=shapes,
            annotations=notes,
        ),
    }
    return Chart(
        figure,
        f"{b.symbol} liquidation price against the {a.symbol} price",
        _contagion_summary(outcome),
    )


def _contagion_summary(outcome: ContagionOutcome) -> str:
    a, b = outcome.a.market, outcome.b.market
    before = outcome.cross_before.positions[1].liquidation_price
    now = outcome.cross.positions[1].liquidation_price
    parts = [
        f"{b.symbol} liquidation price against the {a.symbol} mark price, with {b.symbol} held "
        f"at {display.price(outcome.b_price, b)}.",
        f"Both in cross it moves with {a.symbol}: {display.price(before, b)} with {a.symbol} at "
        f"its entry, {display.price(now, b)} with {a.symbol} at "
        f"{display.price(outcome.a_price, a)}.",
    ]
    if outcome.isolated is None:
        parts.append(tables.contagion_no_isolated(outcome))
    else:
        isolated = outcome.isolated.positions[1].liquidation_price
        parts.append(f"Both isolated it stays at {display.price(isolated, b)}.")
    if outcome.account_liquidation_price is not None:
        parts.append(
            f"At {display.price(outcome.account_liquidation_price, a)} on {a.symbol} every cross "
            "position is liquidated."
        )
    return " ".join(parts)
