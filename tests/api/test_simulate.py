from decimal import Decimal

import pytest

from explainer.api.parsing import MAX_STEPS, InvalidBody, simulate_request


@pytest.fixture
def crash(seed, cross_eth):
    """An isolated BTC long and a cross ETH long while both fall; both get liquidated."""
    return {
        "wallet_balance": "400",
        "positions": [seed | {"id": "iso"}, cross_eth | {"id": "cross"}],
        "path": [
            {"BTC-PERP": "47000"},
            {"BTC-PERP": 45220},
            {"BTC-PERP": "34000", "ETH-PERP": "2600"},
        ],
        "liquidation_fee_rate": "0.002",
    }


def test_the_books_balance(post, crash):
    totals = post("simulate", crash).json()["totals"]

    parts = [Decimal(totals[name]) for name in ("realized_pnl", "fees", "insurance_fund")]
    assert Decimal(totals["final_wallet_balance"]) == Decimal(400) + parts[0] - parts[1] - parts[2]
    assert totals["liquidations"] == 2


def test_it_lists_each_liquidation_with_its_step(post, crash):
    events = post("simulate", crash).json()["events"]

    assert [(e["step"], e["position_id"], e["margin_mode"]) for e in events] == [
        (1, "iso", "isolated"),
        (2, "cross", "cross"),
    ]
    assert events[0] | {"insurance_fund": "…"} == {
        "step": 1,
        "position_id": "iso",
        "position_index": 0,
        "market": "BTC-PERP",
        "margin_mode": "isolated",
        "mark_price": "45220",
        "realized_pnl": "-95.6",
        "loss": "100",
        "insurance_fund": "…",
        "fee": "1.8088",
    }


def test_each_step_shows_the_account_and_the_survivors_liquidation_prices(post, crash):
    steps = post("simulate", crash).json()["steps"]

    assert [sorted(step["liquidation_prices"]) for step in steps] == [
        ["cross", "iso"],
        ["cross"],
        [],
    ]
    assert steps[0]["liquidation_prices"]["iso"].startswith("45226.130653266")
    assert steps[1]["wallet_balance"] == "300"
    assert steps[2]["marks"] == {"BTC-PERP": "34000", "ETH-PERP": "2600"}


def test_a_path_that_liquidates_nothing_has_no_events(post, crash):
    crash["path"] = [{"BTC-PERP": "51000"}]

    body = post("simulate", crash).json()

    assert body["events"] == []
    assert body["totals"]["final_wallet_balance"] == "400"


CASES = {
    "no path": (lambda b: b | {"path": []}, "path"),
    "a path that is not a list": (lambda b: b | {"path": {"BTC-PERP": "1"}}, "path"),
    "an empty step": (lambda b: b | {"path": [{}]}, "path[0]"),
    "a step that is a list": (lambda b: b | {"path": [["BTC-PERP", "1"]]}, "path[0]"),
    "an unknown market": (lambda b: b | {"path": [{"DOGE-PERP": "1"}]}, "path[0].DOGE-PERP"),
    "a zero mark": (
        lambda b: b | {"path": [{"BTC-PERP": "1"}, {"BTC-PERP": 0}]},
        "path[1].BTC-PERP",
    ),
    "a NaN mark": (lambda b: b | {"path": [{"BTC-PERP": "NaN"}]}, "path[0].BTC-PERP"),
    "a fee rate of 1": (lambda b: b | {"liquidation_fee_rate": "1"}, "liquidation_fee_rate"),
    "explain, which only evaluate takes": (lambda b: b | {"explain": True}, "explain"),
}


@pytest.mark.parametrize(("build", "field"), CASES.values(), ids=CASES.keys())
def test_it_rejects_a_bad_path_and_names_the_field(post, crash, build, field):
    response = post("simulate", build(crash))

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_it_takes_at_most_ten_thousand_steps(crash):
    # 10,001 steps do not fit in a 64 KB body, so this limit is checked below HTTP.
    crash["path"] = [{"BTC-PERP": "50000"}] * (MAX_STEPS + 1)

    with pytest.raises(InvalidBody) as raised:
        simulate_request(crash)

    assert [error.field for error in raised.value.errors] == ["path"]


def test_it_caps_the_list_of_errors(post, crash):
    crash["path"] = [{"BTC-PERP": "x"}] * 500

    errors = post("simulate", crash).json()["errors"]

    assert len(errors) == 101
    assert errors[-1] == {"field": None, "message": "…and 400 more problems like these."}
