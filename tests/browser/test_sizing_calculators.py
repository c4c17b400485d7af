"""The sizing calculators in Chromium: the largest position that opens, several fills averaged
into one (rows added and removed with and without JavaScript), and a size given in USDC."""

import re

from playwright.sync_api import expect

from .conftest import assert_accessible, shoot

RESULTS = "#calc-results"
PLOT = f"{RESULTS} .js-plotly-plot"


def test_max_open_size_follows_the_balance_and_draws_the_tier_limits(page, site):
    page.goto(f"{site}/calculators/max-open-size/")
    page.wait_for_selector(f"{PLOT} .scatterlayer .trace path.js-line", state="attached")
    expect(page.locator(RESULTS)).to_contain_text("0.099 BTC")
    page.fill("#calc-wallet", "2000")
    expect(page.locator(RESULTS)).to_contain_text("0.398 BTC")
    page.fill("#calc-wallet", "100000")
    page.fill("#calc-leverage", "50")
    expect(page.locator(RESULTS)).to_contain_text("tier 2's cap of 250,000.00 USDC")
    expect(page.locator(f"{PLOT} .scatterlayer .trace")).to_have_count(3)
    assert_accessible(page)
    shoot(page, "calculator-max-open-size")


def test_average_entry_adds_and_removes_fills_in_place(page_expecting_422, site):
    page = page_expecting_422  # a fill with a price and no size yet is refused, for a moment
    page.goto(f"{site}/calculators/average-entry/")
    page.wait_for_selector(f"{PLOT} .barlayer .trace", state="attached")
    expect(page.locator(RESULTS)).to_contain_text("average entry of 48,600.00 USDC")
    page.evaluate("window.stillThisPage = true")
    page.get_by_role("button", name="Add a fill").click()
    expect(page.locator(".calc-fill")).to_have_count(4)
    assert page.evaluate("window.stillThisPage === true")  # swapped in place, not reloaded
    page.fill("#calc-price4", "40000")
    page.fill("#calc-size4", "0.02")
    # (972 + 800) / 0.04 = 44,300
    expect(page.locator(RESULTS)).to_contain_text("4 fills make one")
    expect(page.locator(RESULTS)).to_contain_text("44,300.00 USDC")
    expect(page.locator("header.site-header")).to_have_count(1)
    page.get_by_role("button", name="Remove the last fill").click()
    expect(page.locator(".calc-fill")).to_have_count(3)
    expect(page.locator(RESULTS)).to_contain_text("average entry of 48,600.00 USDC")
    expect(page.locator("#calc-summary")).to_contain_text("48,600.00 USDC")
    assert_accessible(page)
    shoot(page, "calculator-average-entry")


def test_average_entry_without_javascript_adds_a_row_by_reloading(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/calculators/average-entry/")
    page.get_by_role("button", name="Add a fill").click()
    expect(page).to_have_url(re.compile(r"fills=4"))
    expect(page.locator(".calc-fill")).to_have_count(4)
    page.fill("#calc-price4", "40000")
    page.fill("#calc-size4", "0.02")
    page.get_by_role("button", name="Show the results").click()
    expect(page.locator(RESULTS)).to_contain_text("44,300.00 USDC")
    page.locator("#calc-size4").press("Enter")  # Enter shows the results; it adds no row
    expect(page.locator(".calc-fill")).to_have_count(4)


def test_average_entry_names_the_fill_it_refuses(page_expecting_422, site):
    page = page_expecting_422
    page.goto(f"{site}/calculators/average-entry/")
    page.fill("#calc-size2", "-1")
    expect(page.locator("#calc-size2_error")).to_contain_text("size of fill 2")
    expect(page.locator("#calc-size2")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("form.calc-form")).to_be_visible()


def test_a_size_in_usdc_gives_the_same_liquidation_price(page, site):
    page.goto(f"{site}/calculators/liquidation-price/")
    expect(page.locator(RESULTS)).to_contain_text("45,226.13 USDC")
    page.get_by_label("USDC (notional)").check()
    page.fill("#calc-size", "1000")
    expect(page.locator(RESULTS)).to_contain_text("Sizes given in USDC")
    expect(page.locator(RESULTS)).to_contain_text("45,226.13 USDC")
    shoot(page, "calculator-size-in-usdc")


def test_the_embed_route_adds_a_fill_inside_its_frame(page_expecting_422, site):
    page = page_expecting_422  # a fill with a price and no size yet is refused, for a moment
    page.goto(f"{site}/embed/average-entry/?theme=dark")
    page.get_by_role("button", name="Add a fill").click()
    expect(page.locator(".calc-fill")).to_have_count(4)
    page.fill("#calc-price4", "40000")
    page.fill("#calc-size4", "0.02")
    expect(page.locator(RESULTS)).to_contain_text("44,300.00 USDC")
    expect(page.locator("html")).to_have_class(re.compile("theme-dark"))  # the theme rode along
