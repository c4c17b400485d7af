"""Maintenance margin: the brackets (tiers) it is measured in, and the cross margin ratio it
makes with the balance."""

import random
from decimal import Decimal

from explainer import formatting
from explainer.engine import MARKETS, MarginMode

from .base import Link, Question, rounded, step
from .trades import account, alone, draw, price, rate, usdc

RISK_ARTICLE = "liquidation-price-and-risk-engine"
SHOWN_TIERS = 4


def margin_ratio(rng: random.Random) -> Question:
    for _ in range(50):  # redraw until the ratio is a telling one, neither tiny nor over 100 %
        trade = draw(rng, ("BTC-PERP", "ETH-PERP"), notional=(5_000, 40_000), leverages=(10, 20))
        margin = trade.size * trade.entry / trade.leverage
        wallet = (margin * step(rng, "1.2", "3", "0.1")).quantize(Decimal(1))
        move = step(rng, "0.01", "0.06", "0.005")
        mark = rounded(trade.entry * (1 - trade.sign * move), trade.market)
        result = account(wallet, trade.position(MarginMode.CROSS, mark=mark))
        ratio = result.margin_ratio
        if ratio is not None and Decimal("0.05") < ratio < Decimal("0.9"):
            break
    position = result.positions[0]
    return Question(
        id="margin-ratio",
        title="The margin ratio",
        prompt=(
            f"Your account holds {usdc(wallet)} and this one cross position. The mark price is "
            f"now {price(mark, trade.market)}, where the position's maintenance margin is "
            f"{usdc(position.maintenance_margin)}. What is the account's margin ratio? Answer "
            "in percent (for 12.5 %, type 12.5)."
        ),
        facts=tuple(trade.facts()),
        answer=ratio * 100,
        unit="%",
        tolerance=Decimal("0.1"),
        answer_text=formatting.percent(ratio),
        link=Link(RISK_ARTICLE, "the-cross-liquidation-boundary", "The cross liquidation boundary"),
        explanation=(
            f"The unrealized PnL at {price(mark, trade.market)} is "
            f"{usdc(position.unrealized_pnl)}, so the cross margin balance is "
            f"{usdc(result.cross_margin_balance)}. The margin ratio is the maintenance margin "
            f"divided by that balance: {usdc(position.maintenance_margin)} ÷ "
            f"{usdc(result.cross_margin_balance)} = {formatting.percent(ratio)}. At 100 % the "
            "account is liquidated."
        ),
    )


def maintenance_tier(rng: random.Random) -> Question:
    trade = draw(rng, ("BTC-PERP",), notional=(60_000, 2_000_000), leverages=(5, 10, 15))
    market = trade.market
    result = alone(trade.position(), wallet=trade.size * trade.entry)
    return Question(
        id="maintenance-tier",
        title="Maintenance margin brackets",
        prompt=(
            "Maintenance margin is measured in brackets of the position's value (its "
            "notional): value × the bracket's rate − the bracket's maintenance amount. With "
            f"the mark price at the entry price, {price(trade.entry, market)}, what is this "
            "position's maintenance margin?"
        ),
        facts=tuple(trade.facts()),
        table=_tier_table(market.symbol),
        answer=result.maintenance_margin,
        unit="USDC",
        tolerance=Decimal(1),
        answer_text=usdc(result.maintenance_margin),
        link=Link(
            RISK_ARTICLE, "maintenance-margin-and-its-tiers", "Maintenance margin and its tiers"
        ),
        explanation=(
            f"The position is worth {usdc(result.notional)}, which falls in the bracket with "
            f"rate {rate(result.maintenance_margin_rate)} and maintenance amount "
            f"{usdc(result.maintenance_amount)}. So the maintenance margin is "
            f"{usdc(result.notional)} × {rate(result.maintenance_margin_rate)} − "
            f"{usdc(result.maintenance_amount)} = {usdc(result.maintenance_margin)}."
        ),
    )


def _tier_table(symbol: str) -> tuple[tuple[str, ...], ...]:
    rows = [("Position value (USDC)", "Rate", "Maintenance amount")]
    for tier in MARKETS[symbol].tiers[:SHOWN_TIERS]:
        cap = "and above" if tier.cap is None else f"to under {formatting.amount(tier.cap, 0)}"
        band = f"{formatting.amount(tier.floor, 0)} {cap}"
        rows.append((band, rate(tier.maintenance_margin_rate), usdc(tier.maintenance_amount)))
    return tuple(rows)
