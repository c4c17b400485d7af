"""The OpenAPI document and the parser agree on every number: each kind's bounds and string
pattern in the schema admit exactly what the API takes."""

import json
from decimal import Decimal

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.api import numbers, parsing
from explainer.engine import validation

KINDS = {
    "positive": numbers.POSITIVE,
    "non-negative": numbers.NON_NEGATIVE,
    "rate": numbers.RATE,
    "leverage": numbers.LEVERAGE,
    "leverage up to 50": numbers.leverage_up_to(Decimal(50)),
    "funding rate": numbers.FUNDING_RATE,
}
texts = st.from_regex(r"-?\d{0,17}(\.\d{0,20})?([eE]-?\d{1,2})?", fullmatch=True)
values = (
    texts
    | st.decimals(allow_nan=False, allow_infinity=False, places=20).map(str)
    | st.sampled_from(["0", "0.0", "1", "125", "125.0", "1e15", "1000000000000000", "1e-18"])
    | st.sampled_from(["-0", "-0.0", "0.05", "-0.05", "0.050", "0.0500000000000000001", "-1e-18"])
    | st.decimals("-0.06", "0.06", allow_nan=False, places=19).map(str)
)


def _schema_accepts(kind: numbers.Kind, value: object) -> bool:
    return jsonschema_rs.validator_for(kind.json_schema()).is_valid(value)


def _api_accepts(kind: numbers.Kind, value: object) -> bool:
    number, problem = parsing._decimal(value, kind)
    return problem is None


@pytest.mark.parametrize("name", KINDS)
@given(text=values)
def test_a_decimal_string_is_valid_by_the_schema_exactly_when_the_api_takes_it(name, text):
    kind = KINDS[name]
    assert _schema_accepts(kind, text) == _api_accepts(kind, text)


@pytest.mark.parametrize("name", KINDS)
@given(text=values)
def test_a_json_number_is_valid_by_the_schema_exactly_when_the_api_takes_it(name, text):
    kind = KINDS[name]
    try:
        number = json.loads(text)
    except json.JSONDecodeError:
        return
    as_sent = json.loads(json.dumps(number), parse_float=Decimal, parse_int=Decimal)
    assert _schema_accepts(kind, number) == _api_accepts(kind, as_sent)


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("positive", "exclusiveMinimum", "maximum"),
        ("non-negative", "minimum", "maximum"),
        ("rate", "minimum", "exclusiveMaximum"),
        ("leverage", "minimum", "maximum"),
    ],
)
def test_the_schema_states_each_bound(name, low, high):
    kind = KINDS[name]
    stated = json.dumps(kind.json_schema())
    assert f'"{high}": {float(kind.high)}' in stated
    if low == "exclusiveMinimum":  # above 0 means at least the engine's smallest magnitude
        assert f'"minimum": {float(numbers.SMALLEST)}' in stated
    else:
        assert f'"{low}": {float(kind.low if kind.low else numbers.SMALLEST)}' in stated


def test_the_funding_rate_pattern_spells_out_the_engines_bound():
    bound = f"{validation.MAX_FUNDING_RATE:f}"
    just_over = f"{validation.MAX_FUNDING_RATE + numbers.SMALLEST:f}"

    assert numbers.is_plain(numbers.FUNDING_RATE, bound)
    assert numbers.is_plain(numbers.FUNDING_RATE, f"-{bound}")
    assert not numbers.is_plain(numbers.FUNDING_RATE, just_over)
    assert not numbers.is_plain(numbers.FUNDING_RATE, f"-{just_over}")


def test_the_signed_schema_takes_either_sign_but_no_magnitude_below_1e_18():
    validator = jsonschema_rs.validator_for(numbers.FUNDING_RATE.json_schema())

    assert [validator.is_valid(number) for number in (0, -0.05, 0.05, 1e-18, -1e-18)] == [True] * 5
    assert [validator.is_valid(number) for number in (1e-19, -1e-19, 0.0501, -0.0501)] == [
        False
    ] * 4
