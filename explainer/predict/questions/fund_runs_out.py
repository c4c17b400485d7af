"""The seed's isolated long gaps past its bankruptcy price and the insurance fund is small:
how much of the loss is passed on to auto-deleveraging?"""

from explainer.formatting import usdc
from explainer.topic_examples import PAST_BANKRUPTCY, SMALL_FUND, liquidation, seed_replay

from ..question import Answer, Kind, Question, Section
from . import seed


def solve() -> Answer:
    event = liquidation(seed_replay(PAST_BANKRUPTCY, fund=SMALL_FUND).events)
    past = -(event.loss + event.realized_pnl - event.fee)
    return Answer(
        shown=usdc(event.deleveraged),
        value=event.deleveraged,
        explanation=(
            f"At {usdc(PAST_BANKRUPTCY)} the long has lost {usdc(-event.realized_pnl)}, more "
            f"than its {usdc(event.loss)} of margin: {usdc(past)} past the bankruptcy price. "
            "The trader loses the margin and no more.",
            f"The insurance fund pays what it can: {usdc(-event.insurance_fund)}, all it held.",
            f"The other {usdc(event.deleveraged)} is passed to auto-deleveraging: profitable "
            "positions on the other side are closed to cover it.",
        ),
    )


QUESTION = Question(
    slug="fund-runs-out",
    title="How much of a gap does auto-deleveraging cover?",
    setup=(
        seed.TRADE,
        seed.ISOLATED,
        f"The mark price jumps straight from the entry price to "
        f"{seed.figure(PAST_BANKRUPTCY)} USDC, and the liquidation engine closes the position "
        "there.",
        f"The insurance fund of this market holds only {seed.figure(SMALL_FUND)} USDC.",
    ),
    prompt="How many USDC of the loss are passed on to auto-deleveraging?",
    kind=Kind.NUMBER,
    noun="amount",
    zero_allowed=True,
    section=Section(
        "insurance-fund-and-auto-deleveraging",
        "when-the-fund-is-not-enough-auto-deleveraging",
        "When the fund is not enough: auto-deleveraging",
    ),
    solve=solve,
)
