"""Advancing along a path: the same as `replay`, the same in one go or step by step, and
books that balance."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.engine import MarginError, replay
from explainer.engine.practice import (
    INSURANCE_FUND,
    PATHS,
    SCENARIOS,
    advance,
    choose_path,
    fresh,
    limit_order,
    market_order,
    set_leverage,
)
from explainer.engine.practice.figures import margin_balance
from tests.engine.practice.helpers import D, books_balance, desks, kinds, moved, played

CHECKS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _replayed(p):
    """`replay` of the account as set up, along the path, with the practice's rules."""
    path = p.path
    return replay(
        p.account,
        path=list(path.steps),
        liquidation_fee_rate=None,
        funding_rates=path.funding_rates,
        hours_per_step=path.hours_per_step,
        insurance_fund=INSURANCE_FUND,
        partial_liquidation=True,
    )


@pytest.mark.parametrize("slug", sorted(SCENARIOS))
def test_each_step_is_the_step_replay_plays(slug):
    start = SCENARIOS[slug].setup()
    expected, p = _replayed(start), played(start)
    assert [f.wallet_balance for f in p.frames] == [s.wallet_balance for s in expected.steps]
    for frame, step in zip(p.frames, expected.steps, strict=True):
        prices = {q.id: q.liquidation_price for q in step.state.positions}
        assert frame.liquidation_prices == prices
    assert p.account.wallet_balance == expected.final_wallet_balance
    assert p.insurance_fund == expected.insurance_fund_balance
    assert p.ledger.funding == expected.funding


@given(desks(), st.integers(1, 30))
@CHECKS
def test_advancing_n_steps_equals_n_single_steps_up_to_the_first_pause(p, n):
    at_once, single = advance(p, n), p
    for _ in range(n):
        if single.finished:
            break
        single = advance(single, 1)
        if any(h.pauses for h in single.frames[-1].happenings):
            break
    assert at_once == single


@given(desks())
@CHECKS
def test_the_books_balance_after_any_play(p):
    assert books_balance(played(p))


@given(desks(), st.integers(1, 12))
@CHECKS
def test_no_frame_number_differs_from_evaluate_at_that_step(p, n):
    for _ in range(n):
        if p.finished:
            break
        p = advance(p, 1)
        frame, result = p.frames[-1], p.evaluate()
        assert frame.wallet_balance == result.wallet_balance
        assert frame.margin_balance == margin_balance(result)
        assert frame.liquidation_prices == {q.id: q.liquidation_price for q in result.positions}
        assert frame.marks == {m: p.marks[m] for m in frame.marks}


def test_it_stops_after_the_first_step_that_pauses():
    p = SCENARIOS["cross-contagion"].setup()
    p = advance(p, 50)
    # The first funding time is 8 hours in: step 8 of a path with one-hour steps.
    assert (p.step, p.frames[-1].happenings[0].kind) == (9, "funding")
    p = advance(p, 50)
    assert {h.kind for h in p.frames[-1].happenings} == {"liquidation"}


def test_only_the_first_funding_of_a_path_pauses():
    p = played(SCENARIOS["funding-moves-liquidation"].setup())
    pauses = [h.pauses for f in p.frames for h in f.happenings if h.kind == "funding"]
    assert pauses[0] and not any(pauses[1:])


def test_funding_falls_due_on_the_paths_clock_when_play_resumes():
    # One-hour steps: funding at hours 8 and 16, whether played in one go or in pieces.
    p = market_order(fresh(), market="BTC-PERP", side="long", size=D("0.1"), margin_mode="cross")
    p = moved(p, *["BTC-PERP 60000"] * 17)
    steps = [h.step for f in p.frames for h in f.happenings]
    assert steps == [8, 16]


def test_choosing_a_path_rewinds_the_clock_and_keeps_the_positions():
    p = played(SCENARIOS["funding-moves-liquidation"].setup())
    again = choose_path(p, p.path)
    assert (again.step, again.frames, again.hours) == (0, (), 0)
    assert again.account == p.account


def test_advance_is_refused_without_a_path_or_past_its_end():
    with pytest.raises(MarginError) as caught:
        advance(fresh())
    assert caught.value.field == "path"
    done = played(SCENARIOS["cross-contagion"].setup())
    with pytest.raises(MarginError) as caught:
        advance(done)
    assert caught.value.field == "steps"


@pytest.mark.parametrize("steps", [0, -1, 1001, True, "5", 2.0])
def test_advance_refuses_a_bad_number_of_steps(steps):
    with pytest.raises(MarginError) as caught:
        advance(SCENARIOS["cross-contagion"].setup(), steps)
    assert caught.value.field == "steps"


def test_an_empty_account_still_plays_its_path():
    p = moved(fresh(), "BTC-PERP 61000", "BTC-PERP 62000")
    assert p.marks["BTC-PERP"] == 62000
    assert [f.margin_balance for f in p.frames] == [1000, 1000]


def test_a_fill_mid_path_joins_the_book_and_replays_on():
    # A sell limit at 3,100, isolated, 10×, fills at step 1: margin 310. Liquidated where
    # 310 − (P − 3,100) = 0.5 % · P, P = 3,410 / 1.005 ≈ 3,393.03: at step 4 (3,400), where
    # only 310 − 300 = 10 is left for the 17 liquidation fee.
    p = limit_order(
        fresh(), market="ETH-PERP", side="short", size=D(1), price=D(3100), margin_mode="isolated"
    )
    p = moved(
        p, "ETH-PERP 3050", "ETH-PERP 3100", "ETH-PERP 3200", "ETH-PERP 3300", "ETH-PERP 3400"
    )
    assert kinds(p) == [("order_filled", 1), ("liquidation", 4)]
    liquidation = p.frames[4].happenings[0]
    assert (liquidation.amount, liquidation.detail["fee"]) == (310, 10)
    assert books_balance(p)


def test_a_book_resumed_after_a_partial_liquidation_plays_on_as_replay_does():
    # 1.5 BTC at 60,000 (90,000 notional, the 1 % tier), 50× isolated, in a 100,000 wallet:
    # the slide first cuts it into the 0.5 % tier, then liquidates the rest.
    p = set_leverage(fresh(wallet=D(100000)), market="BTC-PERP", leverage=D(50))
    p = market_order(p, market="BTC-PERP", side="long", size=D("1.5"), margin_mode="isolated")
    p = choose_path(p, PATHS["slow-slide"])
    expected = _replayed(p)
    while not p.finished:
        p = advance(p, 1)
    assert [h.kind for f in p.frames for h in f.happenings if h.kind != "funding"] == [
        e.kind.value for e in expected.events if e.kind.value != "funding"
    ]
    assert "partial_liquidation" in {e.kind.value for e in expected.events}
    assert [f.wallet_balance for f in p.frames] == [s.wallet_balance for s in expected.steps]
