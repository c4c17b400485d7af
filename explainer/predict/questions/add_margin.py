"""How far does adding 50 USDC of margin move the seed's isolated liquidation price?"""

from decimal import Decimal

from explainer.engine import add_margin, evaluate
from explainer.formatting import usdc
from explainer.worked_examples import seed_isolated

from ..question import Answer, Kind, Question, Section
from . import seed

ADDED = Decimal("50")


def solve() -> Answer:
    account = seed_isolated()
    before = evaluate(account).positions[0]
    after = evaluate(add_margin(account, index=0, amount=ADDED)).positions[0]
    move = before.liquidation_price - after.liquidation_price
    return Answer(
        shown=usdc(move),
        value=move,
        explanation=(
            f"With {usdc(after.margin)} behind it instead of {usdc(before.margin)}, the "
            "position can take a larger loss before what is left falls to the maintenance "
            "margin.",
            f"Its liquidation price falls from {usdc(before.liquidation_price)} to "
            f"{usdc(after.liquidation_price)}: {usdc(move)} further from the entry price.",
            "That is a little more than the margin added divided by the size, because the "
            "maintenance margin shrinks as the price falls.",
            f"The price of that room: the most the trade can lose rises from "
            f"{usdc(before.max_loss)} to {usdc(after.max_loss)}.",
        ),
    )


QUESTION = Question(
    slug="add-margin-moves-liquidation",
    title=f"How far does adding {seed.figure(ADDED)} USDC of margin move the liquidation price?",
    setup=(
        seed.TRADE,
        seed.ISOLATED,
        f"You add {seed.figure(ADDED)} USDC of margin to it from the rest of the account.",
    ),
    prompt="By how many USDC does the liquidation price move?",
    kind=Kind.NUMBER,
    noun="move",
    tolerance=Decimal("0.01"),
    zero_allowed=True,
    section=Section(
        "adding-or-removing-margin", "what-adding-margin-does", "What adding margin does"
    ),
    solve=solve,
)
