"""The print stylesheet hides the calculator forms by the class the form template really uses."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_print_css_hides_the_class_the_calculator_form_has():
    form = (ROOT / "templates/calculators/_form.html").read_text()
    (form_class,) = re.findall(r'<form [^>]*class="([\w-]+)"', form)
    hidden = (ROOT / "static/css/print.css").read_text().split("{ display: none")[0]
    assert f".{form_class}" in re.split(r"[\s,]+", hidden)
