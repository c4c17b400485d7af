from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.engine import MarginError, evaluate, evaluate_at_marks
from tests.engine.builders import D, canonical
from tests.engine.strategies import ENTRY, accounts, factors


@settings(max_examples=50)
@given(accounts(max_positions=4), st.sampled_from(sorted(ENTRY)), factors)
def test_each_result_is_evaluate_with_that_markets_positions_marked_there(account, market, factor):
    price = ENTRY[market] * factor
    (result,) = evaluate_at_marks(account, market=market, prices=[price])
    marked = [replace(p, mark_price=price) if p.market == market else p for p in account.positions]
    assert result == evaluate(replace(account, positions=tuple(marked)))


def test_one_result_per_price_in_order():
    prices = [D("45000"), D("50000"), D("55000")]
    results = evaluate_at_marks(canonical(), market="BTC-PERP", prices=prices)
    assert [r.positions[0].mark_price for r in results] == prices


@pytest.mark.parametrize(
    "prices, field", [([D("0")], "prices[0]"), ([D("1"), D("-5")], "prices[1]")]
)
def test_a_price_that_is_not_positive_is_named(prices, field):
    with pytest.raises(MarginError) as error:
        evaluate_at_marks(canonical(), market="BTC-PERP", prices=prices)
    assert error.value.field == field


def test_an_unknown_market_is_refused():
    with pytest.raises(MarginError) as error:
        evaluate_at_marks(canonical(), market="DOGE-PERP", prices=[D("1")])
    assert error.value.field == "market"
