import pytest
from django.conf import settings
from playwright.sync_api import expect

PAGES = {
    "home": "/",
    "category": "/categories/margin-modes/",
    "article-cross-vs-isolated": "/articles/cross-vs-isolated-margin/",
    "article-liquidation": "/articles/liquidation-price-and-risk-engine/",
    "article-margin-explained": "/articles/margin-explained/",
    "article-faq": "/articles/why-was-my-position-liquidated/",
    "glossary": "/glossary/",
    "search": "/search/?q=isolated+margin",
    "search-empty": "/search/?q=zebra",
    "calculators": "/calculators/",
    "api-docs": "/api/v1/docs/",
    "not-found": "/no-such-page/",
}


@pytest.mark.parametrize("name, path", PAGES.items(), ids=list(PAGES))
def test_page_loads_cleanly_is_accessible_and_is_photographed(page, site, axe, shoot, name, path):
    if name == "not-found" and settings.DEBUG:
        pytest.skip("with DEBUG on, Django shows its own technical 404 page instead of ours")
    response = page.goto(site + path)
    assert response.status == (404 if name == "not-found" else 200)
    expect(page.locator("h1")).to_be_visible()
    axe(page)
    shoot(page, name)


def test_search_results_appear_as_you_type(page, site):
    page.goto(site + "/search/")
    page.locator("#page-search-q").fill("bankruptcy")
    expect(page.locator("#search-results")).to_contain_text("Bankruptcy price")
    expect(page).to_have_url(site + "/search/?q=bankruptcy")


def test_search_works_without_javascript(page_without_js, site):
    page_without_js.goto(site + "/")
    page_without_js.locator("#home-search-q").fill("leverage")
    page_without_js.locator("#home-search-q").press("Enter")
    expect(page_without_js.locator(".search-hit").first).to_contain_text("everage")


def test_feedback_is_sent_in_place_with_htmx(page, site):
    page.goto(site + "/articles/margin-explained/")
    page.locator("#feedback-comment").fill("The tier example helped.")
    page.get_by_role("button", name="Yes, it helped").click()
    expect(page.locator("#feedback")).to_contain_text("You told us this article was helpful")
    page.reload()
    expect(page.locator("#feedback")).to_contain_text("You told us this article was helpful")


def test_feedback_works_without_javascript(page_without_js, site):
    page_without_js.goto(site + "/articles/margin-explained/")
    page_without_js.get_by_role("link", name="Tell us whether this article helped").click()
    page_without_js.get_by_role("button", name="No").click()
    expect(page_without_js.locator("#feedback")).to_contain_text("not helpful yet")
    page_without_js.get_by_role("link", name="Back to “Margin explained”").click()
    expect(page_without_js.locator("h1")).to_have_text("Margin explained")


def test_glossary_tip_shows_on_keyboard_focus(page, site):
    page.goto(site + "/articles/margin-explained/")
    term = page.locator(".glossary-term").first
    term.focus()
    expect(page.locator(".glossary-tip").first).to_be_visible()
