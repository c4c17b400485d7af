"""Bad input raises MarginError naming the field."""

from dataclasses import replace
from decimal import Decimal

import pytest

from explainer.engine import Account, MarginError, evaluate, validate
from tests.engine.builders import D, account, canonical, position


def field_of(bad_account):
    with pytest.raises(MarginError) as error:
        evaluate(bad_account)
    return error.value.field


@pytest.mark.parametrize("name", ["size", "entry_price", "leverage", "mark_price"])
@pytest.mark.parametrize("value", ["0", "-1", "-0", "NaN", "Infinity", "-Infinity", "sNaN"])
def test_numbers_that_must_be_positive_and_finite(name, value):
    bad = replace(canonical().positions[0], **{name: Decimal(value)})
    assert field_of(account("500", bad)) == f"positions[0].{name}"


@pytest.mark.parametrize("value", [0.02, "0.02", None, True])
def test_only_decimals_and_integers_are_accepted_as_numbers(value):
    bad = replace(canonical().positions[0], size=value)
    assert field_of(account("500", bad)) == "positions[0].size"


def test_integers_are_accepted():
    chosen = replace(canonical().positions[0], size=1, entry_price=50000, leverage=10)
    assert evaluate(Account(wallet_balance=10000, positions=(chosen,))).positions[0].margin == 5000


def test_negative_zero_is_treated_as_zero():
    with pytest.raises(MarginError, match="greater than 0"):
        evaluate(account("500", position(size="-0")))


@pytest.mark.parametrize(
    ("leverage", "message"),
    [("0.5", "at least 1×"), ("126", "BTC-PERP allows at most 125× leverage")],
)
def test_leverage_limits(leverage, message):
    with pytest.raises(MarginError, match=message) as error:
        evaluate(account("500", position(leverage=leverage)))
    assert error.value.field == "positions[0].leverage"


def test_leverage_is_capped_by_the_tier_for_the_notional_at_entry():
    big = position(size="2", leverage="100")  # 100,000 USDC notional: tier 2, at most 75×
    with pytest.raises(MarginError, match="at most 75× for a position of this size") as error:
        evaluate(account("10000", big))
    assert error.value.field == "positions[0].leverage"


def test_unknown_market_names_the_position_field():
    assert field_of(account("500", position(market="DOGE-PERP"))) == "positions[0].market"


def test_side_and_mode_must_be_known():
    assert field_of(account("500", replace(position(), side="up"))) == "positions[0].side"
    assert field_of(account("500", replace(position(), side=["long"]))) == "positions[0].side"
    bad_mode = replace(position(), margin_mode="portfolio")
    assert field_of(account("500", bad_mode)) == "positions[0].margin_mode"


def test_isolated_margin_only_on_isolated_positions():
    cross = position(mode="cross", isolated_margin=D(100))
    assert field_of(account("500", cross)) == "positions[0].isolated_margin"


@pytest.mark.parametrize("margin", ["0", "-5", "NaN"])
def test_isolated_margin_must_be_positive(margin):
    bad = position(isolated_margin=Decimal(margin))
    assert field_of(account("500", bad)) == "positions[0].isolated_margin"


def test_isolated_margin_may_be_below_the_initial_margin():
    assert evaluate(account("500", position(isolated_margin=D(60)))).positions[0].margin == 60


def test_isolated_margins_cannot_exceed_the_wallet():
    assert field_of(account("150", position(isolated_margin=D(200)))) == "wallet_balance"
    assert field_of(account("99", position())) == "wallet_balance"


@pytest.mark.parametrize("rate", ["1", "1.5", "-0.01", "Infinity"])
def test_maintenance_rate_must_be_in_zero_to_one(rate):
    bad = position(maintenance_margin_rate=Decimal(rate))
    assert field_of(account("500", bad)) == "positions[0].maintenance_margin_rate"


def test_maintenance_amount_cannot_be_negative():
    bad = position(maintenance_amount=D(-1))
    assert field_of(account("500", bad)) == "positions[0].maintenance_amount"


@pytest.mark.parametrize("wallet", ["-1", "NaN", "Infinity"])
def test_wallet_must_be_a_finite_non_negative_number(wallet):
    assert field_of(account(wallet, position(mode="cross"))) == "wallet_balance"


@pytest.mark.parametrize("count", [0, 51])
def test_an_account_holds_one_to_fifty_positions(count):
    crowd = Account(wallet_balance=D(10**6), positions=(position(mode="cross"),) * count)
    assert field_of(crowd) == "positions"


def test_the_field_path_names_the_offending_position():
    assert field_of(account("500", position(), position(size="0"))) == "positions[1].size"


def test_absurd_magnitudes_are_refused_rather_than_overflowing():
    assert field_of(account("500", position(size="1e999999"))) == "positions[0].size"


def test_validate_accepts_a_good_account():
    assert validate(canonical()) is None
