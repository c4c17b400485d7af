"""The articles on mark price, funding, fees, the insurance fund and partial liquidation in
Chromium at 1280 and 390 px: axe finds nothing, no console error or CSP violation, and their
predict widgets reveal the engine's answer in place."""

import pytest
from playwright.sync_api import expect

ARTICLES = (
    "mark-index-and-last-price",
    "funding-payments",
    "trading-fees-and-the-liquidation-fee",
    "insurance-fund-and-auto-deleveraging",
    "partial-liquidation-of-large-positions",
)


@pytest.mark.parametrize("slug", ARTICLES)
def test_each_article_reads_cleanly_at_both_widths(page, site, shoot, axe, slug):
    page.goto(f"{site}/articles/{slug}/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator(".predict-widget")).not_to_have_count(0)
    axe(page)
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shoot(page, f"article-{slug}")


def test_the_wick_widget_says_the_long_stays_open(page, site):
    page.goto(f"{site}/articles/mark-index-and-last-price/")
    widget = page.locator("#predict-mark-wick")
    widget.get_by_label("It is liquidated").check()
    widget.get_by_role("button", name="Reveal the answer").click()
    expect(widget.locator(".predict-reveal")).to_contain_text("The engine’s answer: It stays open")
    assert page.url.endswith("/articles/mark-index-and-last-price/")


def test_the_first_cut_widget_answers_in_eth(page, site, shoot):
    page.goto(f"{site}/articles/partial-liquidation-of-large-positions/")
    page.fill("#predict-partial-first-cut-guess", "11.3")
    page.keyboard.press("Enter")
    reveal = page.locator("#predict-partial-first-cut-reveal .predict-reveal")
    expect(reveal).to_contain_text("Right. Your guess was 11.30 ETH")
    expect(reveal).to_contain_text("11.296 ETH")
    reveal.scroll_into_view_if_needed()
    shoot(page, "article-partial-reveal")
