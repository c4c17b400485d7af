import json

import pytest

from explainer.api.openapi import EXAMPLES


@pytest.fixture
def document(client):
    return json.loads(client.get("/api/v1/openapi.json").content)


def test_it_is_an_openapi_3_1_document_listing_every_endpoint(document):
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "/api/v1"}]
    assert set(document["paths"]) == {
        "/evaluate",
        "/simulate",
        "/markets",
        "/openapi.json",
        "/cases",
    }
    assert set(document["paths"]["/evaluate"]) == {"post"}
    assert set(document["paths"]["/markets"]) == {"get"}


def test_every_reference_resolves(document):
    for reference in _references(document):
        node = document
        for part in reference.removeprefix("#/").split("/"):
            node = node[part]
        assert isinstance(node, dict), reference


def test_every_operation_documents_its_answers_and_the_error_body(document):
    for path in document["paths"].values():
        for operation in path.values():
            assert {"200", "201"} & set(operation["responses"])  # 201: POST /cases creates
            assert "405" in operation["responses"]
    bad_request = document["components"]["responses"]["BadRequest"]
    assert bad_request["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }


def test_the_response_schemas_name_exactly_the_fields_the_api_sends(post, document):
    schemas = document["components"]["schemas"]
    body = post("evaluate", EXAMPLES["evaluate"]["isolated"]["value"] | {"explain": True}).json()

    assert set(body["account"]) == set(schemas["AccountFigures"]["properties"])
    assert set(body["positions"][0]) == set(schemas["PositionFigures"]["properties"])
    assert set(body["positions"][0]["derivations"][0]) == set(schemas["Derivation"]["properties"])


@pytest.mark.parametrize(
    ("changes", "fields"),
    [({}, "required"), ({"partial_liquidation": True}, "properties")],
    ids=["old", "extended"],
)
def test_the_simulate_schema_names_exactly_the_fields_the_api_sends(
    post, document, changes, fields
):
    """An old request gets the required fields; an extended answer every field there is."""
    schemas = document["components"]["schemas"]
    body = post("simulate", EXAMPLES["simulate"]["crash"]["value"] | changes).json()

    assert set(body["events"][0]) == set(schemas["LiquidationEvent"][fields])
    assert set(body["steps"][0]) == set(schemas["SimulationStep"][fields])
    assert set(body["totals"]) == set(schemas["SimulationTotals"][fields])
    assert set(body["totals"].get("event_counts", {})) <= set(
        schemas["SimulationTotals"]["properties"]["event_counts"]["properties"]
    )


def test_the_markets_schema_names_exactly_the_fields_the_api_sends(client, document):
    schemas = document["components"]["schemas"]
    [market, *_] = client.get("/api/v1/markets").json()["markets"]

    assert set(market) == set(schemas["Market"]["properties"])
    assert set(market["fees"]) == set(schemas["MarketFees"]["properties"])
    assert set(market["funding"]) == set(schemas["MarketFunding"]["properties"])


@pytest.mark.parametrize(
    ("schema", "operation", "example"),
    [("EvaluateRequest", "evaluate", "isolated"), ("SimulateRequest", "simulate", "crash")],
)
def test_the_request_schemas_name_exactly_the_top_fields_the_api_takes(
    post, document, schema, operation, example
):
    accepted = set(document["components"]["schemas"][schema]["properties"])
    body = EXAMPLES[operation][example]["value"] | {"nonsense": 1}

    [unknown] = post(operation, body).json()["errors"]

    assert unknown["field"] == "nonsense"
    assert all(name in unknown["message"] for name in accepted)


def test_the_position_schema_names_exactly_the_fields_the_api_takes(post, document):
    accepted = set(document["components"]["schemas"]["Position"]["properties"])
    body = {"wallet_balance": "500", "positions": [{"nonsense": 1}]}

    [unknown, *_] = post("evaluate", body).json()["errors"]

    assert unknown["field"] == "positions[0].nonsense"
    assert all(name in unknown["message"] for name in accepted)


def _references(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)
