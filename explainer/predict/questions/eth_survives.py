"""In cross mode, does an ETH position survive BTC falling? Cross positions share one balance
and are liquidated together, so a position whose own price never moved can be closed."""

from decimal import Decimal

from explainer.calculators.presets import SECOND
from explainer.engine import Account, MarginMode, Position, Side, evaluate
from explainer.formatting import usdc
from explainer.worked_examples import SEED_TRADE, SEED_WALLET

from ..question import Answer, Choice, Kind, Question, Section
from . import seed

BTC_FALLS_TO = Decimal("25000")
CHOICES = (Choice("yes", "Yes, it stays open"), Choice("no", "No, it is closed too"))
ETH = Position(
    market=SECOND["market"],
    side=Side(SECOND["side"]),
    size=Decimal(SECOND["size"]),
    entry_price=Decimal(SECOND["entry"]),
    leverage=Decimal(SECOND["leverage"]),
    margin_mode=MarginMode.CROSS,
)


def account(btc_mark: Decimal | None = None) -> Account:
    btc = Position(**SEED_TRADE, margin_mode=MarginMode.CROSS, mark_price=btc_mark)
    return Account(wallet_balance=SEED_WALLET, positions=(btc, ETH))


def solve() -> Answer:
    before = evaluate(account())
    after = evaluate(account(BTC_FALLS_TO))
    btc, eth = after.positions
    survives = not eth.liquidated
    choice = "yes" if survives else "no"
    return Answer(
        shown=next(c.label for c in CHOICES if c.value == choice),
        choice=choice,
        explanation=(
            f"Both positions draw on one cross balance. At {usdc(BTC_FALLS_TO)} the BTC "
            f"position has lost {usdc(-btc.unrealized_pnl)}, so the cross margin balance is "
            f"down to {usdc(after.cross_margin_balance)}.",
            f"Together the two positions need {usdc(after.cross_maintenance_margin)} of "
            f"maintenance margin: {usdc(btc.maintenance_margin)} for BTC and "
            f"{usdc(eth.maintenance_margin)} for ETH.",
            _verdict(survives),
            f"With the ETH position held, BTC's liquidation price is "
            f"{usdc(before.positions[0].liquidation_price)}.",
        ),
    )


def _verdict(survives: bool) -> str:
    if survives:
        return (
            "The balance is still above what they need, so nothing is liquidated: the ETH "
            "position stays open, though it now has less room than before."
        )
    return (
        "The balance is no longer above what they need, so the account is liquidated, and "
        "every cross position closes at once: the ETH position too, although ETH's price has "
        "not moved at all."
    )


QUESTION = Question(
    slug="eth-survives-btc-drop",
    title="Does the ETH position survive BTC's fall?",
    setup=(
        seed.TRADE,
        f"Also a long of {seed.figure(ETH.size)} ETH on {ETH.market}, opened at "
        f"{seed.figure(ETH.entry_price)} USDC with {seed.figure(ETH.leverage)}× leverage.",
        f"Both in cross mode, in one account holding {seed.figure(SEED_WALLET)} USDC.",
        f"Then BTC's mark price falls to {seed.figure(BTC_FALLS_TO)} USDC. ETH's stays at "
        f"{seed.figure(ETH.entry_price)} USDC.",
    ),
    prompt="Is the ETH position still open after BTC's fall?",
    kind=Kind.CHOICE,
    choices=CHOICES,
    section=Section(
        "cross-vs-isolated-margin",
        "several-cross-positions-share-one-balance",
        "Several cross positions share one balance",
    ),
    solve=solve,
)
