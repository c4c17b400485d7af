"""A chart's figure goes into the page as JSON inside <script>, so it must never end that
element early, whatever a label holds."""

import json

from explainer.calculators.charts import Chart


def test_figure_json_cannot_close_its_script_element():
    chart = Chart({"layout": {"title": "</script><b>&amp;"}, "data": []}, "label", "summary")
    assert "<" not in chart.json and ">" not in chart.json and "&" not in chart.json
    assert json.loads(chart.json) == chart.figure


def test_figure_json_is_compact():
    chart = Chart({"data": [{"x": [1, 2.5], "y": [3, None]}]}, "label", "summary")
    assert chart.json == '{"data":[{"x":[1,2.5],"y":[3,null]}]}'
