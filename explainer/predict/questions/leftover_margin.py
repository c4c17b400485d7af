"""At liquidation, where does what is left of the seed's margin go: back to the trader, to
the liquidation fee, to the insurance fund, or split between the two?"""

from explainer.engine import evaluate
from explainer.formatting import rate, usdc
from explainer.topic_examples import BTC, liquidation, seed_replay
from explainer.worked_examples import seed_isolated

from ..question import Answer, Choice, Kind, Question, Section
from . import seed

CHOICES = (
    Choice("trader", "Back to the trader"),
    Choice("fee", "All of it to the liquidation fee"),
    Choice("fund", "All of it to the insurance fund"),
    Choice("split", "Part to the fee, the rest to the insurance fund"),
)


def solve() -> Answer:
    price = evaluate(seed_isolated()).positions[0].liquidation_price
    event = liquidation(seed_replay(price).events)
    left = event.loss + event.realized_pnl
    choice = _where(event.fee, event.insurance_fund)
    return Answer(
        shown=next(c.label for c in CHOICES if c.value == choice),
        choice=choice,
        explanation=(
            f"At {usdc(price)} the loss is {usdc(-event.realized_pnl)}, so "
            f"{usdc(left)} of the {usdc(event.loss)} margin is left. The trader has lost the "
            "margin either way: a liquidation never pays anything back.",
            f"The liquidation fee is {rate(BTC.fees.liquidation)} of the "
            f"{usdc(event.size * event.mark_price)} closed, {usdc(event.fee)}, and it is paid "
            "first, out of what is left.",
            f"{usdc(event.insurance_fund)} remains for the insurance fund. {_why(event)}",
        ),
    )


def _why(event) -> str:
    maintenance = BTC.tier_for(event.size * event.mark_price).maintenance_margin_rate
    if maintenance > BTC.fees.liquidation:
        return "The maintenance rate here is higher than the fee rate, so something is left."
    return (
        f"What is left is the maintenance margin, {rate(maintenance)} of the notional, and the "
        "fee rate is as high, so the fee takes it all."
    )


def _where(fee, fund) -> str:
    if fee > 0 and fund > 0:
        return "split"
    return "fee" if fee > 0 else "fund" if fund > 0 else "trader"


QUESTION = Question(
    slug="leftover-margin",
    title="Where does the margin left at liquidation go?",
    setup=(
        seed.TRADE,
        seed.ISOLATED,
        "The mark price falls to the position's liquidation price, and the liquidation engine "
        f"closes it there, charging {BTC.symbol}'s liquidation fee of "
        f"{rate(BTC.fees.liquidation)} of the notional closed.",
    ),
    prompt="Where does the margin that is still left at that moment go?",
    kind=Kind.CHOICE,
    choices=CHOICES,
    section=Section(
        "trading-fees-and-the-liquidation-fee",
        "where-did-my-leftover-margin-go",
        "Where did my leftover margin go?",
    ),
    solve=solve,
)
