"""Worked examples of the order panel, each figure derived by hand in its comment."""

import pytest

from explainer.engine import MarginError
from explainer.engine.practice import close, fresh, limit_order, market_order
from tests.engine.practice.helpers import D, books_balance, moved


@pytest.fixture
def btc_long():
    """A cross BTC long, 0.1 at 60,000, 10× (600 USDC initial margin)."""
    return market_order(fresh(), market="BTC-PERP", side="long", size=D("0.1"), margin_mode="cross")


def test_it_fills_a_market_order_at_the_mark_and_takes_the_taker_fee(btc_long):
    # fee = 0.1 × 60,000 × 0.05 % = 3; wallet 1,000 − 3 = 997; available 997 − 600 = 397.
    result = btc_long.evaluate()
    assert result.wallet_balance == 997
    assert result.available_balance == 397
    assert btc_long.account.positions[0].id == "p1"
    assert btc_long.ledger.fees == 3


def test_it_adds_to_a_position_at_the_size_weighted_entry(btc_long):
    # The mark moves to 66,000 (uPnL 600, so 997 is available); buying 0.1 more needs 660
    # margin and a fee of 0.1 × 66,000 × 0.05 % = 3.3; entry (6,000 + 6,600) / 0.2 = 63,000.
    p = moved(btc_long, "BTC-PERP 66000")
    p = market_order(p, market="BTC-PERP", side="long", size=D("0.1"), margin_mode="cross")
    (held,) = p.account.positions
    assert (held.size, held.entry_price) == (D("0.2"), 63000)
    assert p.ledger.fees == D("6.3")


def test_it_flips_a_position_when_the_order_is_larger(btc_long):
    # At 61,000, selling 0.15: the long's 0.1 closes for +100 (fee 3.05), and a short of 0.05
    # opens at 61,000 (fee 1.525). Fees: 3 + 3.05 + 1.525 = 7.575.
    p = moved(btc_long, "BTC-PERP 61000")
    p = market_order(p, market="BTC-PERP", side="short", size=D("0.15"), margin_mode="cross")
    (held,) = p.account.positions
    assert (held.side, held.size, held.entry_price, held.id) == ("short", D("0.05"), 61000, "p2")
    assert p.ledger.realized_pnl == 100
    assert p.ledger.fees == D("7.575")
    assert books_balance(p)


def test_it_closes_part_of_an_isolated_position_and_releases_that_share_of_its_margin():
    # Isolated long 0.1 at 60,000, 10×: margin 600. Closing 0.05 at 60,000 releases 300 and
    # pays 0.05 × 60,000 × 0.05 % = 1.5.
    p = market_order(fresh(), market="BTC-PERP", side="long", size=D("0.1"), margin_mode="isolated")
    p = close(p, position_id="p1", size=D("0.05"))
    (held,) = p.evaluate().positions
    assert (held.size, held.margin) == (D("0.05"), 300)
    assert p.account.wallet_balance == 1000 - 3 - D("1.5")


def test_a_resting_limit_order_fills_at_the_better_price_a_gap_reached():
    # A buy limit at 59,000 rests (the mark is 60,000). The next step's last price is 58,800:
    # it fills at 58,800 as a maker: fee 0.1 × 58,800 × 0.02 % = 1.176. At the mark 59,500
    # its uPnL is 0.1 × (59,500 − 58,800) = 70.
    p = limit_order(
        fresh(), market="BTC-PERP", side="long", size=D("0.1"), price=D(59000), margin_mode="cross"
    )
    assert [order.id for order in p.orders] == ["o1"]
    p = moved(p, "BTC-PERP 59500 last=58800")
    (happening,) = p.frames[0].happenings
    assert (happening.kind, happening.amount, happening.detail["taker"]) == (
        "order_filled",
        58800,
        0,
    )
    assert happening.detail["fee"] == D("1.176")
    assert p.evaluate().positions[0].unrealized_pnl == 70
    assert p.orders == ()


def test_a_limit_order_priced_through_the_market_fills_at_once_as_a_taker():
    # A buy limit at 61,000 with the mark at 60,000 fills now, at 60,000: fee 3.
    p = limit_order(
        fresh(), market="BTC-PERP", side="long", size=D("0.1"), price=D(61000), margin_mode="cross"
    )
    (notice,) = p.notices
    assert (notice.kind, notice.amount, notice.detail["taker"]) == ("order_filled", 60000, 1)
    assert p.orders == () and p.account.wallet_balance == 997


def test_a_limit_order_the_account_cannot_afford_is_cancelled_when_reached():
    # 1 BTC at 59,000 and 10× needs 5,900 of margin; the wallet has 1,000.
    p = limit_order(
        fresh(), market="BTC-PERP", side="long", size=D(1), price=D(59000), margin_mode="cross"
    )
    p = moved(p, "BTC-PERP 58000")
    (happening,) = p.frames[0].happenings
    assert happening.kind == "order_cancelled"
    assert (happening.detail["needed"], happening.detail["available_balance"]) == (5900, 1000)
    assert p.orders == () and p.account.positions == ()


def test_adding_in_the_other_margin_mode_is_refused_on_the_margin_mode(btc_long):
    with pytest.raises(MarginError) as caught:
        market_order(
            btc_long, market="BTC-PERP", side="long", size=D("0.1"), margin_mode="isolated"
        )
    assert caught.value.field == "margin_mode"
