"""Show the math: every figure in words, formula, numbers and value."""

import re
from dataclasses import replace
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.engine import MarginError, explain
from explainer.engine.decimals import CONTEXT
from tests.engine.builders import D, account, canonical, position
from tests.engine.strategies import accounts

NAMES = [
    "notional",
    "initial_margin",
    "margin",
    "maintenance_margin",
    "unrealized_pnl",
    "roe",
    "liquidation_price",
    "bankruptcy_price",
    "max_loss",
    "cross_wallet_balance",
    "cross_margin_balance",
    "cross_maintenance_margin",
    "margin_ratio",
    "available_balance",
]


def by_name(account, index=0):
    return {d.name: d for d in explain(account, index)}


def computed(substituted):
    """Evaluate the numbers-substituted right-hand side as Decimal arithmetic."""
    expression = substituted.split(" = ", 1)[1].replace("×", "*").replace("−", "-")
    expression = re.sub(r"\d+(\.\d+)?", lambda m: f"Decimal('{m.group()}')", expression)
    with localcontext(CONTEXT):
        return eval(expression, {"Decimal": Decimal, "max": max, "min": min})


def test_explain_covers_every_position_and_account_figure_in_order():
    assert [d.name for d in explain(canonical())] == NAMES


def test_canonical_liquidation_price_shown_step_by_step():
    shown = by_name(canonical())["liquidation_price"]
    assert shown.formula == "P = (s·q·E − margin − amount) / (q·(s − rate))"
    assert shown.substituted == "P = (1 × 0.02 × 50000 − 100 − 0) / (0.02 × (1 − 0.005))"
    assert shown.value == D("45226.13065326633165829145728643216080402")


def test_maintenance_margin_names_its_tier():
    shown = by_name(canonical())["maintenance_margin"]
    assert shown.substituted == "MM = 0.02 × 50000 × 0.005 − 0"
    assert "BTC-PERP tier 1" in shown.words


def test_cross_liquidation_price_shows_the_other_positions():
    btc = position(size="0.1", mode="cross", mark="48000")
    eth = position(side="short", size="2", entry="3000", mode="cross", market="ETH-PERP")
    shown = by_name(account("2000", btc, replace(eth, mark_price=D(3100))))
    assert shown["liquidation_price"].substituted == (
        "P = (1 × 0.1 × 50000 − (2000 + (−200) − 31) − 0) / (0.1 × (1 − 0.005))"
    )
    assert shown["cross_margin_balance"].substituted == "cross margin balance = 2000 + (−200 − 200)"


def test_missing_prices_are_explained_in_words():
    shown = by_name(account("100000", position(size="1", leverage="1")))
    assert shown["liquidation_price"].value is None
    assert "no liquidation price" in shown["liquidation_price"].words
    assert shown["max_loss"].substituted.startswith("max loss = min(1 × 50000, ")


def test_explain_refuses_a_position_that_does_not_exist():
    with pytest.raises(MarginError) as error:
        explain(canonical(), 1)
    assert error.value.field == "position_index"


@settings(max_examples=50)
@given(accounts(max_positions=3), st.booleans())
def test_every_substituted_formula_computes_its_value(account, reserve):
    account = replace(account, reserve_closing_fee=reserve)
    for index in range(len(account.positions)):
        for shown in explain(account, index):
            if shown.name == "margin_ratio" and shown.value is None:
                continue  # no cross position, or nothing to divide by
            value = computed(shown.substituted)
            if shown.value is None:
                assert value <= 0
            else:
                assert abs(value - shown.value) <= Decimal("1e-25") * max(1, abs(shown.value))


def test_a_negative_bankruptcy_price_is_bracketed_in_the_max_loss_math():
    shown = by_name(account("100000", position(size="1", leverage="1", mode="cross")))
    assert "− (−" in shown["max_loss"].substituted
    assert "− −" not in shown["max_loss"].substituted
