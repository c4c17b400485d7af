"""Adding margin to an isolated position: what it moves, and by how much."""

import random
from decimal import Decimal

from explainer.engine import Account, MarginMode, add_margin, evaluate

from .base import Link, Question, step
from .trades import draw, price, rate, spare_wallet, usdc


def adding_margin(rng: random.Random) -> Question:
    trade = draw(rng, ("BTC-PERP", "ETH-PERP"), notional=(1_000, 20_000), leverages=(10, 20, 25))
    market = trade.market
    wallet = spare_wallet(rng, trade)
    before = Account(wallet, (trade.position(MarginMode.ISOLATED),))
    was = evaluate(before).positions[0]
    added = (was.margin * step(rng, "0.3", "1", "0.1")).quantize(Decimal(1))
    now = evaluate(add_margin(before, index=0, amount=added)).positions[0]
    return Question(
        id="adding-margin",
        title="Adding margin",
        prompt=(
            f"This isolated {trade.side.value} is liquidated at "
            f"{price(was.liquidation_price, market)}. "
            f"You add {usdc(added)} of margin to it from your balance of {usdc(wallet)}. Its "
            f"maintenance margin rate is {rate(was.maintenance_margin_rate)} of the position's "
            "value, with no maintenance amount. Where is its liquidation price now?"
        ),
        facts=tuple(trade.facts()),
        answer=now.liquidation_price,
        unit="USDC",
        tolerance=Decimal("0.0005"),
        relative=True,
        answer_text=price(now.liquidation_price, market),
        link=Link(
            "adding-or-removing-margin", "what-adding-margin-does", "What adding margin does"
        ),
        explanation=(
            f"The margin grows from {usdc(was.margin)} to {usdc(now.margin)}, so the price can "
            f"move further before margin + unrealized PnL falls to the maintenance margin: the "
            f"liquidation price moves from {price(was.liquidation_price, market)} to "
            f"{price(now.liquidation_price, market)}, away from the mark. The size and the entry "
            f"price stay the same; the most you can lose grows with the margin, to "
            f"{usdc(now.max_loss)}."
        ),
    )
