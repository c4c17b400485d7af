"""Printing in Chromium: the calculator forms stay off the paper, and every chart is drawn,
also the ones the reader never scrolled to (charts.js draws them on `beforeprint`)."""

import pytest
from playwright.sync_api import expect

ARTICLE = "/articles/liquidation-price-and-risk-engine/"
CHARTS = "[data-figure]"


def print_it(page, how: str) -> None:
    if how == "beforeprint":
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")  # also fires the matchMedia('print') change


@pytest.mark.parametrize("how", ["beforeprint", "print media"])
def test_every_chart_is_drawn_for_print_even_before_plotly_loads(page, site, how):
    page.goto(site + ARTICLE)
    page.wait_for_load_state("load")
    count = page.locator(CHARTS).count()
    assert count >= 2
    assert page.evaluate("window.Plotly === undefined")  # no chart near the viewport yet
    print_it(page, how)
    expect(page.locator(f"{CHARTS}.js-plotly-plot")).to_have_count(count)


def test_the_calculator_form_does_not_print(page, site):
    page.goto(site + ARTICLE)
    form = page.locator(".calc-form").first
    expect(form).to_be_visible()
    page.emulate_media(media="print")
    expect(form).to_be_hidden()
