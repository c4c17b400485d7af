"""How far does a week of funding move the seed's isolated liquidation price?

An isolated long pays funding out of its own margin (at a positive rate longs pay), so each
payment walks its liquidation price a little closer to the mark (engine `funding_drift`).
"""

from decimal import Decimal

from explainer.engine import funding_drift, get_market
from explainer.formatting import plain, rate, usdc
from explainer.worked_examples import SEED_TRADE, seed_isolated

from ..question import Answer, Kind, Question, Section
from . import seed

WEEK_HOURS = Decimal(7 * 24)
MARKET = get_market(SEED_TRADE["market"])
INTERVALS = int(WEEK_HOURS / MARKET.funding.interval_hours)


def solve() -> Answer:
    points = funding_drift(seed_isolated(), intervals=INTERVALS)
    first, last = points[0].state.positions[0], points[-1].state.positions[0]
    move = last.liquidation_price - first.liquidation_price
    return Answer(
        shown=usdc(move),
        value=move,
        explanation=(
            f"{MARKET.symbol} pays funding every {plain(MARKET.funding.interval_hours)} hours, "
            f"{len(points) - 1} times in a week. At the illustrative rate of "
            f"{rate(MARKET.funding.rate)} the long pays {usdc(points[1].payments[0])} each "
            f"time: {usdc(points[-1].funding_paid[0])} over the week.",
            f"An isolated position pays from its own margin, which falls from "
            f"{usdc(first.margin)} to {usdc(last.margin)}. Less margin means a smaller fall "
            "is enough to liquidate it.",
            f"So the liquidation price rises from {usdc(first.liquidation_price)} to "
            f"{usdc(last.liquidation_price)}: {usdc(move)} closer to the mark price.",
            "It is a little more than the funding paid divided by the size, because the "
            "maintenance margin shrinks as the price falls.",
        ),
    )


QUESTION = Question(
    slug="funding-week-drift",
    title="How far does a week of funding move the liquidation price?",
    setup=(
        seed.TRADE,
        seed.ISOLATED,
        f"The price stays at {seed.figure(SEED_TRADE['entry_price'])} USDC for a week, and "
        f"{MARKET.symbol} charges its usual funding rate of {rate(MARKET.funding.rate)} every "
        f"{plain(MARKET.funding.interval_hours)} hours, paid by longs.",
    ),
    prompt="By how many USDC does the liquidation price move over the week?",
    kind=Kind.NUMBER,
    noun="move",
    tolerance=Decimal("0.01"),
    zero_allowed=True,
    section=Section(
        "why-was-my-position-liquidated",
        "why-is-my-liquidation-price-different-from-the-one-i-calculated",
        "Why is my liquidation price different from the one I calculated?",
    ),
    solve=solve,
)
