"""What each margin mode puts at risk: the margin of one trade, or the whole cross balance."""

import random
from decimal import Decimal

from explainer.calculators import display
from explainer.engine import MarginMode

from .base import Link, Question, rounded, shuffled, step
from .trades import account, alone, draw, price, spare_wallet, usdc

ISOLATED, CROSS = MarginMode.ISOLATED, MarginMode.CROSS
SYMBOLS = ("BTC-PERP", "ETH-PERP", "SOL-PERP")
OUTCOMES = {
    (False, True): "Only in cross mode.",
    (True, False): "Only in isolated mode.",
    (True, True): "In both modes.",
    (False, False): "In neither mode.",
}


def mode_survival(rng: random.Random) -> Question:
    trade = draw(rng, SYMBOLS, notional=(2_000, 20_000), leverages=(10, 20))
    market = trade.market
    margin = trade.size * trade.entry / trade.leverage
    wallet = rounded(margin * step(rng, "2", "5", "0.5"), market).quantize(Decimal(1))
    isolated = alone(trade.position(ISOLATED), wallet)
    cross = alone(trade.position(CROSS), wallet)
    # A move past the isolated liquidation price, part of the way to the cross one.
    share = step(rng, "0.1", "1.2", "0.1")
    near, far = isolated.liquidation_price, cross.liquidation_price
    move = rounded(near + (far - near) * share, market)
    survives = (
        not alone(trade.position(ISOLATED, mark=move), wallet).liquidated,
        not alone(trade.position(CROSS, mark=move), wallet).liquidated,
    )
    right = OUTCOMES[survives]
    choices, key = shuffled(rng, right, [text for text in OUTCOMES.values() if text != right])
    return Question(
        id="mode-survival",
        title="Isolated or cross: what is at risk",
        prompt=(
            f"You have {usdc(wallet)} in your account and open this trade. The mark price then "
            f"moves to {price(move, market)}. In which margin mode is the position still open "
            "there?"
        ),
        facts=tuple(trade.facts()),
        choices=choices,
        answer_key=key,
        answer_text=right,
        link=Link(
            "cross-vs-isolated-margin", "the-two-modes-side-by-side", "The two modes side by side"
        ),
        explanation=(
            f"In isolated mode only the {usdc(isolated.margin)} of margin backs the trade, so it "
            f"is liquidated at {price(near, market)}. In cross mode the whole "
            f"{usdc(wallet)} backs it, which moves the liquidation price out to "
            f"{price(far, market)}, but a liquidation there would take that whole balance. "
            f"At {price(move, market)}: {right.lower().rstrip('.')}."
        ),
    )


def cross_risk(rng: random.Random) -> Question:
    held = draw(rng, ("BTC-PERP",), notional=(2_000, 10_000), leverages=(10, 20))
    # Worth more than the whole wallet, so that some price liquidates it, long or short.
    trade = draw(rng, ("ETH-PERP", "SOL-PERP"), notional=(10_000, 40_000), leverages=(10, 20))
    wallet = step(rng, "1500", "4000", "100")
    result = account(wallet, held.position(ISOLATED), trade.position(CROSS))
    isolated, crossed = result.positions
    return Question(
        id="cross-risk",
        title="What a cross position can take",
        prompt=(
            f"Your account holds {usdc(wallet)}. You have an isolated {held.side.value} of "
            f"{display.size(held.size, held.market)} at {price(held.entry, held.market)} with "
            f"{display.leverage(held.leverage)} leverage, and this cross position beside it. "
            "If the cross position is liquidated, at most how much can you lose with it?"
        ),
        facts=tuple(trade.facts()),
        answer=crossed.max_loss,
        unit="USDC",
        tolerance=Decimal(1),
        answer_text=usdc(crossed.max_loss),
        link=Link(
            "cross-vs-isolated-margin",
            "cross-margin-your-balance-backs-the-trade",
            "Cross margin: your balance backs the trade",
        ),
        explanation=(
            f"A cross position is backed by the cross wallet: everything in the account except "
            f"isolated margins. The isolated {held.side.value} keeps its own "
            f"{usdc(isolated.margin)} apart, so a cross liquidation can take the other "
            f"{usdc(result.cross_wallet_balance)}, and the isolated margin stays untouched."
        ),
    )


def max_loss(rng: random.Random) -> Question:
    trade = draw(rng, SYMBOLS, notional=(1_000, 30_000))
    wallet = spare_wallet(rng, trade)
    whole = account(wallet, trade.position(ISOLATED))
    result = whole.positions[0]
    return Question(
        id="max-loss",
        title="The most an isolated position can lose",
        prompt=(
            f"You have {usdc(wallet)} in your account and open this trade in isolated mode, "
            "with no margin added. Whatever the price does, at most how much can you lose on it?"
        ),
        facts=tuple(trade.facts()),
        answer=result.max_loss,
        unit="USDC",
        tolerance=Decimal("0.1"),
        answer_text=usdc(result.max_loss),
        link=Link(
            "cross-vs-isolated-margin",
            "isolated-margin-a-fixed-amount-for-one-trade",
            "Isolated margin: a fixed amount for one trade",
        ),
        explanation=(
            f"An isolated position can lose its margin and nothing more: size × entry price ÷ "
            f"leverage = {usdc(result.margin)}. Even if the price jumps past the bankruptcy "
            f"price, {price(result.bankruptcy_price, trade.market)}, the insurance fund covers "
            "the rest as far as its balance goes, and auto-deleveraging what it cannot; the "
            f"other {usdc(whole.cross_wallet_balance)} in your account is not touched."
        ),
    )
