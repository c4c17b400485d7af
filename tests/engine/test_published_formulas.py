"""Our liquidation prices against formulas exchanges publish."""

from dataclasses import replace
from decimal import Decimal, localcontext

import pytest

from explainer.engine import MarginError, evaluate, get_market
from explainer.engine.decimals import CONTEXT
from explainer.engine.liquidation import liquidation_price
from tests.engine.builders import D, account, position
from tests.engine.strategies import ENTRY


def binance_liquidation_price(*, wb, tmm1, upnl1, cum_b, side, size, entry, mmr):
    """Binance Futures FAQ, "How to Calculate Liquidation Price of USDⓈ-M Contracts"
    (one-way mode): LP = (WB − TMM1 + UPNL1 + cumB − Side·Position·EP) /
    (Position·MMR − Side·Position). Isolated: WB is the position's margin, TMM1 = UPNL1 = 0."""
    with localcontext(CONTEXT):
        numerator = wb - tmm1 + upnl1 + cum_b - side * size * entry
        return numerator / (size * mmr - side * size)


def binance_for(mine, *, wb, others=()):
    """Binance's formula fed from our results: TMM1 and UPNL1 from the other positions."""
    return binance_liquidation_price(
        wb=wb,
        tmm1=sum((other.maintenance_margin for other in others), Decimal(0)),
        upnl1=sum((other.unrealized_pnl for other in others), Decimal(0)),
        cum_b=mine.maintenance_amount,
        side=1 if mine.side == "long" else -1,
        size=mine.size,
        entry=mine.entry_price,
        mmr=mine.maintenance_margin_rate,
    )


def bybit_isolated_liquidation_price(*, side, entry, initial_margin, maintenance, size):
    """Bybit Help Center, "Liquidation Price (USDT Contract)", isolated margin mode:
    long LP = entry − (IM − MM) / size, short LP = entry + (IM − MM) / size, with MM
    measured at the entry price (position value = size × entry)."""
    with localcontext(CONTEXT):
        return entry - side * (initial_margin - maintenance) / size


@pytest.mark.parametrize("side", ["long", "short"])
@pytest.mark.parametrize("mode", ["isolated", "cross"])
def test_single_position_matches_binance_usdsm_formula(side, mode):
    # 80,000 notional: BTC tier 2, so the maintenance amount (Binance's cumB) is 250.
    chosen = position(side=side, size="2", entry="40000", leverage="20", mode=mode)
    result = evaluate(account("10000", chosen)).positions[0]
    wb = result.margin if mode == "isolated" else D("10000")
    assert result.maintenance_amount == 250
    assert result.liquidation_price == binance_for(result, wb=wb)


def test_binance_worked_number_cross_long():
    # (10000 − 0 + 0 + 250 − 1 × 2 × 40000) / (2 × 0.01 − 1 × 2) = −69750 / −1.98
    chosen = position(size="2", entry="40000", leverage="20", mode="cross")
    result = evaluate(account("10000", chosen)).positions[0]
    assert result.liquidation_price == D("35227.27272727272727272727272727272727273")


def test_every_cross_position_matches_binance_formula_with_the_others_held():
    btc = position(size="0.1", leverage="10", mode="cross", mark="48000")
    eth = position(side="short", size="2", entry="3000", mode="cross", market="ETH-PERP")
    sol = position(size="50", entry="150", leverage="5", mode="cross", market="SOL-PERP")
    marked = (btc, replace(eth, mark_price=D(3100)), replace(sol, mark_price=D(140)))
    results = evaluate(account("3000", *marked)).positions
    for index, mine in enumerate(results):
        others = results[:index] + results[index + 1 :]
        assert mine.liquidation_price == binance_for(mine, wb=D(3000), others=others)


