"""Where is the seed's isolated long liquidated?"""

from dataclasses import replace

from explainer.engine import evaluate, explain, liquidation_distance
from explainer.formatting import percent, rate, usdc
from explainer.worked_examples import seed_isolated

from ..question import Answer, Kind, Question, Section
from . import seed


def solve() -> Answer:
    account = seed_isolated()
    now = evaluate(account).positions[0]
    price = now.liquidation_price
    there = replace(account.positions[0], mark_price=price)
    at = evaluate(replace(account, positions=(there,))).positions[0]
    math = {d.name: d for d in explain(account)}["liquidation_price"]
    return Answer(
        shown=usdc(price),
        value=price,
        explanation=(
            f"The position has {usdc(at.margin)} of margin behind it, and nothing else. The "
            "exchange closes it when that margin, less the loss so far, shrinks to the "
            "maintenance margin.",
            f"At {usdc(price)} the loss is {usdc(-at.unrealized_pnl)}, and what is left equals "
            f"the maintenance margin there: {rate(at.maintenance_margin_rate)} of the "
            f"{usdc(at.notional)} the position is then worth, {usdc(at.maintenance_margin)}.",
            f"That is {percent(liquidation_distance(now))} below the entry price, a little "
            f"before the bankruptcy price of {usdc(now.bankruptcy_price)}, where nothing would "
            "be left at all.",
            f"The engine’s working: {math.substituted}.",
        ),
    )


QUESTION = Question(
    slug="isolated-long-liquidation",
    title="Where is this isolated long liquidated?",
    setup=(seed.TRADE, seed.ISOLATED, seed.MARK),
    prompt="At what mark price is the position liquidated?",
    kind=Kind.NUMBER,
    noun="liquidation price",
    section=Section(
        "liquidation-price-and-risk-engine",
        "the-isolated-liquidation-boundary",
        "The isolated liquidation boundary",
    ),
    solve=solve,
)
