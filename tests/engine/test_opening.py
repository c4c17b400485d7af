"""Before a position is opened: whether an exchange would open it, the largest one a balance
allows, and how far the price can move against it before it is liquidated."""

from dataclasses import replace

import pytest

from explainer.engine import (
    MarginError,
    check_openable,
    evaluate,
    get_market,
    largest_position,
    liquidation_distance,
    lowest_leverage,
    open_position,
)
from tests.engine.builders import D, account, canonical, position


def refusal(position, wallet):
    with pytest.raises(MarginError) as error:
        check_openable(position, wallet_balance=D(wallet))
    return error.value


# Openable ------------------------------------------------------------------------------------


def test_a_balance_that_covers_the_initial_margin_opens_the_position():
    # 0.02 × 50,000 / 10 = 100 USDC of initial margin, exactly the balance.
    assert check_openable(position(mode="cross"), wallet_balance=D(100)) is None
    assert check_openable(position(isolated_margin=D(100)), wallet_balance=D(100)) is None


def test_a_balance_below_the_initial_margin_is_refused_in_either_mode():
    for mode in ("isolated", "cross"):
        error = refusal(position(mode=mode), "99.99")
        assert error.field == "wallet_balance"
        assert error.message == (
            "The account balance (99.99 USDC) cannot cover this position's initial margin "
            "(100.00 USDC)."
        )


def test_an_isolated_position_opens_with_at_least_its_initial_margin():
    # evaluate() accepts 60 USDC (margin removed after opening, say); opening with it is refused.
    assert evaluate(canonical(isolated_margin=D(60))).positions[0].margin == 60
    error = refusal(position(isolated_margin=D(60)), "500")
    assert error.field == "position.isolated_margin"
    assert "at least the initial margin (100.00 USDC)" in error.message


def test_the_position_itself_is_validated_first():
    assert refusal(position(leverage="200"), "500").field == "position.leverage"


# Largest position ----------------------------------------------------------------------------


def largest(wallet, leverage, market="BTC-PERP", entry="50000"):
    return largest_position(
        market=market, entry_price=D(entry), leverage=D(leverage), wallet_balance=D(wallet)
    )


def test_the_balance_times_the_leverage_gives_the_largest_notional():
    # 500 × 10 = 5,000 USDC notional: 0.1 BTC at 50,000. BTC-PERP allows 10× to 5,000,000.
    found = largest("500", "10")
    assert (found.size, found.notional, found.tier) == (D("0.1"), D("5000"), None)


def test_the_size_is_rounded_down_to_the_lot():
    # 333 × 10 / 50,000 = 0.0666 BTC, down to the 0.001 lot: 0.066 BTC, 3,300 USDC.
    found = largest("333", "10")
    assert (found.size, found.notional, found.tier) == (D("0.066"), D("3300"), None)


def test_a_tier_that_allows_less_leverage_caps_the_notional_below_it():
    # 100,000 × 50 = 5,000,000, but 50× is allowed only in tier 2, up to 250,000 of notional.
    # 250,000 / 50,000 = 5 BTC sits on the cap, which belongs to tier 3: one lot less.
    tier_2 = get_market("BTC-PERP").tiers[1]
    found = largest("100000", "50")
    assert (found.size, found.notional, found.tier) == (D("4.999"), D("249950"), tier_2)


@pytest.mark.parametrize("leverage", ["125", "75", "40", "15", "10", "3", "1"])
def test_the_largest_position_opens_and_one_lot_more_does_not(leverage):
    found = largest("10000000", leverage)
    fits = position(mode="cross", size=str(found.size), leverage=leverage)
    evaluate(account("10000000", fits))
    check_openable(fits, wallet_balance=D("10000000"))
    bigger = position(mode="cross", size=str(found.size + D("0.001")), leverage=leverage)
    with pytest.raises(MarginError):
        evaluate(account("10000000", bigger))
        check_openable(bigger, wallet_balance=D("10000000"))


