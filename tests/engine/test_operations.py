"""Operations return a new account, or refuse what an exchange would refuse."""

import pytest

from explainer.engine import (
    MarginError,
    MarginMode,
    add_margin,
    change_leverage,
    close_position,
    evaluate,
    open_position,
    remove_margin,
    switch_mode,
)
from tests.engine.builders import D, account, canonical, position


def refusal(operation, *args, **kwargs):
    with pytest.raises(MarginError) as error:
        operation(*args, **kwargs)
    return error.value.field


def test_add_margin_moves_available_balance_into_the_position():
    result = evaluate(add_margin(canonical(), index=0, amount=D(150)))
    assert result.positions[0].margin == 250
    assert result.available_balance == 250
    assert result.wallet_balance == 500


def test_add_margin_refuses_more_than_available_zero_or_a_cross_position():
    assert refusal(add_margin, canonical(), index=0, amount=D("400.01")) == "amount"
    assert refusal(add_margin, canonical(), index=0, amount=D(0)) == "amount"
    assert refusal(add_margin, canonical(mode="cross"), index=0, amount=D(10)) == "index"
    assert refusal(add_margin, canonical(), index=1, amount=D(10)) == "index"


def test_remove_margin_keeps_at_least_the_initial_margin():
    added = canonical(isolated_margin=D(250))
    assert evaluate(remove_margin(added, index=0, amount=D(150))).positions[0].margin == 100
    with pytest.raises(MarginError, match="At most 150 USDC") as error:
        remove_margin(added, index=0, amount=D("150.01"))
    assert error.value.field == "amount"


def test_remove_margin_refuses_to_liquidate_the_position():
    # 20×: initial margin 50. At 47,000 uPnL is −60 and MM 4.7, so 60 left of 150 (still
    # above the initial margin) would be liquidated at once.
    losing = canonical(isolated_margin=D(150), mark="47000", leverage="20")
    assert refusal(remove_margin, losing, index=0, amount=D(90)) == "amount"
    assert evaluate(remove_margin(losing, index=0, amount=D(80))).positions[0].margin == 70


def test_change_leverage_resets_the_isolated_margin_to_the_new_initial_margin():
    result = evaluate(change_leverage(canonical(), index=0, leverage=D(20))).positions[0]
    assert (result.leverage, result.margin, result.initial_margin) == (20, 50, 50)
    lower = evaluate(change_leverage(canonical(), index=0, leverage=D(2)))
    assert lower.positions[0].margin == 500
    assert lower.cross_wallet_balance == 0


def test_change_leverage_refuses_a_margin_the_account_cannot_fund():
    assert refusal(change_leverage, canonical(), index=0, leverage=D("1.9")) == "leverage"


def test_change_leverage_respects_market_and_tier_caps():
    with pytest.raises(MarginError, match="at most 125×") as error:
        change_leverage(canonical(mode="cross"), index=0, leverage=D(150))
    assert error.value.field == "leverage"
    big = account("100000", position(size="2", mode="cross"))  # 100,000 notional: 75× at most
    assert refusal(change_leverage, big, index=0, leverage=D(80)) == "leverage"


def test_cross_leverage_change_keeps_the_liquidation_price():
    before = evaluate(canonical(mode="cross")).positions[0]
    after = evaluate(change_leverage(canonical(mode="cross"), index=0, leverage=D(50)))
    assert after.positions[0].liquidation_price == before.liquidation_price
    assert after.available_balance == 480


def test_lowering_cross_leverage_needs_available_balance():
    assert refusal(change_leverage, canonical(mode="cross"), index=0, leverage=D(1)) == "leverage"


def test_switch_to_cross_releases_the_isolated_margin():
    switched = switch_mode(canonical(isolated_margin=D(300)), index=0, mode=MarginMode.CROSS)
    result = evaluate(switched)
    assert switched.positions[0].isolated_margin is None
    assert result.cross_wallet_balance == 500
    assert result.positions[0].max_loss == 500


def test_switch_to_isolated_allocates_the_initial_margin():
    result = evaluate(switch_mode(canonical(mode="cross"), index=0, mode=MarginMode.ISOLATED))
    assert result.positions[0].margin == 100
    assert result.cross_wallet_balance == 400


def test_switch_to_isolated_refuses_when_it_would_liquidate_the_position():
    # At 45,000 the cross wallet carries the −100 uPnL; alone on 100 margin it could not.
    deep = canonical(mode="cross", mark="45000")
    assert refusal(switch_mode, deep, index=0, mode=MarginMode.ISOLATED) == "mode"


def test_switch_to_isolated_needs_spare_cross_balance():
    tight = account("150", position(mode="cross"), position(mode="cross", side="short"), hedge=True)
    assert refusal(switch_mode, tight, index=0, mode=MarginMode.ISOLATED) == "mode"


def test_switch_to_the_same_mode_changes_nothing():
    same = canonical()
    assert switch_mode(same, index=0, mode=MarginMode.ISOLATED) is same
    assert refusal(switch_mode, same, index=0, mode="portfolio") == "mode"


def test_open_position_charges_the_taker_fee_from_the_wallet():
    eth = position(size="1", entry="3000", leverage="10", market="ETH-PERP", mode="cross")
    opened = open_position(canonical(), eth, taker_fee_rate=D("0.0005"))
    assert opened.wallet_balance == D("498.5")  # 1 × 3000 × 0.0005
    assert len(opened.positions) == 2


def test_open_position_needs_margin_plus_fee_available():
    eth = position(size="1", entry="3000", leverage="10", market="ETH-PERP")  # 300 margin
    assert refusal(open_position, canonical(), eth, taker_fee_rate=D("0.5")) == "position"
    too_big = position(size="1", entry="4001", leverage="10", market="ETH-PERP")
    assert refusal(open_position, canonical(), too_big) == "position"


def test_open_position_validates_the_new_position_under_its_own_name():
    assert refusal(open_position, canonical(), position(size="-1")) == "position.size"
    thin = position(isolated_margin=D(50))
    assert refusal(open_position, canonical(), thin) == "position.isolated_margin"
    assert refusal(open_position, canonical(), position(), taker_fee_rate=D(1)) == "taker_fee_rate"


def test_close_position_realises_pnl_minus_fee():
    closed = close_position(canonical(), index=0, price=D(52000), taker_fee_rate=D("0.001"))
    # 0.02 × (52000 − 50000) − 0.02 × 52000 × 0.001
    assert closed.wallet_balance == D("538.96")
    assert closed.positions == ()


def test_close_short_at_a_loss():
    two = account("1000", position(side="short"), position(mode="cross"), hedge=True)
    closed = close_position(two, index=0, price=D(51000))
    assert closed.wallet_balance == 980
    assert closed.positions == two.positions[1:]


def test_close_refuses_a_price_where_the_position_is_already_liquidated():
    assert refusal(close_position, canonical(), index=0, price=D(45000)) == "price"
    assert refusal(close_position, canonical(), index=0, price=D(0)) == "price"


def test_operations_leave_the_original_account_untouched():
    original = canonical()
    add_margin(original, index=0, amount=D(10))
    assert original.positions[0].isolated_margin is None


def test_raising_isolated_leverage_is_refused_when_the_smaller_margin_would_be_liquidated():
    losing = canonical(mark="46000")  # uPnL −80: fine on 100 margin, not on 50
    assert refusal(change_leverage, losing, index=0, leverage=D(20)) == "leverage"
    assert evaluate(change_leverage(losing, index=0, leverage=D(11))).positions[0].margin > 90