def test_bybit_example_is_our_equation_with_maintenance_measured_at_entry():
    # Bybit's Example 1: long 1 BTC at 20,000, 50×, MMR 0.5 %: IM 400, MM 100, LP 19,700.
    bybit = bybit_isolated_liquidation_price(
        side=1, entry=D(20000), initial_margin=D(400), maintenance=D(100), size=D(1)
    )
    pinned = liquidation_price(
        sign=1, size=D(1), entry=D(20000), collateral=D(400), rate=D(0), amount=D(-100)
    )  # a maintenance margin fixed at its entry value: rate 0, amount −100
    assert bybit == pinned == 19700


def test_bybit_and_we_agree_on_the_equation_but_measure_maintenance_at_different_prices():
    # We keep MM proportional to the mark, so the long's MM shrinks as the price falls and
    # our liquidation price lies a little further from entry than Bybit's.
    result = evaluate(account("1000", position(size="1", entry="20000", leverage="50")))
    ours = result.positions[0].liquidation_price
    assert ours == D("19698.49246231155778894472361809045226131")  # 19600 / 0.995
    assert ours < 19700


@pytest.mark.parametrize("side", ["long", "short"])
def test_bybit_formula_agrees_exactly_when_the_maintenance_rate_is_zero(side):
    sign = 1 if side == "long" else -1
    chosen = position(
        side=side, size="1", entry="20000", leverage="50", maintenance_margin_rate=D(0)
    )
    ours = evaluate(account("1000", chosen)).positions[0].liquidation_price
    assert ours == bybit_isolated_liquidation_price(
        side=sign, entry=D(20000), initial_margin=D(400), maintenance=D(0), size=D(1)
    )


def test_negative_price_is_none_where_binance_shows_dashes():
    # Binance: "If the liquidation price is less than 0, the UI display would be '--'".
    fully_backed = position(size="1", leverage="1", mode="cross")
    mine = evaluate(account("100000", fully_backed)).positions[0]
    assert binance_for(mine, wb=D(100000)) < 0
    assert mine.liquidation_price is None


def binance_multi_bracket(*, wb, side, size, entry, tiers):
    """The FAQ's note: "If your position (calculated at the liquidation price) and the current
    position ... are of different levels", substitute that level's rate and amount and
    recalculate. Done here for every bracket: the answer is the one inside its own bracket."""
    for tier in tiers:
        price = binance_liquidation_price(
            wb=wb, tmm1=0, upnl1=0, cum_b=tier.maintenance_amount, side=side, size=size,
            entry=entry, mmr=tier.maintenance_margin_rate,
        )  # fmt: skip
        notional = size * price
        if tier.floor <= notional and (tier.cap is None or notional < tier.cap):
            return price if price > 0 else None
    return None


GRID = [
    (market, side, size, leverage)
    for market, sizes in {
        "BTC-PERP": ["0.5", "3", "12", "40", "150", "400"],
        "ETH-PERP": ["5", "20", "80", "300", "900"],
        "SOL-PERP": ["40", "150", "600", "2500"],
    }.items()
    for side in ("long", "short")
    for size in sizes
    for leverage in ("1.1", "2", "3", "5", "10", "20", "50")
]


def test_a_grid_of_isolated_positions_follows_the_multi_bracket_rule():
    crossed = 0
    for market, side, size, leverage in GRID:
        chosen = position(side=side, size=size, entry=str(ENTRY[market]), leverage=leverage,
                          market=market)  # fmt: skip
        try:
            result = evaluate(account("1e9", chosen)).positions[0]
        except MarginError:
            continue  # above the tier's leverage cap
        rule = binance_multi_bracket(
            wb=result.margin, side=result.side.sign, size=result.size,
            entry=result.entry_price, tiers=get_market(market).tiers,
        )  # fmt: skip
        assert result.liquidation_price == rule, (market, side, size, leverage)
        crossed += rule is not None and result.liquidation_price != binance_for(
            result, wb=result.margin
        )
    assert crossed >= 10  # the grid does cross tiers
