"""Every control's bad input: a 422 that names the field, with what the reader typed kept, with
DEBUG off and on, for a plain post and for htmx; never a 500."""

import pytest

from tests.practice.data import BTC_LONG, HTMX

pytestmark = pytest.mark.django_db
HOSTILE = ["-1", "0", "NaN", "Infinity", "1e400", "", "lots", "٣"]

CASES = [
    ("order", {**BTC_LONG, "size": "{}"}, "order-size"),
    ("order", {**BTC_LONG, "kind": "limit", "price": "{}"}, "order-price"),
    ("leverage", {"market": "BTC-PERP", "leverage": "{}"}, "leverage-leverage"),
    ("margin", {"position_id": "p1", "direction": "add", "amount": "{}"}, "margin-amount"),
    ("close", {"position_id": "p1", "size": "{}"}, "close-size"),
    ("step", {"steps": "{}"}, "step-steps"),
    ("path", {"path": "custom", "custom": "BTC-PERP 60000", "hours": "{}"}, "path-hours"),
]
# An empty value is allowed where the field is optional: the limit price of a market order,
# the size of a whole close, and the hours of a custom path.
OPTIONAL = {"close-size", "path-hours"}


def _error_div(field: str) -> str:
    return f'<div id="{field}_error" class="calc-error" data-for="{field}" aria-live="polite"'


def _bad(data: dict, value: str) -> dict:
    return {key: text.replace("{}", value) for key, text in data.items()}


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(("control", "data", "field"), CASES)
def test_it_names_the_field_and_keeps_the_inputs(
    alice, settings, debug, control, data, field, value
):
    settings.DEBUG = debug
    response = alice.post(f"/practice/{control}/", _bad(data, value))
    if value == "" and field in OPTIONAL:  # an empty optional field is no error
        assert response.status_code == 303
        return
    assert response.status_code == 422
    html = response.content.decode()
    assert f"{_error_div(field)}><span>" in html
    if value and control != "step":
        assert f'value="{value}"' in html


@pytest.mark.parametrize(("control", "data", "field"), CASES)
def test_it_sends_htmx_only_the_errors_and_swaps_nothing_else(alice, control, data, field):
    response = alice.post(f"/practice/{control}/", _bad(data, "lots"), **HTMX)
    assert response.status_code == 422
    assert response["HX-Reswap"] == "none"
    html = response.content.decode()
    assert f'{_error_div(field)} hx-swap-oob="innerHTML"><span>' in html
    assert 'id="practice-state"' not in html


@pytest.mark.parametrize(
    ("control", "data", "field", "words"),
    [
        ("order", {**BTC_LONG, "market": "DOGE-PERP"}, "order-market", "Choose one of"),
        ("order", {**BTC_LONG, "size": "1000"}, "order-size", "available"),
        ("order", {**BTC_LONG, "kind": "limit"}, "order-price", "limit price"),
        ("leverage", {"market": "BTC-PERP", "leverage": "500"}, "leverage-leverage", ""),
        ("mode", {"position_id": "p9", "mode": "isolated"}, "mode-position_id", "open positions"),
        (
            "margin",
            {"position_id": "p1", "direction": "add", "amount": "10"},
            "margin-position_id",
            "solated",
        ),
        ("cancel", {"order_id": "o7"}, "cancel-order_id", ""),
        ("path", {"path": "custom", "custom": "BTC-PERP sixty"}, "path-custom", "Line 1"),
        ("path", {"path": "custom", "custom": "  "}, "path-custom", "one step a line"),
        ("path", {"path": "nowhere"}, "path-path", "Choose a path"),
        ("path", {"path": "custom", "custom": "x\n" * 31_000}, "path-custom", "characters"),
    ],
)
def test_it_words_what_the_engine_refuses_on_the_field(alice, control, data, field, words):
    response = alice.post(f"/practice/{control}/", data)
    assert response.status_code == 422
    html = response.content.decode()
    where = f'id="{field}_error"' if field else f'id="{control}-form-errors"'
    error = html[html.index(where) :][:400]
    assert "<span>" in error and words in error


def test_it_refuses_a_step_before_a_path_is_chosen(client):
    response = client.post("/practice/step/", {"steps": "1"})
    assert response.status_code == 422
    assert "Choose a price path first." in response.content.decode()


def test_it_answers_a_path_past_the_body_limit_with_its_own_page_not_a_500(alice):
    response = alice.post("/practice/path/", {"path": "custom", "custom": "BTC-PERP 1\n" * 8000})
    assert response.status_code == 413


def test_it_states_the_step_limit_on_the_textarea(alice):
    response = alice.post("/practice/path/", {"path": "custom", "custom": "BTC-PERP 6\n" * 1001})
    assert response.status_code == 422
    error = response.content.decode().split('id="path-custom_error"')[1][:200]
    assert "<span>A path has at most 1000 steps.</span>" in error
