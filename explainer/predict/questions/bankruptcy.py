"""At what price is the seed's isolated long bankrupt?"""

from dataclasses import replace

from explainer.engine import evaluate, explain
from explainer.formatting import usdc
from explainer.worked_examples import seed_isolated

from ..question import Answer, Kind, Question, Section
from . import seed


def solve() -> Answer:
    account = seed_isolated()
    now = evaluate(account).positions[0]
    price = now.bankruptcy_price
    there = replace(account.positions[0], mark_price=price)
    at = evaluate(replace(account, positions=(there,))).positions[0]
    math = {d.name: d for d in explain(account)}["bankruptcy_price"]
    return Answer(
        shown=usdc(price),
        value=price,
        explanation=(
            f"Bankrupt means every USDC behind the position is gone. Here that is its "
            f"{usdc(at.margin)} of isolated margin.",
            f"At {usdc(price)} the loss is {usdc(-at.unrealized_pnl)}: the whole margin, so "
            "nothing is left.",
            f"The position never gets that far in an orderly market: it is liquidated first, at "
            f"{usdc(now.liquidation_price)}, while the maintenance margin is still there to "
            "pay for closing it.",
            f"The engine’s working: {math.substituted}.",
        ),
    )


QUESTION = Question(
    slug="bankruptcy-price",
    title="At what price is this position bankrupt?",
    setup=(seed.TRADE, seed.ISOLATED, seed.MARK),
    prompt="At what mark price would the position have nothing left behind it?",
    kind=Kind.NUMBER,
    noun="bankruptcy price",
    section=Section(
        "liquidation-price-and-risk-engine", "the-bankruptcy-price", "The bankruptcy price"
    ),
    solve=solve,
)
