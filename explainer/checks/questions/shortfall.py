"""When a price jumps past bankruptcy: the insurance fund, and auto-deleveraging (ADL) when the
fund cannot cover the loss."""

import random
from decimal import Decimal

from explainer.calculators import display
from explainer.engine import Account, MarginMode, Side, replay

from .base import Link, Question, rounded, shuffled, step
from .trades import PRICES, Trade, account, alone, draw, price, spare_wallet, usdc

RISK_ARTICLE = "liquidation-price-and-risk-engine"
GAP_SECTION = "when-the-price-jumps-past-bankruptcy"
GAP_LABEL = "When the price jumps past bankruptcy"


def insurance_fund(rng: random.Random) -> Question:
    trade = draw(rng, ("BTC-PERP", "ETH-PERP", "SOL-PERP"), notional=(2_000, 30_000))
    market = trade.market
    wallet = spare_wallet(rng, trade)
    whole = account(wallet, trade.position(MarginMode.ISOLATED))
    result = whole.positions[0]
    gap = rounded(
        result.bankruptcy_price - trade.sign * trade.entry * step(rng, "0.01", "0.04", "0.005"),
        market,
    )
    holding = Account(wallet, (trade.position(MarginMode.ISOLATED),))
    event = replay(holding, path=[{market.symbol: gap}], liquidation_fee_rate=None).events[0]
    covered = -event.insurance_fund
    right = (
        f"You lose your margin of {usdc(event.loss)}; the insurance fund covers the "
        f"{usdc(covered)} while its balance lasts."
    )
    wrong = [
        f"You lose {usdc(event.loss)} and owe the exchange the other {usdc(covered)}.",
        f"The {usdc(covered)} is taken from the rest of your account, "
        f"{usdc(whole.cross_wallet_balance)}.",
        "Nothing yet: a loss is only taken when you close the position yourself.",
    ]
    choices, key = shuffled(rng, right, wrong)
    return Question(
        id="insurance-fund",
        title="The insurance fund",
        prompt=(
            f"You hold {usdc(wallet)} and this isolated {trade.side.value}, whose bankruptcy "
            f"price is {price(result.bankruptcy_price, market)}. In a crash the mark price "
            f"jumps straight to {price(gap, market)}, past bankruptcy, and the position is "
            f"closed there, {usdc(covered)} worse than its margin could pay. What do you lose?"
        ),
        facts=tuple(trade.facts()),
        choices=choices,
        answer_key=key,
        answer_text=right,
        link=Link(RISK_ARTICLE, GAP_SECTION, GAP_LABEL),
        explanation=(
            f"An isolated position never loses more than its margin, {usdc(event.loss)}. The "
            f"{usdc(covered)} lost past the bankruptcy price is paid by the exchange's insurance "
            "fund, which is filled by what is left of other positions' margin when they are "
            "liquidated before bankruptcy. The rest of your account is not touched."
        ),
    )


def adl_rank(rng: random.Random) -> Question:
    for _ in range(50):  # redraw until the two ranks are clearly apart
        first, second, mark = _two_shorts(rng)
        scores = [alone(t.position(mark=mark), t.size * t.entry).adl_score for t in (first, second)]
        if min(scores) > 0 and max(scores) > Decimal("1.25") * min(scores):
            break
    market = first.market
    names = ("Trader A", "Trader B")
    top = names[scores.index(max(scores))]
    right = f"{top}'s short."
    wrong = [f"{name}'s short." for name in names if name != top]
    wrong += [
        "Both at once, each cut in proportion to its size.",
        "Neither: auto-deleveraging closes only positions that are losing money.",
    ]
    choices, key = shuffled(rng, right, wrong)
    rows = [("Trader", "Size", "Entry price", "Leverage")]
    for name, trade in zip(names, (first, second), strict=True):
        rows.append(
            (
                name,
                display.size(trade.size, market),
                price(trade.entry, market),
                display.leverage(trade.leverage),
            )
        )
    return Question(
        id="adl-rank",
        title="Auto-deleveraging",
        prompt=(
            f"A large {market.symbol} long went bankrupt in a crash, and its loss is more than "
            "the insurance fund holds. The exchange closes profitable shorts against it at the "
            f"mark price, {price(mark, market)}, the highest ranked first: profit as a share of "
            "entry value, times effective leverage (position value ÷ margin plus profit). Two "
            "isolated shorts are in the queue. Whose is closed first?"
        ),
        facts=(("Market", market.symbol), ("Mark price", price(mark, market))),
        table=tuple(rows),
        choices=choices,
        answer_key=key,
        answer_text=right,
        link=Link(RISK_ARTICLE, GAP_SECTION, GAP_LABEL),
        explanation=(
            f"Trader A's rank is {_score(scores[0])} and Trader B's {_score(scores[1])}, so "
            f"{top}'s short goes first. A short opened higher has more profit at "
            f"{price(mark, market)}, and one with less margin behind it has higher effective "
            "leverage; both push a position up the queue."
        ),
    )


def _two_shorts(rng: random.Random) -> tuple[Trade, Trade, Decimal]:
    market = draw(rng, ("ETH-PERP", "SOL-PERP"), notional=(1_000, 2_000)).market
    low, high = PRICES[market.symbol]
    mark = rounded(low + (high - low) * step(rng, "0.2", "0.6", "0.001"), market)
    trades = []
    for _ in range(2):
        entry = rounded(mark * (1 + step(rng, "0.02", "0.15", "0.01")), market)
        size = step(rng, "1", "10", "1") * Decimal(1000) / entry
        leverage = Decimal(rng.choice((2, 3, 5, 10, 20)))
        trades.append(Trade(market, Side.SHORT, size.quantize(market.lot_size), entry, leverage))
    return trades[0], trades[1], mark


def _score(value: Decimal) -> str:
    return display.formatting.plain(value.quantize(Decimal("0.001")))
