"""Which price liquidates (the mark, not the last trade), and the two prices every position
has: where it is liquidated, and where its margin would be gone."""

import random
from decimal import Decimal

from explainer.engine import Account, PathStep, Quote, replay

from .base import Link, Question, rounded, shuffled, step
from .trades import alone, draw, price, rate, usdc

MAJORS = ("BTC-PERP", "ETH-PERP")


def mark_vs_last(rng: random.Random) -> Question:
    trade = draw(rng, MAJORS, notional=(2_000, 30_000), leverages=(10, 20, 25))
    market, s = trade.market, trade.sign
    position = trade.position()
    result = alone(position, wallet=trade.size * trade.entry)
    liquidation = result.liquidation_price
    # The mark stays on the safe side of the liquidation price; a trade wicks well past it.
    mark = rounded(
        liquidation + (trade.entry - liquidation) * step(rng, "0.3", "0.7", "0.05"), market
    )
    last = rounded(liquidation - s * trade.entry * step(rng, "0.004", "0.02", "0.001"), market)
    quote = {market.symbol: Quote(mark=mark, last=last)}
    holding = Account(trade.size * trade.entry, (position,))
    events = replay(holding, path=[PathStep(prices=quote)]).events
    survives = not events
    choices, key = shuffled(
        rng,
        SURVIVES if survives else LIQUIDATED,
        [LIQUIDATED if survives else SURVIVES, WORSE.format(last=price(last, market)), HALF],
    )
    way = "falls" if s > 0 else "rises"
    return Question(
        id="mark-vs-last",
        title="Mark price or last price",
        prompt=(
            f"Your isolated {trade.side.value} has its liquidation price at "
            f"{price(liquidation, market)}. For a moment one large order trades at "
            f"{price(last, market)}, past your liquidation price, while the mark price only "
            f"{way} to {price(mark, market)}. What happens to your position?"
        ),
        facts=tuple(trade.facts()),
        choices=choices,
        answer_key=key,
        answer_text=SURVIVES if survives else LIQUIDATED,
        link=Link("margin-explained", "mark-price-and-last-price", "Mark price and last price"),
        explanation=(
            f"The engine liquidates on the mark price only. The mark reached "
            f"{price(mark, market)}, which is still short of {price(liquidation, market)}, so "
            f"the position {'stays open' if survives else 'is liquidated'}. The trade at "
            f"{price(last, market)} moved the last price, not the mark, which follows an "
            "average of prices on several spot exchanges and ignores one-off wicks."
        ),
    )


SURVIVES = "Nothing: it stays open, because liquidation follows the mark price."
LIQUIDATED = "It is liquidated, because the last price went past its liquidation price."
WORSE = "It is liquidated at {last} and loses more than its margin."
HALF = "Half of it is closed, because only the last price crossed."


def liquidation_vs_bankruptcy(rng: random.Random) -> Question:
    trade = draw(rng, MAJORS, notional=(1_000, 40_000))
    market = trade.market
    result = alone(trade.position(), wallet=trade.size * trade.entry)
    liquidation, bankruptcy = result.liquidation_price, result.bankruptcy_price
    low, high = sorted((liquidation, bankruptcy))
    choices, key = shuffled(
        rng,
        price(liquidation, market),
        [price(bankruptcy, market), SAME, DEPENDS],
    )
    return Question(
        id="liquidation-vs-bankruptcy",
        title="Liquidation price and bankruptcy price",
        prompt=(
            f"The chart of this isolated {trade.side.value} marks two prices: "
            f"{price(low, market)} and {price(high, market)}. One is its liquidation price, "
            "the other its bankruptcy price. Which is the liquidation price?"
        ),
        facts=tuple(trade.facts()),
        choices=choices,
        answer_key=key,
        answer_text=price(liquidation, market),
        link=Link(
            "liquidation-price-and-risk-engine", "the-bankruptcy-price", "The bankruptcy price"
        ),
        explanation=(
            f"The liquidation price, {price(liquidation, market)}, comes first as the price "
            f"moves against the {trade.side.value}: there the margin left equals the "
            f"maintenance margin ({rate(result.maintenance_margin_rate)} of the position's "
            "value). The bankruptcy price, "
            f"{price(bankruptcy, market)}, is further on, where the whole margin of "
            f"{usdc(result.margin)} would be gone. The gap between them is the buffer that "
            "lets the engine close the position before the money runs out."
        ),
    )


SAME = "Both: for an isolated position the two prices are the same."
DEPENDS = "Neither: the liquidation price depends on the last traded price."


def liquidation_price(rng: random.Random) -> Question:
    trade = draw(rng, MAJORS, notional=(1_000, 20_000))
    market = trade.market
    result = alone(trade.position(), wallet=trade.size * trade.entry)
    tier_rate = result.maintenance_margin_rate
    return Question(
        id="liquidation-price",
        title="Where an isolated position is liquidated",
        prompt=(
            f"This isolated {trade.side.value} holds only its initial margin. Its maintenance "
            f"margin rate is {rate(tier_rate)} of the position's value, with no maintenance "
            "amount. At what mark price is it liquidated?"
        ),
        facts=tuple(trade.facts()),
        answer=result.liquidation_price,
        unit="USDC",
        tolerance=Decimal("0.0005"),
        relative=True,
        answer_text=price(result.liquidation_price, market),
        link=Link(
            "liquidation-price-and-risk-engine",
            "the-isolated-liquidation-boundary",
            "The isolated liquidation boundary",
        ),
        explanation=(
            f"The margin is size × entry ÷ leverage = {usdc(result.margin)}. The position is "
            "liquidated where margin + unrealized PnL falls to the maintenance margin, "
            f"size × price × {rate(tier_rate)}. Solving that for the price gives "
            f"{price(result.liquidation_price, market)}. Its bankruptcy price, where the "
            f"margin would be gone, is {price(result.bankruptcy_price, market)}."
        ),
    )
