"""Every bad value of simulate's engine 2 inputs is a 400 naming its field, by the names the
engine itself uses (path[3].prices.BTC-PERP.last, funding_rates.BTC-PERP, hours_per_step)."""

import json

import pytest

from explainer.api.parsing import MAX_FUNDING_PAYMENTS


@pytest.fixture
def body(seed):
    return {"wallet_balance": "500", "positions": [seed], "path": [{"BTC-PERP": "50000"}]}


def _step(**fields):
    return {"path": [{"prices": {"BTC-PERP": "50000"}} | fields]}


def _quote(**prices):
    return {"path": [{"prices": {"BTC-PERP": prices}}]}


CASES = {
    # liquidation_fee_rate: a rate below 1, or "market"
    "a fee rate of another word": ({"liquidation_fee_rate": "markets"}, "liquidation_fee_rate"),
    "a negative fee rate": ({"liquidation_fee_rate": -0.01}, "liquidation_fee_rate"),
    "a fee rate of true": ({"liquidation_fee_rate": True}, "liquidation_fee_rate"),
    # funding_rates: signed rates of at most 5 % by market
    "funding rates as a list": ({"funding_rates": ["0.0001"]}, "funding_rates"),
    "funding rates as a rate": ({"funding_rates": "0.0001"}, "funding_rates"),
    "an unknown funded market": ({"funding_rates": {"DOGE-PERP": 0}}, "funding_rates.DOGE-PERP"),
    "a funding rate of 6 %": ({"funding_rates": {"BTC-PERP": "0.06"}}, "funding_rates.BTC-PERP"),
    "a funding rate of −5.1 %": (
        {"funding_rates": {"BTC-PERP": -0.051}},
        "funding_rates.BTC-PERP",
    ),
    "a funding rate with a plus": (
        {"funding_rates": {"BTC-PERP": "+0.01"}},
        "funding_rates.BTC-PERP",
    ),
    "a funding rate as text": ({"funding_rates": {"BTC-PERP": "high"}}, "funding_rates.BTC-PERP"),
    "a funding rate of true": ({"funding_rates": {"BTC-PERP": True}}, "funding_rates.BTC-PERP"),
    "a funding rate as an object": ({"funding_rates": {"BTC-PERP": {}}}, "funding_rates.BTC-PERP"),
    # the clock and the fund
    "a zero interval": ({"funding_interval_hours": 0}, "funding_interval_hours"),
    "an interval in words": ({"funding_interval_hours": "8h"}, "funding_interval_hours"),
    "a negative step length": ({"hours_per_step": "-1"}, "hours_per_step"),
    "a step length of true": ({"hours_per_step": True}, "hours_per_step"),
    "a negative fund": ({"insurance_fund": "-1"}, "insurance_fund"),
    "a fund above 1e15": ({"insurance_fund": 10**16}, "insurance_fund"),
    "a fund in words": ({"insurance_fund": "lots"}, "insurance_fund"),
    "partial as a string": ({"partial_liquidation": "true"}, "partial_liquidation"),
    "partial as 1": ({"partial_liquidation": 1}, "partial_liquidation"),
    # steps in the object form
    "prices as a list": ({"path": [{"prices": []}]}, "path[0].prices"),
    "null prices": ({"path": [{"prices": None}]}, "path[0].prices"),
    "an unknown priced market": (
        {"path": [{"prices": {"DOGE-PERP": 1}}]},
        "path[0].prices.DOGE-PERP",
    ),
    "a zero price": ({"path": [{"prices": {"BTC-PERP": 0}}]}, "path[0].prices.BTC-PERP"),
    "a price as a list": ({"path": [{"prices": {"BTC-PERP": [1]}}]}, "path[0].prices.BTC-PERP"),
    "a quote without a mark": (_quote(last="50000"), "path[0].prices.BTC-PERP.mark"),
    "a negative last price": (_quote(mark="50000", last="-1"), "path[0].prices.BTC-PERP.last"),
    "an index price of NaN": (_quote(mark="50000", index="NaN"), "path[0].prices.BTC-PERP.index"),
    "an unknown quote field": (_quote(mark="50000", bid="1"), "path[0].prices.BTC-PERP.bid"),
    "an unknown step field": (_step(colour="red"), "path[0].colour"),
    "negative hours": (_step(hours=-1), "path[0].hours"),
    "hours in words": (_step(hours="soon"), "path[0].hours"),
    "deleverage as a string": (_step(deleverage="iso"), "path[0].deleverage"),
    "deleverage by index": (_step(deleverage=[0]), "path[0].deleverage"),
    "an empty id to deleverage": (_step(deleverage=[""]), "path[0].deleverage"),
    "an id twice": (_step(deleverage=["0", "0"]), "path[0].deleverage"),
    "51 ids": (_step(deleverage=[str(n) for n in range(51)]), "path[0].deleverage"),
    "hours in an old-form step": ({"path": [{"BTC-PERP": "1", "hours": 8}]}, "path[0].hours"),
    "deleverage in an old-form step": (
        {"path": [{"BTC-PERP": "1", "deleverage": []}]},
        "path[0].deleverage",
    ),
    # what only the replay finds out: the engine's own field names
    "funding without a clock": ({"funding_rates": {}}, "hours_per_step"),
    "funding with a step without hours": (
        {"funding_rates": {}, "path": [{"prices": {}, "hours": 0}, {"BTC-PERP": "1"}]},
        "hours_per_step",
    ),
    "a clock that runs backwards": (
        {"path": [{"prices": {}, "hours": 5}, {"prices": {}, "hours": 4}]},
        "path[1].hours",
    ),
    "a step length's clock before a step's own hours": (
        {"hours_per_step": 8, "path": [{"prices": {}, "hours": 20}, {"prices": {}}]},
        "path[1].hours",
    ),
    "deleveraging a position not in profit": (_step(deleverage=["0"]), "path[0].deleverage"),
    "deleveraging nobody": (_step(deleverage=["nobody"]), "path[0].deleverage"),
}


