"""Bad input answers 400 with a JSON body that names each bad field by its path."""

import json

import pytest

# Raw JSON put where a position's size goes: none of these is a usable size.
BAD_SIZES = [
    ("NaN", "finite"),
    ("Infinity", "finite"),
    ("-Infinity", "finite"),
    ('"NaN"', "decimal number"),
    ('"Infinity"', "decimal number"),
    ("1e400", "too large"),
    ('"1e400"', "too large"),
    ("1e99999999999999999999999", "out of range"),
    (str(10**30), "too large"),
    ("-0", "greater than 0"),
    ('"-0"', "greater than 0"),
    ("0", "greater than 0"),
    ("-1", "greater than 0"),
    ('""', "decimal number"),
    ('"abc"', "decimal number"),
    ('"1_000"', "decimal number"),
    ('" 1"', "decimal number"),
    ('"\\u0663"', "decimal number"),
    ('"0.0000000000000000001"', "too small"),
    ("0.0000000000000000001", "too small"),
    ('"1e3"', "written plainly"),
    ('"007"', "written plainly"),
    ('"1.0000000000000000001"', "written plainly"),
    ("1." + "0" * 39 + "1", "significant digits"),
    ("[]", "not a list"),
    ("{}", "not an object"),
    ("[1, [2, {}]]", "not a list"),
    ("true", "not true"),
    ("false", "not false"),
    ("null", "required"),
]


@pytest.mark.parametrize(("raw", "complaint"), BAD_SIZES)
def test_it_rejects_a_bad_number_and_names_its_field(post, seed, raw, complaint):
    body = json.dumps({"wallet_balance": "500", "positions": [seed | {"size": "SIZE"}]})

    response = post("evaluate", body.replace('"SIZE"', raw))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["field"] == "positions[0].size"
    assert complaint in error["message"]


def _with(seed, **changes):
    return {"wallet_balance": "500", "positions": [seed | changes]}


CASES = {
    "negative wallet": (lambda s: {"wallet_balance": "-1", "positions": [s]}, "wallet_balance"),
    "null wallet": (lambda s: {"wallet_balance": None, "positions": [s]}, "wallet_balance"),
    "missing wallet": (lambda s: {"positions": [s]}, "wallet_balance"),
    "wallet of 10^30": (lambda s: {"wallet_balance": 10**30, "positions": [s]}, "wallet_balance"),
    "zero entry price": (lambda s: _with(s, entry_price="0"), "positions[0].entry_price"),
    "negative mark": (lambda s: _with(s, mark_price=-59000), "positions[0].mark_price"),
    "leverage below 1": (lambda s: _with(s, leverage="0.5"), "positions[0].leverage"),
    "leverage over the market max": (lambda s: _with(s, leverage="126"), "positions[0].leverage"),
    "leverage over the tier max": (
        lambda s: _with(s, size="10", leverage="50", isolated_margin=None),
        "positions[0].leverage",
    ),
    "leverage true": (lambda s: _with(s, leverage=True), "positions[0].leverage"),
    "rate of 1": (
        lambda s: _with(s, maintenance_margin_rate="1"),
        "positions[0].maintenance_margin_rate",
    ),
    "negative amount": (
        lambda s: _with(s, maintenance_amount="-1"),
        "positions[0].maintenance_amount",
    ),
    "amount that makes maintenance margin negative": (
        lambda s: _with(s, maintenance_amount="60"),
        "positions[0].maintenance_amount",
    ),
    "unknown market": (lambda s: _with(s, market="DOGE-PERP"), "positions[0].market"),
    "market as a number": (lambda s: _with(s, market=1), "positions[0].market"),
    "unknown side": (lambda s: _with(s, side="up"), "positions[0].side"),
    "capitalised mode": (lambda s: _with(s, margin_mode="Cross"), "positions[0].margin_mode"),
    "isolated margin on cross": (
        lambda s: _with(s, margin_mode="cross"),
        "positions[0].isolated_margin",
    ),
    "zero isolated margin": (
        lambda s: _with(s, isolated_margin="0"),
        "positions[0].isolated_margin",
    ),
    "unknown top field": (lambda s: {"wallet_balance": "500", "positions": [s], "foo": 1}, "foo"),
    "unknown position field": (lambda s: _with(s, foo="bar"), "positions[0].foo"),
    "empty id": (lambda s: _with(s, id=""), "positions[0].id"),
    "id of 65 characters": (lambda s: _with(s, id="x" * 65), "positions[0].id"),
    "id as a number": (lambda s: _with(s, id=7), "positions[0].id"),
    "no positions": (lambda s: {"wallet_balance": "500", "positions": []}, "positions"),
    "51 positions": (lambda s: {"wallet_balance": "9000", "positions": [s] * 51}, "positions"),
    "positions as an object": (lambda s: {"wallet_balance": "500", "positions": s}, "positions"),
    "a position as a list": (
        lambda s: {"wallet_balance": "500", "positions": [[s]]},
        "positions[0]",
    ),
    "duplicate ids": (
        lambda s: {"wallet_balance": "500", "positions": [s | {"id": "a"}, s | {"id": "a"}]},
        "positions[1].id",
    ),
    "an id equal to another's index": (
        lambda s: {"wallet_balance": "500", "positions": [s | {"id": "1"}, s]},
        "positions[1].id",
    ),
    "explain as a string": (lambda s: _with(s) | {"explain": "yes"}, "explain"),
    "isolated margins above the wallet": (
        lambda s: {"wallet_balance": "50", "positions": [s]},
        "wallet_balance",
    ),
    "a list body": (lambda s: [s], None),
}


@pytest.mark.parametrize(("build", "field"), CASES.values(), ids=CASES.keys())
def test_it_rejects_bad_input_and_names_the_field(post, seed, build, field):
    response = post("evaluate", build(seed))

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


def test_an_unknown_market_lists_the_known_ones(post, seed):
    [error] = post("evaluate", _with(seed, market="DOGE-PERP")).json()["errors"]

    assert "BTC-PERP, ETH-PERP, SOL-PERP" in error["message"]


def test_the_leverage_message_reads_plainly(post, seed):
    [error] = post("evaluate", _with(seed, leverage="0.5")).json()["errors"]

    assert error == {"field": "positions[0].leverage", "message": "Leverage must be at least 1."}


def test_it_reports_every_bad_field_at_once(post, seed):
    body = {
        "wallet_balance": "abc",
        "positions": [seed | {"leverage": 0}, seed | {"side": "up", "colour": "red"}],
        "foo": None,
    }

    errors = post("evaluate", body).json()["errors"]

    assert {error["field"] for error in errors} == {
        "foo",
        "wallet_balance",
        "positions[0].leverage",
        "positions[1].side",
        "positions[1].colour",
    }
