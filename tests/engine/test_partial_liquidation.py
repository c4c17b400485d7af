"""Partial liquidation, as large exchanges run it: a position above its market's first
bracket is first cut, at the mark, into the bracket below (one bracket at a time), and is
closed only if even that leaves it liquidated."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explainer.engine import MARKETS, EventKind, evaluate, replay
from tests.engine.builders import D, account, position
from tests.engine.strategies import ENTRY


def large_long():
    # 5 BTC at 60,000, 20×, isolated: 15,000 USDC of margin, notional 300,000 in BTC-PERP
    # tier 3 (from 250,000: rate 2 %, amount 2,750). Liquidation: 15,000 + 5·(P − 60,000) =
    # 0.1·P − 2,750, P = 282,250 / 4.9 ≈ 57,602.04 (notional 288,010: tier 3).
    return account("20000", position(size="5", entry="60000", leverage="20"))


def test_a_large_position_is_cut_into_the_bracket_below_and_survives():
    run = replay(
        large_long(),
        path=[{"BTC-PERP": D(57600)}],
        liquidation_fee_rate=None,
        partial_liquidation=True,
    )
    (cut,) = run.events
    # Tier 3 starts at 250,000 of notional: at 57,600 the largest size on the 0.001 lot below
    # it is 4.340 (249,984 USDC). 0.660 BTC are closed: PnL 0.66 × (57,600 − 60,000) =
    # −1,584 and the 0.5 % liquidation fee 0.66 × 57,600 × 0.005 = 190.08, both from the margin.
    assert cut.kind is EventKind.PARTIAL_LIQUIDATION
    assert (cut.size, cut.remaining_size) == (D("0.660"), D("4.340"))
    assert (cut.realized_pnl, cut.fee) == (D(-1584), D("190.08"))
    left = run.steps[0].state.positions[0]
    # Margin 15,000 − 1,584 − 190.08 = 13,225.92; uPnL 4.34 × (−2,400) = −10,416; equity
    # 2,809.92 against tier 2's maintenance margin 0.01 × 249,984 − 250 = 2,249.84: healthy.
    assert left.margin == D("13225.92") and left.maintenance_margin == D("2249.84")
    assert not left.liquidated
    assert run.final_wallet_balance == D("20000") - D(1584) - D("190.08")


def test_without_partial_liquidation_the_whole_position_is_closed():
    run = replay(large_long(), path=[{"BTC-PERP": D(57600)}])
    assert [e.kind for e in run.events] == [EventKind.LIQUIDATION]


def test_a_move_that_cuts_cannot_mend_closes_the_position_after_them():
    # At 57,010 only 50 USDC is left above bankruptcy (57,000): less than even the first
    # bracket's maintenance margin of what a cut would leave, so both cuts are made, then
    # the rest is closed.
    run = replay(large_long(), path=[{"BTC-PERP": D(57010)}], partial_liquidation=True)
    kinds = [e.kind for e in run.events]
    assert kinds == [EventKind.PARTIAL_LIQUIDATION] * 2 + [EventKind.LIQUIDATION]
    assert run.steps[0].state.positions == ()
    assert run.final_wallet_balance == 20000 - 15000


def test_in_cross_mode_the_position_with_the_largest_maintenance_margin_is_cut_first():
    big = position(size="5", entry="60000", leverage="20", mode="cross")
    small = position(market="ETH-PERP", size="1", entry="3000", leverage="10", mode="cross")
    start = account("15300", big, small)
    price = evaluate(start).positions[0].liquidation_price
    run = replay(start, path=[{"BTC-PERP": price - 1}], partial_liquidation=True)
    assert run.events[0].kind is EventKind.PARTIAL_LIQUIDATION
    assert run.events[0].position_index == 0


@st.composite
def large_isolated(draw):
    """An isolated position whose notional at entry lies inside one of the upper brackets."""
    market = MARKETS[draw(st.sampled_from(sorted(ENTRY)))]
    tier = draw(st.sampled_from(market.tiers[1:-1]))
    notional = draw(st.decimals(tier.floor * D("1.05"), tier.cap * D("0.95"), places=2))
    entry = ENTRY[market.symbol]
    leverage = draw(st.integers(2, int(tier.max_leverage)))
    side = draw(st.sampled_from(["long", "short"]))
    held = position(
        side=side,
        size=str(notional / entry),
        entry=str(entry),
        leverage=str(leverage),
        market=market.symbol,
    )
    return account(str(notional), held)


@settings(max_examples=80)
@given(large_isolated(), st.decimals(Decimal("0.999"), Decimal("0.999999"), places=6))
def test_a_partial_liquidation_leaves_a_healthy_position_in_a_lower_bracket(start, factor):
    (big,) = start.positions
    price = evaluate(start).positions[0].liquidation_price
    mark = price * factor if big.side == "long" else price / factor
    run = replay(start, path=[{big.market: mark}], partial_liquidation=True)
    assume(run.events and run.events[-1].kind is EventKind.PARTIAL_LIQUIDATION)
    (left,) = run.steps[0].state.positions
    whole = evaluate(replace(start, positions=(replace(big, mark_price=mark),))).positions[0]
    assert not left.liquidated and whole.liquidated
    assert left.maintenance_margin_rate < whole.maintenance_margin_rate
    assert sum((e.size for e in run.events), left.size) == big.size


def test_past_bankruptcy_no_cut_is_tried_and_the_loss_is_the_margin():
    # At 50,000 the 5 BTC long is 50,000 down on 15,000 of margin: nothing a cut could save.
    run = replay(
        large_long(), path=[{"BTC-PERP": D(50000)}], partial_liquidation=True, insurance_fund=D(100)
    )
    (event,) = run.events
    assert event.kind is EventKind.LIQUIDATION and event.loss == 15000
    assert (event.insurance_fund, event.deleveraged) == (-100, 34900)
    assert run.final_wallet_balance == 5000
