"""Funding in a replay: at every funding time the step's clock passes, each position pays
s·q·M·rate at the step's mark (longs pay shorts when the rate is positive), from its isolated
margin or from the cross wallet."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.engine import (
    EventKind,
    MarginError,
    MarginMode,
    PathStep,
    PositionMode,
    Side,
    funding_drift,
    replay,
)
from tests.engine.builders import D, account, position
from tests.engine.strategies import ENTRY, factors, positions


def isolated_long():
    # 1 BTC at 60,000, 10×, isolated: 6,000 USDC of margin; funding 0.01 % every 8 h.
    return account("6000", position(size="1", entry="60000", leverage="10"))


def steady(steps, mark="60000"):
    return [{"BTC-PERP": D(mark)} for _ in range(steps)]


def test_three_funding_times_take_6_usdc_each_from_the_isolated_margin():
    run = replay(isolated_long(), path=steady(25), funding_rates={}, hours_per_step=D(1))
    paid = [e for e in run.events if e.kind is EventKind.FUNDING]
    # 1 × 60,000 × 0.0001 = 6 USDC at hours 8, 16 and 24 (steps 8, 16 and 24).
    assert [(e.step, e.hours, e.funding) for e in paid] == [
        (8, 8, 6),
        (16, 16, 6),
        (24, 24, 6),
    ]
    assert run.funding == 18 and run.final_wallet_balance == 5982
    last = run.steps[-1].state.positions[0]
    assert last.margin == 5982
    drifted = funding_drift(isolated_long(), intervals=3)[-1].state.positions[0]
    assert last.liquidation_price == drifted.liquidation_price


def test_a_short_receives_when_the_rate_is_positive_and_pays_when_it_is_negative():
    short = account("6000", position(side="short", size="1", entry="60000", leverage="10"))
    received = replay(short, path=steady(9), funding_rates={}, hours_per_step=D(1))
    paid = replay(
        short, path=steady(9), funding_rates={"BTC-PERP": D("-0.0002")}, hours_per_step=D(1)
    )
    assert (received.funding, paid.funding) == (-6, 12)


def test_each_step_may_carry_its_own_clock_and_several_funding_times_can_pass_at_once():
    path = [PathStep({"BTC-PERP": D(60000)}, hours=D(h)) for h in ("0", "7.9", "8", "30")]
    run = replay(isolated_long(), path=path, funding_rates={})
    assert [e.step for e in run.events if e.kind is EventKind.FUNDING] == [2, 3, 3]


def test_funding_can_tip_an_isolated_position_into_liquidation_at_a_steady_mark():
    # At a mark of 54,300 the position is 7.07 USDC above its maintenance margin (tier 2:
    # 543 − 250 = 293; equity 6,000 − 5,700 = 300). The first payment, 5.43, does not
    # liquidate it; the second, 5.43 more, does.
    path = [{"BTC-PERP": D(54300)} for _ in range(17)]
    run = replay(isolated_long(), path=path, funding_rates={}, hours_per_step=D(1))
    kinds = [(e.step, e.kind) for e in run.events]
    assert kinds == [
        (8, EventKind.FUNDING),
        (16, EventKind.FUNDING),
        (16, EventKind.LIQUIDATION),
    ]


def test_funding_needs_a_clock():
    with pytest.raises(MarginError) as error:
        replay(isolated_long(), path=steady(3), funding_rates={})
    assert error.value.field == "hours_per_step"


@pytest.mark.parametrize(
    ("settings_", "field"),
    [
        ({"funding_rates": {"BTC-PERP": D("0.06")}}, "funding_rates.BTC-PERP"),
        ({"funding_rates": {"BTC-PERP": D("NaN")}}, "funding_rates.BTC-PERP"),
        ({"funding_rates": {"DOGE-PERP": D(0)}}, "funding_rates"),
        ({"funding_rates": [D(0)]}, "funding_rates"),
        ({"funding_rates": {}, "funding_interval_hours": D(0)}, "funding_interval_hours"),
        ({"hours_per_step": D(-1)}, "hours_per_step"),
    ],
)
def test_bad_funding_settings_are_named(settings_, field):
    with pytest.raises(MarginError) as error:
        replay(isolated_long(), path=steady(2), **({"hours_per_step": D(1)} | settings_))
    assert error.value.field == field


def test_a_clock_that_runs_backwards_is_named():
    path = [PathStep({"BTC-PERP": D(60000)}, hours=D(h)) for h in ("5", "4")]
    with pytest.raises(MarginError) as error:
        replay(isolated_long(), path=path)
    assert error.value.field == "path[1].hours"


@settings(max_examples=60)
@given(
    st.sampled_from(sorted(ENTRY)),
    st.data(),
    st.lists(factors, min_size=1, max_size=40),
    st.decimals(Decimal("-0.005"), Decimal("0.005"), places=5),
)
def test_funding_between_an_equal_long_and_short_sums_to_zero(market, data, moves, rate):
    long = data.draw(positions(mode=MarginMode.CROSS, market=market, side=Side.LONG))
    short = position(
        side="short",
        size=str(long.size),
        entry=str(long.entry_price),
        leverage=str(long.leverage),
        mode="cross",
        market=market,
        mark=str(long.mark_price),
    )
    wallet = long.size * long.entry_price * 10
    hedged = account(str(wallet), long, short, hedge=True)
    assert hedged.position_mode is PositionMode.HEDGE
    path = [{market: ENTRY[market] * factor} for factor in moves]
    run = replay(hedged, path=path, funding_rates={market: rate}, hours_per_step=D(4))
    paid = [e.funding for e in run.events if e.kind is EventKind.FUNDING]
    assert sum(paid, D(0)) == 0 == run.funding
    assert run.final_wallet_balance == wallet


def test_a_clock_that_would_need_too_many_funding_payments_is_refused():
    # 1 position, every 8 h: 10,001 payments need 80,008 hours.
    path = [PathStep({"BTC-PERP": D(60000)}, hours=D(h)) for h in ("0", "80008")]
    with pytest.raises(MarginError) as error:
        replay(isolated_long(), path=path, funding_rates={})
    assert error.value.field == "path[1].hours"
    assert "at most 10,000" in str(error.value)
