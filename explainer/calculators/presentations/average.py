"""Average entry: the combined position in a sentence, its figures beside the chart, the fills
below, and the math from the average to the liquidation price."""

from explainer.formatting import percent, usdc

from ..display import leverage, price, size
from ..questions.average import AverageOutcome
from ..tables import Presentation, Row, Table, math_group, trade_words


def average(outcome: AverageOutcome) -> Presentation:
    combined, found = outcome.combined, outcome.average
    market, position = combined.trade.market, combined.position
    at = leverage(combined.trade.leverage)
    if position.liquidation_price is None:
        where = "no price liquidates it"
    else:
        where = f"it is liquidated at {price(position.liquidation_price, market)}"
    lede = (
        f"{len(outcome.fills)} fills make one {combined.mode.value} "
        f"{trade_words(market, position.side, found.size)} at an average entry of "
        f"{price(found.entry_price, market)}. At {at} it needs "
        f"{usdc(position.initial_margin)} of initial margin, and {where}."
    )
    figures = Table(
        caption="The combined position",
        head=("Figure", "Value"),
        rows=(
            Row("Average entry price", (price(found.entry_price, market),), current=True),
            Row("Total size", (size(found.size, market),), key=True),
            Row("Notional at entry", (usdc(found.notional),)),
            Row(f"Initial margin at {at}", (usdc(position.initial_margin),)),
            Row("Liquidation price", (price(position.liquidation_price, market),), key=True),
            Row("Distance from the average", (percent(combined.distance),)),
        ),
    )
    fills = Table(
        caption="The fills",
        head=("Fill", "Price", "Size"),
        rows=tuple(
            Row(f"Fill {row}", (price(fill.price, market), size(fill.size, market)))
            for row, fill in zip(outcome.rows, outcome.fills, strict=True)
        ),
    )
    return Presentation(lede, (figures, fills), (math_group("", outcome.derivations),))
