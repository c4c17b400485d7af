"""Market data: tiers that cover every notional and keep maintenance margin continuous."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import MARKETS, MarginError, get_market
from tests.engine.builders import D

BOUNDARIES = [
    (market, index) for market in MARKETS.values() for index in range(1, len(market.tiers))
]


def maintenance(tier, notional):
    return notional * tier.maintenance_margin_rate - tier.maintenance_amount


def test_the_three_markets_exist_with_four_to_six_tiers():
    assert set(MARKETS) >= {"BTC-PERP", "ETH-PERP", "SOL-PERP"}
    assert all(4 <= len(market.tiers) <= 6 for market in MARKETS.values())


def test_btc_first_bracket_is_half_a_percent_up_to_50000_at_125x():
    first = get_market("BTC-PERP").tiers[0]
    assert (first.floor, first.cap, first.maintenance_margin_rate) == (0, 50000, D("0.005"))
    assert (first.maintenance_amount, first.max_leverage) == (0, 125)


@pytest.mark.parametrize(("market", "index"), BOUNDARIES, ids=str)
def test_maintenance_margin_is_continuous_at_every_tier_boundary(market, index):
    below, above = market.tiers[index - 1], market.tiers[index]
    assert below.cap == above.floor
    assert maintenance(below, above.floor) == maintenance(above, above.floor)


@pytest.mark.parametrize(("market", "index"), BOUNDARIES, ids=str)
def test_each_tier_charges_more_and_allows_less_leverage(market, index):
    below, above = market.tiers[index - 1], market.tiers[index]
    assert above.maintenance_margin_rate > below.maintenance_margin_rate
    assert above.max_leverage <= below.max_leverage


@pytest.mark.parametrize("market", MARKETS.values(), ids=str)
def test_opening_at_max_leverage_leaves_room_above_maintenance(market):
    for tier in market.tiers:
        assert 1 / tier.max_leverage > tier.maintenance_margin_rate
    assert market.tiers[0].floor == 0 and market.tiers[-1].cap is None


def test_tier_lookup_includes_the_floor_and_excludes_the_cap():
    market = get_market("BTC-PERP")
    assert market.tier_index(D("49999.99")) == 0
    assert market.tier_index(D("50000")) == 1
    assert market.tier_for(D("1e12")) is market.tiers[-1]


@given(
    st.sampled_from(list(MARKETS.values())),
    st.decimals(0, 10**9, places=2),
    st.decimals(0, 10**9, places=2),
)
def test_maintenance_margin_never_falls_as_notional_grows(market, first, second):
    low, high = sorted((first, second))
    assert maintenance(market.tier_for(low), low) <= maintenance(market.tier_for(high), high)


def test_unknown_market_names_the_field():
    with pytest.raises(MarginError) as error:
        get_market("DOGE-PERP")
    assert error.value.field == "market"
