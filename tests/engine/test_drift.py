"""Funding drift: the liquidation price over days of funding at a steady mark."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import (
    MARKETS,
    Account,
    MarginError,
    MarginMode,
    PositionMode,
    Side,
    evaluate,
    funding_drift,
)
from explainer.engine.markets import Funding
from tests.engine.builders import D, account, position
from tests.engine.strategies import ENTRY, positions


def btc(side="long", mode="isolated", **changes):
    """1 BTC at 60,000, 10×: margin 6,000; 60,000 notional is tier 2 (rate 0.01, amount 250)."""
    return position(**{"side": side, "size": "1", "entry": "60000", "mode": mode, **changes})


def margins(points):
    return [point.state.positions[0].margin for point in points]


def liquidation_prices(points):
    return [point.state.positions[0].liquidation_price for point in points]


def test_funding_drift_over_three_intervals():
    # Each payment s·q·M·rate = 1 × 60,000 × 0.0001 = 6 USDC, taken from the margin and so
    # from the wallet. Isolated long: P = (q·E − margin − amount) / (q·(1 − rate))
    #   = (60,000 − margin − 250) / 0.99: 53,750 / 0.99, then 53,756, 53,762, 53,768 / 0.99.
    points = funding_drift(account("6000", btc()), intervals=3)
    assert [point.hours for point in points] == [0, 8, 16, 24]
    assert [point.payments for point in points] == [(0,), (6,), (6,), (6,)]
    assert [point.funding_paid for point in points] == [(0,), (6,), (12,), (18,)]
    assert margins(points) == [6000, 5994, 5988, 5982]
    assert [point.wallet_balance for point in points] == [6000, 5994, 5988, 5982]
    assert liquidation_prices(points) == [
        D("54292.92929292929292929292929292929292929"),
        D("54298.98989898989898989898989898989898990"),
        D("54305.05050505050505050505050505050505051"),
        D("54311.11111111111111111111111111111111111"),
    ]


def test_point_zero_is_the_account_as_given():
    chosen = account("6000", btc())
    (start, _) = funding_drift(chosen, intervals=1)
    assert (start.interval, start.payments, start.state) == (0, (0,), evaluate(chosen))


def test_a_cross_position_pays_from_the_wallet():
    # P = (60,000 − cross wallet − 250) / 0.99, the cross wallet 10,000 then 9,994, 9,988, 9,982.
    points = funding_drift(account("10000", btc(mode="cross")), intervals=3)
    assert [point.state.cross_wallet_balance for point in points] == [10000, 9994, 9988, 9982]
    assert [point.state.positions[0].margin for point in points] == [6000] * 4  # initial margin
    assert liquidation_prices(points) == [
        D("50252.52525252525252525252525252525252525"),
        D("50258.58585858585858585858585858585858586"),
        D("50264.64646464646464646464646464646464646"),
        D("50270.70707070707070707070707070707070707"),
    ]


def test_a_short_receives_funding_and_its_liquidation_price_moves_away():
    # Short: P = (−60,000 − margin − 250) / (−1 − 0.01) = (60,250 + margin) / 1.01.
    points = funding_drift(account("6000", btc(side="short")), intervals=2)
    assert [point.payments for point in points] == [(0,), (-6,), (-6,)]
    assert margins(points) == [6000, 6006, 6012]
    assert liquidation_prices(points) == [
        D("65594.05940594059405940594059405940594059"),
        D("65600"),
        D("65605.94059405940594059405940594059405941"),
    ]


def test_a_negative_rate_pays_the_long():
    # −0.0002 × 60,000 = −12 a time: (60,000 − 6,012 − 250) / 0.99 = 53,738 / 0.99.
    points = funding_drift(account("6000", btc()), intervals=1, rates={"BTC-PERP": D("-0.0002")})
    assert points[1].payments == (-12,)
    assert (points[1].wallet_balance, margins(points)[1]) == (6012, 6012)
    assert liquidation_prices(points)[1] == D("54280.80808080808080808080808080808080808")


def test_the_drift_stops_at_the_first_liquidation():
    # At 54,300: margin + uPnL = 6,000 − 5,700 = 300 against MM 543 − 250 = 293. Payments of
    # 5.43 leave 294.57, then 289.14 ≤ 293: liquidated at the second funding time.
    points = funding_drift(account("6000", btc(mark="54300")), intervals=10)
    assert [point.state.positions[0].liquidated for point in points] == [False, False, True]


def test_funding_that_would_drain_a_profitable_isolated_margin_liquidates_it():
    # uPnL +10,000 keeps it far above maintenance, but 10 of margin pays 6 twice: 4, then −2.
    profitable = btc(entry="50000", mark="60000", isolated_margin=D(10))
    points = funding_drift(account("100", profitable), intervals=5)
    last = points[-1]
    assert (last.interval, last.funding_paid, last.wallet_balance) == (2, (12,), 88)
    assert (last.state.positions[0].margin, last.state.positions[0].liquidated) == (4, True)


def test_funding_that_would_overdraw_the_cross_wallet_liquidates_the_cross_positions():
    profitable = btc(entry="50000", mark="60000", mode="cross")
    points = funding_drift(account("10", profitable), intervals=5)
    assert [point.state.positions[0].liquidated for point in points] == [False, False, True]
    assert points[-1].wallet_balance == -2


def test_each_market_pays_on_its_own_schedule(monkeypatch):
    eth = MARKETS["ETH-PERP"]
    monkeypatch.setitem(MARKETS, "ETH-PERP", replace(eth, funding=Funding(D("0.0001"), D(4))))
    ether = position(size="10", entry="3000", market="ETH-PERP", mode="cross")  # pays 3
    points = funding_drift(account("20000", btc(mode="cross"), ether), intervals=4)
    assert [point.hours for point in points] == [0, 4, 8, 12, 16]
    assert [point.payments for point in points] == [(0, 0), (0, 3), (6, 3), (0, 3), (6, 3)]
    assert points[-1].wallet_balance == 20000 - 24


hedged_pairs = st.sampled_from(sorted(ENTRY)).flatmap(
    lambda market: positions(mode=MarginMode.CROSS, market=market, side=Side.LONG)
)


@given(
    long=hedged_pairs,
    wallet=st.decimals(min_value=0, max_value=10**6, places=2),
    rate=st.decimals(min_value=Decimal("-0.05"), max_value=Decimal("0.05"), places=6),
    intervals=st.integers(1, 20),
)
def test_an_equal_long_and_short_pay_each_other_exactly(long, wallet, rate, intervals):
    pair = (long, replace(long, side=Side.SHORT))
    hedged = Account(wallet, pair, position_mode=PositionMode.HEDGE)
    points = funding_drift(hedged, intervals=intervals, rates={long.market: rate})
    assert len(points) == intervals + 1 or points[0].state.positions[0].liquidated
    for point in points:
        assert sum(point.payments) == 0
        assert point.wallet_balance == wallet


@pytest.mark.parametrize("intervals", [0, 1096, -1, True, 3.0, "3", Decimal(3)])
def test_intervals_are_a_whole_number_up_to_a_year(intervals):
    with pytest.raises(MarginError, match="from 1 to 1,095") as error:
        funding_drift(account("6000", btc()), intervals=intervals)
    assert error.value.field == "intervals"


@pytest.mark.parametrize(
    ("rates", "field", "message"),
    [
        ({"BTC-PERP": 0.0001}, "rates.BTC-PERP", "must be a decimal number"),
        ({"BTC-PERP": D("NaN")}, "rates.BTC-PERP", "must be a finite number"),
        ({"BTC-PERP": D("0.0501")}, "rates.BTC-PERP", "between −0.05 and 0.05"),
        ({"SOL-PERP": D("-0.06")}, "rates.SOL-PERP", "between −0.05 and 0.05"),
        ({"FOO-PERP": D("0.0001")}, "rates.FOO-PERP", "Unknown market 'FOO-PERP'"),
        ([D("0.0001")], "rates", "map market symbols"),
    ],
)
def test_rates_are_finite_decimals_within_five_percent(rates, field, message):
    with pytest.raises(MarginError, match=message) as error:
        funding_drift(account("6000", btc()), intervals=1, rates=rates)
    assert error.value.field == field


def test_the_account_is_validated_like_evaluate():
    with pytest.raises(MarginError) as error:
        funding_drift(account("6000", btc(leverage="0.5")), intervals=1)
    assert error.value.field == "positions[0].leverage"


def test_rates_at_the_limit_are_accepted():
    points = funding_drift(account("6000", btc()), intervals=1, rates={"BTC-PERP": D("0.05")})
    assert points[1].payments == (3000,)
