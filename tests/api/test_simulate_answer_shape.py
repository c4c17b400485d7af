"""Which fields a simulate answer carries. A request that uses funding_rates, hours_per_step,
insurance_fund, partial_liquidation: true or a step in the object form gets the extended
answer: every event, step and the totals carry every new field, null where there is no such
value. Any other request gets the fields it got before engine 2 and no more."""

import pytest

NEW_EVENT_FIELDS = {"kind", "size", "remaining_size", "last_price", "index_price", "hours"}
NEW_EVENT_FIELDS |= {"funding", "deleveraged", "insurance_fund_balance"}
NEW_STEP_FIELDS = {"hours", "quotes"}
NEW_TOTALS = {"funding", "deleveraged", "insurance_fund_balance", "event_counts"}


@pytest.fixture
def gap(seed):
    """The seed long (liquidated at about 45,226.13) and a mark that liquidates it."""
    return {"wallet_balance": "500", "positions": [seed], "path": [{"BTC-PERP": "45100"}]}


def _new_fields(body):
    [event], [step] = body["events"], body["steps"]
    return (
        set(event) & NEW_EVENT_FIELDS,
        set(step) & NEW_STEP_FIELDS,
        set(body["totals"]) & NEW_TOTALS,
    )


EXTENDING = {
    "funding_rates": {"funding_rates": {}, "hours_per_step": "1"},
    "hours_per_step": {"hours_per_step": "1"},
    "insurance_fund": {"insurance_fund": "0"},
    "partial_liquidation": {"partial_liquidation": True},
    "a step in the object form": {"path": [{"prices": {"BTC-PERP": "45100"}}]},
}


@pytest.mark.parametrize("changes", EXTENDING.values(), ids=EXTENDING.keys())
def test_a_request_using_a_replay_feature_gets_every_new_field(post, gap, changes):
    body = post("simulate", gap | changes).json()

    assert _new_fields(body) == (NEW_EVENT_FIELDS, NEW_STEP_FIELDS, NEW_TOTALS)


PLAIN = {
    "nothing new": {},
    "nulls": {"funding_rates": None, "hours_per_step": None, "insurance_fund": None}
    | {"partial_liquidation": None, "funding_interval_hours": None, "fee_rates": None},
    "partial_liquidation false": {"partial_liquidation": False},
    "the market's liquidation fee": {"liquidation_fee_rate": "market"},
    "fee settings": {"reserve_closing_fee": True, "fee_rates": {"BTC-PERP": {"taker": "0"}}},
    "an interval without funding": {"funding_interval_hours": "4"},
}


@pytest.mark.parametrize("changes", PLAIN.values(), ids=PLAIN.keys())
def test_any_other_request_gets_only_the_fields_it_always_got(post, gap, changes):
    body = post("simulate", gap | changes).json()

    assert _new_fields(body) == (set(), set(), set())


def test_in_an_extended_answer_a_missing_value_is_null(post, gap):
    body = post("simulate", gap | {"partial_liquidation": True}).json()

    [event], [step] = body["events"], body["steps"]
    assert [event[name] for name in ("last_price", "index_price", "hours")] == [None] * 3
    assert event["insurance_fund_balance"] is None and step["hours"] is None
    assert step["quotes"] == {}
    assert (event["kind"], event["size"], event["remaining_size"]) == ("liquidation", "0.02", "0")


def test_liquidations_counts_what_the_liquidation_engine_closed(post, gap):
    gap["path"] = [{"BTC-PERP": "50000"}] * 9 + [{"BTC-PERP": "45100"}]

    body = post("simulate", gap | {"funding_rates": {}, "hours_per_step": "1"}).json()

    assert body["totals"]["event_counts"] == {
        "funding": 1,
        "partial_liquidation": 0,
        "liquidation": 1,
        "adl": 0,
    }
    assert body["totals"]["liquidations"] == 1
