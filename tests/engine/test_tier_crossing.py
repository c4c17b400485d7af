"""Worked examples where the move to liquidation takes the notional into another tier.

The rule (Binance, "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts", and its
COIN-M twin: if the position's notional at the computed liquidation price falls in another
bracket than the one assumed, substitute that bracket's maintenance margin rate and
maintenance amount and compute again; Bybit's risk limits measure maintenance margin the
same way, position value × rate − deduction by tier): solve
P = (s·q·E − margin − amount) / (q·(s − rate)) with a tier, check that q·P lies in it, and
move to the tier it lies in until it does. Tiers as in explainer/engine/markets.py.

BTC-PERP long 334 at 60,000, 1.1×, isolated (the issue's worst case). Notional 20.04 M:
tier 6 (15 %, amount 1,282,750). Margin 20,040,000 / 1.1 = 18,218,181.82.
  tier 6: (20,040,000 − 18,218,181.82 − 1,282,750) / (334 × 0.85) = 1,898.80, notional 0.63 M:
          tier 3, not 6 (the old answer stopped here)
  tier 3: (… − 2,750) / (334 × 0.98) = 5,557.46, notional 1.86 M: tier 4
  tier 4: (… − 32,750) / (334 × 0.95) = 1,789,068.18 / 317.3 = 5,638.41, notional 1.88 M: tier 4 ✓
  Exactly: (20,040,000 − 360,250) / 11 / 317.3 = 19,679,750 / 3,490.3.

BTC-PERP long 83.342 at 60,000, 2×: notional 5,000,520, tier 5 (10 %, 282,750), margin
2,500,260. Tier 5 gives 2,217,510 / 75.0078 = 29,563.73 (notional 2.46 M, tier 4); tier 4
gives (5,000,520 − 2,500,260 − 32,750) / (83.342 × 0.95) = 2,467,510 / 79.1749 = 31,165.31,
notional 2.60 M: tier 4 ✓.

ETH-PERP long 40 at 3,000, 2×: notional 120,000, tier 3 (2.5 %, 1,625), margin 60,000.
Tier 3 gives 58,375 / 39 = 1,496.79 (notional 59,872: tier 2); tier 2 (1 %, 125) gives
(120,000 − 60,000 − 125) / (40 × 0.99) = 59,875 / 39.6 = 1,511.99, notional 60,480 ✓.

SOL-PERP short 60 at 150, 2×: notional 9,000, tier 1 (1 %, 0), margin 4,500. A short's
price rises, so does its notional. Tier 1 gives (−9,000 − 4,500) / (60 × −1.01) = 222.77
(notional 13,366: tier 2); tier 2 (2 %, 100) gives 13,600 / 61.2 = 222.22, notional 13,333 ✓.

XRP-PERP long 50,000 at 0.6, 1.4×: notional 30,000, tier 2 (2.5 %, 150), margin 150,000 / 7
= 21,428.57. Tier 2 gives (30,000 − 21,428.57 − 150) / (50,000 × 0.975) = 0.17275 (notional
8,637: tier 1); tier 1 (1 %, 0) gives (60,000 / 7) / 49,500 = 60,000 / 346,500 = 0.17316,
notional 8,658 ✓.

AVAX-PERP short 150 at 30, 2×: notional 4,500, tier 1 (1 %, 0), margin 2,250. Tier 1 gives
(−4,500 − 2,250) / (150 × −1.01) = 44.55 (notional 6,683: tier 2); tier 2 (2.5 %, 75) gives
(−4,500 − 2,250 − 75) / (150 × −1.025) = 6,825 / 153.75 = 44.39, notional 6,658.5 ✓.

BTC-PERP cross long 2 at 30,000, 20×, wallet 20,000: notional 60,000, tier 2 (1 %, 250).
Tier 2 gives (60,000 − 20,000 − 250) / 1.98 = 20,075.76 (notional 40,152: tier 1); tier 1
gives 40,000 / 1.99 = 20,100.50, notional 40,201 ✓.
"""

from decimal import Decimal, localcontext

import pytest

from explainer.engine import evaluate, explain, get_market
from explainer.engine.decimals import CONTEXT
from tests.engine.builders import D, account, position


def exactly(numerator, denominator):
    with localcontext(CONTEXT):
        return Decimal(numerator) / Decimal(denominator)


ISO = "isolated"
CROSSINGS = [
    # side, size, entry, leverage, market, mode, wallet, numerator, denominator, old answer
    ("long", "334", "60000", "1.1", "BTC-PERP", ISO, "1e8", "19679750", "3490.3", "1898.80"),
    ("long", "83.342", "60000", "2", "BTC-PERP", ISO, "1e7", "2467510", "79.1749", "29563.73"),
    ("long", "40", "3000", "2", "ETH-PERP", ISO, "1e6", "59875", "39.6", "1496.79"),
    ("short", "60", "150", "2", "SOL-PERP", ISO, "1e6", "13600", "61.2", "222.77"),
    ("long", "50000", "0.6", "1.4", "XRP-PERP", ISO, "1e6", "60000", "346500", "0.1727"),
    ("short", "150", "30", "2", "AVAX-PERP", ISO, "1e6", "6825", "153.75", "44.554"),
    ("long", "2", "30000", "20", "BTC-PERP", "cross", "20000", "40000", "1.99", "20075.76"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("side", "size", "entry", "leverage", "market", "mode", "wallet", "num", "den", "old"),
    CROSSINGS,
)
def test_the_liquidation_price_uses_the_tier_at_that_price(
    side, size, entry, leverage, market, mode, wallet, num, den, old
):
    chosen = position(
        side=side, size=size, entry=entry, leverage=leverage, market=market, mode=mode
    )
    result = evaluate(account(wallet, chosen)).positions[0]
    # To the 40th digit: the margin q·E / 1.1 is itself rounded there.
    assert abs(result.liquidation_price - exactly(num, den)) < D("1e-30")
    # The old answer, kept tier at the mark, differs at the market's tick.
    assert result.liquidation_price.quantize(get_market(market).tick_size) != D(old)


def test_show_the_math_names_the_tier_at_the_liquidation_price_and_why():
    chosen = position(size="334", entry="60000", leverage="1.1")
    shown = {d.name: d for d in explain(account("1e8", chosen))}["liquidation_price"]
    assert "at 5,638.41 the notional is 1.88 M USDC, BTC-PERP tier 4" in shown.words
    assert "at the mark it is tier 6" in shown.words
    assert shown.substituted.endswith("− 32750) / (334 × (1 − 0.05))")


def test_a_given_amount_with_tier_rates_can_be_liquidated_at_a_tier_border():
    # Short 1 at 49,900, 100×: margin 499, amount given as 0. Just below 50,000 (tier 1,
    # 0.5 %) it keeps 499 − 100 − 250 = 149; at 50,000 tier 2's 1 % with no amount asks
    # for 500 against 399: liquidation starts at the border itself.
    chosen = position(
        side="short", size="1", entry="49900", leverage="100", maintenance_amount=D(0)
    )
    result = evaluate(account("1000", chosen)).positions[0]
    assert result.liquidation_price == 50000
    shown = {d.name: d for d in explain(account("1000", chosen))}["liquidation_price"]
    assert shown.substituted == "P = 50000 / 1"
    assert "border" in shown.words
