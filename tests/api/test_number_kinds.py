"""The OpenAPI document and the parser agree on every number: each kind's bounds and string
pattern in the schema admit exactly what the API takes."""

import json
from decimal import Decimal

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.api import numbers, parsing

KINDS = {
    "positive": numbers.POSITIVE,
    "non-negative": numbers.NON_NEGATIVE,
    "rate": numbers.RATE,
    "leverage": numbers.LEVERAGE,
    "leverage up to 50": numbers.leverage_up_to(Decimal(50)),
}
texts = st.from_regex(r"-?\d{0,17}(\.\d{0,20})?([eE]-?\d{1,2})?", fullmatch=True)
values = (
    texts
    | st.decimals(allow_nan=False, allow_infinity=False, places=20).map(str)
    | st.sampled_from(["0", "0.0", "1", "125", "125.0", "1e15", "1000000000000000", "1e-18"])
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
