"""to_data / from_data: JSON for the session, exactly back; anything else refused."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.engine import MarginError
from explainer.engine.practice import (
    SCENARIOS,
    advance,
    choose_path,
    custom_path,
    from_data,
    limit_order,
    to_data,
)
from tests.engine.practice.helpers import D, desks, played


def _round_trip(p):
    return from_data(json.loads(json.dumps(to_data(p))))


@given(desks(), st.integers(0, 60))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_it_comes_back_exactly_after_any_play(p, steps):
    for _ in range(steps):
        if p.finished:
            break
        p = advance(p, 1)
    assert _round_trip(p) == p


@pytest.mark.parametrize("slug", sorted(SCENARIOS))
def test_a_played_scenario_comes_back_exactly(slug):
    p = played(SCENARIOS[slug].setup())
    assert _round_trip(p) == p


def test_a_custom_path_orders_and_notices_come_back():
    p = SCENARIOS["cross-contagion"].setup()
    p = choose_path(p, custom_path("BTC-PERP 59000 last=58000\nETH-PERP 3100", hours_per_step=D(3)))
    p = limit_order(
        p, market="SOL-PERP", side="short", size=D(1), price=D(160), margin_mode="isolated"
    )
    p = limit_order(
        p, market="SOL-PERP", side="short", size=D(1), price=D(140), margin_mode="cross"
    )
    assert p.notices and p.orders
    assert _round_trip(advance(p)) == advance(p)
    assert _round_trip(p) == p


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "practice",
        {},
        {"v": 2},
        {"v": 1, "wallet": "1000"},
    ],
)
def test_it_refuses_what_it_did_not_write(data):
    with pytest.raises(MarginError) as caught:
        from_data(data)
    assert caught.value.field == "practice"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("wallet", "NaN"),
        ("wallet", 1000),
        ("wallet", "-5"),
        ("step", -1),
        ("step", 10_000),
        ("next_id", "3"),
        ("marks", {"DOGE-PERP": "1"}),
        ("marks", {"BTC-PERP": "60000"}),
        ("leverage", {"BTC-PERP": "0"}),
        ("positions", [["p1", "BTC-PERP", "up", "1", "1", "1", "cross", None]]),
        ("positions", [["p1", "BTC-PERP", "long", "1", "60000", "500", "cross", None]]),
        ("path", {"slug": "no-such-path"}),
        ("frames", [[0]]),
        ("ledger", ["1"]),
        ("funding_seen", "yes"),
    ],
)
def test_it_refuses_a_garbled_field(key, value):
    data = to_data(played(SCENARIOS["cross-contagion"].setup()))
    with pytest.raises(MarginError) as caught:
        from_data(data | {key: value})
    assert caught.value.field == "practice"
