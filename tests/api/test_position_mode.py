"""position_mode: one_way (the default) holds one position per market, hedge one long and one
short per market. Every request that takes an account takes it."""

import html
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from explainer.api.openapi import EXAMPLES
from explainer.engine import Account, MarginMode, Position, PositionMode, Side, evaluate

HEDGE = EXAMPLES["evaluate"]["hedge"]["value"]


@pytest.fixture
def pair():
    """The docs' hedge example: a cross long and a cross short of 1 BTC at 60,000 with 20×,
    backed by a wallet of 1,000 USDC."""
    return json.loads(json.dumps(HEDGE))  # a copy the test may change


def _engine_pair():
    half = {"size": Decimal(1), "entry_price": Decimal(60000), "leverage": Decimal(20)}
    positions = tuple(
        Position(side=side, margin_mode=MarginMode.CROSS, **half)
        for side in (Side.LONG, Side.SHORT)
    )
    return evaluate(Account(Decimal(1000), positions, position_mode=PositionMode.HEDGE))


def _fields(response):
    return [error["field"] for error in response.json()["errors"]]


@pytest.mark.parametrize("mode", ["one_way", None])
def test_a_request_without_a_position_mode_gets_the_one_way_answer(post, seed, cross_eth, mode):
    old = {"wallet_balance": "500", "positions": [seed, cross_eth]}

    response = post("evaluate", old | {"position_mode": mode})

    assert response.status_code == 200
    assert response.json() == post("evaluate", old).json()


def test_the_answer_does_not_echo_the_position_mode(post, pair):
    body = post("evaluate", pair).json()

    assert "position_mode" not in body["account"]
    assert "position_mode" not in body["positions"][0]


@pytest.mark.parametrize("operation", ["evaluate", "simulate"])
@pytest.mark.parametrize("mode", ["portfolio", "Hedge", "one-way", "", 1, True, ["hedge"]])
def test_it_refuses_an_unknown_position_mode_and_names_the_field(post, pair, operation, mode):
    body = pair | {"position_mode": mode}
    if operation == "simulate":
        body["path"] = [{"BTC-PERP": "61000"}]

    response = post(operation, body)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "position_mode"
    assert '"one_way" or "hedge"' in error["message"]


@pytest.mark.parametrize("operation", ["evaluate", "simulate"])
@pytest.mark.parametrize("mode", ["one_way", None, "left out"])
def test_in_one_way_mode_a_second_position_in_a_market_names_its_market(
    post, pair, operation, mode
):
    body = pair | {"position_mode": mode}
    if mode == "left out":
        del body["position_mode"]
    if operation == "simulate":
        body["path"] = [{"BTC-PERP": "61000"}]

    response = post(operation, body)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "positions[1].market"
    assert "hedge mode" in error["message"]


def test_in_hedge_mode_a_long_and_a_short_share_a_market(post, pair):
    response = post("evaluate", pair)

    long, short = response.json()["positions"]
    expected = _engine_pair().positions
    assert response.status_code == 200
    assert (long["side"], short["side"]) == ("long", "short")
    assert Decimal(long["liquidation_price"]) == expected[0].liquidation_price
    assert Decimal(short["liquidation_price"]) == expected[1].liquidation_price


def test_the_hedged_pair_is_liquidated_together_at_75000(post, pair):
    long, short = post("evaluate", pair).json()["positions"]

    # Their PnL cancels out; 1,000 = 2 × (1 × P × 1 % − 250) at P = 75,000.
    assert long["liquidation_price"] == short["liquidation_price"] == "75000"
    assert [position.liquidation_price for position in _engine_pair().positions] == [75000] * 2


def test_in_hedge_mode_a_second_long_in_a_market_names_its_market(post, pair):
    pair["positions"][1]["side"] = "long"

    response = post("evaluate", pair)

    assert response.status_code == 400
    assert _fields(response) == ["positions[1].market"]
    assert "one long and one short" in response.json()["errors"][0]["message"]


def test_in_hedge_mode_the_long_and_the_short_share_one_mark(post, pair):
    pair["positions"][1]["mark_price"] = "61000"  # the long is marked at its entry, 60,000

    response = post("evaluate", pair)

    assert response.status_code == 400
    assert _fields(response) == ["positions[1].mark_price"]


def test_simulate_takes_a_position_mode_too(post, pair):
    body = pair | {"path": [{"BTC-PERP": "70000"}, {"BTC-PERP": "75000"}]}

    response = post("simulate", body)

    events = response.json()["events"]
    assert response.status_code == 200
    assert [(event["step"], event["position_id"]) for event in events] == [
        (1, "long"),
        (1, "short"),
    ]


@pytest.mark.parametrize("schema", ["EvaluateRequest", "SimulateRequest"])
def test_the_document_states_the_modes_and_the_default(client, schema):
    document = client.get(reverse("api-openapi")).json()
    request = document["components"]["schemas"][schema]

    mode = request["properties"]["position_mode"]
    assert mode["default"] == "one_way"
    assert mode["anyOf"][0] == {"type": "string", "enum": ["one_way", "hedge"]}
    assert "one position per market" in mode["description"]
    assert "one long and one short per market" in mode["description"]
    assert "position_mode" not in request["required"]


def test_the_docs_page_runs_the_hedge_example(client):
    page = html.unescape(client.get(reverse("api-docs")).content.decode())

    assert EXAMPLES["evaluate"]["hedge"]["summary"] in page
    assert '"position_mode": "hedge"' in page
    assert '"liquidation_price": "75000"' in page  # answered by the engine, not typed in
