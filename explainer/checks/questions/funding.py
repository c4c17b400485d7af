"""Funding: who pays whom at each funding time, and how much."""

import random
from decimal import Decimal

from explainer import formatting
from explainer.calculators import display
from explainer.engine import Account, MarginMode, funding_drift

from .base import Link, Question, step
from .trades import draw, usdc


def funding(rng: random.Random) -> Question:
    trade = draw(
        rng, ("BTC-PERP", "ETH-PERP", "SOL-PERP"), notional=(2_000, 50_000), leverages=(5,)
    )
    market = trade.market
    wallet = (trade.size * trade.entry).quantize(Decimal(1))
    rate = step(rng, "0.0001", "0.0005", "0.00005") * rng.choice((1, -1))
    days = rng.randint(1, 7)
    every = market.funding.interval_hours
    times = int(days * 24 / every)
    account = Account(wallet, (trade.position(MarginMode.CROSS),))
    points = funding_drift(account, intervals=times, rates={market.symbol: rate})
    change = -points[-1].funding_paid[0]
    payer = "longs pay shorts" if rate > 0 else "shorts pay longs"
    pays = change < 0
    return Question(
        id="funding",
        title="Funding payments",
        prompt=(
            f"The funding rate stays at {_signed_rate(rate)} every {formatting.plain(every)} "
            f"hours and the mark price stays at the entry price for {days} "
            f"day{'s' if days > 1 else ''} ({times} funding times). By how much does your "
            "wallet balance change? Use a minus sign for a fall (type −12.5 for a fall of "
            "12.5 USDC)."
        ),
        facts=(*trade.facts(), ("Margin mode", "Cross")),
        answer=change,
        unit="USDC",
        tolerance=Decimal("0.1"),
        answer_text=display.signed_usdc(change),
        link=Link(
            "why-was-my-position-liquidated",
            "why-is-my-liquidation-price-different-from-the-one-i-calculated",
            "Why is my liquidation price different from the one I calculated?",
        ),
        explanation=(
            f"With a {'positive' if rate > 0 else 'negative'} rate {payer}, so this "
            f"{trade.side.value} {'pays' if pays else 'receives'}. Each funding time moves "
            f"size × mark price × rate = {usdc(abs(points[1].payments[0]))}; over {times} "
            f"funding times that is {usdc(abs(change))}, "
            f"{'out of' if pays else 'into'} the wallet: {display.signed_usdc(change)}."
        ),
    )


def _signed_rate(rate: Decimal) -> str:
    text = formatting.rate(rate)
    return f"+{text}" if rate > 0 else text.replace("-", "−")
