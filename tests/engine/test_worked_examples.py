"""Worked examples, including the seed examples of the help text."""

from decimal import Decimal

import pytest

from explainer.engine import evaluate
from tests.engine.builders import D, account, canonical, position


def test_isolated_long_of_100_usdc_liquidates_where_margin_meets_maintenance():
    # "You open a position with 100 USDC in isolated margin ... it can lose the 100 USDC
    # assigned to it." P = (1000 − 100) / (0.02 × 0.995)
    result = evaluate(canonical()).positions[0]
    assert result.initial_margin == 100
    assert result.liquidation_price == D("45226.13065326633165829145728643216080402")
    assert result.bankruptcy_price == 45000
    assert result.max_loss == 100


def test_cross_long_can_use_the_whole_500_usdc_wallet():
    # "Your account has 500 USDC available. In cross mode the system may use more of that
    # balance." P = (1000 − 500) / (0.02 × 0.995)
    result = evaluate(canonical(mode="cross")).positions[0]
    assert result.liquidation_price == D("25125.62814070351758793969849246231155779")
    assert result.bankruptcy_price == 25000
    assert result.max_loss == 500


def test_canonical_account_figures_at_entry():
    result = evaluate(canonical())
    assert result.cross_wallet_balance == 400
    assert result.available_balance == 400
    assert result.margin_ratio is None
    figures = result.positions[0]
    assert (figures.notional, figures.maintenance_margin, figures.roe) == (1000, 5, 0)


EXAMPLES = [
    # side, size, entry, leverage, market, liquidation, bankruptcy, max loss
    ("short", "0.02", "50000", "10", "BTC-PERP",
     "54726.36815920398009950248756218905472637", "55000", "100"),
    ("long", "1", "3000", "20", "ETH-PERP",
     "2864.321608040201005025125628140703517588", "2850", "150"),
    # 15,000 notional: SOL tier 2, rate 0.02, amount 100
    ("short", "100", "150", "5", "SOL-PERP",
     "177.4509803921568627450980392156862745098", "180", "3000"),
    # 500,000 notional: BTC tier 3, rate 0.02, amount 2750
    ("long", "10", "50000", "5", "BTC-PERP",
     "40535.71428571428571428571428571428571429", "40000", "100000"),
    # 1× long: fully collateralised, no liquidation and no bankruptcy price
    ("long", "1", "50000", "1", "BTC-PERP", None, None, "50000"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("side", "size", "entry", "leverage", "market", "liquidation", "bankruptcy", "loss"),
    EXAMPLES,
)
def test_isolated_worked_examples(
    side, size, entry, leverage, market, liquidation, bankruptcy, loss
):
    chosen = position(side=side, size=size, entry=entry, leverage=leverage, market=market)
    result = evaluate(account("1000000", chosen)).positions[0]
    assert result.liquidation_price == (liquidation and Decimal(liquidation))
    assert result.bankruptcy_price == (bankruptcy and Decimal(bankruptcy))
    assert result.max_loss == Decimal(loss)


def test_unrealised_pnl_and_roe_follow_the_mark():
    result = evaluate(canonical(mark="52000")).positions[0]
    assert result.unrealized_pnl == 40
    assert result.roe == D("0.4")
    assert result.notional == 1040


def test_short_profits_when_the_mark_falls():
    result = evaluate(canonical(side="short", mark="48000")).positions[0]
    assert result.unrealized_pnl == 40


def test_explicit_rate_without_amount_uses_amount_zero():
    result = evaluate(canonical(maintenance_margin_rate=D("0.01"))).positions[0]
    assert (result.maintenance_margin_rate, result.maintenance_amount) == (D("0.01"), 0)
    assert result.maintenance_margin == 10


def test_explicit_amount_is_used_with_the_tier_rate():
    result = evaluate(canonical(maintenance_amount=D("2"))).positions[0]
    assert result.maintenance_margin == 3


def test_added_isolated_margin_moves_the_liquidation_price_away():
    result = evaluate(canonical(isolated_margin=D("200"))).positions[0]
    # (1000 − 200) / (0.02 × 0.995)
    assert result.liquidation_price == D("40201.00502512562814070351758793969849246")
    assert result.max_loss == 200
    assert result.roe == 0


def test_isolated_position_is_liquidated_at_its_liquidation_price_not_before():
    assert not evaluate(canonical(mark="45227")).positions[0].liquidated
    assert evaluate(canonical(mark="45226")).positions[0].liquidated


def test_cross_account_with_positive_pnl_counts_it_in_the_available_balance():
    result = evaluate(canonical(mode="cross", mark="55000"))
    assert result.cross_margin_balance == 600
    assert result.available_balance == 500
