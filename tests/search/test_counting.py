"""Searches and followed results are counted by two small endpoints, never by the page itself:
the search page stays the same bytes for every reader."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from explainer.models import ResultClick, SearchStat

pytestmark = pytest.mark.django_db
SEEN = "/search/seen/"
GO = "/search/go/"


def test_the_search_page_counts_nothing_and_is_the_same_for_every_reader(client):
    first = client.get("/search/", {"q": "leverage"})
    client.cookies.clear()
    second = client.get("/search/", {"q": "leverage"})
    assert first.content == second.content
    assert "public" in first["Cache-Control"]
    assert not SearchStat.objects.exists()


def test_the_results_carry_a_beacon_with_and_without_javascript(client):
    response = client.get("/search/", {"q": "leverage"})
    assertContains(response, 'hx-get="/search/seen/?q=leverage" hx-trigger="load delay:1s"')
    assertContains(response, '<noscript><img class="search-beacon" src="/search/seen/?q=leverage"')


def test_the_htmx_fragment_has_no_noscript_image(client):
    """htmx parses fragments with scripting off: an image in <noscript> would load, and count
    the search a second time."""
    response = client.get("/search/", {"q": "leverage"}, headers={"HX-Request": "true"})
    assertContains(response, 'hx-get="/search/seen/?q=leverage"')
    assertNotContains(response, "<noscript>")


def test_the_beacon_counts_the_normalised_query_and_what_it_found(client):
    response = client.get(SEEN, {"q": "  Isolated MARGINS "})
    client.get(SEEN, {"q": "isolated margin"})
    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    stat = SearchStat.objects.get()
    assert (stat.query, stat.searches) == ("isolated margin", 2)
    assert stat.results > 0


def test_a_query_with_no_result_is_counted_with_zero(client):
    client.get(SEEN, {"q": "zxqvbn"})
    assert SearchStat.objects.get().results == 0


def test_a_misspelt_query_is_counted_with_the_words_searched_instead(client):
    client.get(SEEN, {"q": "liqudation"})
    stat = SearchStat.objects.get()
    assert (stat.query, stat.corrected) == ("liqudation", "liquidation")


def test_an_empty_query_is_not_counted(client):
    assert client.get(SEEN, {"q": "   "}).status_code == 200
    assert not SearchStat.objects.exists()


def test_result_links_go_through_the_counting_redirect(client):
    response = client.get("/search/", {"q": "leverage"})
    assertContains(response, 'href="/search/go/?q=leverage&amp;to=/articles/')


def test_following_a_result_counts_its_position_and_redirects_to_it(client):
    client.get(SEEN, {"q": "leverage"})
    first = client.get("/search/", {"q": "leverage"}).context["hits"][0]
    response = client.get(GO, {"q": "leverage", "to": first.url})
    assertRedirects(response, first.url, fetch_redirect_response=False)
    assert "no-store" in response["Cache-Control"]
    click = ResultClick.objects.get()
    assert (click.query, click.position, click.title, click.clicks) == (
        "leverage",
        1,
        first.title,
        1,
    )
    assert SearchStat.objects.get().clicks == 1


def test_a_click_never_makes_a_query_look_searched(client):
    hit = client.get("/search/", {"q": "leverage"}).context["hits"][1]
    client.get(GO, {"q": "leverage", "to": hit.url})
    assert ResultClick.objects.get().position == 2
    assert not SearchStat.objects.exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/admin/", ""])
def test_the_redirect_only_leads_to_a_current_result(client, target):
    response = client.get(GO, {"q": "leverage", "to": target})
    assertRedirects(response, "/search/?q=leverage", fetch_redirect_response=False)
    assert not ResultClick.objects.exists()


@pytest.mark.parametrize("query", ["<script>", "\x00", "a" * 5000, "' OR 1=1"])
def test_hostile_queries_never_fail_the_endpoints(client, query):
    assert client.get(SEEN, {"q": query}).status_code == 200
    assert client.get(GO, {"q": query, "to": "/x/"}).status_code == 302
    assert all(len(stat.query) <= 100 for stat in SearchStat.objects.all())


def test_the_endpoints_refuse_posts(client):
    assert client.post(SEEN, {"q": "leverage"}).status_code == 405
    assert client.post(GO, {"q": "leverage"}).status_code == 405


def test_crawlers_are_asked_not_to_follow_search_links(client):
    assertContains(client.get("/robots.txt"), "Disallow: /search/")
