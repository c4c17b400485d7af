"""Position mode. One-way (the default): one position per market. Hedge: one long and one
short per market, sharing its mark; a cross long and short move together, so the market has
one liquidation price.

The hedged pair below: BTC-PERP long 1 and short 1, both at 60,000, 20×, cross, wallet
1,000. Their uPnL cancels at every price, so the cross margin balance stays at 1,000 while
the maintenance margin grows with the price. At P in tier 2 (notional 50,000 to 250,000,
rate 1 %, amount 250) each leg needs 0.01·P − 250, together 0.02·P − 500 = 1,000 at
P = 75,000, whose notional (75,000) is indeed in tier 2. Below the mark the maintenance
margin only shrinks: nothing liquidates the pair there. Before, each leg moved alone with
the other held at 60,000, giving (60,000 − 650 − 250) / 0.99 = 59,696.97 for the long and
(60,000 + 650 + 250) / 1.01 = 60,297.03 for the short: a 0.5 % move, where in fact the pair
survives any fall and a 25 % rise.
"""

from dataclasses import replace

import pytest

from explainer.engine import (
    Account,
    MarginError,
    MarginMode,
    PositionMode,
    close_position,
    evaluate,
    open_position,
)
from tests.engine.builders import D, account, position

LONG = position(size="1", entry="60000", leverage="20", mode="cross")
SHORT = position(side="short", size="1", entry="60000", leverage="20", mode="cross")


def refusal(run):
    with pytest.raises(MarginError) as error:
        run()
    return error.value


def test_one_way_is_the_default():
    assert Account(D(100), (LONG,)).position_mode is PositionMode.ONE_WAY


def test_one_way_refuses_a_second_position_in_the_same_market():
    second = position(size="1", entry="62000", leverage="20", mode="cross")
    error = refusal(lambda: evaluate(account("6000", LONG, second)))
    assert error.field == "positions[1].market"
    assert "one position per market" in error.message
    assert "positions[0] is already in BTC-PERP" in error.message


def test_one_way_refuses_a_long_and_a_short_in_one_market():
    assert refusal(lambda: evaluate(account("1000", LONG, SHORT))).field == "positions[1].market"


def test_hedge_refuses_two_longs_in_one_market():
    second = position(size="1", entry="62000", leverage="20", mode="cross")
    error = refusal(lambda: evaluate(account("6000", LONG, SHORT, second, hedge=True)))
    assert error.field == "positions[2].market"
    assert "already a BTC-PERP long" in error.message


def test_hedge_legs_share_the_markets_mark():
    moved = position(side="short", size="1", entry="60000", mode="cross", mark="61000")
    error = refusal(lambda: evaluate(account("1000", LONG, moved, hedge=True)))
    assert error.field == "positions[1].mark_price"


def test_an_unknown_position_mode_is_named():
    chosen = Account(D(1000), (LONG,), position_mode="portfolio")
    assert refusal(lambda: evaluate(chosen)).field == "position_mode"


def test_the_hedged_pair_is_liquidated_together_at_75000():
    long, short = evaluate(account("1000", LONG, SHORT, hedge=True)).positions
    assert long.liquidation_price == short.liquidation_price == 75000
    assert long.bankruptcy_price is short.bankruptcy_price is None  # the legs cancel
    assert long.max_loss == short.max_loss == 1000
    at = [replace(leg, mark_price=D("74999.99")) for leg in (LONG, SHORT)]
    assert not any(p.liquidated for p in evaluate(account("1000", *at, hedge=True)).positions)
    there = [replace(leg, mark_price=D(75000)) for leg in (LONG, SHORT)]
    assert all(p.liquidated for p in evaluate(account("1000", *there, hedge=True)).positions)


def test_open_position_names_its_own_field_when_the_mode_refuses():
    error = refusal(lambda: open_position(account("1000", LONG), SHORT))
    assert error.field == "position.market"
    hedged = open_position(account("10000", LONG, hedge=True), SHORT)
    assert hedged.position_mode is PositionMode.HEDGE and len(hedged.positions) == 2


def test_closing_a_hedge_leg_marks_the_whole_market_at_the_close_price():
    # The close at 61,000 is checked with both legs there; the account keeps its mode.
    closed = close_position(account("5000", LONG, SHORT, hedge=True), index=1, price=D(61000))
    assert closed.wallet_balance == 4000
    assert closed.position_mode is PositionMode.HEDGE
    assert closed.positions[0].margin_mode == MarginMode.CROSS
