"""Target price: the exit price for a chosen PnL or ROE, with or without fees."""

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import MarginError, Side
from explainer.engine.decimals import CONTEXT, ZERO
from explainer.engine.targets import TargetTrade, net_pnl, target_math, target_price
from tests.engine.builders import D

TAKER = D("0.0005")


def seed(side="long", fees=ZERO, **changes) -> TargetTrade:
    """The seed trade: 0.02 BTC at 50,000, 10×, so 100 USDC of initial margin."""
    values = {
        "market": "BTC-PERP",
        "side": Side(side),
        "size": D("0.02"),
        "entry_price": D(50000),
        "leverage": D(10),
        "opening_fee_rate": fees,
        "closing_fee_rate": fees,
    }
    return TargetTrade(**(values | changes))


# (side, target, fees, exit price), each worked out by hand beside it (to 40 digits).
WORKED = [
    # T = 0.5 × 100 = 50; X = 50,000 + 50 / 0.02.
    ("long", {"roe": D("0.5")}, D(0), D(52500)),
    # A short gains as the price falls: X = 50,000 − 50 / 0.02.
    ("short", {"roe": D("0.5")}, D(0), D(47500)),
    # 200 USDC is 10,000 USDC of move on 0.02 BTC.
    ("long", {"pnl": D(200)}, D(0), D(60000)),
    # Losing the whole margin: X = 50,000 − 100 / 0.02.
    ("long", {"roe": D(-1)}, D(0), D(45000)),
    # Taker both ways: 0.02·X·0.9995 = 50 + 1,000 × 1.0005, X = 1,050.5 / 0.01999.
    ("long", {"roe": D("0.5")}, TAKER, CONTEXT.divide(105050000, 1999)),
    # Break-even short after fees: 0.02·X·1.0005 = 1,000 × 0.9995, X = 999.5 / 0.02001.
    ("short", {"roe": D(0)}, TAKER, CONTEXT.divide(99950000, 2001)),
]


@pytest.mark.parametrize(("side", "target", "fees", "price"), WORKED)
def test_it_finds_the_worked_exit_prices(side, target, fees, price):
    assert target_price(trade=seed(side, fees), **target).exit_price == price


def test_it_reports_the_fees_the_move_and_the_roe():
    found = target_price(trade=seed(fees=TAKER), pnl=D(50))
    assert (found.initial_margin, found.roe) == (100, D("0.5"))
    assert found.opening_fee == D("0.5")  # 1,000 notional × 0.0005
    with localcontext(CONTEXT):  # the engine's 40 digits
        assert found.closing_fee == D("0.02") * found.exit_price * TAKER
        assert found.move == (found.exit_price - 50000) / 50000


def test_it_refuses_a_target_no_price_reaches():
    with pytest.raises(MarginError, match="A short cannot gain more than 1000 USDC") as caught:
        target_price(trade=seed("short"), roe=D(10))  # 1,000 % at 10× needs a price of 0
    assert caught.value.field == "roe"
    with pytest.raises(MarginError, match="A long cannot lose more than 1000.5 USDC") as caught:
        target_price(trade=seed(fees=TAKER), pnl=D(-1001))
    assert caught.value.field == "pnl"


def test_it_asks_for_exactly_one_target():
    for targets in ({}, {"pnl": D(1), "roe": D(1)}):
        with pytest.raises(MarginError, match="Give one target"):
            target_price(trade=seed(), **targets)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"size": D(0)}, "size"),
        ({"entry_price": D(-1)}, "entry_price"),
        ({"leverage": D(200)}, "leverage"),
        ({"closing_fee_rate": D(1)}, "closing_fee_rate"),
        ({"opening_fee_rate": D("NaN")}, "opening_fee_rate"),
    ],
)
def test_it_names_the_input_that_breaks_a_rule(change, field):
    with pytest.raises(MarginError) as caught:
        target_price(trade=seed(**change), roe=D(1))
    assert caught.value.field == field


