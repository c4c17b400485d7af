import html
import re

import pytest
from django.urls import reverse

from explainer.api.openapi import EXAMPLES


def test_the_docs_page_renders(client):
    response = client.get(reverse("api-docs"))

    assert response.status_code == 200
    assert b"POST /api/v1/evaluate" in response.content
    assert b"positions[0].leverage" in response.content


def test_its_example_responses_come_from_the_engine(client):
    page = client.get(reverse("api-docs")).content.decode()

    # The first example's liquidation price, which nobody typed into the template.
    assert "54271.35678391959798994974874371859296482" in page
    assert "HTTP 400" in page
    assert "Unknown field" in page


def test_it_uses_no_inline_script_or_style(client):
    page = client.get(reverse("api-docs")).content.decode()

    assert "<style" not in page
    assert " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


@pytest.mark.parametrize(
    ("operation", "example"),
    [(operation, example) for operation, named in EXAMPLES.items() for example in named.values()],
    ids=lambda value: value if isinstance(value, str) else value["summary"],
)
def test_every_example_answers_with_the_status_it_expects(post, operation, example):
    assert post(operation, example["value"]).status_code == example.get("x-status", 200)


def _answer(post, operation, name):
    return post(operation, EXAMPLES[operation][name]["value"]).json()


def test_the_reserve_example_keeps_back_its_own_taker_fee(post):
    [position] = _answer(post, "evaluate", "reserve")["positions"]

    # 6,000 + (P − 60,000) = 0.01·P − 250 + 0.0004·P
    assert position["liquidation_price"] == "54314.87469684721099434114793856103476152"


def test_the_funding_example_pays_three_times_over_a_day(post):
    body = _answer(post, "simulate", "funding")

    paid = [(e["position_id"], e["hours"], e["funding"]) for e in body["events"]]
    # BTC: 1 × mark × 0.03 %; ETH (its default 0.01 %): −10 × 3,000 × 0.01 %, received.
    assert paid == [
        ("btc", "8", "18.12"),
        ("eth", "8", "-3"),
        ("btc", "16", "17.94"),
        ("eth", "16", "-3"),
        ("btc", "24", "18.06"),
        ("eth", "24", "-3"),
    ]


def test_the_partial_example_cuts_0_66_btc_and_the_rest_survives(post):
    body = _answer(post, "simulate", "partial")

    [cut] = body["events"]
    assert (cut["kind"], cut["size"], cut["remaining_size"]) == (
        "partial_liquidation",
        "0.66",
        "4.34",
    )
    assert list(body["steps"][-1]["liquidation_prices"]) == ["big"]


def test_the_insurance_example_pays_300_from_the_fund_and_deleverages_700(post):
    [event] = _answer(post, "simulate", "insurance")["events"]

    assert (event["insurance_fund"], event["deleveraged"]) == ("-300", "700")
    assert event["insurance_fund_balance"] == "0"


def test_the_deleverage_example_closes_the_eth_short(post):
    [event] = _answer(post, "simulate", "deleverage")["events"]

    assert (event["kind"], event["position_id"], event["realized_pnl"]) == ("adl", "eth", "1000")


def test_the_wick_example_liquidates_only_when_the_mark_crosses(post):
    body = _answer(post, "simulate", "wick")

    assert body["steps"][0]["quotes"]["BTC-PERP"]["last"] == "44000"
    assert [(e["step"], e["last_price"]) for e in body["events"]] == [(1, "45500")]


def test_the_page_shows_every_example(client):
    page = html.unescape(client.get(reverse("api-docs")).content.decode())

    for named in EXAMPLES.values():
        for example in named.values():
            assert html.unescape(example["summary"]) in page
    assert '"kind": "partial_liquidation"' in page
    assert '"deleveraged": "700"' in page
