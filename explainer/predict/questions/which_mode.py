"""After the same drop, which margin mode leaves more of the 500 USDC?

Past the isolated liquidation price but far from the cross one: isolated has lost its margin
and no more, while cross is still open and has lost more than that.
"""

from dataclasses import replace
from decimal import Decimal

from explainer.engine import Account, evaluate, sweep
from explainer.formatting import usdc
from explainer.worked_examples import (
    SEED_ISOLATED_MARGIN,
    SEED_TRADE,
    SEED_WALLET,
    seed_cross,
    seed_isolated,
)

from ..question import Answer, Choice, Kind, Question, Section
from . import seed

DROP_TO = Decimal("44000")
CHOICES = (
    Choice("isolated", "Isolated"),
    Choice("cross", "Cross"),
    Choice("same", "Both leave the same"),
)


def _left(account: Account) -> Decimal:
    """What the account is worth at the drop's price, liquidations applied."""
    return sweep(account, market=SEED_TRADE["market"], prices=[DROP_TO])[0].account_value


def _at_drop(account: Account):
    position = replace(account.positions[0], mark_price=DROP_TO)
    return evaluate(replace(account, positions=(position,))).positions[0]


def solve() -> Answer:
    isolated, cross = seed_isolated(), seed_cross()
    kept = {"isolated": _left(isolated), "cross": _left(cross)}
    winner = "same" if kept["isolated"] == kept["cross"] else max(kept, key=kept.get)
    iso, crs = evaluate(isolated).positions[0], evaluate(cross).positions[0]
    return Answer(
        shown=next(c.label for c in CHOICES if c.value == winner),
        choice=winner,
        explanation=(
            _isolated_sentence(iso, _at_drop(isolated), kept["isolated"]),
            _cross_sentence(crs, _at_drop(cross), kept["cross"]),
            "An isolated position can never take more than its margin. A cross position that "
            "is still open keeps its loss, and can win it back or lose more: up to "
            f"{usdc(crs.max_loss)} if the price keeps falling.",
        ),
    )


def _isolated_sentence(before, at, left: Decimal) -> str:
    if at.liquidated:
        return (
            f"Isolated: the fall to {usdc(DROP_TO)} passes the liquidation price of "
            f"{usdc(before.liquidation_price)}, so the position is closed and takes its "
            f"{usdc(before.margin)} of margin with it. {usdc(left)} is left."
        )
    return (
        f"Isolated: the position is still open at {usdc(DROP_TO)}, with a loss of "
        f"{usdc(-at.unrealized_pnl)}. The account is worth {usdc(left)}."
    )


def _cross_sentence(before, at, left: Decimal) -> str:
    if at.liquidated:
        return (
            f"Cross: the fall passes the liquidation price of {usdc(before.liquidation_price)}, "
            f"and the position takes the cross balance with it. {usdc(left)} is left."
        )
    return (
        f"Cross: the whole balance backs the trade, so it stays open until "
        f"{usdc(before.liquidation_price)}. At {usdc(DROP_TO)} its loss is "
        f"{usdc(-at.unrealized_pnl)}, and the account is worth {usdc(left)}."
    )


QUESTION = Question(
    slug="which-mode-keeps-more",
    title=f"Which mode leaves more of the {seed.figure(SEED_WALLET)} USDC?",
    setup=(
        seed.TRADE,
        f"Open it once in isolated mode with {seed.figure(SEED_ISOLATED_MARGIN)} USDC of margin, "
        f"and once in cross mode. Either way the account holds {seed.figure(SEED_WALLET)} USDC.",
        f"Then the mark price falls to {seed.figure(DROP_TO)} USDC.",
    ),
    prompt=f"After the fall, which mode leaves more of the {seed.figure(SEED_WALLET)} USDC?",
    kind=Kind.CHOICE,
    choices=CHOICES,
    section=Section(
        "cross-vs-isolated-margin", "the-two-modes-side-by-side", "The two modes side by side"
    ),
    solve=solve,
)
