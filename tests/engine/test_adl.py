"""The insurance fund, auto-deleveraging and the ADL ranking score.

A liquidation past bankruptcy is covered by the insurance fund as far as its balance goes;
the rest is passed to auto-deleveraging of profitable traders on the other side. A path can
name one of the account's own profitable positions to be auto-deleveraged: it is closed at
the mark, its profit realised, with no fee."""

from decimal import localcontext

import pytest

from explainer.engine import EventKind, MarginError, PathStep, evaluate, replay
from explainer.engine.decimals import CONTEXT
from tests.engine.builders import D, account, position


def long_and_short():
    long = position(size="1", entry="60000", leverage="10", id="long")
    short = position(market="ETH-PERP", side="short", size="10", entry="3000", id="short")
    return account("10000", long, short)


def test_a_named_profitable_position_is_closed_at_the_mark_without_a_fee():
    step = PathStep({"ETH-PERP": D(2900)}, deleverage=("short",))
    run = replay(long_and_short(), path=[step], liquidation_fee_rate=D("0.01"))
    (event,) = run.events
    assert event.kind is EventKind.ADL and event.position_id == "short"
    # 10 × (3,000 − 2,900) = 1,000 USDC of profit, realised; no fee, nothing to the fund.
    assert (event.realized_pnl, event.fee, event.insurance_fund) == (1000, 0, 0)
    assert event.size == 10 and event.remaining_size == 0
    assert run.final_wallet_balance == 11000
    assert [p.id for p in run.steps[0].state.positions] == ["long"]


@pytest.mark.parametrize("named", ["long", "nobody"])
def test_only_an_open_profitable_position_can_be_deleveraged(named):
    with pytest.raises(MarginError) as error:
        replay(long_and_short(), path=[PathStep({"BTC-PERP": D(59000)}, deleverage=(named,))])
    assert error.value.field == "path[0].deleverage"


def gap_past_bankruptcy(fund):
    # 1 BTC long at 60,000, 10×, isolated (6,000 of margin), bankrupt at 54,000. The mark
    # gaps to 53,000: the close leaves 6,000 − 7,000 = −1,000, a loss past bankruptcy.
    start = account("6000", position(size="1", entry="60000", leverage="10"))
    return replay(start, path=[{"BTC-PERP": D(53000)}], insurance_fund=fund)


def test_the_insurance_fund_covers_a_gap_past_bankruptcy_while_it_lasts():
    run = gap_past_bankruptcy(D(5000))
    (event,) = run.events
    assert (event.insurance_fund, event.deleveraged) == (-1000, 0)
    assert event.insurance_fund_balance == run.insurance_fund_balance == 4000


def test_what_the_fund_cannot_cover_goes_to_auto_deleveraging():
    run = gap_past_bankruptcy(D(300))
    (event,) = run.events
    assert (event.insurance_fund, event.deleveraged) == (-300, 700)
    assert run.insurance_fund_balance == 0 and run.deleveraged == 700
    # The trader still loses exactly the margin, never more.
    assert run.final_wallet_balance == 0


def test_a_fund_without_a_balance_never_runs_out():
    run = gap_past_bankruptcy(None)
    assert run.events[0].insurance_fund == -1000 and run.insurance_fund_balance is None


def test_the_adl_score_is_profit_ratio_times_effective_leverage():
    # Long 1 BTC at 50,000, 10×, isolated (5,000), marked at 55,000: PnL ratio 10 %; equity
    # 5,000 + 5,000 = 10,000; effective leverage 55,000 / 10,000 = 5.5; score 0.55.
    winner = account("5000", position(size="1", entry="50000", leverage="10", mark="55000"))
    assert evaluate(winner).positions[0].adl_score == D("0.55")


def test_a_losing_position_divides_its_pnl_ratio_by_its_effective_leverage():
    # Marked at 47,500: ratio −5 %; equity 2,500; effective leverage 19; score −0.05 / 19.
    loser = account("5000", position(size="1", entry="50000", leverage="10", mark="47500"))
    with localcontext(CONTEXT):
        assert evaluate(loser).positions[0].adl_score == D("-0.05") / 19


def test_more_leverage_ranks_a_profitable_position_higher():
    def score(leverage):
        held = position(size="1", entry="50000", leverage=leverage, mark="52000")
        return evaluate(account("50000", held)).positions[0].adl_score

    assert score("20") > score("10") > score("2")
