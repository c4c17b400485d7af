"""Sweeps: the account across a range of prices for one market."""

from dataclasses import replace
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.engine import MarginError, evaluate, sweep
from explainer.engine.decimals import EXACT
from tests.engine.builders import D, account, canonical, position
from tests.engine.strategies import ENTRY, accounts, factors


def test_sweep_marks_the_market_at_each_price():
    points = sweep(canonical(), market="BTC-PERP", prices=[D(50000), D(52000)])
    assert [p.price for p in points] == [50000, 52000]
    assert [p.account_value for p in points] == [500, 540]
    assert [p.position_equity for p in points] == [(100,), (140,)]


def test_isolated_liquidation_loses_only_the_allocated_margin():
    point = sweep(canonical(), market="BTC-PERP", prices=[D(45000)])[0]
    assert point.liquidated == (True,)
    assert point.position_equity == (0,)
    assert point.account_value == 400


def test_cross_liquidation_consumes_the_cross_balance():
    points = sweep(canonical(mode="cross"), market="BTC-PERP", prices=[D(25126), D(25125)])
    assert [p.liquidated for p in points] == [(False,), (True,)]
    assert points[1].account_value == 0


def test_other_markets_are_held_at_their_marks():
    eth = position(side="short", size="1", entry="3000", market="ETH-PERP", mark="2900")
    point = sweep(account("1000", position(), eth), market="BTC-PERP", prices=[D(51000)])[0]
    assert point.position_equity == (120, 400)  # BTC 100 + 20; ETH 300 + 100
    assert point.account_value == 1120


def test_cross_positions_share_the_cross_wallet_by_initial_margin():
    eth = position(size="1", entry="3000", market="ETH-PERP", mode="cross")  # IM 300
    point = sweep(
        account("800", position(mode="cross"), eth), market="BTC-PERP", prices=[D(50000)]
    )[0]
    assert point.position_equity == (200, 600)


@pytest.mark.parametrize("price", ["45226", "45227", "30000", "60000"])
def test_sweep_agrees_with_evaluate_at_every_price(price):
    eth = position(side="short", size="1", entry="3000", market="ETH-PERP", mode="cross")
    chosen = account("1000", position(), position(side="short", mode="cross"), eth, hedge=True)
    point = sweep(chosen, market="BTC-PERP", prices=[D(price)])[0]
    short = position(side="short", mode="cross", mark=price)
    marked = account("1000", position(mark=price), short, eth, hedge=True)
    assert point.liquidated == tuple(p.liquidated for p in evaluate(marked).positions)


def test_sweep_validates_market_and_prices():
    with pytest.raises(MarginError) as error:
        sweep(canonical(), market="DOGE-PERP", prices=[D(1)])
    assert error.value.field == "market"
    with pytest.raises(MarginError) as error:
        sweep(canonical(), market="BTC-PERP", prices=[D(1), D(-1)])
    assert error.value.field == "prices[1]"


def test_a_sweep_returns_one_point_per_price_in_order():
    # Its speed is measured by bench/engine.py, never asserted here.
    prices = [D(40000 + 40 * k) for k in range(500)]
    chosen = account("2000", position(), position(side="short", mode="cross"), hedge=True)
    assert [point.price for point in sweep(chosen, market="BTC-PERP", prices=prices)] == prices


@settings(max_examples=50)
@given(accounts(max_positions=4), st.sampled_from(sorted(ENTRY)), factors)
def test_each_sweep_point_matches_evaluate_with_that_mark(account, market, factor):
    price = ENTRY[market] * factor
    point = sweep(account, market=market, prices=[price])[0]
    marked = [replace(p, mark_price=price) if p.market == market else p for p in account.positions]
    result = evaluate(replace(account, positions=tuple(marked)))
    assert point.liquidated == tuple(p.liquidated for p in result.positions)
    if not any(point.liquidated):
        with localcontext(EXACT):
            gap = point.account_value - result.wallet_balance - result.unrealized_pnl
        assert abs(gap) <= Decimal("1e-30") * result.wallet_balance
