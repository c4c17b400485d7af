"""Printing in Chromium: the calculator forms stay off the paper, and every chart is drawn,
also the ones the reader never scrolled to (charts.js draws them on `beforeprint`)."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

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


def test_a_printed_practice_desk_is_its_state_and_charts_without_the_controls(page, site):
    page.goto(f"{site}/practice/scenarios/cross-contagion/")
    page.get_by_label("It closes both positions at the same step").check()
    page.get_by_role("button", name="Start and play").click()
    page.get_by_role("button", name="Next step").click()
    expect(page.locator("#practice-state .js-plotly-plot")).to_have_count(2)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "BTC-PERP price (USDC)" in text and "ETH-PERP price (USDC)" in text
    assert "p1 BTC-PERP" in text and "Wallet balance" in text
    assert "Place an order" not in text and "Manage a position" not in text
    # Each chart, drawn for the desk's column on screen, is fitted to the paper's one column.
    page.emulate_media(media="print")
    for chart in page.locator("#practice-state .js-plotly-plot").all():
        width = chart.evaluate("c => c.parentElement.clientWidth")
        expect(chart.locator(".main-svg").first).to_have_attribute("width", str(width))
