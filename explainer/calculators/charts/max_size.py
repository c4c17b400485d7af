"""Maximum open size: the largest notional that opens at each leverage, under the tiers' caps."""

import math

from explainer import formatting

from .. import display
from ..questions.max_size import MaxSizeOutcome
from . import (
    BLUE,
    INK,
    LEVERAGE_TITLE,
    VERMILLION,
    Chart,
    axis,
    floats,
    layout,
    leverage_axis,
    line,
    num,
    points,
)


def max_size(outcome: MaxSizeOutcome) -> Chart:
    market, largest = outcome.market, outcome.largest
    x = floats([point.leverage for point in outcome.frontier])
    y = floats([point.notional for point in outcome.frontier])
    caps_x, caps_y = _tier_caps(outcome)
    traces = [
        line(x, y, name="Largest that opens", style={"color": BLUE, "width": 2.5}),
        line(
            caps_x,
            caps_y,
            name="Tier limit: most notional at that leverage",
            style={"color": VERMILLION, "width": 2, "dash": "dash"},
        ),
        points(
            [num(outcome.leverage)],
            [num(largest.notional)],
            name=f"At {display.leverage(outcome.leverage)}",
            symbol="circle-open",
            color=INK,
        ),
    ]
    top = max(value for value in y if value) * 4
    figure = {
        "data": traces,
        "layout": layout(
            LEVERAGE_TITLE,
            "Notional at entry (USDC, log scale)",
            xaxis=leverage_axis(market.max_leverage),
            yaxis=axis(
                "Notional at entry (USDC, log scale)",
                type="log",
                range=[math.log10(min(value for value in y if value)) - 0.2, math.log10(top)],
            ),
        ),
    }
    label = "Largest position against leverage, with the tier limits"
    return Chart(figure, label, _summary(outcome))


def _tier_caps(outcome: MaxSizeOutcome) -> tuple[list, list]:
    """A staircase: each tier's cap across the leverages it is the last tier to allow."""
    tiers = outcome.market.tiers
    x, y = [], []
    for index in range(len(tiers) - 2, -1, -1):
        low, high = tiers[index + 1].max_leverage, tiers[index].max_leverage
        x += [num(low), num(high)]
        y += [num(tiers[index].cap)] * 2
    return x, y


def _summary(outcome: MaxSizeOutcome) -> str:
    largest = outcome.largest
    at = display.leverage(outcome.leverage)
    limit = (
        "the balance limits it"
        if largest.tier is None
        else f"a tier cap of {formatting.usdc(largest.tier.cap)} limits it"
    )
    return (
        "The largest notional that opens, against leverage on a log scale: it grows with "
        "leverage while the balance limits it and falls where a tier cap takes over; the dashed "
        f"staircase is the tiers' cap at each leverage. At {at} it is "
        f"{formatting.usdc(largest.notional)}, and {limit}."
    )
