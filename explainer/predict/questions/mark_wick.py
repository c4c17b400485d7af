"""Does a wick in the last price liquidate the seed's isolated long? Only the mark decides,
and the mark follows the index of spot prices, not one burst of trades."""

from explainer.engine import evaluate
from explainer.formatting import usdc
from explainer.topic_examples import WICK, liquidation, seed_replay
from explainer.worked_examples import seed_isolated

from ..question import Answer, Choice, Kind, Question, Section
from . import seed

CHOICES = (
    Choice("open", "It stays open"),
    Choice("liquidated", "It is liquidated"),
)


def solve() -> Answer:
    before = evaluate(seed_isolated()).positions[0]
    run = seed_replay(WICK)
    choice = "liquidated" if liquidation(run.events) else "open"
    after = run.steps[-1].state.positions
    return Answer(
        shown=next(c.label for c in CHOICES if c.value == choice),
        choice=choice,
        explanation=(
            f"The liquidation price is {usdc(before.liquidation_price)}, and it is a mark "
            f"price. The trades at {usdc(WICK.last)} moved the last price, the one the "
            "candles draw, below it.",
            f"The mark price follows the index of spot prices, which stayed near "
            f"{usdc(WICK.index)}, so the mark only went down to {usdc(WICK.mark)}, above the "
            "liquidation price.",
            _left(after),
        ),
    )


def _left(after) -> str:
    if not after:
        return "The engine closed the position."
    position = after[0]
    return (
        f"The position is still open, with {usdc(position.margin + position.unrealized_pnl)} "
        "of its margin left after the loss so far."
    )


QUESTION = Question(
    slug="mark-wick",
    title="Does a wick on the chart liquidate this long?",
    setup=(
        seed.TRADE,
        seed.ISOLATED,
        f"For a moment a burst of sell orders trades at {seed.figure(WICK.last)} USDC: the "
        "candle shows a long wick down to there.",
        f"Meanwhile the index of spot prices is at {seed.figure(WICK.index)} USDC and the mark "
        f"price at {seed.figure(WICK.mark)} USDC.",
    ),
    prompt="After the wick, is the position still open?",
    kind=Kind.CHOICE,
    choices=CHOICES,
    section=Section(
        "mark-index-and-last-price",
        "a-wick-that-liquidates-nobody",
        "A wick that liquidates nobody",
    ),
    solve=solve,
)
