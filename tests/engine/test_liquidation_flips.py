"""Where liquidation happens. At a hair either side of every reported liquidation price the
`liquidated` flag flips, and evaluate, evaluate_at_marks, sweep and replay agree on it."""

from dataclasses import replace
from decimal import Decimal, localcontext

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explainer.engine import Account, MarginMode, evaluate, evaluate_at_marks, replay, sweep
from explainer.engine.decimals import CONTEXT
from tests.engine.builders import D, position
from tests.engine.strategies import accounts, hedged, positions

HAIR = Decimal("1e-20")
modes = st.sampled_from([None, MarginMode.ISOLATED, MarginMode.CROSS])


def alone(wallet, chosen):
    return Account(wallet, (chosen,))


def marked_at(account, market, price):
    moved = [replace(p, mark_price=price) if p.market == market else p for p in account.positions]
    return replace(account, positions=tuple(moved))


def either_side(price):
    with localcontext(CONTEXT):
        return [price * (1 - HAIR), price * (1 + HAIR)]


def flags(account, market, index, prices):
    """Whether position `index` is liquidated at each price, as each entry point sees it."""
    marks = evaluate_at_marks(account, market=market, prices=prices)
    points = sweep(account, market=market, prices=prices)
    runs = [replay(account, path=[{market: price}]) for price in prices]
    cuts = [replay(account, path=[{market: price}], partial_liquidation=True) for price in prices]
    each = [evaluate(marked_at(account, market, price)) for price in prices]
    return {
        "evaluate": [result.positions[index].liquidated for result in each],
        "evaluate_at_marks": [result.positions[index].liquidated for result in marks],
        "sweep": [point.liquidated[index] for point in points],
        "replay": [any(e.position_index == index for e in run.events) for run in runs],
        # With partial liquidation the first event may be a cut, and in cross mode a cut of
        # another position (the largest first) can be enough: the account's event counts.
        "replay, partial": [any(_hits(e, account, index) for e in run.events) for run in cuts],
    }


def _hits(event, account, index):
    if account.positions[index].margin_mode == MarginMode.CROSS:
        return event.margin_mode == MarginMode.CROSS
    return event.position_index == index


@settings(max_examples=150)
@given(st.data())
def test_liquidated_flips_at_a_hair_either_side_of_every_liquidation_price(data):
    account = data.draw(accounts(mode=data.draw(modes)))
    account = replace(account, reserve_closing_fee=data.draw(st.booleans()))
    index = data.draw(st.integers(0, len(account.positions) - 1))
    result = evaluate(account).positions[index]
    assume(result.liquidation_price is not None)
    seen = flags(account, result.market, index, either_side(result.liquidation_price))
    below, above = seen["evaluate"]
    assert below != above
    assert all(each == [below, above] for each in seen.values()), seen


@given(positions(mode=MarginMode.ISOLATED), st.data())
def test_an_isolated_liquidation_price_does_not_depend_on_the_mark(chosen, data):
    # Before, the price kept the tier at the mark, so it jumped when the mark changed tier.
    other = chosen.entry_price * data.draw(st.decimals(Decimal("0.2"), Decimal("3"), places=4))
    wallet = chosen.size * chosen.entry_price
    here = evaluate(alone(wallet, chosen)).positions[0].liquidation_price
    there = evaluate(alone(wallet, replace(chosen, mark_price=other)))
    assert there.positions[0].liquidation_price == here


def test_the_reported_price_is_not_contradicted_by_the_flag_at_marks_above_it():
    # BTC-PERP long 334 at 60,000, 1.1×, isolated: the old price, 1,898.80, kept tier 6;
    # at 5,000 (above it) the engine already said liquidated. Now nothing above 5,638.41 is.
    chosen = position(size="334", entry="60000", leverage="1.1")
    grid = [D(5639), D(6000), D(20000), D(59998), D(60000)]
    results = evaluate_at_marks(alone(D(10**8), chosen), market="BTC-PERP", prices=grid)
    assert not any(r.positions[0].liquidated for r in results)
    assert len({r.positions[0].liquidation_price for r in results}) == 1
    (at_5638,) = evaluate_at_marks(alone(D(10**8), chosen), market="BTC-PERP", prices=[D(5638)])
    assert at_5638.positions[0].liquidated


@settings(max_examples=100)
@given(hedged(), st.data())
def test_a_hedged_market_flips_where_its_long_and_short_move_together(account, data):
    index = data.draw(st.integers(0, 1))  # the long or the short of the hedged market
    result = evaluate(account).positions[index]
    assume(result.liquidation_price is not None)
    seen = flags(account, result.market, index, either_side(result.liquidation_price))
    below, above = seen["evaluate"]
    assert below != above
    assert all(each == [below, above] for each in seen.values()), seen


def statuses(account, market, index, prices):
    results = evaluate_at_marks(account, market=market, prices=prices)
    return {result.positions[index].liquidated for result in results}


@settings(max_examples=100)
@given(st.one_of(accounts(), hedged()), st.data())
def test_no_price_nearer_the_mark_flips_first(account, data):
    # The reported price is the nearest flip: every price closer to the mark, on either side,
    # is in the state the mark is in.
    index = data.draw(st.integers(0, len(account.positions) - 1))
    result = evaluate(account).positions[index]
    assume(result.liquidation_price is not None)
    mark, gap = result.mark_price, result.liquidation_price - result.mark_price
    with localcontext(CONTEXT):
        nearer = [mark + gap * k / 20 for k in range(-19, 20)]
    nearer = [price for price in nearer if price > 0]
    assert statuses(account, result.market, index, nearer) == {result.liquidated}


@settings(max_examples=100)
@given(st.one_of(accounts(), hedged()), st.data())
def test_without_a_liquidation_price_no_mark_changes_the_state(account, data):
    index = data.draw(st.integers(0, len(account.positions) - 1))
    result = evaluate(account).positions[index]
    assume(result.liquidation_price is None)
    with localcontext(CONTEXT):
        scale = [result.mark_price * Decimal(2) ** k for k in range(-30, 31)]
    assert statuses(account, result.market, index, scale) == {result.liquidated}
