"""Whatever JSON arrives, the API answers 200, 400, 413 or 415, never a 500."""

import json
import os

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

POSITION_KEYS = [
    "id",
    "market",
    "side",
    "size",
    "entry_price",
    "mark_price",
    "leverage",
    "margin_mode",
    "isolated_margin",
    "maintenance_margin_rate",
    "maintenance_amount",
]
PLAUSIBLE = ["0", "-0", "0.02", "1", "10", "125", "50000", "1e15", "1e-18", "NaN", "1e400", ""]
PLAUSIBLE += ["long", "short", "cross", "isolated", "BTC-PERP", "ETH-PERP", "SOL-PERP"]
PLAUSIBLE += ["one_way", "hedge", "market", "-0.0001", "0.05", "-0.051", "8", "prices"]

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(PLAUSIBLE)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str)
)
STEP_KEYS = ["prices", "hours", "deleverage", "mark", "last", "index", "BTC-PERP", "ETH-PERP"]
FEE_KEYS = ["maker", "taker", "liquidation", "BTC-PERP", "SOL-PERP"]
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(POSITION_KEYS + STEP_KEYS + FEE_KEYS) | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
positions = st.lists(st.dictionaries(st.sampled_from(POSITION_KEYS), scalars), max_size=3)
bodies = st.fixed_dictionaries(
    {"wallet_balance": scalars, "positions": positions},
    optional={
        "position_mode": scalars,
        "explain": scalars,
        "path": junk,
        "liquidation_fee_rate": scalars,
        "reserve_closing_fee": scalars,
        "fee_rates": junk,
        "funding_rates": junk,
        "funding_interval_hours": scalars,
        "hours_per_step": scalars,
        "insurance_fund": scalars,
        "partial_liquidation": scalars,
    },
)


@pytest.fixture(autouse=True)
def _unlimited():
    """FUZZ_EXAMPLES=10000 sends ten thousand bodies from one address; tests/test_throttle_api.py
    tests the limit itself."""
    with override_settings(RATELIMIT_ENABLE=False):
        yield


def _amounts(low, high):
    exact = st.decimals(min_value=low, max_value=high, places=8, allow_nan=False)
    return exact.map(str) | exact.map(float)


# Mostly valid accounts, so the engine itself is exercised, with junk mixed in.
prices = _amounts("0.00000001", "1e15")
near_valid_position = st.fixed_dictionaries(
    {
        "side": st.sampled_from(["long", "short"]),
        "size": prices | scalars,
        "entry_price": prices,
        "leverage": _amounts(1, 20) | _amounts(1, 125) | scalars,
        "margin_mode": st.sampled_from(["cross", "isolated"]),
    },
    optional={
        "market": st.sampled_from(["BTC-PERP", "ETH-PERP", "SOL-PERP"]),
        "mark_price": prices,
        "isolated_margin": prices,
        "maintenance_margin_rate": _amounts(0, "0.99999999"),
        "maintenance_amount": prices | scalars,
    },
)
symbols = st.sampled_from(["BTC-PERP", "ETH-PERP", "SOL-PERP"])
marks = st.dictionaries(symbols, prices, min_size=1)
quotes = st.fixed_dictionaries({"mark": prices}, optional={"last": prices, "index": prices})
path_steps = st.fixed_dictionaries(
    {"prices": st.dictionaries(symbols, prices | quotes)},
    optional={
        "hours": _amounts(0, 100),
        # Ids the near-valid positions do not have, and the indexes they are given.
        "deleverage": st.lists(st.sampled_from(["0", "1", "2", "x"]), max_size=2, unique=True),
    },
)
fee_rates = st.dictionaries(
    symbols,
    st.none()
    | st.fixed_dictionaries(
        {}, optional={name: _amounts(0, "0.01") for name in ("maker", "taker", "liquidation")}
    ),
)
position_modes = st.sampled_from(["one_way", "hedge"])
account_settings = {
    "position_mode": position_modes,
    "reserve_closing_fee": st.booleans(),
    "fee_rates": fee_rates,
}
near_valid = st.fixed_dictionaries(
    {
        "wallet_balance": _amounts(0, "1e15"),
        "positions": st.lists(near_valid_position, min_size=1, max_size=4),
    },
    optional=account_settings,
)
replay_settings = {
    "liquidation_fee_rate": _amounts(0, "0.1") | st.just("market"),
    "funding_rates": st.dictionaries(symbols, _amounts("-0.05", "0.05")),
    "funding_interval_hours": _amounts("0.5", 24),
    "hours_per_step": _amounts("0.5", 24),
    "insurance_fund": _amounts(0, 10**6),
    "partial_liquidation": st.booleans(),
}
near_valid_path = st.fixed_dictionaries(
    {
        "wallet_balance": _amounts(0, "1e15"),
        "positions": st.lists(near_valid_position, min_size=1, max_size=4),
        "path": st.lists(marks | path_steps, min_size=1, max_size=5),
    },
    optional=account_settings | replay_settings,
)

# Accounts the engine takes, so that funding, partial liquidation, the insurance fund and ADL
# run on paths that move the marks around the entries.
held = st.sampled_from(
    [
        {"market": "BTC-PERP", "entry_price": "60000", "size": "5", "leverage": "20"},
        {"market": "BTC-PERP", "entry_price": "60000", "size": "0.1", "leverage": "50"},
        {"market": "ETH-PERP", "entry_price": "3000", "size": "10", "leverage": "10"},
        {"market": "SOL-PERP", "entry_price": "150", "size": "100", "leverage": "5"},
    ]
)
plausible_position = st.builds(
    lambda terms, side, mode: terms | {"side": side, "margin_mode": mode},
    held,
    st.sampled_from(["long", "short"]),
    st.sampled_from(["cross", "isolated"]),
)
ENTRY = {"BTC-PERP": 60000, "ETH-PERP": 3000, "SOL-PERP": 150}
moves = st.builds(
    lambda symbol, factor: {symbol: str(ENTRY[symbol] * factor)},
    symbols,
    st.decimals("0.8", "1.2", places=3),
)
plausible_replay = st.fixed_dictionaries(
    {
        "wallet_balance": st.sampled_from(["20000", "50000"]),
        "positions": st.lists(
            plausible_position, min_size=1, max_size=3, unique_by=lambda p: p["market"]
        ),
        "path": st.lists(moves | st.builds(lambda m: {"prices": m}, moves), min_size=1),
        "hours_per_step": st.sampled_from(["1", "8"]),  # a clock, so that funding can run
    },
    optional=account_settings | {k: v for k, v in replay_settings.items() if k != "hours_per_step"},
)

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 200)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(body=junk | bodies | near_valid)
def test_junk_sent_to_evaluate_never_breaks_it(post, body):
    _assert_well_answered(post("evaluate", json.dumps(body)))


@FUZZ
@given(body=junk | bodies | near_valid_path | plausible_replay)
def test_junk_sent_to_simulate_never_breaks_it(post, body):
    _assert_well_answered(post("simulate", json.dumps(body)))


def _assert_well_answered(response):
    assert response.status_code in {200, 400, 413, 415}
    if response.status_code == 400:
        errors = response.json()["errors"]
        assert errors
        assert all(set(error) == {"field", "message"} for error in errors)
    if response.status_code == 200:
        assert not any(isinstance(value, float) for value in _leaves(response.json()))


def _leaves(node):
    if isinstance(node, dict | list):
        for child in node.values() if isinstance(node, dict) else node:
            yield from _leaves(child)
    else:
        yield node