def test_the_taker_fee_of_opening_comes_out_of_the_same_balance():
    # 500 × 10 / (1 + 10 × 0.0005) = 5,000 / 1.005 = 4,975.12… USDC: 0.099 BTC, 4,950 USDC,
    # whose margin (495) and fee (2.475) fit in 500 where 0.1 BTC's (500 + 2.5) do not.
    found = largest_position(
        market="BTC-PERP",
        entry_price=D("50000"),
        leverage=D("10"),
        wallet_balance=D("500"),
        taker_fee_rate=D("0.0005"),
    )
    assert (found.size, found.notional, found.tier) == (D("0.099"), D("4950"), None)
    assert round(found.by_balance, 2) == D("4975.12")
    assert (found.initial_margin, found.opening_fee, found.cost) == (495, D("2.475"), D("497.475"))


@pytest.mark.parametrize("fee", ["0", "0.0002", "0.0005", "0.01"])
@pytest.mark.parametrize("leverage", ["1", "10", "50", "125"])
def test_the_largest_position_with_its_fee_opens_and_one_lot_more_does_not(fee, leverage):
    found = largest_position(
        market="BTC-PERP",
        entry_price=D("50000"),
        leverage=D(leverage),
        wallet_balance=D("2000"),
        taker_fee_rate=D(fee),
    )
    # evaluate() needs a position to start from: 0.001 ETH at 100× holds 0.03 USDC of it.
    start = account(
        "2000.03",
        position(mode="cross", market="ETH-PERP", size="0.001", entry="3000", leverage="100"),
    )
    fits = position(mode="cross", size=str(found.size), leverage=leverage)
    open_position(start, fits, taker_fee_rate=D(fee))
    bigger = replace(fits, size=found.size + D("0.001"))
    with pytest.raises(MarginError):
        open_position(start, bigger, taker_fee_rate=D(fee))


def test_largest_position_refuses_a_fee_rate_of_100_percent_or_more():
    with pytest.raises(MarginError) as error:
        largest_position(
            market="BTC-PERP",
            entry_price=D("50000"),
            leverage=D("10"),
            wallet_balance=D("500"),
            taker_fee_rate=D("1"),
        )
    assert error.value.field == "taker_fee_rate"


def test_largest_position_refuses_what_the_market_does_not_allow():
    with pytest.raises(MarginError) as error:
        largest("500", "126")
    assert error.value.field == "leverage"
    with pytest.raises(MarginError) as error:
        largest("500", "10", market="DOGE-PERP")
    assert error.value.field == "market"


# Distance to liquidation ---------------------------------------------------------------------


def test_distance_is_the_share_of_the_mark_the_price_can_move_against_the_position():
    # The seed long liquidates at 45,226.13…: (50,000 − 45,226.13…) / 50,000 = 9.548 %.
    seed = evaluate(canonical()).positions[0]
    assert liquidation_distance(seed) == D("0.09547738693467336683417085427135678391960")


def test_a_short_measures_the_distance_upwards():
    # The same trade short liquidates at 54,726.37…: −1 × (50,000 − 54,726.37…) / 50,000.
    short = evaluate(canonical(side="short")).positions[0]
    assert liquidation_distance(short) == D("0.09452736318407960199004975124378109452740")


def test_distance_is_measured_from_the_mark_not_the_entry():
    # Marked at 48,000 the seed long is (48,000 − 45,226.13…) / 48,000 = 5.779 % away.
    marked = evaluate(canonical(mark="48000")).positions[0]
    assert round(liquidation_distance(marked), 5) == D("0.05779")


def test_a_position_no_price_liquidates_has_no_distance():
    # 1×, fully backed: the price can fall to zero.
    safe = evaluate(canonical(leverage="1", size="0.01")).positions[0]
    assert safe.liquidation_price is None
    assert liquidation_distance(safe) is None


# Lowest leverage -----------------------------------------------------------------------------


def test_the_lowest_leverage_is_the_notional_over_the_balance():
    # 0.02 × 50,000 = 1,000 USDC over 500 USDC: at 2× the initial margin is the whole balance.
    lowest = lowest_leverage(size=D("0.02"), entry_price=D("50000"), wallet_balance=D("500"))
    assert lowest == 2
    check_openable(position(mode="cross", leverage="2"), wallet_balance=D(500))
    with pytest.raises(MarginError):
        check_openable(position(mode="cross", leverage="1.99"), wallet_balance=D(500))
