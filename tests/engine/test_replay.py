"""Replays: the account along a path of marks, with liquidations and exact books."""

from decimal import localcontext

import pytest

from explainer.engine import MarginError, MarginMode, replay
from explainer.engine.decimals import EXACT
from tests.engine.builders import D, account, canonical, position


def books_balance(start, run):
    with localcontext(EXACT):
        expected = start.wallet_balance + run.realized_pnl - run.fees - run.insurance_fund
    return run.final_wallet_balance == expected


def test_isolated_liquidation_at_the_mark_loses_exactly_the_margin():
    run = replay(
        canonical(),
        path=[{"BTC-PERP": D(46000)}, {"BTC-PERP": D(45200)}],
        liquidation_fee_rate=D("0.01"),
    )
    (event,) = run.events
    assert (event.step, event.realized_pnl, event.loss) == (1, -96, 100)
    assert event.fee == D("4")  # capped at what was left: 100 − 96
    assert event.insurance_fund == 0
    assert run.final_wallet_balance == 400
    assert run.steps[1].state.positions == ()


def test_a_gap_past_bankruptcy_is_covered_by_the_insurance_fund():
    run = replay(canonical(), path=[{"BTC-PERP": D(44000)}], liquidation_fee_rate=D("0.01"))
    (event,) = run.events
    assert (event.realized_pnl, event.fee, event.insurance_fund) == (-120, 0, -20)
    assert run.final_wallet_balance == 400
    assert books_balance(canonical(), run)


def test_cross_liquidation_consumes_the_cross_wallet_and_spares_isolated_margin():
    eth = position(size="1", entry="3000", market="ETH-PERP", mode="cross")  # IM 300
    chosen = account("600", position(), eth)
    run = replay(chosen, path=[{"BTC-PERP": D(40000), "ETH-PERP": D(2500)}])
    assert {e.margin_mode for e in run.events} == {MarginMode.ISOLATED, MarginMode.CROSS}
    assert run.final_wallet_balance == 0  # the isolated 100 lost as well, at its own price
    assert books_balance(chosen, run)


def test_cross_liquidation_leaves_a_surviving_isolated_position_alone():
    short, cross_long = position(side="short"), position(mode="cross", size="0.05")
    chosen = account("600", short, cross_long, hedge=True)
    run = replay(chosen, path=[{"BTC-PERP": D(40000)}])
    assert [e.margin_mode for e in run.events] == [MarginMode.CROSS]
    assert run.final_wallet_balance == 100
    assert run.steps[0].state.positions[0].unrealized_pnl == 200


def test_markets_not_named_keep_their_mark():
    eth = position(size="1", entry="3000", market="ETH-PERP", mark="3100")
    run = replay(account("1000", position(), eth), path=[{"BTC-PERP": D(51000)}, {}])
    assert dict(run.steps[1].marks) == {"BTC-PERP": 51000, "ETH-PERP": 3100}
    assert run.steps[1].state.unrealized_pnl == 120


def test_a_position_already_liquidated_at_its_mark_goes_at_the_first_step():
    run = replay(canonical(mark="45000"), path=[{"ETH-PERP": D(3000)}])
    assert [e.step for e in run.events] == [0]


def test_replay_validates_the_path_and_fee_rate():
    with pytest.raises(MarginError) as error:
        replay(canonical(), path=[{"BTC-PERP": D(1)}, {"BTC-PERP": D(0)}])
    assert error.value.field == "path[1].BTC-PERP"
    with pytest.raises(MarginError) as error:
        replay(canonical(), path=[{"DOGE-PERP": D(1)}])
    assert error.value.field == "path[0]"
    with pytest.raises(MarginError) as error:
        replay(canonical(), path=[], liquidation_fee_rate=D(-1))
    assert error.value.field == "liquidation_fee_rate"
