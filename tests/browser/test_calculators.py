"""The calculators in Chromium: typing updates the results and the chart, the slider and the
presets work, permalinks and the back button restore the state, and every page works without
JavaScript. The `page` fixture fails any test on a console error or a CSP violation."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, shoot

RESULTS = "#calc-results"
LINE = f"{RESULTS} .js-plotly-plot .scatterlayer .trace:first-child path.js-line"


def open_calculator(page, site, slug, query=""):
    page.goto(f"{site}/calculators/{slug}/{query}")
    page.wait_for_selector(LINE, state="attached")


def line_path(page) -> str:
    return page.locator(LINE).get_attribute("d")


def test_isolated_vs_cross_follows_the_reader(page, site):
    open_calculator(page, site, "isolated-vs-cross")
    assert page.locator(f"{RESULTS} .scatterlayer .trace").count() >= 6
    assert page.locator(".modebar").count() == 0
    expect(page.locator(RESULTS)).to_contain_text("45,226.13 USDC")
    before = line_path(page)

    page.fill("#calc-wallet", "800")  # cross gets more room; isolated does not
    expect(page.locator(RESULTS)).to_contain_text("10,050.25 USDC")
    expect(page).to_have_url(re.compile(r"wallet=800"))
    assert line_path(page) != before
    assert page.evaluate("document.activeElement.id") == "calc-wallet"  # focus stays put

    page.focus("#calc-price-slider")  # the keyboard moves the slider in 0.5 % steps
    for _ in range(20):
        page.keyboard.press("ArrowLeft")
    expect(page.locator("#calc-price")).to_have_value("45000")
    expect(page.locator("#calc-price-move")).to_have_text("−10 %")
    expect(page.locator(RESULTS)).to_contain_text("At 45,000.00 USDC (-10.00 %)")

    page.reload()  # the permalink restores everything
    page.wait_for_selector(LINE, state="attached")
    expect(page.locator("#calc-wallet")).to_have_value("800")
    expect(page.locator(RESULTS)).to_contain_text("10,050.25 USDC")
    expect(page.locator("#calc-price-move")).to_have_text("−10 %")
    assert_accessible(page)
    shoot(page, "calculator-isolated-vs-cross")


def test_a_preset_is_one_click_and_back_restores_the_state(page, site):
    page.goto(f"{site}/calculators/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Isolated vs cross")).click()
    page.wait_for_selector(LINE, state="attached")
    page.get_by_role("link", name="500 USDC available in cross").click()
    page.wait_for_selector(LINE, state="attached")
    expect(page).to_have_url(re.compile(r"mode=cross"))
    expect(page.locator(f"{RESULTS} thead th.calc-chosen")).to_have_text("Cross")
    page.fill("#calc-wallet", "800")
    expect(page.locator(RESULTS)).to_contain_text("800.00 USDC in the account")
    page.get_by_role("link", name="Glossary").first.click()
    page.go_back()
    page.wait_for_selector(LINE, state="attached")
    expect(page.locator("#calc-wallet")).to_have_value("800")
    expect(page.locator(RESULTS)).to_contain_text("800.00 USDC in the account")


def test_errors_appear_next_to_the_field_as_you_type(page_expecting_422, site):
    page = page_expecting_422
    open_calculator(page, site, "isolated-vs-cross")
    page.fill("#calc-leverage", "200")
    expect(page.locator("#calc-leverage_error")).to_have_text("The leverage can be at most 125×.")
    expect(page.locator("#calc-leverage")).to_have_class(re.compile("is-invalid"))
    expect(page.locator(RESULTS)).to_contain_text("Check the numbers marked in the form")
    shoot(page, "calculator-error")
    page.fill("#calc-leverage", "20")
    expect(page.locator("#calc-leverage_error")).to_be_empty()
    expect(page.locator("#calc-leverage")).not_to_have_class(re.compile("is-invalid"))
    expect(page.locator(RESULTS)).to_contain_text("47,738.69 USDC")
    assert page.evaluate("document.activeElement.id") == "calc-leverage"


# The first numeric field of each calculator, and a value it refuses.
REFUSED = {
    "isolated-vs-cross": ("#calc-wallet", "-1"),
    "liquidation-price": ("#calc-size", "-1"),
    "leverage-explorer": ("#calc-leverage", "200"),
    "margin-pnl-roe": ("#calc-size", ""),
    "cross-contagion": ("#calc-wallet", "-1"),
    "funding-drift": ("#calc-days", "0"),
    "target-price": ("#calc-roe", ""),
}


@pytest.mark.parametrize("slug", list(REFUSED))
def test_a_refused_value_keeps_the_form_and_names_the_field(page_expecting_422, site, slug):
    # With DEBUG on (BROWSER_DEBUG=1), django-htmx's debug script would replace the whole
    # document for a 400; a 422 is swapped into the results like any answer.
    page = page_expecting_422
    selector, value = REFUSED[slug]
    open_calculator(page, site, slug)
    page.fill(selector, value)
    expect(page.locator(f"{selector}_error")).not_to_be_empty()
    expect(page.locator(selector)).to_have_class(re.compile("is-invalid"))
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("form.calc-form")).to_be_visible()


def test_a_refused_value_in_an_article_keeps_the_article(page_expecting_422, site):
    page = page_expecting_422
    page.goto(site + "/articles/cross-vs-isolated-margin/")
    field = page.locator("input[id$='-leverage']").first
    field.fill("200")
    expect(page.locator(".calc-error[id$='-leverage_error']").first).not_to_be_empty()
    expect(page.locator("h1")).to_have_text("Cross margin vs isolated margin")


CASES = {
    "liquidation-price": ("#calc-margin", "200", "40,201.01 USDC"),
    "leverage-explorer": ("#calc-leverage", "20", "needs 50.00 USDC of initial margin"),
    "margin-pnl-roe": ("#calc-price", "60000", "+200.00 USDC"),
    "cross-contagion": ("#calc-price", "40000", "to 2,420.10 USDC"),
    "funding-drift": ("#calc-rate", "0.05", "Over 30 days that is 45.00 USDC from its margin"),
    "target-price": ("#calc-roe", "100", "close at 55,000.00 USDC"),
}


@pytest.mark.parametrize("slug", list(CASES))
def test_each_calculator_updates_its_results_and_chart(page, site, slug):
    selector, value, expected = CASES[slug]
    open_calculator(page, site, slug)
    before = page.evaluate(
        "JSON.stringify(document.querySelector('#calc-results .js-plotly-plot').data)"
    )
    page.fill(selector, value)
    expect(page.locator(RESULTS)).to_contain_text(expected)
    page.wait_for_selector(LINE, state="attached")
    after = page.evaluate(
        "JSON.stringify(document.querySelector('#calc-results .js-plotly-plot').data)"
    )
    assert after != before
    assert page.locator(".js-plotly-plot .xtitle").first.text_content()
    assert page.locator(".js-plotly-plot .ytitle").first.text_content()
    assert_accessible(page)
    shoot(page, f"calculator-{slug}")


def test_without_javascript_the_form_reloads_the_page(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/calculators/liquidation-price/")
    expect(page.locator(".calc-slider")).to_be_hidden()
    expect(page.locator(".calc-plot-fallback")).to_be_visible()
    page.fill("#calc-margin", "150")
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(r"margin=150"))
    expect(page.locator(RESULTS)).to_contain_text("42,713.57 USDC")
    shoot(page, "calculator-no-js")


def test_a_widget_in_an_article_updates_in_place(page, site):
    page.goto(f"{site}/articles/cross-vs-isolated-margin/")
    widget = page.locator('[data-calculator="isolated-vs-cross"]')
    widget.scroll_into_view_if_needed()
    page.wait_for_selector("#calc-1-results .js-plotly-plot .scatterlayer .trace", state="attached")
    expect(widget).to_contain_text("45,226.13 USDC")
    url = page.url
    page.fill("#calc-1-leverage", "20")
    expect(widget.locator(".calc-results")).to_contain_text("47,738.69 USDC")
    assert page.url == url  # no URL push inside articles
    expect(page.locator("#calc-2-results")).to_contain_text("2,220.10 USDC")  # untouched
    assert_accessible(page)
    shoot(page, "calculator-in-article")


def test_plotly_loads_only_once_a_chart_comes_near(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/articles/cross-vs-isolated-margin/")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.Plotly") == "undefined"
    page.locator('[data-calculator="isolated-vs-cross"]').scroll_into_view_if_needed()
    page.wait_for_selector("#calc-1-results .js-plotly-plot .main-svg")
    assert page.evaluate("typeof window.Plotly") == "object"


# A field each holding calculator answers without JavaScript, a value, and what it then shows.
PLAIN_FORMS = {
    "funding-drift": ("#calc-days", "10", "Over 10 days that is 3.00 USDC"),
    "target-price": ("#calc-roe", "100", "close at 55,000.00 USDC"),
}


@pytest.mark.parametrize("slug", list(PLAIN_FORMS))
def test_the_holding_calculators_work_without_javascript(page_without_js, site, slug):
    page = page_without_js
    selector, value, expected = PLAIN_FORMS[slug]
    page.goto(f"{site}/calculators/{slug}/")
    page.fill(selector, value)
    page.get_by_role("button", name="Show the results").click()
    expect(page).to_have_url(re.compile(f"{selector.removeprefix('#calc-')}={value}"))
    expect(page.locator(RESULTS)).to_contain_text(expected)
    expect(page.locator(selector)).to_have_value(value)
