"""Every control refuses bad input and the account's limits with the field it came from."""

import pytest

from explainer.engine import MarginError
from explainer.engine.practice import (
    MAX_ORDERS,
    MAX_POSITIONS,
    add_margin,
    cancel_order,
    close,
    fresh,
    limit_order,
    market_order,
    remove_margin,
    set_leverage,
    set_position_mode,
    switch_margin_mode,
)
from tests.engine.practice.helpers import D, moved

BAD_NUMBERS = [D(0), D(-1), D("NaN"), D("Infinity"), D("1e400"), "1", None, 1.5, True]


def _refused(field, control, *args, **kwargs):
    with pytest.raises(MarginError) as caught:
        control(*args, **kwargs)
    assert caught.value.field == field, caught.value.message


@pytest.fixture
def isolated_long():
    """An isolated BTC long, 0.1 at 60,000, 10× (600 margin), in a 1,000 wallet."""
    return market_order(
        fresh(), market="BTC-PERP", side="long", size=D("0.1"), margin_mode="isolated"
    )


@pytest.mark.parametrize("size", [*BAD_NUMBERS, D("0.0001")])
def test_a_market_order_refuses_a_bad_size(size):
    _refused(
        "size",
        market_order,
        fresh(),
        market="BTC-PERP",
        side="long",
        size=size,
        margin_mode="cross",
    )


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("market", {"market": "DOGE-PERP"}),
        ("market", {"market": None}),
        ("side", {"side": "up"}),
        ("margin_mode", {"margin_mode": "portfolio"}),
        ("size", {"size": D(10)}),  # 600,000 notional: more than the wallet's margin
    ],
)
def test_a_market_order_refuses_bad_fields(field, changes):
    order = {"market": "BTC-PERP", "side": "long", "size": D("0.1"), "margin_mode": "cross"}
    _refused(field, market_order, fresh(), **(order | changes))


@pytest.mark.parametrize("price", [*BAD_NUMBERS, D("59000.05")])
def test_a_limit_order_refuses_a_bad_price(price):
    _refused("price", limit_order, fresh(), market="BTC-PERP", side="long", size=D("0.01"),
             price=price, margin_mode="cross")  # fmt: skip


SIZES = {
    "BTC-PERP": "0.01",
    "ETH-PERP": "0.1",
    "SOL-PERP": "1",
    "XRP-PERP": "100",
    "AVAX-PERP": "1",
}


@pytest.fixture
def ten_positions():
    """Hedge mode: a long and a short in each of the five markets, in a 100,000 wallet."""
    p = set_position_mode(fresh(wallet=D(100000)), mode="hedge")
    for symbol, size in SIZES.items():
        for side in ("long", "short"):
            p = market_order(p, market=symbol, side=side, size=D(size), margin_mode="cross")
    return p


def test_it_holds_at_most_ten_positions(ten_positions):
    assert len(ten_positions.account.positions) == MAX_POSITIONS == 10
    p = close(ten_positions, position_id="p1")
    p = market_order(p, market="BTC-PERP", side="long", size=D("0.01"), margin_mode="isolated")
    assert len(p.account.positions) == 10


def test_it_holds_at_most_ten_resting_orders(ten_positions):
    p = ten_positions
    for k in range(MAX_ORDERS):
        p = limit_order(p, market="BTC-PERP", side="long", size=D("0.01"), price=D(50000 - k),
                        margin_mode="cross")  # fmt: skip
    _refused("market", limit_order, p, market="BTC-PERP", side="long", size=D("0.01"),
             price=D(40000), margin_mode="cross")  # fmt: skip


def test_the_position_mode_changes_only_with_nothing_open(ten_positions):
    _refused("position_mode", set_position_mode, ten_positions, mode="one_way")
    _refused("position_mode", set_position_mode, fresh(), mode="both")


def test_in_hedge_mode_an_order_on_the_other_side_opens_beside_the_position():
    p = set_position_mode(fresh(), mode="hedge")
    p = market_order(p, market="BTC-PERP", side="long", size=D("0.01"), margin_mode="cross")
    p = market_order(p, market="BTC-PERP", side="short", size=D("0.02"), margin_mode="cross")
    assert [(q.side, q.size) for q in p.account.positions] == [
        ("long", D("0.01")),
        ("short", D("0.02")),
    ]


def test_leverage_is_refused_above_the_markets_cap(isolated_long):
    _refused("leverage", set_leverage, fresh(), market="BTC-PERP", leverage=D(126))
    _refused("leverage", set_leverage, fresh(), market="BTC-PERP", leverage=D("0.5"))
    _refused("market", set_leverage, fresh(), market="NOPE", leverage=D(5))
    # 1× needs the whole 6,000 notional as margin.
    _refused("leverage", set_leverage, isolated_long, market="BTC-PERP", leverage=D(1))


def test_setting_leverage_changes_the_open_position_too(isolated_long):
    p = set_leverage(isolated_long, market="BTC-PERP", leverage=D(20))
    assert p.leverage["BTC-PERP"] == 20
    assert p.evaluate().positions[0].margin == 300  # 6,000 / 20


def test_margin_controls_refuse_with_their_fields(isolated_long):
    _refused("position_id", add_margin, isolated_long, position_id="p9", amount=D(1))
    _refused("amount", add_margin, isolated_long, position_id="p1", amount=D(500))  # 397 free
    _refused("amount", add_margin, isolated_long, position_id="p1", amount=D(-1))
    _refused("amount", remove_margin, isolated_long, position_id="p1", amount=D(1))
    cross = switch_margin_mode(isolated_long, position_id="p1", mode="cross")
    _refused("position_id", add_margin, cross, position_id="p1", amount=D(1))
    _refused("mode", switch_margin_mode, isolated_long, position_id="p1", mode="hedged")


def test_switching_to_isolated_is_refused_when_the_account_cannot_spare_the_margin():
    # Cross long 0.1 at 60,000 in a 1,000 wallet. At 54,200 it has lost 580: isolated with its
    # 600 initial margin it would keep 20 of equity, below its maintenance margin of
    # 0.1 × 54,200 × 0.5 % = 27.1, so it would be liquidated at once.
    p = market_order(fresh(), market="BTC-PERP", side="long", size=D("0.1"), margin_mode="cross")
    p = moved(p, "BTC-PERP 54200")
    _refused("mode", switch_margin_mode, p, position_id="p1", mode="isolated")


def test_close_and_cancel_refuse_unknown_ids_and_sizes(isolated_long):
    _refused("position_id", close, isolated_long, position_id="o1")
    _refused("size", close, isolated_long, position_id="p1", size=D("0.2"))
    _refused("size", close, isolated_long, position_id="p1", size=D(0))
    _refused("order_id", cancel_order, isolated_long, order_id="o7")
