"""Helpers for the calculator view tests: fetch a page or its htmx partial, read a field's error."""

import html
import re

import pytest

from explainer.calculators.presets import DEFAULTS


@pytest.fixture
def fetch(client):
    """GET a calculator, seed values changed by `changes`; htmx=True asks for the partial."""

    def get(slug: str, *, htmx: bool = False, target: str = "calc-results", **changes):
        data = {**DEFAULTS[slug], **changes}
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target} if htmx else {}
        return client.get(f"/calculators/{slug}/", data, **headers)

    return get


def error_for(response, field: str, widget: str = "calc") -> str:
    """The words in the error element beside a field (empty when there is none)."""
    match = re.search(rf'id="{widget}-{field}_error"[^>]*>(.*?)</div>', response.text, re.S)
    assert match, f"no error element for {field}"
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.fixture
def field_error():
    return error_for


NONSENSE = {
    # Prices and sizes: "must be at least 0.001"; amounts of USDC: "must be more than 0".
    "negative": ("-5", "must be "),
    "zero": ("0", "must be "),
    "text": ("five hundred", "as a number"),
    "huge exponent": ("1e400", "can be at most"),
    "huge digits": ("9" * 400, "can be at most"),
    "NaN": ("NaN", "as a number"),
    "Infinity": ("Infinity", "as a number"),
    "minus Infinity": ("-Infinity", "as a number"),
}


@pytest.fixture(params=list(NONSENSE), ids=list(NONSENSE))
def nonsense(request):
    """(value, words the error must contain) for each kind of bad number."""
    return NONSENSE[request.param]


@pytest.fixture
def refuses(fetch):
    """check(slug, field, value, words, **changes): the calculator answers 422 with `words`
    beside `field`, both as a page, which keeps what was typed, and as an htmx partial."""

    def check(slug: str, field: str, value: str, words: str, **changes) -> None:
        for htmx in (False, True):
            response = fetch(slug, htmx=htmx, **{field: value, **changes})
            assert response.status_code == 422
            assert words in error_for(response, field)
            if value and not htmx:  # a partial leaves the inputs alone
                assert f'name="{field}" value="{value}"' in response.text

    return check
