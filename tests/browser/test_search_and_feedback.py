"""Search that forgives typos and counts what readers look for; a "No" vote that asks why."""

import re
import time

from playwright.sync_api import expect

from explainer.models import Feedback, ResultClick, SearchStat


def _counted_queries(expected: int, *, within: float = 5.0) -> list[str]:
    deadline = time.monotonic() + within
    while SearchStat.objects.count() < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return sorted(SearchStat.objects.values_list("query", flat=True))


def test_a_misspelt_search_shows_what_was_searched_instead(page, site, axe, shoot):
    page.goto(site + "/search/")
    page.locator("#page-search-q").fill("liqudation")
    notice = page.locator(".search-corrected")
    expect(notice).to_contain_text("Showing results for liquidation (searched for “liqudation”)")
    expect(page.locator(".search-hit").first).to_be_visible()
    axe(page)
    shoot(page, "search-corrected")
    notice.get_by_role("link", name="Search for “liqudation” exactly").click()
    expect(page.locator("#search-results")).to_contain_text("Nothing matches “liqudation”")


def test_typing_counts_only_the_query_the_reader_stopped_at(page, site):
    page.goto(site + "/search/")
    page.locator("#page-search-q").press_sequentially("leverage", delay=60)
    expect(page.locator(".search-hit").first).to_be_visible()
    assert _counted_queries(1) == ["leverage"]
    page.wait_for_timeout(1500)
    assert SearchStat.objects.get().searches == 1


def test_without_javascript_the_search_and_the_click_are_counted(page_without_js, site):
    page = page_without_js
    page.goto(site + "/")
    page.locator("#home-search-q").fill("isloated")
    page.locator("#home-search-q").press("Enter")
    first = page.locator(".search-hit h2 a").first
    title = first.inner_text()
    first.click()
    expect(page).not_to_have_url(re.compile("/search/"))
    assert _counted_queries(1) == ["isloated"]
    assert SearchStat.objects.get().corrected == "isolated"
    click = ResultClick.objects.get()
    assert (click.query, click.position, click.title) == ("isloated", 1, title)
    assert page.url == site + click.url  # the redirect keeps a glossary entry's #fragment


def test_a_no_asks_why_in_place_with_htmx(page, site, axe, shoot):
    page.goto(site + "/articles/margin-explained/")
    page.get_by_role("button", name="No").click()
    question = page.get_by_role("group", name="What was wrong with it?")
    expect(question).to_be_visible()
    axe(page)
    page.locator("#feedback").scroll_into_view_if_needed()
    shoot(page, "feedback-why")
    question.get_by_label("It is hard to understand").check()
    page.locator("#feedback-reason-comment").fill("The tier table needs an example.")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#feedback")).to_contain_text(
        "The reason you gave: it is hard to understand."
    )
    vote = Feedback.objects.get()
    assert (vote.reason, vote.comment) == ("unclear", "The tier table needs an example.")


def test_a_reason_left_unchosen_is_asked_for_with_htmx(page_expecting_422, site):
    page = page_expecting_422
    page.goto(site + "/articles/margin-explained/")
    page.get_by_role("button", name="No").click()
    page.locator("#feedback-reason-comment").fill("Kept")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#feedback")).to_contain_text("Reason: Choose what was wrong.")
    expect(page.locator("#feedback-reason-comment")).to_have_value("Kept")


def test_a_no_asks_why_without_javascript(page_without_js, site):
    page = page_without_js
    page.goto(site + "/articles/margin-explained/feedback/")
    page.get_by_role("button", name="No").click()
    page.get_by_label("Something in it is inaccurate").check()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#feedback")).to_contain_text("something in it is inaccurate")
    assert Feedback.objects.get().reason == "inaccurate"
