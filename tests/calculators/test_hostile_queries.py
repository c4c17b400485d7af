"""The same hostile values, in every number field of every calculator, as a page and as its
htmx partial: the answer is the results (200) or errors that name their fields (422), never a
500. test_fuzz.py draws values at random; this table always asks these."""

import re

import pytest
from django.conf import settings

from explainer.calculators.inputs import NumberField
from explainer.calculators.widgets import CALCULATORS, build

HOSTILE = {
    "tiny exponent": "1e-999999999",
    "huge exponent": "1e999999999",
    "over a double": "1e400",
    "NaN": "NaN",
    "Infinity": "Infinity",
    "minus zero": "-0",
    "Arabic-Indic three": "٣",
    "full-width three": "３",
    "mathematical three": "𝟑",
    "empty": "",
    "3,000 digits": "9" * 3_000,
    "3,000 decimal places": "0." + "0" * 3_000 + "1",
    "10,000 digits": "9" * 10_000,
    "NUL": "\x00",
    "markup": "<script>alert(1)</script>",
}
# Each error in the results' alert is an <li> linking to its input, whose id is "calc-<name>".
ALERT = re.compile(r'class="alert alert-warning calc-invalid">(.*?)</div>', re.DOTALL)
ERROR_LINK = re.compile(r'<li><a href="#calc-(\w+)">')


def number_fields(slug: str) -> list[str]:
    return [
        name for name, field in build(slug).form.fields.items() if isinstance(field, NumberField)
    ]


@pytest.mark.parametrize("slug", list(CALCULATORS))
@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_number_gets_results_or_a_named_field_error(client, fetch, slug, value):
    client.raise_request_exception = False  # a 500 is listed below with the rest
    fields = set(build(slug).form.fields)
    # An address too long to read is refused whole, before any form sees it.
    too_long = len(value) > getattr(settings, "MAX_URL_LENGTH", len(value))
    wrong = []
    for name in number_fields(slug):
        for htmx in (False, True):
            response = fetch(slug, htmx=htmx, **{name: value})
            if response.status_code == 422 and _names_only_fields(response.text, fields):
                continue
            if response.status_code == 414 and too_long:
                continue
            if response.status_code != 200:
                wrong.append(f"{name} ({'partial' if htmx else 'page'}): {response.status_code}")
    assert not wrong


def _names_only_fields(html: str, fields: set[str]) -> bool:
    alert = ALERT.search(html)
    named = ERROR_LINK.findall(alert[1]) if alert else []
    return bool(named) and set(named) <= fields and alert[1].count("<li>") == len(named)


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_unknown_names_are_ignored(fetch, slug):
    # Django reads at most DATA_UPLOAD_MAX_NUMBER_FIELDS names; these are two of them.
    for htmx in (False, True):
        response = fetch(slug, htmx=htmx, bogus="1e-999999999", **{"x" * 1000: "NaN"})
        assert response.status_code == 200
