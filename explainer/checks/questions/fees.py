"""Fees: maker and taker rates of the value traded, and the liquidation fee."""

import random
from decimal import Decimal

from explainer.engine import Account, LiquidationEvent, PositionResult, replay

from .base import Link, Question, rounded, step
from .trades import Trade, alone, draw, price, rate, usdc


def trading_fees(rng: random.Random) -> Question:
    trade = draw(rng, ("ETH-PERP", "SOL-PERP", "XRP-PERP"), notional=(1_000, 50_000))
    market, fees = trade.market, trade.market.fees
    move = step(rng, "-0.05", "0.05", "0.005")
    close = rounded(trade.entry * (1 + move), market)
    wallet = trade.size * trade.entry
    opened = alone(trade.position(), wallet)
    closed = alone(trade.position(mark=close), wallet)
    taker, maker = opened.notional * fees.taker, closed.notional * fees.maker
    total = taker + maker
    return Question(
        id="trading-fees",
        title="Maker and taker fees",
        prompt=(
            f"You open this trade with a market order, which takes liquidity (taker fee "
            f"{rate(fees.taker)}), and later close it with a limit order that rested on the book "
            f"(maker fee {rate(fees.maker)}) at {price(close, market)}. How much do you pay in "
            "fees altogether?"
        ),
        facts=tuple(trade.facts()),
        answer=total,
        unit="USDC",
        tolerance=Decimal("0.01"),
        answer_text=usdc(total),
        link=Link(
            "leverage-and-position-size",
            "how-to-choose-your-leverage",
            "How to choose your leverage",
        ),
        explanation=(
            f"Fees are a share of the position's value, not of your margin. Opening: "
            f"{usdc(opened.notional)} × {rate(fees.taker)} = {usdc(taker)}. Closing: "
            f"{usdc(closed.notional)} × {rate(fees.maker)} = {usdc(maker)}. Together "
            f"{usdc(total)}, whatever the leverage."
        ),
    )


def liquidation_fee(rng: random.Random) -> Question:
    for _ in range(20):  # redraw until the fee is the plain rate, not capped at what is left
        trade, mark, closed, event = _liquidated(rng)
        if event.fee == closed.notional * trade.market.fees.liquidation:
            break
    market = trade.market
    liquidation = alone(trade.position(), trade.size * trade.entry).liquidation_price
    return Question(
        id="liquidation-fee",
        title="The liquidation fee",
        prompt=(
            f"This isolated {trade.side.value} is liquidated at {price(liquidation, market)}. "
            f"The mark price moves a little past it, to {price(mark, market)}, and the "
            f"liquidation engine closes the position there. The liquidation fee is "
            f"{rate(market.fees.liquidation)} of the value closed. How much is the fee?"
        ),
        facts=tuple(trade.facts()),
        answer=event.fee,
        unit="USDC",
        tolerance=Decimal("0.1"),
        answer_text=usdc(event.fee),
        link=Link(
            "liquidation-price-and-risk-engine",
            "what-happens-when-a-position-is-liquidated",
            "What happens when a position is liquidated",
        ),
        explanation=(
            f"The value closed is size × mark price = {usdc(closed.notional)}, and "
            f"{rate(market.fees.liquidation)} of it is {usdc(event.fee)}. It comes out of what "
            "is left of the margin at that price; what remains after it, "
            f"{usdc(event.insurance_fund)}, goes to the insurance fund. Either way you lose the "
            f"{usdc(event.loss)} of margin and no more."
        ),
    )


def _liquidated(rng: random.Random) -> tuple[Trade, Decimal, PositionResult, LiquidationEvent]:
    """A trade in the second bracket, where the buffer is wider than the fee, and the mark
    a little past its liquidation price: the engine's liquidation there."""
    trade = draw(rng, ("BTC-PERP",), notional=(100_000, 220_000), leverages=(10, 20, 25))
    wallet = trade.size * trade.entry
    result = alone(trade.position(), wallet)
    liquidation, bankruptcy = result.liquidation_price, result.bankruptcy_price
    share = step(rng, "0.02", "0.15", "0.01")
    mark = rounded(liquidation + (bankruptcy - liquidation) * share, trade.market)
    holding = Account(wallet, (trade.position(),))
    event = replay(holding, path=[{trade.market.symbol: mark}], liquidation_fee_rate=None).events[0]
    return trade, mark, alone(trade.position(mark=mark), wallet), event