@pytest.mark.parametrize(("changes", "field"), CASES.values(), ids=CASES.keys())
def test_a_bad_replay_input_is_a_400_naming_its_field(post, body, changes, field):
    response = post("simulate", body | changes)

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


RAW = {
    "funding rate": ({"funding_rates": {"BTC-PERP": "RAW"}}, "funding_rates.BTC-PERP"),
    "insurance fund": ({"insurance_fund": "RAW"}, "insurance_fund"),
    "hours": (_step(hours="RAW"), "path[0].hours"),
    "last price": (_quote(mark=1, last="RAW"), "path[0].prices.BTC-PERP.last"),
}


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "1e400", "1e99999999999999999999"])
@pytest.mark.parametrize(("changes", "field"), RAW.values(), ids=RAW.keys())
def test_a_number_no_decimal_can_use_is_named(post, body, raw, changes, field):
    response = post("simulate", json.dumps(body | changes).replace('"RAW"', raw))

    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_a_negative_funding_rate_written_with_an_exponent_asks_for_plain_writing(post, body):
    [error] = post("simulate", body | {"funding_rates": {"BTC-PERP": "-1e-4"}}).json()["errors"]

    assert '"-0.0001": no plus sign' in error["message"]


def test_a_clock_too_long_for_the_funding_payments_names_what_set_it(post, body):
    hours = 8 * (MAX_FUNDING_PAYMENTS + 1)
    over = {"funding_rates": {}, "path": [{"prices": {}, "hours": hours}]}
    per_step = {"funding_rates": {}, "hours_per_step": hours, "path": [{"prices": {}}] * 2}

    errors = [post("simulate", body | changes).json()["errors"] for changes in (over, per_step)]

    assert [error["field"] for [error] in errors] == ["path[0].hours", "hours_per_step"]
    assert "10,001 funding payments" in errors[0][0]["message"]


def test_the_funding_payments_may_reach_the_limit(post, body):
    hours = 8 * MAX_FUNDING_PAYMENTS
    changes = {"funding_rates": {"BTC-PERP": 0}, "path": [{"prices": {}, "hours": hours}]}

    response = post("simulate", body | changes)

    assert response.status_code == 200
    assert response.json()["totals"]["event_counts"]["funding"] == MAX_FUNDING_PAYMENTS


def test_every_bad_field_of_a_step_is_named_at_once(post, body):
    step = {"prices": {"BTC-PERP": {"mark": "x", "last": 0}}, "hours": "a", "deleverage": 1}

    errors = post("simulate", body | {"path": [step]}).json()["errors"]

    assert [error["field"] for error in errors] == [
        "path[0].prices.BTC-PERP.mark",
        "path[0].prices.BTC-PERP.last",
        "path[0].hours",
        "path[0].deleverage",
    ]
