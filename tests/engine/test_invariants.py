"""Properties that hold for every valid account."""

from dataclasses import replace
from decimal import Decimal, localcontext

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explainer.engine import Account, MarginMode, PositionMode, evaluate, replay
from explainer.engine.decimals import EXACT
from tests.engine.strategies import ENTRY, accounts, factors, positions

margins = st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2)


def close(a, b, scale):
    with localcontext(EXACT):
        return abs(a - b) <= Decimal("1e-30") * max(Decimal(1), abs(scale))


def marked_at(account, market, price):
    """The account with every position in `market` marked at `price`."""
    moved = [replace(p, mark_price=price) if p.market == market else p for p in account.positions]
    return replace(account, positions=tuple(moved))


@given(positions(mode=MarginMode.ISOLATED), margins)
def test_at_the_isolated_liquidation_price_margin_meets_maintenance(position, margin):
    # Maintenance margin measured in the tier the notional falls in at that price.
    position = replace(position, isolated_margin=margin)
    result = evaluate(Account(margin, (position,))).positions[0]
    assume(result.liquidation_price is not None)
    there = evaluate(Account(margin, (replace(position, mark_price=result.liquidation_price),)))
    figures = there.positions[0]
    with localcontext(EXACT):
        equity = figures.margin + figures.unrealized_pnl
    assert close(equity, figures.maintenance_margin, figures.notional)


@given(accounts(mode=MarginMode.CROSS), st.data())
def test_at_a_cross_liquidation_price_the_cross_balance_meets_maintenance(account, data):
    index = data.draw(st.integers(0, len(account.positions) - 1))
    result = evaluate(account).positions[index]
    assume(result.liquidation_price is not None)
    there = evaluate(marked_at(account, result.market, result.liquidation_price))
    scale = max(abs(p.notional) for p in there.positions)
    assert close(there.cross_margin_balance, there.cross_maintenance_margin, scale)


@given(positions(mode=MarginMode.ISOLATED), margins)
def test_isolated_max_loss_is_the_allocated_margin(position, margin):
    assume(position.side == "short" or margin <= position.size * position.entry_price)
    chosen = replace(position, isolated_margin=margin)
    assert evaluate(Account(margin, (chosen,))).positions[0].max_loss == margin


def order_key(result):
    """Further from a long's entry means lower; for a short, higher. None is furthest."""
    price = result.liquidation_price
    if result.side == "long":
        return Decimal(0) if price is None else price
    return Decimal("Infinity") if price is None else -price


@given(positions(mode=MarginMode.ISOLATED), margins, margins)
def test_moving_a_lone_position_to_cross_never_brings_liquidation_nearer(position, margin, more):
    isolated = replace(position, isolated_margin=margin)
    alone = evaluate(Account(margin, (isolated,))).positions[0]
    cross = replace(position, margin_mode=MarginMode.CROSS)
    pooled = evaluate(Account(margin + more, (cross,))).positions[0]
    assert order_key(pooled) <= order_key(alone)


@given(positions(mode=MarginMode.ISOLATED), st.data())
def test_higher_leverage_brings_the_liquidation_price_nearer_to_entry(position, data):
    low = data.draw(st.integers(1, int(position.leverage)))
    wallet = position.size * position.entry_price
    safer = evaluate(Account(wallet, (replace(position, leverage=Decimal(low)),))).positions[0]
    riskier = evaluate(Account(wallet, (position,))).positions[0]
    assert order_key(safer) <= order_key(riskier)


@given(accounts(mode=MarginMode.CROSS, position_mode=PositionMode.ONE_WAY), margins)
def test_more_cross_wallet_moves_every_liquidation_price_away(account, more):
    richer = replace(account, wallet_balance=account.wallet_balance + more)
    for before, after in zip(evaluate(account).positions, evaluate(richer).positions, strict=True):
        assert order_key(after) <= order_key(before)


def distance(result):
    price = result.liquidation_price
    return Decimal("Infinity") if price is None else abs(price - result.mark_price)


@given(accounts(mode=MarginMode.CROSS, position_mode=PositionMode.HEDGE), margins)
def test_more_cross_wallet_moves_a_hedged_liquidation_price_away_from_the_mark(account, more):
    # A hedged market may be liquidated falling or rising; more wallet pushes both away.
    assume(not any(p.liquidated for p in evaluate(account).positions))
    richer = replace(account, wallet_balance=account.wallet_balance + more)
    for before, after in zip(evaluate(account).positions, evaluate(richer).positions, strict=True):
        assert distance(after) >= distance(before)


@settings(max_examples=50)
@given(
    accounts(max_positions=4),
    st.lists(
        st.tuples(st.sampled_from(["BTC-PERP", "ETH-PERP", "SOL-PERP"]), factors), max_size=30
    ),
    st.decimals(0, Decimal("0.02"), places=4),
)
def test_replay_keeps_the_books_exactly(account, moves, fee_rate):
    path = [{market: factor * ENTRY[market]} for market, factor in moves]
    run = replay(account, path=path, liquidation_fee_rate=fee_rate)
    with localcontext(EXACT):
        books = account.wallet_balance + run.realized_pnl - run.fees - run.insurance_fund
        lost = account.wallet_balance - sum((e.loss for e in run.events), Decimal(0))
    assert run.final_wallet_balance == books == lost
    assert run.final_wallet_balance >= 0
