"""evaluate with fees: reserve_closing_fee keeps the taker fee of closing in the liquidation and
bankruptcy prices; fee_rates replaces a market's rates; every position has its adl_score."""

import json
from decimal import Decimal, localcontext

import pytest

from explainer.api.parsing import evaluate_request
from explainer.engine import FeeRates
from explainer.engine.decimals import CONTEXT

# 1 BTC at 60,000 with 10× on isolated margin: 6,000 USDC; near 54,000 its notional is in
# BTC-PERP's second tier (rate 1 %, amount 250).
BTC_LONG = {
    "side": "long",
    "size": "1",
    "entry_price": "60000",
    "leverage": "10",
    "margin_mode": "isolated",
}


def _account(**changes):
    return {"wallet_balance": "10000", "positions": [BTC_LONG]} | changes


def _prices(post, **changes):
    [position] = post("evaluate", _account(**changes)).json()["positions"]
    return Decimal(position["liquidation_price"]), Decimal(position["bankruptcy_price"])


def _exact(numerator, denominator):
    with localcontext(CONTEXT):
        return Decimal(numerator) / Decimal(denominator)


def test_without_the_reserve_the_prices_are_the_ones_before_fees(post):
    # 6,000 + (P − 60,000) = 0.01·P − 250
    assert _prices(post) == (_exact(53750, "0.99"), Decimal(54000))


def test_the_reserve_keeps_back_the_markets_taker_fee_of_closing(post):
    # The 0.05 % taker fee joins the maintenance margin: P = 53,750 / 0.9895 ≈ 54,320.36;
    # and bankruptcy: 6,000 + (P − 60,000) − 0.0005·P = 0, P = 54,000 / 0.9995 ≈ 54,027.01.
    prices = _prices(post, reserve_closing_fee=True)

    assert prices == (_exact(53750, "0.9895"), _exact(54000, "0.9995"))


def test_the_reserve_takes_the_accounts_own_taker_rate(post):
    own = {"BTC-PERP": {"taker": "0.001"}}

    liquidation, _ = _prices(post, reserve_closing_fee=True, fee_rates=own)

    assert liquidation == _exact(53750, "0.989")


@pytest.mark.parametrize(
    "rates",
    [{}, {"BTC-PERP": None}, {"BTC-PERP": {}}, {"BTC-PERP": {"taker": None, "maker": None}}],
    ids=["no market", "a null market", "no rate", "null rates"],
)
def test_a_rate_left_out_or_null_is_the_markets(post, rates):
    plain = post("evaluate", _account(reserve_closing_fee=True)).json()

    assert post("evaluate", _account(reserve_closing_fee=True, fee_rates=rates)).json() == plain


def test_without_the_reserve_fee_rates_change_no_figure(post):
    own = {"BTC-PERP": {"maker": "0", "taker": "0.001", "liquidation": "0.02"}}

    assert post("evaluate", _account(fee_rates=own)).json() == post("evaluate", _account()).json()


def test_the_engine_gets_every_rate_the_missing_ones_from_the_market():
    request = evaluate_request(_account(fee_rates={"BTC-PERP": {"taker": "0.001"}}))

    expected = FeeRates(Decimal("0.0002"), Decimal("0.001"), Decimal("0.005"))
    assert request.account.fee_rates == {"BTC-PERP": expected}


@pytest.mark.parametrize(
    ("mark", "score"),
    [
        # PnL ratio 10 %; equity 5,000 + 5,000; effective leverage 55,000 / 10,000 = 5.5.
        ("55000", "0.55"),
        # PnL ratio −5 %; equity 2,500; effective leverage 19: −0.05 / 19.
        ("47500", str(_exact("-0.05", 19))),
        # Past bankruptcy (45,000) nothing backs it.
        ("44000", None),
    ],
)
def test_every_position_has_its_adl_score(post, mark, score):
    held = BTC_LONG | {"entry_price": "50000", "mark_price": mark}

    body = post("evaluate", {"wallet_balance": "5000", "positions": [held]}).json()

    assert body["positions"][0]["adl_score"] == score


BAD = {
    "reserve as a string": ({"reserve_closing_fee": "yes"}, "reserve_closing_fee"),
    "reserve as 1": ({"reserve_closing_fee": 1}, "reserve_closing_fee"),
    "fee rates as a list": ({"fee_rates": [0.001]}, "fee_rates"),
    "fee rates as text": ({"fee_rates": "0.001"}, "fee_rates"),
    "an unknown market": ({"fee_rates": {"DOGE-PERP": {}}}, "fee_rates.DOGE-PERP"),
    "a market's rates as a number": ({"fee_rates": {"BTC-PERP": 0.001}}, "fee_rates.BTC-PERP"),
    "a market's rates as a list": ({"fee_rates": {"BTC-PERP": []}}, "fee_rates.BTC-PERP"),
    "an unknown rate": ({"fee_rates": {"BTC-PERP": {"rebate": 0}}}, "fee_rates.BTC-PERP.rebate"),
    "a negative taker rate": (
        {"fee_rates": {"BTC-PERP": {"taker": "-0.001"}}},
        "fee_rates.BTC-PERP.taker",
    ),
    "a liquidation rate of 1": (
        {"fee_rates": {"BTC-PERP": {"liquidation": 1}}},
        "fee_rates.BTC-PERP.liquidation",
    ),
    "a maker rate with an exponent": (
        {"fee_rates": {"BTC-PERP": {"maker": "2e-4"}}},
        "fee_rates.BTC-PERP.maker",
    ),
    "a maker rate as text": (
        {"fee_rates": {"BTC-PERP": {"maker": "low"}}},
        "fee_rates.BTC-PERP.maker",
    ),
    "a maker rate of true": (
        {"fee_rates": {"BTC-PERP": {"maker": True}}},
        "fee_rates.BTC-PERP.maker",
    ),
}


@pytest.mark.parametrize(("changes", "field"), BAD.values(), ids=BAD.keys())
def test_a_bad_fee_setting_is_a_400_naming_its_field(post, changes, field):
    response = post("evaluate", _account(**changes))

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.parametrize(("raw", "complaint"), [("NaN", "finite"), ("1e400", "below 1")])
def test_a_rate_beyond_what_decimal_strings_hold_is_named(post, raw, complaint):
    body = json.dumps(_account(fee_rates={"BTC-PERP": {"taker": "RATE"}}))

    response = post("evaluate", body.replace('"RATE"', raw))

    [error] = response.json()["errors"]
    assert error["field"] == "fee_rates.BTC-PERP.taker"
    assert complaint in error["message"]
