"""Hand-derived cross accounts with several positions, long and short, in different markets.

Two-position account, wallet 2000:
  BTC long 0.1 @ 50000, 10×, mark 48000: uPnL −200, MM 0.1 × 48000 × 0.005 = 24, IM 500
  ETH short 2 @ 3000, 10×, mark 3100:    uPnL −200, MM 2 × 3100 × 0.005 = 31,   IM 600
  cross margin balance 2000 − 400 = 1600; Σ MM 55; margin ratio 55 / 1600 = 0.034375
  BTC: C = 2000 − 200 − 31 = 1769; P = (5000 − 1769) / (0.1 × 0.995) = 3231 / 0.0995
  ETH: C = 2000 − 200 − 24 = 1776; P = (−6000 − 1776) / (2 × −1.005) = 7776 / 2.01
"""

from decimal import Decimal

import pytest

from explainer.engine import evaluate
from tests.engine.builders import D, account, position

BTC = position(size="0.1", mode="cross", mark="48000")
ETH = position(side="short", size="2", entry="3000", mode="cross", market="ETH-PERP", mark="3100")
SOL = position(size="50", entry="150", leverage="5", mode="cross", market="SOL-PERP", mark="140")


def test_two_position_account_totals():
    result = evaluate(account("2000", BTC, ETH))
    assert result.cross_margin_balance == 1600
    assert result.cross_maintenance_margin == 55
    assert result.margin_ratio == D("0.034375")
    assert result.available_balance == 500
    assert result.unrealized_pnl == -400


@pytest.mark.parametrize(
    ("index", "liquidation", "bankruptcy", "max_loss"),
    [
        (0, "32472.36180904522613065326633165829145729", "32000", "1800"),
        (1, "3868.656716417910447761194029850746268657", "3900", "1800"),
    ],
)
def test_two_position_account_prices(index, liquidation, bankruptcy, max_loss):
    result = evaluate(account("2000", BTC, ETH)).positions[index]
    assert result.liquidation_price == Decimal(liquidation)
    assert result.bankruptcy_price == Decimal(bankruptcy)
    assert result.max_loss == Decimal(max_loss)


# Three positions, wallet 3000; SOL long 50 @ 150, 5×, mark 140: uPnL −500, MM 70.
# BTC: C = 3000 − 700 − 101 = 2199, P = 2801 / 0.0995
# ETH: C = 3000 − 700 − 94 = 2206,  P = 8206 / 2.01
# SOL: C = 3000 − 400 − 55 = 2545,  P = (7500 − 2545) / (50 × 0.99) = 4955 / 49.5
@pytest.mark.parametrize(
    ("index", "liquidation", "bankruptcy"),
    [
        (0, "28150.75376884422110552763819095477386935", "27000"),
        (1, "4082.587064676616915422885572139303482587", "4150"),
        (2, "100.1010101010101010101010101010101010101", "98"),
    ],
)
def test_three_position_account_prices(index, liquidation, bankruptcy):
    result = evaluate(account("3000", BTC, ETH, SOL)).positions[index]
    assert result.liquidation_price == Decimal(liquidation)
    assert result.bankruptcy_price == Decimal(bankruptcy)


def test_three_position_margin_ratio():
    result = evaluate(account("3000", BTC, ETH, SOL))
    assert result.cross_margin_balance == 2100
    assert result.margin_ratio == D("0.05952380952380952380952380952380952380952")


def test_isolated_margin_is_not_part_of_the_cross_wallet():
    isolated = position(size="10", entry="150", leverage="15", market="SOL-PERP")  # margin 100
    result = evaluate(account("2100", BTC, ETH, isolated))
    assert result.cross_wallet_balance == 2000
    assert result.positions[0].liquidation_price == D("32472.36180904522613065326633165829145729")


def test_cross_positions_are_liquidated_together():
    result = evaluate(account("455", BTC, ETH))  # balance 55 ≤ Σ MM 55
    assert [p.liquidated for p in result.positions] == [True, True]
    assert not any(p.liquidated for p in evaluate(account("456", BTC, ETH)).positions)


def test_margin_ratio_is_none_when_the_cross_balance_is_not_positive():
    result = evaluate(account("400", BTC, ETH))
    assert result.cross_margin_balance == 0
    assert result.margin_ratio is None
    assert result.available_balance == 0


def test_a_hedge_in_another_market_moves_the_liquidation_price_away():
    alone = evaluate(account("2000", BTC)).positions[0].liquidation_price
    short_eth_in_profit = position(
        side="short", size="2", entry="3000", mode="cross", market="ETH-PERP", mark="2900"
    )
    hedged = evaluate(account("2000", BTC, short_eth_in_profit)).positions[0].liquidation_price
    assert hedged < alone
