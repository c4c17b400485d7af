"""Whatever a reader (or a bot) puts in a calculator's query string, the answer is the page
with results (200) or the page with field-named errors (422), never a 500."""

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.calculators.widgets import CALCULATORS, build

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 40))
HOSTILE = [
    "",
    "0",
    "-0",
    "-1",
    "NaN",
    "sNaN",
    "Infinity",
    "-inf",
    "1e400",
    "1e-400",
    "10" * 40,
    "abc",
    "1,5",
    "٣",
    "1_000",
    "0x10",
    " 5 ",
    "\x00",
    "<b>",
    "125",
    "126",
    "0.0000001",
    "1e-999999999",
    "1e-30",
    "1e-18",
    "３",
    "𝟑",
    "1" + "0" * 30,
]
values = st.sampled_from(HOSTILE) | st.text(max_size=12) | st.decimals().map(str)
# Each error in the results' alert links to its input, whose id is "calc-<field name>".
ERROR_LINK = re.compile(r'<li><a href="#calc-(\w+)">')
INVALID_ALERT = re.compile(r'class="alert alert-warning calc-invalid">(.*?)</div>', re.DOTALL)


def field_names(slug: str) -> list[str]:
    return list(build(slug).form.fields)


@pytest.mark.parametrize("slug", list(CALCULATORS))
def test_hostile_queries_get_a_page_or_field_errors_never_a_500(client, slug):
    names = field_names(slug) + ["unknown", "preset"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(st.dictionaries(st.sampled_from(names), values, max_size=6), st.booleans())
    def check(query, htmx):
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.get(f"/calculators/{slug}/", query, headers=headers)
        assert response.status_code in (200, 422)
        if response.status_code == 422:
            html = response.content.decode()
            assert "calc-invalid" in html
            named = ERROR_LINK.findall(html)
            assert named, "a refusal must name the field to fix"
            assert set(named) <= set(names)
            alert = INVALID_ALERT.search(html)[1]
            assert alert.count("<li>") == len(ERROR_LINK.findall(alert)), "errors name fields"

    check()