def test_the_math_shows_each_step_with_the_numbers():
    steps = {step.name: step for step in target_math(target_price(trade=seed(), roe=D("0.5")))}
    assert steps["initial_margin"].substituted == "IM = 0.02 × 50000 / 10"
    assert steps["exit_price"].substituted == "X = (50 + 0.02 × 50000 × (1 + 0)) / (0.02 × (1 − 0))"
    assert steps["exit_price"].value == 52500


# Properties --------------------------------------------------------------------------------

sides = st.sampled_from(Side)
sizes = st.decimals(min_value=D("0.001"), max_value=D(5), places=3)
leverages = st.integers(1, 20).map(D)
fee_rates = st.sampled_from([D(0), D("0.0002"), TAKER])
# ROE as a share of the leverage: at −1 a long is worth nothing, at +1 a short is; beyond
# those no exit price exists (test_it_refuses_a_target_no_price_reaches).
shares = st.decimals(min_value=D("-0.99"), max_value=D("0.99"), places=4)


def close(value: Decimal, expected: Decimal) -> bool:
    """Equal but for the engine rounding divisions to 40 significant digits."""
    return abs(value - expected) <= Decimal("1e-30") * max(1, abs(expected))


def trades(side, size, leverage, fees) -> TargetTrade:
    return seed(side.value, fees, size=size, leverage=leverage)


@given(sides, sizes, leverages, fee_rates, shares)
def test_closing_at_the_exit_makes_the_target(side, size, leverage, fees, share):
    found = target_price(trade=trades(side, size, leverage, fees), roe=share * leverage)
    assert close(net_pnl(trade=found.trade, exit_price=found.exit_price), found.pnl)


@given(sides, sizes, leverages, fee_rates, shares)
def test_an_roe_target_is_the_same_as_its_pnl(side, size, leverage, fees, share):
    trade = trades(side, size, leverage, fees)
    by_roe = target_price(trade=trade, roe=share * leverage)
    assert target_price(trade=trade, pnl=by_roe.pnl).exit_price == by_roe.exit_price


@given(sides, sizes, sizes, leverages, shares)
def test_without_fees_the_roe_exit_does_not_depend_on_size(side, one, other, leverage, share):
    first = target_price(trade=trades(side, one, leverage, ZERO), roe=share * leverage)
    second = target_price(trade=trades(side, other, leverage, ZERO), roe=share * leverage)
    expected = 50000 * (1 + side.sign * share)
    assert close(first.exit_price, expected) and close(second.exit_price, expected)


@given(sides, sizes, leverages, shares)
def test_fees_push_the_exit_further_in_the_trades_favour(side, size, leverage, share):
    roe = share * leverage
    free = target_price(trade=trades(side, size, leverage, ZERO), roe=roe).exit_price
    paid = target_price(trade=trades(side, size, leverage, TAKER), roe=roe).exit_price
    assert side.sign * (paid - free) > 0


@given(sides, sizes, leverages, fee_rates, shares, shares)
def test_a_higher_target_lies_further_along(side, size, leverage, fees, one, other):
    trade = trades(side, size, leverage, fees)
    low, high = (target_price(trade=trade, roe=share * leverage) for share in sorted((one, other)))
    assert side.sign * (high.exit_price - low.exit_price) >= 0


def test_the_math_writes_a_short_with_a_minus_sign_and_the_exit_to_cents():
    found = target_price(trade=seed("short", TAKER), roe=D("0.5"))
    steps = {step.name: step for step in target_math(found)}
    assert "× (−1 + 0.0005)) / (0.02 × (−1 − 0.0005))" in steps["exit_price"].substituted
    # X = (1,000 × 0.9995 − 50) / (0.02 × 1.0005) = 949.5 / 0.02001 = 47,451.27…
    assert steps["closing_fee"].substituted == "fee = 0.02 × 47451.27 × 0.0005"
